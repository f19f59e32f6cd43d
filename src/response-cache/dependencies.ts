import { type DocumentNode, getNamedType, type GraphQLNamedType, type GraphQLSchema, isAbstractType, isObjectType } from 'graphql';
import { walkOperation } from '../db/selection';

/**
 * Which kinds of fact a query's answer is made of, read from its document alone: the kinds of every type it selects,
 * where a type that is not a kind counts as the kinds it leads to (EventConnection: Event; SearchResult: every member).
 * The answer can change only when a fact of one of them is written, and a write of one changes no other (a link, a
 * part, a revision, the search index and the live count of a fact are written with it). `null`: not a query, or one
 * whose answer this cannot tie to kinds (a top-level list of something that is not a fact, such as `changes`).
 */
export type Dependencies = (document: DocumentNode, operationName: string | null | undefined) => string[] | null;

/** `kindOf` names the kind a type's objects are stored as (Event for Event and for EventFigure), or undefined. */
export function dependenciesIn(schema: GraphQLSchema, kindOf: (typeName: string) => string | undefined): Dependencies {
  const reached = new Map<string, ReadonlySet<string>>();
  const kindsReached = (type: GraphQLNamedType, visiting = new Set<string>()): ReadonlySet<string> => {
    const known = reached.get(type.name);
    if (known) return known;
    const kind = kindOf(type.name);
    if (kind) return remember(type.name, new Set([kind]));
    const kinds = new Set<string>();
    if (visiting.has(type.name)) return kinds;
    visiting.add(type.name);
    const next = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? Object.values(type.getFields()).map((field) => getNamedType(field.type)) : [];
    for (const leadsTo of next) for (const found of kindsReached(leadsTo, visiting)) kinds.add(found);
    visiting.delete(type.name);
    // A type met again while its own kinds are being gathered gives a partial answer: only a finished one is kept.
    return visiting.size === 0 ? remember(type.name, kinds) : kinds;
  };
  const remember = (name: string, kinds: ReadonlySet<string>) => (reached.set(name, kinds), kinds);

  const cache = new WeakMap<DocumentNode, Map<string, string[] | null>>();
  return (document, operationName) => {
    let byOperation = cache.get(document);
    if (!byOperation) cache.set(document, (byOperation = new Map()));
    const name = operationName ?? '';
    if (!byOperation.has(name)) byOperation.set(name, analyse(schema, document, operationName, kindsReached));
    return byOperation.get(name)!;
  };
}

function analyse(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  kindsReached: (type: GraphQLNamedType) => ReadonlySet<string>,
): string[] | null {
  const kinds = new Set<string>();
  let tied = true;
  const operation = walkOperation(schema, document, operationName, (field, typeInfo) => {
    const type = typeInfo.getType();
    if (!type) return;
    const found = kindsReached(getNamedType(type));
    for (const kind of found) kinds.add(kind);
    // A top-level field must lead to facts (or be __typename, which never changes): anything else is stored
    // where no write of a kind reaches it.
    if (typeInfo.getParentType() === schema.getQueryType() && found.size === 0 && field.name.value !== '__typename') tied = false;
  });
  return operation?.operation === 'query' && tied ? [...kinds].sort() : null;
}
