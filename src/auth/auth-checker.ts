import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { hasRole, Role } from './roles';

/**
 * `@Authorized(role)`: no token or a bad one is UNAUTHENTICATED, a token without the role is
 * FORBIDDEN. It runs before the arguments are validated, so nothing about the input leaks.
 */
export const authChecker: AuthChecker<Context, Role> = async ({ context }, roles) => {
  const authentication = await context.authenticate();
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
  return true;
};
