import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { linkNamed, referenceNamed } from '../db/relations';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { expectGlobalId, toGlobalId } from '../relay/global-id';
import { toIsoDay } from '../values/scalars';

/**
 * The value of the column behind `owner.property`, a reference (Statement.speaker), for the global ID an input
 * gives: undefined when the field was left out, null when it was cleared, BAD_USER_INPUT for an ID of another type,
 * NOT_FOUND when no live fact has it. `field` is the input's name for it (the column's, `speakerId`, by default).
 */
export async function reference(manager: EntityManager, owner: EntityTarget<ObjectLiteral>, property: string, globalId: string | null | undefined, field?: string): Promise<number | null | undefined> {
  const { type, column } = referenceNamed(manager.connection.getMetadata(owner), property);
  const name = field ?? column;
  if (globalId === undefined || globalId === null) return globalId;
  const id = expectGlobalId(globalId, type, name);
  if (!(await manager.existsBy(type, { id }))) throw new NotFoundError(`${name}: no ${type} has the ID ${globalId}`);
  return id;
}

/**
 * Replaces the targets of `owner.property`, a link (Event.countries), with the facts the input's global IDs name,
 * when the client sent the list: null is taken as an empty list, an ID given twice counts once, and every ID must
 * name a live fact of the link's type.
 */
export async function replaceLinks(manager: EntityManager, owner: EntityTarget<ObjectLiteral>, property: string, ownerId: number, globalIds: readonly string[] | null | undefined): Promise<void> {
  if (globalIds === undefined) return;
  const link = linkNamed(manager.connection.getMetadata(owner), property);
  const ids = [...new Set((globalIds ?? []).map((globalId) => expectGlobalId(globalId, link.type, link.field)))];
  const found = ids.length === 0 ? 0 : await manager.countBy(link.type, { id: In(ids) });
  if (found !== ids.length) {
    const existing = new Set((await manager.findBy<{ id: number }>(link.type, { id: In(ids) })).map((row) => row.id));
    const missing = ids.filter((id) => !existing.has(id)).map((id) => toGlobalId(link.type, id));
    throw new NotFoundError(`${link.field}: no ${link.type} has the ID ${missing.join(', ')}`);
  }
  await manager.createQueryBuilder().delete().from(link.table).where(`"${link.ownerColumn}" = :ownerId`, { ownerId }).execute();
  if (ids.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(link.table)
    .values(ids.map((targetId) => ({ [link.ownerColumn]: ownerId, [link.targetColumn]: targetId })))
    .execute();
}

/** Text of a nullable field as stored: trimmed, and null when nothing is left. */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? null : text;
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
