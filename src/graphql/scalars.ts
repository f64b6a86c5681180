import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { normaliseDateTime } from '../../entities/kinds.js';
import { badInput, type GatewayError } from '../../db/gateway-error.js';

export { GraphQLJSONObject as JSONObject };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * ISO 8601 date-time in UTC. Stored values are already canonical strings
 * (`2026-03-15T08:00:00Z`, they sort as keys), so the scalar passes strings
 * through and parses input to the same canonical form; a malformed input is a
 * BAD_USER_INPUT naming the value.
 */
export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time in UTC, e.g. 2026-03-15T08:00:00Z (an offset is converted to UTC).',
  serialize: (value) => (value instanceof Date ? canonical(value) : String(value)),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badDate(`a string, got a ${ast.kind.toLowerCase()}`);
    return parse(ast.value);
  },
});

function parse(value: unknown): string {
  if (typeof value !== 'string' || !ISO.test(value)) throw badDate(JSON.stringify(value).slice(0, 60));
  try {
    // The loader's own date-time rule: it also refuses dates that do not exist (2026-02-30).
    return normaliseDateTime('DateTime', value);
  } catch {
    throw badDate(JSON.stringify(value));
  }
}

const canonical = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function badDate(got: string): GatewayError {
  return badInput(`DateTime must be ISO 8601 with a time zone, like 2026-03-15T08:00:00Z; got ${got}`);
}
