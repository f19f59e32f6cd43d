import { DocumentNode, getOperationAST, Kind, SelectionSetNode } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { Authentication } from './token.service';
import { requireRoles } from './auth-checker';
import type { Role } from './roles';

/** The roles each Mutation field needs, from its @Authorized, by field name. */
export function mutationRoles(): Map<string, Role[]> {
  const storage = getMetadataStorage();
  const roles = new Map<string, Role[]>();
  for (const mutation of storage.mutations) {
    const authorized = storage.authorizedFields.find((field) => field.target === mutation.target && field.fieldName === mutation.methodName);
    if (authorized) roles.set(mutation.schemaName, authorized.roles as Role[]);
  }
  return roles;
}

function rootFieldNames(selectionSet: SelectionSetNode, fragments: Map<string, SelectionSetNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet, fragments, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    const fragment = fragments.get(selection.name.value);
    return fragment ? rootFieldNames(fragment, fragments, seen) : [];
  });
}

/**
 * Refuses a mutation before any of it runs when one of its fields needs a role the caller lacks: a mutation that
 * mixed an allowed write with a forbidden one would otherwise commit the first and answer 403 for the whole.
 * The field-level check (@Authorized) still runs for each field as it executes.
 */
export async function assertMayRunMutation(document: DocumentNode, operationName: string | null | undefined, roles: Map<string, Role[]>, authenticate: () => Promise<Authentication>): Promise<void> {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'mutation') return;
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [])));
  const needed = [...new Set(rootFieldNames(operation.selectionSet, fragments).flatMap((field) => roles.get(field) ?? []))];
  if (needed.length > 0) requireRoles(await authenticate(), needed);
}
