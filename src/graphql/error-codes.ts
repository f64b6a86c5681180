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
  // A request over its budget or deadline (src/db/budget.ts); budget-plugin.ts answers them as one error.
  'REQUEST_BUDGET_EXCEEDED',
  'REQUEST_TIMEOUT',
] as const;

/** Every code a response can carry. */
export const ERROR_CODES = [...CLIENT_ERROR_CODES, 'INTERNAL_SERVER_ERROR'] as const;
