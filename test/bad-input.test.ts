import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewaySchema } from '../src/graphql/schema.js';
import { sampleRows } from './csv-oracle.js';
import { testGateway, type TestGateway } from './gateway.js';
import { sampleDb } from './helpers.js';

/** A valid value for every argument name the API has, so that only the argument under test is bad. */
const flight = sampleRows('disrupted_passengers.csv')[0]!.flight_id!;
const VALID: Record<string, unknown> = {
  passengerId: sampleRows('passengers.csv')[0]!.passenger_id,
  flightId: flight,
  registration: 'A6-ETE',
  airportCode: 'AUH',
  base: 'AUH',
  aircraftType: 'B777-300ER',
  from: '2026-03-15T06:00:00Z',
  to: '2026-03-15T12:00:00Z',
  hours: 6,
  delayMinutes: 60,
  availabilityStart: '2026-03-15T00:00:00Z',
  forecastTimeZulu: '2026-03-15T00:00:00Z',
  first: 5,
};

/** Bad values for a type: each must be refused with BAD_USER_INPUT. */
function badValues(type: GraphQLInputType, name: string): unknown[] {
  const named = getNamedType(type);
  if (isListType(getNullableType(type))) return [];
  if (isEnumType(named)) return ['NOT_A_VALUE', 7];
  if (isInputObjectType(named)) return [{ notAField: 1 }, 'a string'];
  if (!isScalarType(named)) return [];
  switch (named.name) {
    case 'Int':
      return name === 'first' ? [-1, 0, 101, 2 ** 40, 'ten', 1.5] : [2 ** 40, 'ten', 1.5, -100000];
    case 'Float':
      return ['fast', true];
    case 'Boolean':
      return ['yes', 1];
    case 'DateTime':
      return ['not-a-date', '2026-02-30T00:00:00Z', '15/03/2026', 12];
    case 'ID':
    case 'String':
      return name === 'scenario'
        ? ['x'.repeat(10_000), 'NO_SUCH_SCENARIO']
        : ['x'.repeat(10_000), '', 'a\u0000b', ...(name === 'after' ? ['forged.cursor'] : [])];
    default:
      return [];
  }
}

describe('bad input for every argument of every query', () => {
  const db = sampleDb();
  let api: TestGateway;
  const cases: Array<{ label: string; query: string; variables: Record<string, unknown> }> = [];

  beforeAll(async () => {
    api = await testGateway(db);
    const schema = await gatewaySchema();
    const roots = [schema.getQueryType()!];
    // Query fields, and the Disruption fields with arguments (reached through disruption(flightId)).
    const disruption = schema.getType('Disruption');
    const targets: Array<{ field: string; args: readonly GraphQLArgument[]; returns: unknown; wrap?: (inner: string, vars: string) => string }> = [];
    for (const root of roots) for (const f of Object.values(root.getFields())) targets.push({ field: f.name, args: f.args, returns: f.type });
    if (isObjectType(disruption)) {
      for (const f of Object.values(disruption.getFields()).filter((x) => x.args.length > 0)) {
        targets.push({ field: f.name, args: f.args, returns: f.type, wrap: (inner) => `disruption(flightId: $__flight) { ${inner} }` });
      }
    }
    for (const target of targets) {
      for (const arg of target.args) {
        for (const bad of badValues(arg.type, arg.name)) {
          const variables: Record<string, unknown> = target.wrap ? { __flight: flight } : {};
          const defs: string[] = target.wrap ? ['$__flight: ID!'] : [];
          const uses: string[] = [];
          for (const other of target.args) {
            const value = other === arg ? bad : VALID[other.name];
            if (value === undefined && !isNonNullType(other.type)) continue;
            defs.push(`$${other.name}: ${String(other.type)}`);
            uses.push(`${other.name}: $${other.name}`);
            variables[other.name] = value;
          }
          const selection =
            isScalarType(getNamedType(target.returns as never)) || isEnumType(getNamedType(target.returns as never)) ? '' : ' { __typename }';
          const call = `${target.field}${uses.length ? `(${uses.join(', ')})` : ''}${selection}`;
          const body = target.wrap ? target.wrap(call, '') : call;
          cases.push({
            label: `${target.field}(${arg.name}: ${JSON.stringify(bad).slice(0, 30)})`,
            query: `query${defs.length ? `(${defs.join(', ')})` : ''} { ${body} }`,
            variables,
          });
        }
      }
    }
  });
  afterAll(async () => {
    await api.stop();
    db.destroy();
  });

  it('gives BAD_USER_INPUT, never a 5xx, for each bad value of each argument', async () => {
    expect(cases.length).toBeGreaterThan(80);
    const wrong: string[] = [];
    for (const c of cases) {
      const r = await api.gql(c.query, c.variables);
      const code = r.errors?.[0]?.extensions?.code;
      if (r.status >= 500 || code !== 'BAD_USER_INPUT')
        wrong.push(`${c.label}: HTTP ${r.status}, ${code ?? 'no error'}: ${r.errors?.[0]?.message?.slice(0, 100)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
