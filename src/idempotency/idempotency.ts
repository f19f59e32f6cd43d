import { type ApolloServerPlugin, type GraphQLRequest, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { LessThan } from 'typeorm';
import type { Authentication } from '../auth/token.service';
import { writeTransaction } from '../db/write-transaction';
import { IdempotencyKey } from './idempotency-key.entity';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a key is remembered. */
const KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * The Idempotency-Key of one request, once it has been checked: the first write that commits under it records it,
 * in the same transaction, so that a write is never committed without its key.
 */
export class IdempotencyClaim {
  /** True once a transaction that recorded the key has committed. */
  recorded = false;

  constructor(
    readonly actor: string,
    readonly key: string,
    readonly requestHash: string,
  ) {}

  /**
   * Records the key in the transaction of a write, unless an earlier write of the same request committed it already;
   * another request that recorded it meanwhile makes this write fail with IDEMPOTENCY_KEY_IN_USE, and roll back.
   */
  async record(manager: EntityManager): Promise<void> {
    if (this.recorded) return;
    if (await manager.existsBy(IdempotencyKey, { actor: this.actor, key: this.key })) throw inUse();
    await manager.delete(IdempotencyKey, { createdAt: LessThan(new Date(Date.now() - KEPT_MS)) });
    await manager.insert(IdempotencyKey, { actor: this.actor, key: this.key, requestHash: this.requestHash, status: null, response: null, createdAt: new Date() });
  }

  /** Called once the transaction that recorded the key has committed. */
  committed(): void {
    this.recorded = true;
  }
}

/** Where a request keeps the claim of its Idempotency-Key, if it sent one. */
export interface IdempotencyHolder {
  claim: IdempotencyClaim | null;
}

/** What an operation needs of its context here: who is asking, and where to keep the claim of its key. */
export interface IdempotentContext {
  authenticate(): Promise<Authentication>;
  idempotency: IdempotencyHolder;
}

const IN_USE = 'A request with this Idempotency-Key is under way, or was committed and its answer lost: do not send it again; look for its change in changes(since:)';

/** Thrown inside a write: the transaction rolls back, and the error is the field's. */
function inUse(): GraphQLError {
  return new GraphQLError(IN_USE, { extensions: { code: 'IDEMPOTENCY_KEY_IN_USE', http: { status: 409 } } });
}

/** The whole answer to a request refused before anything ran (a plugin answering for the operation cannot throw). */
function refusal(code: string, message: string, status: number): GraphQLResponse {
  return { http: { status, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code } }] } } };
}

function requestHash(request: GraphQLRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.query ?? request.extensions?.persistedQuery ?? null, request.operationName ?? null, request.variables ?? {}]))
    .digest('hex');
}

/**
 * `Idempotency-Key` on a mutation: a repeat of the same request with the same key, by the same token, gets the first
 * answer again (with `Idempotent-Replayed: true`) and writes nothing; the key with another request is refused with
 * IDEMPOTENCY_KEY_REUSED (422); a repeat while the first is under way, or whose answer was lost to a crash, with
 * IDEMPOTENCY_KEY_IN_USE (409). Keys are kept a day.
 */
export function idempotentMutations<C extends IdempotentContext>(dataSource: DataSource): ApolloServerPlugin<C> {
  return {
    requestDidStart: async () => ({
      responseForOperation: async ({ request, operation, contextValue }) => {
        const key = request.http?.headers.get('idempotency-key');
        if (key === undefined || operation?.operation !== 'mutation') return null;
        if (!KEY.test(key)) return refusal('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters', 400);
        const authentication = await contextValue.authenticate();
        if (authentication.status !== 'valid') return null;
        const claim = new IdempotencyClaim(authentication.actor.name, key, requestHash(request));
        const earlier = await dataSource.getRepository(IdempotencyKey).findOneBy({ actor: claim.actor, key });
        if (!earlier) {
          contextValue.idempotency.claim = claim;
          return null;
        }
        if (earlier.requestHash !== claim.requestHash) return refusal('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request: use a new key for a new request', 422);
        if (earlier.response === null || earlier.status === null) return refusal('IDEMPOTENCY_KEY_IN_USE', IN_USE, 409);
        return { http: { status: earlier.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) }, body: { kind: 'single', singleResult: JSON.parse(earlier.response) } };
      },
      willSendResponse: async ({ response, contextValue }) => {
        const claim = contextValue.idempotency.claim;
        if (!claim?.recorded || response.body.kind !== 'single') return;
        const answer = JSON.stringify(response.body.singleResult);
        await writeTransaction(dataSource, (manager) => manager.update(IdempotencyKey, { actor: claim.actor, key: claim.key }, { status: response.http.status ?? 200, response: answer }));
      },
    }),
  };
}
