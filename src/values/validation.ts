import { ArrayMaxSize, IsIn, IsInt, IsNumber, IsUrl, Matches, Max, MaxLength, Min, NotContains, ValidateIf, ValidateNested, ValidationError, validate } from 'class-validator';
import { BadUserInputError } from '../errors/errors';

/** The longest list a filter or input may give: longer ones are refused rather than sent to the database. */
export const MAX_LIST_LENGTH = 100;

/** Applies several property decorators as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

/** Validate the field only when the client sent it (null is validated: it is refused where the field cannot be null). */
export const WhenGiven = () => ValidateIf((_object, value) => value !== undefined);
/** Validate the field only when it has a value (null clears a nullable field). */
export const WhenPresent = () => ValidateIf((_object, value) => value !== undefined && value !== null);

/** UTF-16 with every surrogate in a pair: a lone one cannot be stored as UTF-8, and would come back altered. */
const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

/** Text that the databases store as it was sent: no NUL character (PostgreSQL refuses it), no unpaired surrogate. */
export const StorableText = () =>
  all(NotContains('\u0000', { message: '$property must not contain NUL characters' }), Matches(WELL_FORMED, { message: '$property must not contain unpaired surrogates (ill-formed UTF-16)' }));
/** Text that is not blank and not longer than `max` characters (it is stored trimmed). */
export const Text = (max: number) => all(Matches(/\S/, { message: '$property must not be blank' }), StorableText(), MaxLength(max));
export const Count = () => all(IsInt(), Min(0, { message: '$property must not be negative' }));
export const WebUrl = () => IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: '$property must be an http(s) URL' });
export const Latitude = () => all(Min(-90), Max(90));
export const Longitude = () => all(Min(-180), Max(180));
export const Nested = () => ValidateNested();
/** A finite, non-negative number (GraphQL lets 1e400 through as Infinity). */
export const Amount = () => all(IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number' }), Min(0, { message: '$property must not be negative' }));
export const List = () => ArrayMaxSize(MAX_LIST_LENGTH);

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    // Null reaches validation only where a field may be left out but not cleared: one message says it all.
    if (error.value === null) return [`${path}: ${error.property} cannot be null`];
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describe(error.children ?? [], `${path}.`)];
  });
}

/**
 * type-graphql's validateFn: runs class-validator on input objects and refuses bad ones with
 * BAD_USER_INPUT and a message that names every offending field.
 */
export async function validateInput(value: unknown): Promise<void> {
  const objects = (Array.isArray(value) ? value : [value]).filter((item): item is object => typeof item === 'object' && item !== null && !(item instanceof Date));
  for (const object of objects) {
    const errors = await validate(object, { forbidUnknownValues: false });
    if (errors.length > 0) {
      const messages = describe(errors);
      throw new BadUserInputError(messages.join('; '), errors[0].property);
    }
  }
}

/** Trims text for storage; keeps null and undefined as they are. */
export function trimmed<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? value.trim() : value) as T;
}

/** An input object as GraphQL hands it to a resolver (an instance of its class, which validation needs), from plain values. */
export function inputOf<T extends object>(inputClass: new () => T, values: T): T {
  return Object.assign(new inputClass(), values);
}

/** One of an enum's values: GraphQL checks them in a mutation, this checks them for inputs made elsewhere (the seed's). */
export const OneOf = (values: Record<string, string>) => IsIn(Object.values(values), { message: `$property must be one of ${Object.values(values).join(', ')}` });
