import { GraphQLError } from 'graphql';

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
 * The one error a client is meant to read: a code from the union above, a
 * message written for the client, and extensions it may rely on. formatError
 * passes it through by its class; every other error is answered as
 * INTERNAL_SERVER_ERROR (or SERVICE_UNAVAILABLE for a database fault).
 */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
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
