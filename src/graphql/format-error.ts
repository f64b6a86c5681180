import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { isRetryable } from '../../db/errors.js';
import { GatewayError } from '../../db/gateway-error.js';
import { UnprocessedKeysError } from '../../db/loaders/index.js';

/**
 * Codes Apollo gives the errors it raises itself, before any resolver runs: a
 * document that does not parse (GRAPHQL_PARSE_FAILED) or validate
 * (GRAPHQL_VALIDATION_FAILED), variables that do not coerce (BAD_USER_INPUT),
 * a malformed request (BAD_REQUEST), a persisted query, an operation that
 * cannot be chosen. Their messages (graphql-js's and Apollo's) are written for
 * the client.
 */
const APOLLO_CLIENT_CODES: ReadonlySet<unknown> = new Set(
  Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
);

/** How deep graphql-js and Apollo wrap an error: a validation error around a rule's, a located error around a resolver's, ... */
const MAX_WRAPPING = 4;

/**
 * What a client sees of an error: a code, a message meant for it, and the
 * request id to quote; never a stack trace, SDK internals or a secret. Decided
 * by the error's class, never by its message:
 *
 * - a GatewayError (db/gateway-error.ts; the request budget's
 *   RequestLimitError is one), wherever graphql-js or Apollo wrapped it: its
 *   code and extensions;
 * - DynamoDB down or throttling beyond the retries (db/errors.ts): SERVICE_UNAVAILABLE;
 * - an error Apollo raised itself about the request (no path): its code;
 * - anything else: INTERNAL_SERVER_ERROR (the server log has the detail).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string): GraphQLFormattedError {
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  const extensions = (code: string, extra: Record<string, unknown> = {}) => ({ code, ...extra, ...(requestId ? { requestId } : {}) });

  const gatewayError = gatewayErrorIn(error);
  if (gatewayError) {
    // The message as Apollo formatted it: plugins may have edited it (field suggestions masked).
    return { ...base, message: formatted.message, extensions: extensions(gatewayError.code, clientExtensions(gatewayError.extensions)) };
  }
  const original = unwrapResolverError(error);
  if (isRetryable(original) || original instanceof UnprocessedKeysError) {
    return {
      ...base,
      message: 'The database is unavailable or throttling; please retry in a moment.',
      extensions: extensions('SERVICE_UNAVAILABLE'),
    };
  }
  const code = formatted.extensions?.code;
  // At a path, an error came from a resolver or from serializing a value: only a GatewayError is meant for the client.
  if (formatted.path === undefined && typeof code === 'string' && APOLLO_CLIENT_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: extensions(code, clientExtensions(formatted.extensions)) };
  }
  return {
    ...base,
    message: `Internal server error${requestId ? ` (request ${requestId})` : ''}.`,
    extensions: extensions('INTERNAL_SERVER_ERROR'),
  };
}

/** The GatewayError an error is, or wraps (a validation error around a rule's, a located error around a resolver's). */
function gatewayErrorIn(error: unknown): GatewayError | undefined {
  let e = error;
  for (let depth = 0; e instanceof Error && depth <= MAX_WRAPPING; depth++) {
    if (e instanceof GatewayError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** Extensions a client may read: not the code (set apart), the HTTP status and headers (the answer's), or debugging detail. */
function clientExtensions(extensions: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const { code: _code, http: _http, stacktrace: _stacktrace, exception: _exception, ...rest } = extensions ?? {};
  return rest;
}
