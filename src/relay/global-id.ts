import { BadUserInputError } from '../errors/errors';

/**
 * Global IDs are `<Type>:<row id>` in base64url, the type being the GraphQL type's name. This room knows no type:
 * which names are nodes is the caller's to say (the kinds the application registers).
 */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** The largest id an integer column holds (PostgreSQL's integer): no row has a larger one, and the database would refuse to compare it. */
const MAX_ROW_ID = 2_147_483_647;

export interface DecodedGlobalId {
  type: string;
  id: number;
}

/** The type and id of a string in the one spelling this server hands out, or null: "=" padding or stray bits would make two strings name one fact. */
function decode(globalId: string): DecodedGlobalId | null {
  const decoded = /^[A-Za-z0-9_-]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || Number(match[2]) > MAX_ROW_ID || toGlobalId(match[1], Number(match[2])) !== globalId) return null;
  return { type: match[1], id: Number(match[2]) };
}

function invalid(globalId: string, argumentName: string): BadUserInputError {
  return new BadUserInputError(`"${globalId}" in ${argumentName} is not a valid ID`, argumentName);
}

/** Decodes an ID whose type is one of `types`; throws BAD_USER_INPUT for anything else. */
export function fromGlobalId(globalId: string, types: ReadonlySet<string>, argumentName = 'id'): DecodedGlobalId {
  const decoded = decode(globalId);
  if (!decoded || !types.has(decoded.type)) throw invalid(globalId, argumentName);
  return decoded;
}

/** Decodes an ID that must name a node of `type` (a Country id where a Country is expected). */
export function expectGlobalId(globalId: string, type: string, argumentName: string): number {
  const decoded = decode(globalId);
  if (!decoded) throw invalid(globalId, argumentName);
  if (decoded.type !== type) throw new BadUserInputError(`${argumentName} expects ${type} IDs, but "${globalId}" is the ID of a ${decoded.type}`, argumentName);
  return decoded.id;
}

export function expectGlobalIds(globalIds: readonly string[], type: string, argumentName: string): number[] {
  return globalIds.map((globalId) => expectGlobalId(globalId, type, argumentName));
}
