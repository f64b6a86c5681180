import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, depthLimitRule, limitsFromEnv } from '../src/graphql/limits.js';
import { gatewaySchema } from '../src/graphql/schema.js';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway } from './gateway.js';

const flightId = sampleRows('disrupted_passengers.csv')[0]!.flight_id!;

/** Every option graphql 16.15's getIntrospectionQuery has (typeDepth left at its default, 9). */
const FULL = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  experimentalDirectiveDeprecation: true,
  oneOf: true,
});

/** `open` nested `levels` times around `leaf`. */
const nest = (open: string, levels: number, leaf: string) => `${`${open} { `.repeat(levels)}${leaf}${' }'.repeat(levels)}`;

describe('introspection under the default limits', () => {
  const { db, api } = sampleGateway();

  it('answers the full standard introspection query, with every option, without a DynamoDB call', async () => {
    const before = db.calls.total();
    const r = await api.gql<IntrospectionQuery>(FULL);
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(db.calls.total() - before).toBe(0);
    const names = r.data!.__schema.types.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Flight', 'Passenger', 'Disruption']));
    const client = buildClientSchema(r.data!);
    expect(Object.keys(client.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['flight', 'flights', 'passenger', 'disruption']));
  });

  it('answers the default introspection query, and one asking for more ofType levels', async () => {
    for (const query of [getIntrospectionQuery(), getIntrospectionQuery({ typeDepth: 14 })]) {
      const r = await api.gql<IntrospectionQuery>(query);
      expect(r.errors).toBeUndefined();
      expect(r.status).toBe(200);
      expect(() => buildClientSchema(r.data!)).not.toThrow();
    }
  });

  it('answers __type(name:)', async () => {
    const r = await api.gql('{ __type(name: "Flight") { name fields { name type { name kind ofType { name kind } } } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data?.__type.name).toBe('Flight');
    expect(r.data?.__type.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['flightId', 'passengers']));
  });

  it('__typename costs nothing and data beside introspection still answers', async () => {
    const r = await api.gql(`{ __typename __type(name: "Passenger") { name } flight(flightId: "${flightId}") { __typename flightId } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchObject({ __typename: 'Query', __type: { name: 'Passenger' }, flight: { __typename: 'Flight', flightId } });
  });
});

describe('what is still refused', () => {
  const { db, api } = sampleGateway();

  async function refused(query: string, variables?: Record<string, unknown>) {
    const before = db.calls.total();
    const r = await api.gql(query, variables);
    expect(r.status).toBe(400);
    expect(r.data ?? undefined).toBeUndefined();
    expect(db.calls.total() - before).toBe(0);
    expect(r.errors?.length).toBeGreaterThan(0);
    for (const error of r.errors!) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    return r.errors!;
  }

  it('a deep data query (depth)', async () => {
    const [error] = await refused(`{ flight(flightId: "${flightId}") { ${nest('downline', 14, 'flightId')} } }`);
    expect(error!.extensions).toMatchObject({ limit: 'maxDepth' });
    expect(error!.message).toMatch(/^Query depth limit of 12 exceeded, found 16\./);
  });

  it('a deep data query hidden in fragments (depth)', async () => {
    const [error] = await refused(
      `{ flight(flightId: "${flightId}") { ...A } } fragment A on Flight { ${nest('downline', 7, '...B')} } fragment B on Flight { ${nest('downline', 7, 'flightId')} }`,
    );
    expect(error!.extensions).toMatchObject({ limit: 'maxDepth' });
  });

  it('first: 100 nested three levels (cost), in literals and in variables', async () => {
    const [error] = await refused(
      '{ flights(first: 100) { nodes { passengers(first: 100) { nodes { flight { passengers(first: 100) { nodes { passengerId } } } } } } } }',
    );
    expect(error!.extensions).toMatchObject({ limit: 'maxCost' });
    expect(error!.message).toMatch(/cost \d+ exceeds the limit of 25000/);
    const [viaVariables] = await refused(
      'query($n: Int) { flights(first: $n) { nodes { passengers(first: $n) { nodes { flight { passengers(first: $n) { nodes { passengerId } } } } } } } }',
      { n: 100 },
    );
    expect(viaVariables!.extensions?.limit).toBe('maxCost');
  });

  it('a costly data query beside introspection: only the introspection part is exempt', async () => {
    const [error] = await refused(
      '{ __schema { types { name } } flights(first: 100) { nodes { passengers(first: 100) { nodes { bookings { flight { passengers(first:100) { nodes { passengerId } } } } } } } } }',
    );
    expect(error!.extensions).toMatchObject({ limit: 'maxCost' });
    // the data part alone costs the same
    const alone = await api.gql(
      '{ flights(first: 100) { nodes { passengers(first: 100) { nodes { bookings { flight { passengers(first:100) { nodes { passengerId } } } } } } } } }',
    );
    expect(alone.errors?.[0]?.extensions?.cost).toBe(error!.extensions?.cost);
  });

  it('an absurdly deep __type (fields of types of fields ..., 30 levels)', async () => {
    const errors = await refused(`{ __type(name: "Flight") { ${'fields { type { '.repeat(15)}name${' } }'.repeat(15)} } }`);
    expect(errors.map((e) => e.extensions?.limit)).toContain('maxIntrospectionDepth');
    expect(errors.map((e) => e.message)).toContain('Introspection depth limit of 20 exceeded, found 32.');
  });

  it('a long ofType chain, under __type and under __schema (which graphql-armor did not bound)', async () => {
    const [viaType] = await refused(`{ __type(name: "Flight") { fields { type { ${nest('ofType', 30, 'name')} } } } }`);
    expect(viaType!.extensions).toMatchObject({ limit: 'maxIntrospectionDepth' });
    expect(viaType!.message).toBe('Introspection depth limit of 20 exceeded, found 34.');
    const [viaSchema] = await refused(`{ __schema { types { fields { type { ${nest('ofType', 30, 'name')} } } } } }`);
    expect(viaSchema!.extensions).toMatchObject({ limit: 'maxIntrospectionDepth' });
    // fragments do not hide it
    const [viaFragments] = await refused(
      `{ ...Q } fragment Q on Query { __schema { types { ...T } } } fragment T on __Type { fields { type { ${nest('ofType', 30, 'name')} } } }`,
    );
    expect(viaFragments!.extensions).toMatchObject({ limit: 'maxIntrospectionDepth' });
  });

  it('nested introspection lists (graphql-js MaxIntrospectionDepthRule), well within the depth', async () => {
    const [error] = await refused('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(error!.message).toBe('Maximum introspection depth exceeded');
    expect(error!.extensions).toMatchObject({ limit: 'maxIntrospectionDepth' });
  });
});

describe('depthLimitRule and QUERY_MAX_INTROSPECTION_DEPTH', () => {
  it('measures data and introspection apart', async () => {
    const schema = await gatewaySchema();
    const errors = (query: string, maxIntrospectionDepth = DEFAULT_LIMITS.maxIntrospectionDepth) =>
      validate(schema, parse(query), [depthLimitRule({ maxDepth: DEFAULT_LIMITS.maxDepth, maxIntrospectionDepth })]).map((e) => e.message);
    // the full introspection query is 15 deep: over maxDepth, within maxIntrospectionDepth
    expect(errors(FULL)).toEqual([]);
    expect(errors(FULL, 14)).toEqual(['Introspection depth limit of 14 exceeded, found 15.']);
    expect(errors(getIntrospectionQuery({ typeDepth: 15 }))).toEqual(['Introspection depth limit of 20 exceeded, found 21.']);
    // introspection depth does not count as data depth, and data depth not as introspection
    expect(
      errors(
        `{ __type(name: "Flight") { fields { type { ${nest('ofType', 15, 'name')} } } } flight(flightId: "x") { ${nest('downline', 10, 'flightId')} } }`,
      ),
    ).toEqual([]);
  });

  it('reads QUERY_MAX_INTROSPECTION_DEPTH, and refuses a bad value', () => {
    expect(limitsFromEnv({}).maxIntrospectionDepth).toBe(20);
    expect(limitsFromEnv({ QUERY_MAX_INTROSPECTION_DEPTH: '30' }).maxIntrospectionDepth).toBe(30);
    expect(() => limitsFromEnv({ QUERY_MAX_INTROSPECTION_DEPTH: 'deep' })).toThrow(/QUERY_MAX_INTROSPECTION_DEPTH must be a positive integer/);
  });
});
