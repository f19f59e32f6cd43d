/** What a token may do; each role includes the ones before it. */
export const ROLES = ['editor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Who a request acts as, once its token is verified. */
export interface Actor {
  name: string;
  role: Role;
  /** What the public is shown of this actor: the token's display name, or its role. */
  displayName: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether an actor with `actorRole` may do what needs `required` (an admin may do what an editor may). */
export function hasRole(actorRole: Role, required: Role): boolean {
  return ROLES.indexOf(actorRole) >= ROLES.indexOf(required);
}

/**
 * Which callers are shown the same answers: a field that depends on the caller depends on its role alone (an editor
 * sees the token behind a change, the public its display name), never on which token it is.
 */
export function audienceOf(actor: Actor | null): Role | 'public' {
  return actor?.role ?? 'public';
}
