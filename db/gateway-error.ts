import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/**
 * The error codes a client can receive, each a stable contract (README,
 * "Errors"). Their messages are written for the client and passed through as
 * they are; anything else is INTERNAL_SERVER_ERROR.
 */
export const CLIENT_ERROR_CODES = [
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
  // A request over its budget or deadline (db/budget.ts); budget-plugin.ts answers them as one error.
  'REQUEST_BUDGET_EXCEEDED',
  'REQUEST_TIMEOUT',
] as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every code a response can carry. */
export const ERROR_CODES = [...CLIENT_ERROR_CODES, 'INTERNAL_SERVER_ERROR'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Where an error points: the nodes of the document it is about (a validation
 * error), the source position (a parse error), or the path in the response (a
 * resolver error). graphql-js computes `locations` from them.
 */
export type GatewayErrorLocation = Pick<GraphQLErrorOptions, 'nodes' | 'source' | 'positions' | 'path'>;

/**
 * The one error a client is meant to read: a code from the union above, a
 * message written for the client, and extensions it may rely on (an
 * `extensions.http` is the HTTP status and headers of the answer, and is not
 * sent). formatError passes it through by its class, wherever graphql-js or
 * Apollo wrapped it. Besides it, a client only reads the errors Apollo raises
 * itself about a request (a document that does not parse or validate,
 * variables that do not coerce) and SERVICE_UNAVAILABLE for a database fault;
 * anything else is INTERNAL_SERVER_ERROR. No `originalError` here: Apollo
 * takes a validation error's originalError for the error itself.
 */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    extensions: Readonly<Record<string, unknown>> = {},
    location: GatewayErrorLocation = {},
  ) {
    super(message, { ...location, extensions: { ...extensions, code } });
    this.name = 'GatewayError';
  }
}

/** A client mistake: the message names the argument and the value. */
export function badInput(message: string, argumentName?: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message, argumentName ? { argumentName } : {});
}

export function unauthenticated(message: string): GatewayError {
  return new GatewayError('UNAUTHENTICATED', message);
}

export function forbidden(message: string): GatewayError {
  return new GatewayError('FORBIDDEN', message);
}
