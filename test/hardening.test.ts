import { Writable } from 'node:stream';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Passengers } from '../entities/index.js';
import { createLogger } from '../src/observability/logger.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits.js';
import { sampleRows } from './csv-oracle.js';
import { testGateway, type TestGateway } from './gateway.js';
import { provisionedDb, sampleDb, testDb, logSink } from './helpers.js';

const flightId = sampleRows('disrupted_passengers.csv')[0]!.flight_id!;
const paxId = sampleRows('passengers.csv')[0]!.passenger_id!;

describe('abuse limits, errors, logs, metrics and health', () => {
  const db = sampleDb();
  const { lines, sink } = logSink();
  let api: TestGateway;
  let production: TestGateway;
  beforeAll(async () => {
    api = await testGateway(db, { logger: createLogger('info', sink), adminToken: 'sekret-admin-token' });
    production = await testGateway(db, { limits: { ...DEFAULT_LIMITS, fieldSuggestions: false } });
  });
  afterAll(async () => {
    await api.stop();
    await production.stop();
    db.destroy();
  });

  /** Sends a query and returns the response and the DynamoDB calls it caused. */
  async function measured(query: string, variables?: Record<string, unknown>) {
    const before = db.calls.total();
    const response = await api.gql(query, variables);
    return { response, calls: db.calls.total() - before };
  }

  describe('runaway queries are rejected before any DynamoDB call', () => {
    it('too deep', async () => {
      const deep = `{ flight(flightId: "${flightId}") { ${'downline { '.repeat(14)}flightId${' }'.repeat(14)} } }`;
      const { response, calls } = await measured(deep);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxDepth' });
      expect(response.errors?.[0]?.message).toMatch(/^Query depth limit of 12 exceeded/);
      expect(calls).toBe(0);
    });

    it('too many aliases', async () => {
      const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: passenger(passengerId: "${paxId}") { passengerId }`).join(' ');
      const { response, calls } = await measured(`{ ${aliases} }`);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxAliases' });
      expect(calls).toBe(0);
    });

    it('first: 100 nested three levels (cost)', async () => {
      const q = `{ flights(first: 100) { nodes { passengers(first: 100) { nodes { flight { passengers(first: 100) { nodes { passengerId } } } } } } } }`;
      const { response, calls } = await measured(q);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxCost' });
      expect(response.errors?.[0]?.message).toMatch(/cost \d+ exceeds the limit of 25000/);
      expect(calls).toBe(0);
      // the same with the page size in a variable
      const viaVariables = await measured(
        'query($n: Int) { flights(first: $n) { nodes { passengers(first: $n) { nodes { flight { passengers(first: $n) { nodes { passengerId } } } } } } } }',
        { n: 100 },
      );
      expect(viaVariables.response.errors?.[0]?.extensions?.limit).toBe('maxCost');
      expect(viaVariables.calls).toBe(0);
    });

    it('a huge document (tokens) and a huge body', async () => {
      const fields = Array.from({ length: 6000 }, () => 'passengerId').join(' ');
      const { response, calls } = await measured(`{ passenger(passengerId: "${paxId}") { ${fields} } }`);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxTokens' });
      expect(calls).toBe(0);
      const body = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ passenger(passengerId: "${'x'.repeat(200_000)}") { passengerId } }` }),
      });
      expect(body.status).toBe(413);
      expect(((await body.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    });

    it('lets ordinary front-end queries through', async () => {
      const { response } = await measured(
        `{ flight(flightId: "${flightId}") { flightNumber crew { crewMember { rank } } cargo { shipment { awbNumber } } passengers(first: 50) { nodes { firstName bookings { bookingId } baggage { baggageTag } } } } }`,
      );
      expect(response.errors).toBeUndefined();
    });
  });

  describe('HTTP', () => {
    it('refuses batched requests and a GET without a CSRF preflight header', async () => {
      const batched = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ tableStats { count } }' }, { query: '{ tableStats { count } }' }]),
      });
      expect(batched.status).toBe(400);
      const get = await fetch(`http://127.0.0.1:${api.port}/graphql?query=${encodeURIComponent('{ tableStats { count } }')}`);
      expect(get.status).toBe(400);
      const preflighted = await fetch(`http://127.0.0.1:${api.port}/graphql?query=${encodeURIComponent('{ tableStats { count } }')}`, {
        headers: { 'apollo-require-preflight': '1' },
      });
      expect(preflighted.status).toBe(200);
    });

    it('turns field suggestions off in production', async () => {
      const dev = await api.gql('{ passenger(passengerId: "x") { firstNme } }');
      expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
      const prod = await production.gql('{ passenger(passengerId: "x") { firstNme } }');
      expect(prod.errors?.[0]?.message).not.toMatch(/Did you mean/);
    });
  });

  describe('errors', () => {
    it('every error has a code and a request id, and never a stack trace', async () => {
      const r = await api.gql('{ flights(first: -1) { nodes { flightId } } }', {}, { 'x-request-id': 'req-123' });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'req-123' });
      expect(r.headers.get('x-request-id')).toBe('req-123');
      expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
    });

    it('masks an unexpected error as INTERNAL_SERVER_ERROR, and logs its detail', async () => {
      const corrupt = await provisionedDb('corrupt');
      // a Y/N flag stored as text by some other writer: GraphQL cannot serialize it
      await corrupt.doc.send(
        new PutCommand({
          TableName: corrupt.tableName,
          Item: { ...Passengers.primaryKey({ passenger_id: 'BAD' }), _et: 'Passengers', passenger_id: 'BAD', is_influencer: 'maybe' },
        }),
      );
      const logged: string[] = [];
      const sinkCorrupt = new Writable({ write: (c, _e, done) => (logged.push(String(c)), done()) });
      const gw = await testGateway(corrupt, { logger: createLogger('info', sinkCorrupt) });
      const r = await gw.gql('{ passenger(passengerId: "BAD") { passengerId isInfluencer } }');
      expect(r.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(r.errors?.[0]?.message).toMatch(/^Internal server error/);
      expect(r.errors?.[0]?.message).not.toMatch(/Boolean/);
      expect(r.data?.passenger).toEqual({ passengerId: 'BAD', isInfluencer: null });
      expect(logged.join('')).toMatch(/Boolean cannot represent/);
      await gw.stop();
      await corrupt.drop();
    });

    it('a database that cannot be reached is SERVICE_UNAVAILABLE, fast, and readiness says so', async () => {
      const dead = testDb('deadgw', { endpoint: 'http://127.0.0.1:9', maxAttempts: 2, connectionTimeoutMs: 300 });
      const gw = await testGateway(dead);
      const started = performance.now();
      const r = await gw.gql(`{ passenger(passengerId: "${paxId}") { passengerId } }`);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(r.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(r.errors?.[0]?.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      const ready = await fetch(`http://127.0.0.1:${gw.port}/health/ready`);
      expect(ready.status).toBe(503);
      const live = await fetch(`http://127.0.0.1:${gw.port}/health/live`);
      expect(live.status).toBe(200);
      await gw.stop();
      dead.destroy();
    });
  });

  describe('operator signals', () => {
    it('logs one structured line per request, with duration and DynamoDB calls, and redacts the admin token', async () => {
      lines.length = 0;
      await api.gql(`query PaxLookup { passenger(passengerId: "${paxId}") { passengerId } }`);
      await api.gql('mutation { seed(input: { dryRun: true }) { ok } }', {}, { authorization: 'Bearer sekret-admin-token' });
      const request = lines.find((l) => l.operation === 'PaxLookup')!;
      expect(request).toMatchObject({ msg: 'graphql request', operation: 'PaxLookup', errors: [] });
      expect(request.durationMs).toBeGreaterThan(0);
      expect(request.dynamodb).toMatchObject({ calls: { BatchGetItem: 1 }, totalCalls: 1 });
      expect(JSON.stringify(lines)).not.toContain('sekret-admin-token');
    });

    it('serves Prometheus metrics: requests by operation, DynamoDB calls by operation, errors by code', async () => {
      await api.gql(`query PaxLookup { passenger(passengerId: "${paxId}") { passengerId } }`);
      await api.gql('{ flights(first: 0) { nodes { flightId } } }');
      const text = await (await fetch(`http://127.0.0.1:${api.port}/metrics`)).text();
      expect(text).toMatch(/graphql_requests_total\{operation="PaxLookup",outcome="ok"\} \d+/);
      expect(text).toMatch(/graphql_request_duration_seconds_bucket\{le="[^"]+",operation="PaxLookup"\}/);
      expect(text).toMatch(/dynamodb_calls_total\{operation="BatchGetItem"\} \d+/);
      expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/);
      expect(text).toMatch(/process_resident_memory_bytes/);
      expect(text).toMatch(/seed_running 0/);
    });

    it('reports the DynamoDB calls and consumed capacity of a request when asked', async () => {
      const r = await api.gql(`{ passenger(passengerId: "${paxId}") { passengerId } }`, {}, { 'x-dynamodb-stats': '1' });
      expect(r.extensions?.dynamodb).toMatchObject({ calls: { BatchGetItem: 1 }, totalCalls: 1 });
      expect(r.extensions?.dynamodb.consumedCapacity.readUnits).toBeGreaterThan(0);
      const quiet = await api.gql(`{ passenger(passengerId: "${paxId}") { passengerId } }`);
      expect(quiet.extensions?.dynamodb).toBeUndefined();
    });
  });
});

describe('start-up', () => {
  it('says plainly when the port is taken', async () => {
    const db = sampleDb();
    const first = await testGateway(db);
    const { startGateway } = await import('../src/server.js');
    await expect(startGateway({ db, seedDataDir: '.', logger: createLogger('silent') }, first.port, '127.0.0.1')).rejects.toThrow(
      /port \d+ is already in use: .*set PORT/,
    );
    await first.stop();
    db.destroy();
  });
});
