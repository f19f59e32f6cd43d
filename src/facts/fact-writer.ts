import { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { Actor } from '../auth/roles';
import { dependentsOf, linksOf, PART_ORDER, partsOf, referencesOf } from '../db/relations';
import { writeTransaction } from '../db/write-transaction';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors';
import type { IdempotencyHolder } from '../idempotency/idempotency';
import { expectGlobalId, fromGlobalId, toGlobalId } from '../relay/global-id';
import type { KindIndex } from './kind-index';
import type { Node, NodeClass } from './node';
import { Revision, RevisionAction, Snapshot } from './revision.entity';

/** A committed change, handed to listeners (the live feed) only after its transaction commits. */
export interface CommittedChange {
  action: RevisionAction;
  type: string;
  id: number;
  revision: Revision;
}

export type ChangeListener = (change: CommittedChange) => void;

export interface FactWriterOptions {
  /** The token the change is made with; its name goes into the revision. */
  currentActor: () => Promise<Actor | null>;
  onCommitted: ChangeListener;
  /** The request's Idempotency-Key, recorded in the transaction of its first write. */
  idempotency?: IdempotencyHolder;
  /**
   * A transaction already open that every write joins, instead of one each (the seed writes all its facts in one).
   * Its owner commits it, later: what is written in it is not published.
   */
  transaction?: EntityManager;
  /** Runs in the transaction once a fact is inserted, before it is recorded (the seed sets its key). */
  onCreated?: (manager: EntityManager, entity: NodeClass, id: number) => Promise<void>;
  /**
   * Runs once a write has succeeded: the request forgets what it read before, so that the fields after a write (the
   * next mutation of the same document, the write's own answer) read what it wrote.
   */
  onWritten?: () => void;
}

const SKIPPED_COLUMNS = new Set(['id', 'seedKey', 'createdAt']);

/**
 * Every write goes through here: one transaction per mutation, a revision for every change,
 * and listeners told only once the transaction has committed. What a fact refers to, links to,
 * holds and is depended on by is read from its entity's relations.
 */
export class FactWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kinds: KindIndex,
    private readonly options: FactWriterOptions,
  ) {}

  async create<E extends Node>(entity: NodeClass<E>, write: (manager: EntityManager) => Promise<number>): Promise<E> {
    return this.commit(entity, async (manager) => {
      const id = await write(manager);
      await this.options.onCreated?.(manager, entity, id);
      return { id, action: RevisionAction.CREATE, before: null, after: await snapshot(manager, entity, id) };
    });
  }

  /** Applies `write` to the live fact named by `globalId`; NOT_FOUND if there is none. */
  async update<E extends Node>(entity: NodeClass<E>, globalId: string, write: (manager: EntityManager, fact: E) => Promise<void>): Promise<E> {
    const id = expectGlobalId(globalId, entity.name, 'id');
    return this.commit(entity, async (manager) => {
      const fact = await findLive(manager, entity, id, globalId);
      const before = await snapshot(manager, entity, id);
      await write(manager, fact);
      return { id, action: RevisionAction.UPDATE, before, after: await snapshot(manager, entity, id) };
    });
  }

  /** Tombstones the fact; refused with CONFLICT while live facts depend on it. */
  async remove(entity: NodeClass, globalId: string): Promise<string> {
    const id = expectGlobalId(globalId, entity.name, 'id');
    await this.commit(entity, async (manager) => {
      await findLive(manager, entity, id, globalId);
      await this.refuseWhileDepended(manager, entity, id);
      const before = await snapshot(manager, entity, id);
      await manager.softDelete(entity, { id });
      return { id, action: RevisionAction.DELETE, before, after: null };
    });
    return globalId;
  }

  /** Brings a deleted fact back; refused while a fact it points at is deleted. */
  async restore(globalId: string): Promise<Node> {
    const { entity, id } = this.kinds.decode(globalId);
    return this.commit(entity, async (manager) => {
      const fact = await manager.findOne(entity, { where: { id }, withDeleted: true });
      if (!fact) throw new NotFoundError(`No ${entity.name} has the ID ${globalId}`);
      if (fact.deletedAt === null) throw new BadUserInputError(`${entity.name} ${globalId} is not deleted`, 'id');
      const before = await snapshot(manager, entity, id);
      await this.refuseWhileReferencesDeleted(manager, entity, before);
      await manager.restore(entity, { id });
      return { id, action: RevisionAction.RESTORE, before, after: await snapshot(manager, entity, id) };
    });
  }

  /** Runs `change` in a transaction and records it; an update that changes nothing is neither recorded nor published. */
  private async commit<E extends Node>(
    entity: NodeClass<E>,
    change: (manager: EntityManager) => Promise<{ id: number; action: RevisionAction; before: Snapshot | null; after: Snapshot | null }>,
  ): Promise<E> {
    const actor = await this.options.currentActor();
    const claim = this.options.idempotency?.claim;
    const work = async (manager: EntityManager) => {
      await claim?.record(manager);
      const { id, action, before, after } = await change(manager);
      const unchanged = action === RevisionAction.UPDATE && JSON.stringify(before) === JSON.stringify(after);
      const revision = unchanged ? null : await recordRevision(manager, entity.name, id, action, before, after, actor);
      const fact = await manager.findOneOrFail(entity, { where: { id } as never, withDeleted: true });
      return { revision, fact };
    };
    const { transaction } = this.options;
    const { revision, fact } = transaction ? await work(transaction) : await writeTransaction(this.dataSource, work);
    this.options.onWritten?.();
    claim?.committed();
    if (revision && !transaction) this.options.onCommitted({ action: revision.action, type: entity.name, id: fact.id, revision });
    return fact;
  }

  private async refuseWhileDepended(manager: EntityManager, entity: NodeClass, id: number): Promise<void> {
    const found: string[] = [];
    for (const dependent of dependentsOf(manager.connection.getMetadata(entity), this.kinds.metadata(manager.connection))) {
      const query = manager.createQueryBuilder().select('COUNT(*)', 'count').from(dependent.table, 'dependent').where('"dependent"."deletedAt" IS NULL');
      if (dependent.via) {
        query.innerJoin(dependent.via.table, 'link', `"link"."${dependent.via.ownerColumn}" = "dependent"."id"`).andWhere(`"link"."${dependent.column}" = :id`, { id });
      } else {
        query.andWhere(`"dependent"."${dependent.column}" = :id`, { id });
      }
      const count = Number((await query.getRawOne()).count);
      if (count > 0) found.push(`${count} ${dependent.label}`);
    }
    if (found.length > 0) {
      throw new ConflictError(`This ${entity.name} cannot be deleted while other facts refer to it (${found.join(', ')}); change or delete those first`, { dependents: found });
    }
  }

  /** Every fact the snapshot's references and links name (as global IDs) must be live. */
  private async refuseWhileReferencesDeleted(manager: EntityManager, entity: NodeClass, snapshotted: Snapshot): Promise<void> {
    const metadata = manager.connection.getMetadata(entity);
    const fields = [...referencesOf(metadata).map((reference) => reference.column), ...linksOf(metadata).map((link) => link.field)];
    const referenced = fields.flatMap((field) => snapshotted[field] ?? []).filter((value): value is string => typeof value === 'string');
    const missing: string[] = [];
    for (const globalId of referenced) {
      const { type, id } = fromGlobalId(globalId, this.kinds.types);
      if (!(await manager.existsBy(this.kinds.entity(type), { id }))) missing.push(`${type} ${globalId}`);
    }
    if (missing.length > 0) throw new ConflictError(`Restore ${missing.join(', ')} first: this fact refers to it`, { deletedReferences: missing });
  }
}

