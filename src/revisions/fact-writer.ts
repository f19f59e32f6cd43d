import { DataSource, EntityManager } from 'typeorm';
import { expectGlobalId, fromGlobalId, NodeTypeName, toGlobalId } from '../common/global-id';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors';
import type { Actor } from '../auth/roles';
import { writeTransaction } from '../db/write-transaction';
import type { IdempotencyHolder } from '../idempotency/idempotency';
import { EventFigure } from '../events/event-figure.entity';
import { NODE_ENTITIES, NodeEntity } from '../node/node-types';
import { FACT_KINDS, FactKind, LinkSpec } from './fact-kinds';
import { Revision, RevisionAction, Snapshot } from './revision.entity';

/** A committed change, handed to listeners (the live feed) only after its transaction commits. */
export interface CommittedChange {
  action: RevisionAction;
  type: NodeTypeName;
  id: number;
  revision: Revision;
}

export type ChangeListener = (change: CommittedChange) => void;

const SKIPPED_COLUMNS = new Set(['id', 'seedKey', 'createdAt']);

/**
 * Every write goes through here: one transaction per mutation, a revision for every change,
 * and listeners told only once the transaction has committed.
 */
export class FactWriter {
  constructor(
    private readonly dataSource: DataSource,
    /** The token the change is made with; its name goes into the revision. */
    private readonly currentActor: () => Promise<Actor | null>,
    private readonly onCommitted: ChangeListener,
    /** The request's Idempotency-Key, recorded in the transaction of its first write. */
    private readonly idempotency: IdempotencyHolder = { claim: null },
  ) {}

  async create<E extends NodeEntity>(type: NodeTypeName, write: (manager: EntityManager) => Promise<number>): Promise<E> {
    const kind = FACT_KINDS[type];
    return this.commit(type, async (manager) => {
      const id = await write(manager);
      const after = await snapshot(manager, kind, id);
      return { id, action: RevisionAction.CREATE, before: null, after };
    });
  }

  /** Applies `write` to the live fact named by `globalId`; NOT_FOUND if there is none. */
  async update<E extends NodeEntity>(type: NodeTypeName, globalId: string, write: (manager: EntityManager, fact: E) => Promise<void>): Promise<E> {
    const kind = FACT_KINDS[type];
    const id = expectGlobalId(globalId, type, 'id');
    return this.commit(type, async (manager) => {
      const fact = await findLive<E>(manager, kind, id, globalId);
      const before = await snapshot(manager, kind, id);
      await write(manager, fact);
      const after = await snapshot(manager, kind, id);
      return { id, action: RevisionAction.UPDATE, before, after };
    });
  }

  /** Tombstones the fact; refused with CONFLICT while live facts depend on it. */
  async remove(type: NodeTypeName, globalId: string): Promise<string> {
    const kind = FACT_KINDS[type];
    const id = expectGlobalId(globalId, type, 'id');
    await this.commit(type, async (manager) => {
      await findLive(manager, kind, id, globalId);
      await refuseWhileDepended(manager, kind, id);
      const before = await snapshot(manager, kind, id);
      await manager.softDelete(kind.entity, { id });
      return { id, action: RevisionAction.DELETE, before, after: null };
    });
    return globalId;
  }

  /** Brings a deleted fact back; refused while a fact it points at is deleted. */
  async restore(globalId: string): Promise<NodeEntity> {
    const { type, id } = fromGlobalId(globalId);
    const kind = FACT_KINDS[type];
    return this.commit(type, async (manager) => {
      const fact = await manager.findOne(kind.entity, { where: { id }, withDeleted: true });
      if (!fact) throw new NotFoundError(`No ${type} has the ID ${globalId}`);
      if (fact.deletedAt === null) throw new BadUserInputError(`${type} ${globalId} is not deleted`, 'id');
      const before = await snapshot(manager, kind, id);
      await refuseWhileReferencesDeleted(manager, before);
      await manager.restore(kind.entity, { id });
      return { id, action: RevisionAction.RESTORE, before, after: await snapshot(manager, kind, id) };
    });
  }

