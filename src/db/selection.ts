import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  isAbstractType,
  type OperationDefinitionNode,
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
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return undefined;
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === 'FragmentDefinition' ? [[definition.name.value, definition] as const] : [])));
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

/** The fields an operation selects on each object type, wherever in it: Event → countries, officials, title, ... */
export type SelectedFields = ReadonlyMap<string, ReadonlySet<string>>;

export const NOTHING_SELECTED: SelectedFields = new Map();

/**
 * What the loaders may read ahead for an operation: a field selected on an interface or a union (`... on Node`)
 * counts for every object type that implements it. Read once per document and operation.
 */
export function fieldsSelectedIn(schema: GraphQLSchema): (document: DocumentNode, operationName: string | null | undefined) => SelectedFields {
  const cache = new WeakMap<DocumentNode, Map<string, SelectedFields>>();
  return (document, operationName) => {
    let byOperation = cache.get(document);
    if (!byOperation) cache.set(document, (byOperation = new Map()));
    const name = operationName ?? '';
    let selected = byOperation.get(name);
    if (!selected) {
      const fields = new Map<string, Set<string>>();
      walkOperation(schema, document, operationName, (field, typeInfo) => {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        for (const type of isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent]) {
          let names = fields.get(type.name);
          if (!names) fields.set(type.name, (names = new Set()));
          names.add(field.name.value);
        }
      });
      byOperation.set(name, (selected = fields));
    }
    return selected;
  };
}
