import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors/errors';

/**
 * Errors raised before GraphQL runs (a body that is not JSON, or too large) get a GraphQL-shaped
 * JSON answer with a code, not Express's HTML page.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unexpected error while handling an HTTP request');
    const message =
      error?.type === 'entity.too.large'
        ? `The request body is larger than ${error.limit} bytes`
        : error?.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : status === 500
            ? 'Internal server error'
            : String(error?.message ?? 'Bad request');
    response.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST' } }] });
  };
}

/** Any path the server does not serve: a JSON 404 with a code, like every other error. */
export const jsonNotFound: RequestHandler = (_request, response) => {
  response.status(404).json({ errors: [{ message: 'Nothing is served at this path; GraphQL is at /graphql', extensions: { code: ErrorCode.NOT_FOUND } }] });
};
