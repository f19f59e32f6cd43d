/**
 * Edits to the operation and variables are written into the address bar, so that copying it shares them, and
 * /graphiql?query=...&variables=... opens with them. Headers stay out of it: they carry tokens.
 */
export type SharedField = 'query' | 'variables';

export function readSharedField(field: SharedField): string | undefined {
  return new URLSearchParams(location.search).get(field) ?? undefined;
}

export function shareField(field: SharedField, value: string): void {
  const parameters = new URLSearchParams(location.search);
  if (value.trim()) parameters.set(field, value);
  else parameters.delete(field);
  const search = parameters.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}