function recordRevision(manager: EntityManager, type: string, id: number, action: RevisionAction, before: Snapshot | null, after: Snapshot | null, actor: Pick<Actor, 'name' | 'displayName'> | null): Promise<Revision> {
  return manager.save(
    manager.create(Revision, { entityType: type, entityId: id, action, before, after, actor: actor?.name ?? null, actorDisplayName: actor?.displayName ?? null, createdAt: new Date() }),
  );
}

async function findLive<E extends Node>(manager: EntityManager, entity: NodeClass<E>, id: number, globalId: string): Promise<E> {
  const fact = await manager.findOneBy(entity, { id } as never);
  if (!fact) throw new NotFoundError(`No ${entity.name} has the ID ${globalId}`);
  return fact;
}

/** What a revision records of a fact: its columns, its references and links as global IDs, and its parts. */
async function snapshot(manager: EntityManager, entity: NodeClass, id: number): Promise<Snapshot> {
  const metadata = manager.connection.getMetadata(entity);
  const fact = await manager.findOneOrFail(entity, { where: { id }, withDeleted: true });
  const references = new Map(referencesOf(metadata).map((reference) => [reference.column, reference.type]));
  const result: Snapshot = { id: toGlobalId(entity.name, id) };
  for (const column of metadata.columns) {
    const name = column.propertyName;
    if (SKIPPED_COLUMNS.has(name)) continue;
    const value = (fact as unknown as Record<string, unknown>)[name];
    const referenced = references.get(column.databaseName);
    result[name] = referenced && typeof value === 'number' ? toGlobalId(referenced, value) : value instanceof Date ? value.toISOString() : value;
  }
  for (const link of linksOf(metadata)) {
    const rows: { target: number }[] = await manager
      .createQueryBuilder()
      .select(`"${link.targetColumn}"`, 'target')
      .from(link.table, 'link')
      .where(`"${link.ownerColumn}" = :ownerId`, { ownerId: id })
      .orderBy(`"${link.targetColumn}"`)
      .getRawMany();
    result[link.field] = rows.map((row) => toGlobalId(link.type, Number(row.target)));
  }
  for (const part of partsOf(metadata)) result[part.property] = await partRows(manager, part.metadata, part.column, id);
  return result;
}

/** A fact's parts as their own columns, in the order they were written. */
async function partRows(manager: EntityManager, metadata: EntityMetadata, ownerColumn: string, ownerId: number): Promise<Snapshot[]> {
  const rows = await manager.find(metadata.target, { where: { [ownerColumn]: ownerId }, order: PART_ORDER as never });
  const columns = metadata.columns.filter((column) => !column.isPrimary && column.databaseName !== ownerColumn).map((column) => column.propertyName);
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column, (row as Record<string, unknown>)[column]])));
}
