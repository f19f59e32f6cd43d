import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { databaseFault } from '../errors/database-faults';
import { writeTransaction } from '../db/write-transaction';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ApiToken } from './api-token.entity';
import { Actor, isRole, Role, ROLES } from './roles';

/** A request the token command or service refuses; the message says what to change. */
export class TokenError extends Error {}

/** A new token; `token` is `kb_<id>_<secret>`, the id to find its row and the secret to prove it. */
export interface IssuedToken {
  token: string;
  name: string;
  role: Role;
  displayName: string;
}

export interface TokenListing {
  name: string;
  role: Role;
  displayName: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * The outcome of reading an Authorization header. `invalid` is for credentials that were sent
 * but are not accepted; its reason is for the server's log, and clients should all be told the same.
 */
export type Authentication =
  | { status: 'anonymous' }
  | { status: 'invalid'; reason: 'malformed' | 'unknown' | 'revoked' }
  | { status: 'valid'; actor: Actor };

const NAME = /^[A-Za-z0-9._@-]{1,100}$/;
/** Letters, digits, spaces and ordinary punctuation, as a byline would have. */
const DISPLAY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} .,'&()/-]{0,79}$/u;
const BEARER = /^Bearer +(\S+) *$/i;
// 32 bytes in base64url are 43 characters; the secret may itself contain "_", hence the fixed length.
const TOKEN = /^kb_([1-9]\d{0,14})_([A-Za-z0-9_-]{43})$/;
const SECRET_BYTES = 32;
// Recording every use would turn each authenticated read into a write; a minute tells whether a token is in use.
const LAST_USED_PRECISION_MS = 60_000;

/** The token id an Authorization header claims (`kb_<id>_…`), unverified: what per-token rate limits count by. */
export function claimedTokenId(authorizationHeader: string | undefined): string | null {
  const token = authorizationHeader === undefined ? undefined : BEARER.exec(authorizationHeader)?.[1];
  return (token && TOKEN.exec(token)?.[1]) || null;
}

/** SHA-256 suffices, with no salt or stretching: the secret is 256 random bits, not a password. */
function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function secretMatches(secret: string, storedHashHex: string): boolean {
  const stored = Buffer.from(storedHashHex, 'hex');
  const presented = hashSecret(secret);
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

/** Issues, lists, revokes and verifies API tokens. */
export class TokenService {
  private readonly tokens: Repository<ApiToken>;
  private uses: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    this.tokens = dataSource.getRepository(ApiToken);
  }

  /**
   * Issues a token; the returned `token` is the only time its secret exists outside the caller. The public sees the
   * changes made with it as made by `displayName` (its role when left out), never by `name`.
   */
  async create(name: string, role: string, displayName?: string): Promise<IssuedToken> {
    if (!NAME.test(name)) {
      throw new TokenError(`name must be 1 to 100 letters, digits or ". _ - @", got "${name}"`);
    }
    if (!isRole(role)) throw new TokenError(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
    if (displayName !== undefined && !DISPLAY_NAME.test(displayName)) {
      throw new TokenError(`display name must be 1 to 80 letters, digits, spaces or . , ' & ( ) / -, starting with a letter or digit, got "${displayName}"`);
    }
    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    const id = await writeTransaction(this.dataSource, async (manager) => {
      const tokens = manager.getRepository(ApiToken);
      if (await tokens.existsBy({ name, revokedAt: IsNull() })) {
        throw new TokenError(`"${name}" already has an active token; revoke it first`);
      }
      const saved = await tokens.save(tokens.create({ name, role, displayName: displayName ?? null, secretHash: hashSecret(secret).toString('hex') }));
      return saved.id;
    });
    return { token: `kb_${id}_${secret}`, name, role, displayName: displayName ?? role };
  }

  /** Every token ever issued, revoked ones included, by name; never their hashes. */
  async list(): Promise<TokenListing[]> {
    return this.tokens.find({
      select: { name: true, role: true, displayName: true, createdAt: true, revokedAt: true, lastUsedAt: true },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /** Revokes the active token of `name`; throws a TokenError when it has none. */
  async revoke(name: string): Promise<void> {
    const result = await writeTransaction(this.dataSource, (manager) => manager.update(ApiToken, { name, revokedAt: IsNull() }, { revokedAt: new Date() }));
    if (!result.affected) throw new TokenError(`no active token is named "${name}"`);
  }

  /**
   * Records when a token was last used: a bookkeeping write the request does not wait for, tried once without waiting
   * for another process's write lock; when the database cannot take it (busy, full), the token is valid all the same.
   */
  private recordUse(id: number, when: Date): void {
    const recorded = writeTransaction(this.dataSource, (manager) => manager.update(ApiToken, id, { lastUsedAt: when }), { lockTimeoutMs: 0 }).then(
      () => undefined,
      // Never thrown: nothing waits for it. A fault of the database is expected now and then; anything else is told.
      (error) => {
        if (!databaseFault(error)) process.emitWarning(`could not record the use of API token ${id}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    this.uses = Promise.all([this.uses, recorded]).then(() => undefined);
  }

  /** Resolves once every use recorded so far is written (or given up): for the token command and tests. */
  usesRecorded(): Promise<void> {
    return this.uses;
  }

  /** Reads an `Authorization: Bearer kb_<id>_<secret>` header; no header (or an empty one) is anonymous. */
  async authenticate(authorizationHeader: string | undefined): Promise<Authentication> {
    if (authorizationHeader === undefined || authorizationHeader.trim() === '') return { status: 'anonymous' };
    const token = BEARER.exec(authorizationHeader)?.[1];
    const parts = token === undefined ? null : TOKEN.exec(token);
    if (!parts) return { status: 'invalid', reason: 'malformed' };

    const row = await this.tokens.findOne({
      select: { id: true, name: true, role: true, displayName: true, secretHash: true, revokedAt: true, lastUsedAt: true },
      where: { id: Number(parts[1]) },
    });
    if (!row || !secretMatches(parts[2], row.secretHash)) return { status: 'invalid', reason: 'unknown' };
    // Checked after the secret, so that only the token's holder learns that it was revoked.
    if (row.revokedAt) return { status: 'invalid', reason: 'revoked' };

    const now = new Date();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) this.recordUse(row.id, now);
    return { status: 'valid', actor: { name: row.name, role: row.role, displayName: row.displayName ?? row.role } };
  }
}
