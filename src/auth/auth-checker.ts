import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { hasRole, Role } from './roles';
import type { Authentication } from './token.service';

/**
 * `@Authorized(role)`: no token or a bad one is UNAUTHENTICATED, a token without the role is
 * FORBIDDEN. It runs before the arguments are validated, so nothing about the input leaks.
 */
export const authChecker: AuthChecker<{ authenticate(): Promise<Authentication> }, Role> = async ({ context }, roles) => {
  requireRoles(await context.authenticate(), roles);
  return true;
};

/** Throws UNAUTHENTICATED or FORBIDDEN unless the authenticated caller has every role in `roles`. */
export function requireRoles(authentication: Authentication, roles: readonly Role[]): void {
  if (authentication.status === 'anonymous') {
    throw new UnauthenticatedError('Writing needs an API token: send the header Authorization: Bearer <token>');
  }
  if (authentication.status === 'invalid') {
    throw new UnauthenticatedError(authentication.reason === 'revoked' ? 'This API token has been revoked' : 'This API token is not valid', true);
  }
  const { actor } = authentication;
  if (!roles.every((role) => hasRole(actor.role, role))) {
    throw new ForbiddenError(`This operation needs the ${roles.join(' and ')} role; the token "${actor.name}" has the ${actor.role} role`);
  }
}
