import { GraphQLError, parse, Source, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RequestLimitError } from '../db/budget.js';
import { badInput, forbidden, GatewayError } from '../db/gateway-error.js';
import { formatError } from '../src/graphql/format-error.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits.js';
import { tokenPastLimit } from '../src/graphql/token-limit.js';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway, type GraphQLResponse } from './gateway.js';

const flightId = sampleRows('disrupted_passengers.csv')[0]!.flight_id!;
const paxId = sampleRows('passengers.csv')[0]!.passenger_id!;

/** A small token limit, so that documents over it stay readable. */
const MAX_TOKENS = 60;
/** Resolver work a page of 100 flights with their number is over. */
const MAX_RESOLVER_CALLS = 150;

const codes = (r: GraphQLResponse) => r.errors?.map((e) => e.extensions?.code);

describe('every refusal carries its code from where it is raised, not from its wording', () => {
  const { db, api } = sampleGateway({ limits: { ...DEFAULT_LIMITS, maxResolverCalls: MAX_RESOLVER_CALLS } });
  const small = sampleGateway({ limits: { ...DEFAULT_LIMITS, maxTokens: MAX_TOKENS } });

  /** A refused request: HTTP 400, no data, no DynamoDB call. */
  async function refused(query: string, variables?: Record<string, unknown>, gateway = api) {
    const before = db.calls.total() + small.db.calls.total();
    const r = await gateway.gql(query, variables);
    expect(r.status).toBe(400);
    expect(r.data ?? undefined).toBeUndefined();
    expect(db.calls.total() + small.db.calls.total() - before).toBe(0);
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
    return r;
  }

  it('a bad literal value (an enum value that does not exist, "ten" for an Int, null for a required id) is BAD_USER_INPUT, with its location', async () => {
    const enumValue = await refused('{ passengers(filter: { category: PLATINUM }) { nodes { passengerId } } }');
    expect(codes(enumValue)).toEqual(['BAD_USER_INPUT']);
    expect(enumValue.errors![0]!.message).toMatch(/"PLATINUM" does not exist/);
    expect((enumValue.errors![0] as GraphQLFormattedError).locations).toEqual([{ line: 1, column: 34 }]);
    expect(codes(await refused('{ flights(first: "ten") { nodes { flightId } } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await refused('{ passenger(passengerId: null) { passengerId } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await refused('{ weather(airportCode: "AUH", from: "yesterday") { nodes { condition } } }'))).toEqual(['BAD_USER_INPUT']);
    // the same value in a variable
    const viaVariable = await refused('query($f: PassengerFilter) { passengers(filter: $f) { nodes { passengerId } } }', {
      f: { category: 'PLATINUM' },
    });
    expect(codes(viaVariable)).toEqual(['BAD_USER_INPUT']);
  });

  it('a malformed query stays GRAPHQL_VALIDATION_FAILED or GRAPHQL_PARSE_FAILED, each error with its own code', async () => {
    expect(codes(await refused(`{ passenger(passengerId: "${paxId}") { noSuchField } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await refused('{ passenger(passengerId: '))).toEqual(['GRAPHQL_PARSE_FAILED']);
    // a bad value and an unknown field in one document: both reported, in document order
    const both = await refused('{ passengers(filter: { category: PLATINUM }) { nodes { noSuchField } } }');
    expect(codes(both)).toEqual(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('too deep, too many aliases or directives, too costly: BAD_USER_INPUT naming the limit', async () => {
    const deep = await refused(`{ flight(flightId: "${flightId}") { ${'downline { '.repeat(12)}flightId${' }'.repeat(12)} } }`);
    expect(deep.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'maxDepth' }) })]);
    const aliases = await refused(
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: passenger(passengerId: "${paxId}") { passengerId }`).join(' ')} }`,
    );
    expect(aliases.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxAliases' });
    expect(aliases.errors![0]!.message).toBe(`Aliases limit of ${DEFAULT_LIMITS.maxAliases} exceeded, found 31.`);
    const directives = await refused(`{ __typename ${'@include(if: true) '.repeat(DEFAULT_LIMITS.maxDirectives + 1)}}`);
    expect(directives.errors?.map((e) => e.extensions?.limit)).toContain('maxDirectives');
    const costly = await refused(
      '{ flights(first: 100) { nodes { passengers(first: 100) { nodes { flight { passengers(first: 100) { nodes { passengerId } } } } } } } }',
    );
    expect(costly.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxCost', maxCost: DEFAULT_LIMITS.maxCost });
  });

  it('too many tokens: BAD_USER_INPUT naming maxTokens, at the first token past the limit; a syntax error within the limit stays one', async () => {
    const fields = (n: number) => Array.from({ length: n }, () => 'flightId').join(' ');
    // `{ flight ( flightId : "..." ) {` is 8 tokens, the closing braces 2
    const within = await small.api.gql(`{ flight(flightId: "${flightId}") { ${fields(MAX_TOKENS - 10)} } }`);
    expect(within.errors).toBeUndefined();
    // one more field: the last brace is the token past the limit
    const document = `{ flight(flightId: "${flightId}") { ${fields(MAX_TOKENS - 9)} } }`;
    const over = await refused(document, undefined, small.api);
    expect(over.errors).toEqual([
      {
        message: `Document contains more than ${MAX_TOKENS} tokens. Parsing aborted.`,
        locations: [{ line: 1, column: document.length }],
        extensions: { code: 'BAD_USER_INPUT', limit: 'maxTokens', requestId: expect.any(String) as string },
      },
    ]);
    // comments are not tokens
    const commented = await small.api.gql(`# ${'a comment '.repeat(100)}\n{ flight(flightId: "${flightId}") { ${fields(MAX_TOKENS - 10)} } }`);
    expect(commented.errors).toBeUndefined();
    expect(codes(await refused(`{ flight(flightId: "${flightId}") { flightId ) } }`, undefined, small.api))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('the request budget: REQUEST_BUDGET_EXCEEDED with its limit and maximum', async () => {
    const r = await api.gql('{ flights(first: 100) { nodes { flightId } } }');
    expect(r.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'REQUEST_BUDGET_EXCEEDED', limit: 'maxResolverCalls', max: MAX_RESOLVER_CALLS }),
      }),
    ]);
    expect(new RequestLimitError('maxItemsRead', 1)).toBeInstanceOf(GatewayError);
  });
});

describe('with introspection off', () => {
  const { api } = sampleGateway({ introspection: false });

  it("keeps Apollo's own refusal beside the gateway's", async () => {
    const r = await api.gql('{ __schema { queryType { name } } passengers(filter: { category: PLATINUM }) { nodes { passengerId } } }');
    expect(r.status).toBe(400);
    expect(codes(r)?.sort()).toEqual(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
    expect(r.errors?.find((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')?.message).toMatch(/introspection is not allowed/);
    const alone = await api.gql('{ __schema { queryType { name } } }');
    expect(codes(alone)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('formatError', () => {
  const format = (error: GraphQLError) => formatError(error.toJSON(), error);

  it('answers by class: a message worded like a limit or carrying a client code is internal unless it is a GatewayError', () => {
    expect(format(new GraphQLError('Query depth limit of 12 exceeded, found 16.')).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const located = (original: Error) => new GraphQLError(original.message, { path: ['flight'], originalError: original });
    const untyped = new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } });
    expect(format(located(untyped)).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(format(located(forbidden('no'))).extensions?.code).toBe('FORBIDDEN');
    expect(format(located(badInput('`x` must not be empty', 'x'))).extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'x' });
  });

  it('finds a GatewayError wrapped the way Apollo wraps a validation error, and drops its HTTP extension', () => {
    const rule = new GatewayError('BAD_USER_INPUT', 'too deep', { limit: 'maxDepth', http: { status: 400 } });
    const wrapped = new GraphQLError(rule.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, originalError: rule });
    expect(format(wrapped)).toEqual({ message: 'too deep', extensions: { code: 'BAD_USER_INPUT', limit: 'maxDepth' } });
  });
});

describe('tokenPastLimit counts as the parser does', () => {
  it('agrees with parse(maxTokens) on documents around the limit', () => {
    const documents = [
      '{ a }',
      '{ a(b: 1) { c d } } # a comment',
      'query Q($v: [Int!]! = [1, 2]) { a(b: $v) @include(if: true) { ...F } } fragment F on T { c }',
    ];
    for (const document of documents) {
      for (let max = 1; max < 40; max++) {
        const parses = (() => {
          try {
            parse(document, { maxTokens: max });
            return true;
          } catch {
            return false;
          }
        })();
        expect(tokenPastLimit(new Source(document), max) === undefined, `${document} / ${max}`).toBe(parses);
      }
    }
  });
});
