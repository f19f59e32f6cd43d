import { BadUserInputError } from '../errors/errors';

/** The GraphQL type names that have global IDs, as encoded in them. */
export type NodeTypeName = 'Country' | 'Organization' | 'Official' | 'Event' | 'CasualtyReport' | 'Statement' | 'Source';

const NODE_TYPE_NAMES: ReadonlySet<string> = new Set<NodeTypeName>([
  'Country',
  'Organization',
  'Official',
  'Event',
  'CasualtyReport',
  'Statement',
  'Source',
]);

/** Revisions have IDs of the same form, but are not nodes: node(id:) does not fetch them. */
export function toGlobalId(type: NodeTypeName | 'Revision', id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  type: NodeTypeName;
  id: number;
}

/** Decodes an ID of any node type; throws BAD_USER_INPUT for anything that is not one of ours. */
export function fromGlobalId(globalId: string, argumentName = 'id'): DecodedGlobalId {
  const decoded = /^[A-Za-z0-9_-]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(decoded);
  // Only the one spelling this server hands out is an ID: "=" padding or stray bits would make two strings name one fact.
  if (!match || !NODE_TYPE_NAMES.has(match[1]) || toGlobalId(match[1] as NodeTypeName, Number(match[2])) !== globalId) {
    throw new BadUserInputError(`"${globalId}" in ${argumentName} is not a valid ID`, argumentName);
  }
  return { type: match[1] as NodeTypeName, id: Number(match[2]) };
}

/** Decodes an ID that must name a node of `type` (a Country id where a Country is expected). */
export function expectGlobalId(globalId: string, type: NodeTypeName, argumentName: string): number {
  const decoded = fromGlobalId(globalId, argumentName);
  if (decoded.type !== type) {
    throw new BadUserInputError(`${argumentName} expects ${type} IDs, but "${globalId}" is the ID of a ${decoded.type}`, argumentName);
  }
  return decoded.id;
}

export function expectGlobalIds(globalIds: readonly string[], type: NodeTypeName, argumentName: string): number[] {
  return globalIds.map((globalId) => expectGlobalId(globalId, type, argumentName));
}