  /** Runs `change` in a transaction and records it; an update that changes nothing is neither recorded nor published. */
  private async commit<E extends NodeEntity>(
    type: NodeTypeName,
    change: (manager: EntityManager) => Promise<{ id: number; action: RevisionAction; before: Snapshot | null; after: Snapshot | null }>,
  ): Promise<E> {
    const actor = await this.currentActor();
    const claim = this.idempotency.claim;
    const { revision, fact } = await writeTransaction(this.dataSource, async (manager) => {
      await claim?.record(manager);
      const { id, action, before, after } = await change(manager);
      const unchanged = action === RevisionAction.UPDATE && JSON.stringify(before) === JSON.stringify(after);
      const revision = unchanged ? null : await recordRevision(manager, type, id, action, before, after, actor);
      const fact = (await manager.findOneOrFail(FACT_KINDS[type].entity, { where: { id }, withDeleted: true })) as E;
      return { revision, fact };
    });
    claim?.committed();
    if (revision) this.onCommitted({ action: revision.action, type, id: fact.id, revision });
    return fact;
  }
}

function recordRevision(manager: EntityManager, type: NodeTypeName, id: number, action: RevisionAction, before: Snapshot | null, after: Snapshot | null, actor: Pick<Actor, 'name' | 'displayName'> | null): Promise<Revision> {
  return manager.save(
    manager.create(Revision, { entityType: type, entityId: id, action, before, after, actor: actor?.name ?? null, actorDisplayName: actor?.displayName ?? null, createdAt: new Date() }),
  );
}

/** Records the creation of a fact that was written without the FactWriter (the seed). */
export async function recordCreation(manager: EntityManager, type: NodeTypeName, id: number, actor: string): Promise<Revision> {
  return recordRevision(manager, type, id, RevisionAction.CREATE, null, await snapshot(manager, FACT_KINDS[type], id), { name: actor, displayName: actor });
}


async function findLive<E extends NodeEntity>(manager: EntityManager, kind: FactKind, id: number, globalId: string): Promise<E> {
  const fact = await manager.findOneBy(kind.entity, { id });
  if (!fact) throw new NotFoundError(`No ${kind.type} has the ID ${globalId}`);
  return fact as E;
}

/** What a revision records of a fact: its columns, references and links as global IDs, and an event's figures. */
async function snapshot(manager: EntityManager, kind: FactKind, id: number): Promise<Snapshot> {
  const fact = await manager.findOneOrFail(kind.entity, { where: { id }, withDeleted: true });
  const result: Snapshot = { id: toGlobalId(kind.type, id) };
  for (const column of manager.connection.getMetadata(kind.entity).columns) {
    const name = column.propertyName;
    if (SKIPPED_COLUMNS.has(name)) continue;
    const value = (fact as unknown as Record<string, unknown>)[name];
    const referenced = kind.references[name];
    result[name] = referenced && typeof value === 'number' ? toGlobalId(referenced, value) : value instanceof Date ? value.toISOString() : value;
  }
  for (const link of kind.links) result[link.field] = (await linkedIds(manager, link, id)).map((target) => toGlobalId(link.type, target));
  if (kind.type === 'Event') {
    const figures = await manager.find(EventFigure, { where: { eventId: id }, order: { id: 'ASC' } });
    result.figures = figures.map(({ subject, unit, best, low, high }) => ({ subject, unit, best, low, high }));
  }
  return result;
}

async function linkedIds(manager: EntityManager, link: LinkSpec, ownerId: number): Promise<number[]> {
  const rows: { target: number }[] = await manager
    .createQueryBuilder()
    .select(`"${link.targetColumn}"`, 'target')
    .from(link.table, 'link')
    .where(`"${link.ownerColumn}" = :ownerId`, { ownerId })
    .orderBy(`"${link.targetColumn}"`)
    .getRawMany();
  return rows.map((row) => Number(row.target));
}

async function refuseWhileDepended(manager: EntityManager, kind: FactKind, id: number): Promise<void> {
  const found: string[] = [];
  for (const dependent of kind.dependents) {
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
    throw new ConflictError(`This ${kind.type} cannot be deleted while other facts refer to it (${found.join(', ')}); change or delete those first`, { dependents: found });
  }
}

/** Every global ID a snapshot holds (references and links) must name a live fact. */
async function refuseWhileReferencesDeleted(manager: EntityManager, after: Snapshot): Promise<void> {
  const referenced = Object.entries(after)
    .filter(([field]) => field !== 'id' && /Ids?$/.test(field))
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string');
  const missing: string[] = [];
  for (const globalId of referenced) {
    const { type, id } = fromGlobalId(globalId);
    if (!(await manager.existsBy(NODE_ENTITIES[type], { id }))) missing.push(`${type} ${globalId}`);
  }
  if (missing.length > 0) throw new ConflictError(`Restore ${missing.join(', ')} first: this fact refers to it`, { deletedReferences: missing });
}
