import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { expectGlobalId, NodeTypeName, toGlobalId } from '../common/global-id';
import { toIsoDay } from '../common/scalars';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { NODE_ENTITIES } from '../node/node-types';
import { LinkSpec } from './fact-kinds';

/**
 * The row id of the live fact an input field names: undefined when the field was left out,
 * null when it was cleared, BAD_USER_INPUT for an ID of another type, NOT_FOUND for none.
 */
export async function reference(manager: EntityManager, globalId: string | null | undefined, type: NodeTypeName, field: string): Promise<number | null | undefined> {
  if (globalId === undefined || globalId === null) return globalId;
  const id = expectGlobalId(globalId, type, field);
  if (!(await manager.existsBy(NODE_ENTITIES[type], { id }))) throw new NotFoundError(`${field}: no ${type} has the ID ${globalId}`);
  return id;
}

/** Like `reference`, for a list: undefined when left out; null is taken as an empty list; an ID given twice counts once. */
export async function references(manager: EntityManager, globalIds: readonly string[] | null | undefined, type: NodeTypeName, field: string): Promise<number[] | undefined> {
  if (globalIds === undefined) return undefined;
  const ids = [...new Set((globalIds ?? []).map((globalId) => expectGlobalId(globalId, type, field)))];
  const found = ids.length === 0 ? 0 : await manager.countBy(NODE_ENTITIES[type], { id: In(ids) });
  if (found !== ids.length) {
    const existing = new Set((await manager.findBy(NODE_ENTITIES[type], { id: In(ids) })).map((row) => row.id));
    const missing = ids.filter((id) => !existing.has(id)).map((id) => toGlobalId(type, id));
    throw new NotFoundError(`${field}: no ${type} has the ID ${missing.join(', ')}`);
  }
  return ids;
}

/** Text of a nullable field as stored: trimmed, and null when nothing is left. */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? null : text;
}

/** Replaces the targets of a fact's link (an event's countries) when the client sent the list. */
export async function replaceLinks(manager: EntityManager, link: LinkSpec, ownerId: number, targetIds: number[] | undefined): Promise<void> {
  if (targetIds === undefined) return;
  await manager.createQueryBuilder().delete().from(link.table).where(`"${link.ownerColumn}" = :ownerId`, { ownerId }).execute();
  if (targetIds.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(link.table)
    .values(targetIds.map((targetId) => ({ [link.ownerColumn]: ownerId, [link.targetColumn]: targetId })))
    .execute();
}

/** A field that cannot be null: left out keeps it, null is refused. */
export function notNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw new BadUserInputError(`${field} cannot be null`, field);
  return value;
}

export function optionalDay(value: Date | null | undefined): string | null | undefined {
  return value instanceof Date ? toIsoDay(value) : value;
}

/** `endDate` must not come before `date` (the stored one, where the update leaves it out). */
export function checkPeriod(date: string, endDate: string | null, startField = 'date', endField = 'endDate'): void {
  if (endDate !== null && endDate < date) throw new BadUserInputError(`${endField} (${endDate}) must not be before ${startField} (${date})`, endField);
}

/** Drops the keys whose value is undefined: TypeORM refuses undefined, and left-out fields stay as they are. */
export function given<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Updates the given columns of one row; nothing to do when the input changes no column. */
export async function updateColumns<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, id: number, values: Partial<E>): Promise<void> {
  const changes = given(values);
  if (Object.keys(changes).length > 0) await manager.update(entity, id, changes as never);
}

/** Inserts one row; returns its id, which the revision and the links need. */
export async function insertRow<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, values: Partial<E>): Promise<number> {
  const result = await manager.insert(entity, given(values) as never);
  return Number(result.identifiers[0].id);
}
