import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * Visits every field of the operation `operationName` names (the only one, when it names none), with its type
 * information, and of the fragments it spreads: another operation of the document may select anything. Returns the
 * operation, or undefined when the document holds none of that name.
 */
export function walkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  onField: (field: FieldNode, typeInfo: TypeInfo) => void,
): OperationDefinitionNode | undefined {
  const operation = operationNamed(document, operationName);
  if (!operation) return undefined;
  const fragments = fragmentsOf(document);
  const used = new Set<string>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode): void => {
    const typeInfo = new TypeInfo(schema);
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !used.has(fragment.name.value)) {
            used.add(fragment.name.value);
            walk(fragment);
          }
        },
        Field(field) {
          onField(field, typeInfo);
        },
      }),
    );
  };
  walk(operation);
  return operation;
}

/** The operation `operationName` names, or the only one when it names none. */
function operationNamed(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  return operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.flatMap((definition) => (definition.kind === 'FragmentDefinition' ? [[definition.name.value, definition] as const] : [])));
}

/**
 * The fields an operation selects on each object type in every place that holds it (Event → countries, title, ...
 * where every list or field of events asks for them): what the loaders may read with each row of the type, wherever
 * it is read, without reading for the rows of one place what only another asks for.
 */
export type SelectedFields = ReadonlyMap<string, ReadonlySet<string>>;

export const NOTHING_SELECTED: SelectedFields = new Map();

/**
 * What the loaders may read ahead for an operation. A place is a selection set (with the fragments spread into it);
 * a field selected there on an interface or a union (`... on Node`) counts for every object type that implements it.
 * Read once per document and operation.
 */
export function fieldsSelectedIn(schema: GraphQLSchema): (document: DocumentNode, operationName: string | null | undefined) => SelectedFields {
  const cache = new WeakMap<DocumentNode, Map<string, SelectedFields>>();
  return (document, operationName) => {
    let byOperation = cache.get(document);
    if (!byOperation) cache.set(document, (byOperation = new Map()));
    const name = operationName ?? '';
    let selected = byOperation.get(name);
    if (!selected) byOperation.set(name, (selected = selectedInEveryPlace(schema, document, operationName)));
    return selected;
  };
}

function selectedInEveryPlace(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): SelectedFields {
  const operation = operationNamed(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  const everyPlace = new Map<string, Set<string>>();
  if (!operation || !rootType) return everyPlace;
  const fragments = fragmentsOf(document);
  // A selection set's place is the same wherever its fragment is spread: each is gathered once. A fragment's own fields
  // are collected again into each place that spreads it, which the cost check, run before, bounds.
  const gathered = new Set<SelectionSetNode>();
  const gather = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): void => {
    if (gathered.has(selectionSet)) return;
    gathered.add(selectionSet);
    const place = new Map(possibleTypes(schema, parent).map((type) => [type.name, new Set<string>()]));
    const deeper: [SelectionSetNode, GraphQLCompositeType][] = [];
    collectPlace(schema, fragments, selectionSet, parent, place, deeper, new Set());
    for (const [typeName, fields] of place) {
      const everywhere = everyPlace.get(typeName);
      if (!everywhere) everyPlace.set(typeName, fields);
      else for (const field of everywhere) if (!fields.has(field)) everywhere.delete(field);
    }
    for (const [subSelection, type] of deeper) gather(subSelection, type);
  };
  gather(operation.selectionSet, rootType);
  return everyPlace;
}

/** Adds to `place` the fields `selectionSet` selects on each of its object types, through inline fragments and spreads. */
function collectPlace(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  selectionSet: SelectionSetNode,
  on: GraphQLCompositeType,
  place: Map<string, Set<string>>,
  deeper: [SelectionSetNode, GraphQLCompositeType][],
  spread: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    // A selection run only on a condition (@skip, @include) adds nothing to this place: the cost check charges nothing
    // for what it skips, so what the loaders read with the rows must not either (it is read when it runs). The places
    // beneath it are still places: their rows, when they run, are read with what they select and no more.
    const conditional = selection.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include');
    const into = conditional ? new Map<string, Set<string>>() : place;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      for (const type of possibleTypes(schema, on)) into.get(type.name)?.add(name);
      const returned = !isUnionType(on) && on.getFields()[name] ? getNamedType(on.getFields()[name].type) : undefined;
      if (selection.selectionSet && returned && isCompositeType(returned)) deeper.push([selection.selectionSet, returned]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : on;
      if (condition && isCompositeType(condition)) collectPlace(schema, fragments, selection.selectionSet, condition, into, deeper, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      const condition = fragment && schema.getType(fragment.typeCondition.name.value);
      if (fragment && condition && isCompositeType(condition)) collectPlace(schema, fragments, fragment.selectionSet, condition, into, deeper, spread);
    }
  }
}

function possibleTypes(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
}
