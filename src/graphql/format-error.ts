import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { RequestLimitError } from '../../db/budget.js';
import { isRetryable } from '../../db/errors.js';
import { CLIENT_ERROR_CODES } from '../../db/gateway-error.js';
import { limitOf } from './limits.js';
import { UnprocessedKeysError } from '../../db/loaders/index.js';

/** Codes whose message is written for the client and passed through as is. */
const CLIENT_CODES: ReadonlySet<string> = new Set(CLIENT_ERROR_CODES);

/**
 * Validation messages graphql-js gives for a bad argument value (as opposed to a
 * malformed query): a literal that a scalar or enum rejects. The client sent a
 * bad value, so the code is BAD_USER_INPUT, the same as the value passed as a
 * variable would get.
 */
const BAD_VALUE =
  /^(Expected value of type|Value "[^"]*" does not exist in|Enum "[^"]*" cannot represent|\w+ cannot represent|Variable "\$[^"]*" got invalid value)/;

/**
 * What a client sees of an error: a code, a message meant for it, and the request
 * id to quote; never a stack trace, SDK internals or a secret. DynamoDB being
 * down or throttling beyond the retries is SERVICE_UNAVAILABLE; anything
 * unexpected is INTERNAL_SERVER_ERROR (the server log has the detail).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- extensions.code is a string by convention; anything else only has to compare unequal
  const code = String(formatted.extensions?.code ?? '');
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  const extensions = (c: string, extra: Record<string, unknown> = {}) => ({ code: c, ...extra, ...(requestId ? { requestId } : {}) });

  if (original instanceof RequestLimitError) {
    return { ...base, message: original.message, extensions: extensions(original.code, { limit: original.limit, max: original.max }) };
  }
  if (isRetryable(original) || original instanceof UnprocessedKeysError) {
    return {
      ...base,
      message: 'The database is unavailable or throttling; please retry in a moment.',
      extensions: extensions('SERVICE_UNAVAILABLE'),
    };
  }
  const { stacktrace: _s, exception: _e, code: _c, ...rest } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const limit = limitOf(formatted.message);
  if (limit) {
    // A runaway document: graphql-armor and the parser word it as a syntax error; it is a limit.
    return { ...base, message: formatted.message.replace(/^Syntax Error: /, ''), extensions: extensions('BAD_USER_INPUT', { limit }) };
  }
  // Only request-level errors (no path) are about input: at a path, "cannot represent" is an output fault.
  const requestLevel = formatted.path === undefined;
  if (requestLevel && (BAD_VALUE.test(formatted.message) || (code === 'GRAPHQL_VALIDATION_FAILED' && carriesBadInput(error)))) {
    return { ...base, message: formatted.message, extensions: extensions('BAD_USER_INPUT', rest) };
  }
  if (CLIENT_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: extensions(code, rest) };
  }
  return {
    ...base,
    message: `Internal server error${requestId ? ` (request ${requestId})` : ''}.`,
    extensions: extensions('INTERNAL_SERVER_ERROR'),
  };
}

/** True when a validation error wraps one our scalars raised as BAD_USER_INPUT. */
function carriesBadInput(error: unknown): boolean {
  for (let e = error as { extensions?: { code?: unknown }; originalError?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.extensions?.code === 'BAD_USER_INPUT') return true;
    e = e.originalError as typeof e;
  }
  return false;
}
