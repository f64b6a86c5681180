import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getNullableType, isListType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_BUDGET } from '../db/budget.js';
import { createDb } from '../db/client.js';
import { LIST_BOUNDS } from '../src/graphql/list-bounds.js';
import { DEFAULT_LIMITS, limitsFromEnv } from '../src/graphql/limits.js';
import { gatewaySchema } from '../src/graphql/schema.js';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway, testGateway, type TestGateway } from './gateway.js';
import { captureCommands, endpoint, readmeExamples } from './helpers.js';

const FLIGHT = 'EY0052-20260315';
const NESTED = `{ flight(flightId: "${FLIGHT}") { bookings { flight { bookings { flight { bookings { bookingId } } } } } } }`;
const flights = sampleRows('flights.csv');
const sorted = (xs: Array<string | undefined>) => [...xs].map(String).sort();

/** The desk's whole disruption view: every part of `disruption`, each with its lists (as in test/desk.test.ts, and more). */
const FULL_VIEW = `{ disruption(flightId: "${FLIGHT}") { flightId flight { flightNumber } aircraft { registration } groundingWindow { availabilityStatus }
  downline { flightNumber departureTime } passengerCounts { total connecting needingHotel byCabin { key count } byCategory { key count } }
  bagSummary { count weightKg } cargoSummary { shipments pieces weightKg specialHandling { key count } } crewOnBoard { position crewMember { firstName lastName rank } }
  swapOptions { verdict reasons option { aircraftRegistration } openWorkOrdersDueBeforeDeparture { workorderId } flightsAbandoned { flightNumber } destinationWeather { condition } aircraft { registration } }
  reaccommodation(first: 100) { totalCount nodes { rank reasons passenger { firstName lastName cabinClass } disruption { ssrCodes rebookingStatus } } pageInfo { hasNextPage endCursor } }
  connectionsAtRisk(scenario: "SWAP_LOCAL") { misconnecting unresolved connections { slackMinutes misconnects unresolvedReason passenger { firstName lastName } onwardFlight { flightNumber departureTime } } }
  crewLegality(delayMinutes: 120) { illegalCount flights { flight { flightNumber } delayMinutes } crew { crewMember { firstName rank } projectedFdpMinutes marginMinutes illegal } }
  scenarios { scenario delayMinutes hotelNights misconnectingPassengers crewsOverLimit impact { scenarioDescription } }
  care { hotelPassengers hotelRooms { cabin passengers bookings } meals { key count } languages { key count } }
  watchlist { category isInfluencer seatNumber passenger { firstName lastName } }
  cargo { totalWeightKg laterFlights { flightNumber } shipments { priorityCargo assignment { pieces weightKg } shipment { awbNumber commodity } } }
  bags { count weightKg byStatus { key count } bags { baggageTag status weightKg passengerId } }
  progress { total resolved byStatus { key count } unresolvedVvip { passengerId } unresolvedConnecting { passengerId connectingFlightNumber } } } }`;

/** Peak resident memory of this process so far (Linux VmHWM), or the current RSS elsewhere. */
function peakRssBytes(): number {
  if (existsSync('/proc/self/status')) {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  }
  return process.memoryUsage().rss;
}

/**
 * Polls /health/live from another process (so its clock is not the server's
 * event loop) until stopped; resolves with the slowest answer, in ms.
 */
function pollHealth(port: number) {
  const script = `
    const url = 'http://127.0.0.1:${port}/health/live';
    let max = 0, count = 0, failures = 0, stop = false;
    process.stdin.on('data', () => { stop = true; });
    (async () => {
      while (!stop) {
        const started = performance.now();
        try { const r = await fetch(url, { signal: AbortSignal.timeout(5000) }); if (r.status !== 200) failures++; await r.text(); } catch { failures++; }
        max = Math.max(max, performance.now() - started); count++;
        await new Promise((r) => setTimeout(r, 25));
      }
      process.stdout.write(JSON.stringify({ max, count, failures }), () => process.exit(0));
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += String(c)));
  const done = new Promise<{ max: number; count: number; failures: number }>((resolve) => child.on('close', () => resolve(JSON.parse(out))));
  return {
    stop: async () => {
      child.stdin.write('stop\n');
      return done;
    },
  };
}

/** A proxy to DynamoDB Local that holds each request `delayMs` and records which ones the client gave up on. */
async function delayProxy(upstream: string, delayMs: number) {
  const stats = { received: 0, answered: 0, abortedByClient: 0 };
  const server = http.createServer((req, res) => {
    stats.received++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let gaveUp = false;
      res.on('close', () => {
        if (!res.writableFinished) {
          gaveUp = true;
          stats.abortedByClient++;
        }
      });
      setTimeout(() => {
        if (gaveUp) return;
        const target = new URL(upstream);
        const forwarded = http.request(
          { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
          (up) => {
            res.writeHead(up.statusCode ?? 500, up.headers);
            up.pipe(res);
            up.on('end', () => stats.answered++);
          },
        );
        forwarded.on('error', () => res.destroy());
        forwarded.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    stats,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('every list has a bound in the cost estimate', () => {
  it('declares the bound of every list field without `first`', async () => {
    const schema = await gatewaySchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const paged = field.args.some((a) => a.name === 'first') || field.name === 'nodes';
        if (isListType(getNullableType(field.type)) && !paged && LIST_BOUNDS[`${type.name}.${field.name}`] === undefined)
          missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('request budget', () => {
  const { db, api } = sampleGateway();

  describe('the README examples and the whole disruption view run far inside the defaults', () => {
    const examples = [
      ...readmeExamples().map((q, i) => ({ name: `README example ${i + 1}`, query: q })),
      { name: 'desk: whole disruption view', query: FULL_VIEW },
    ];
    const measured: Array<{
      name: string;
      itemsRead: number;
      resolverCalls: number;
      responseBytes: number;
      actualBytes: number;
      calls: number;
      ms: number;
    }> = [];

    afterAll(() => {
      // The figures behind the defaults (README, "Request budget").
      const heaviest = (key: 'itemsRead' | 'resolverCalls' | 'responseBytes') => measured.reduce((a, b) => (b[key] > a[key] ? b : a));
      console.log(
        [
          ...measured.map(
            (m) =>
              `${m.name.padEnd(30)} items ${String(m.itemsRead).padStart(6)}  fields ${String(m.resolverCalls).padStart(6)}  bytes ${String(m.responseBytes).padStart(8)} (actual ${m.actualBytes})  calls ${m.calls}  ${m.ms} ms`,
          ),
          `heaviest: items ${heaviest('itemsRead').itemsRead} (${heaviest('itemsRead').name}), fields ${heaviest('resolverCalls').resolverCalls} (${heaviest('resolverCalls').name}), bytes ${heaviest('responseBytes').responseBytes} (${heaviest('responseBytes').name})`,
        ].join('\n'),
      );
    });

    for (const { name, query } of examples) {
      it(name, async () => {
        const r = await api.gql(query, {}, { 'x-dynamodb-stats': '1' });
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        const b = r.extensions!.budget;
        const actualBytes = JSON.stringify({ data: r.data }).length;
        measured.push({
          name,
          itemsRead: b.itemsRead,
          resolverCalls: b.resolverCalls,
          responseBytes: b.responseBytes,
          actualBytes,
          calls: r.extensions!.dynamodb.totalCalls,
          ms: b.elapsedMs,
        });
        // At least ten times below each default (resolver work: five times).
        expect(b.itemsRead).toBeLessThan(DEFAULT_BUDGET.maxItemsRead / 10);
        expect(b.resolverCalls).toBeLessThan(DEFAULT_BUDGET.maxResolverCalls / 5);
        expect(b.responseBytes).toBeLessThan(DEFAULT_BUDGET.maxResponseBytes / 10);
        // The size counted as the response is built is close to the real one.
        expect(Math.abs(b.responseBytes - actualBytes)).toBeLessThanOrEqual(Math.max(200, actualBytes * 0.15));
        expect(b.limits).toMatchObject(DEFAULT_BUDGET);
      });
    }
  });

  describe('the fan-out of nested plain lists', () => {
    it('is refused by its estimated cost before any DynamoDB call', async () => {
      const before = db.calls.total();
      const r = await api.gql(NESTED);
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxCost' });
      // 600 bookings a flight, three levels: 600^3.
      expect(r.errors?.[0]?.extensions?.cost).toBeGreaterThan(100_000_000);
      expect(db.calls.total()).toBe(before);
      // One level less is refused too (600 x 600).
      const shallower = await api.gql(`{ flight(flightId: "${FLIGHT}") { bookings { flight { bookings { bookingId } } } } }`);
      expect(shallower.errors?.[0]?.extensions?.limit).toBe('maxCost');
    });

    describe('with no cost limit at all, the run-time budget stops it', () => {
      const uncapped = {} as TestGateway;
      beforeAll(async () => {
        Object.assign(uncapped, await testGateway(db, { limits: { ...DEFAULT_LIMITS, maxCost: Number.MAX_SAFE_INTEGER } }));
      });
      afterAll(() => uncapped.stop());

      it('answers REQUEST_BUDGET_EXCEEDED within the deadline; /health/live keeps answering and memory stays low', async () => {
        const health = pollHealth(uncapped.port);
        await new Promise((r) => setTimeout(r, 200));
        const started = performance.now();
        const r = await uncapped.gql(NESTED, {}, { 'x-dynamodb-stats': '1' });
        const elapsed = performance.now() - started;
        const callsAtResponse = db.calls.total();
        await new Promise((r) => setTimeout(r, 300));
        const polled = await health.stop();

        console.log(
          `nested query: ${Math.round(elapsed)} ms, slowest /health/live ${Math.round(polled.max)} ms of ${polled.count}, peak RSS ${Math.round(peakRssBytes() / 1e6)} MB, budget ${JSON.stringify(r.extensions?.budget)}`,
        );
        expect(r.status).toBe(400);
        expect(r.data).toBeNull();
        expect(r.errors).toHaveLength(1);
        expect(r.errors![0]!.extensions).toMatchObject({
          code: 'REQUEST_BUDGET_EXCEEDED',
          limit: 'maxResolverCalls',
          max: DEFAULT_BUDGET.maxResolverCalls,
        });
        expect(r.errors![0]!.message).toMatch(/more than 30,000 fields and objects/);
        expect(r.extensions?.budget.resolverCalls).toBeGreaterThan(DEFAULT_BUDGET.maxResolverCalls);
        expect(elapsed).toBeLessThan(DEFAULT_BUDGET.requestTimeoutMs);
        // The server stayed responsive: every health check answered, and none waited for the query.
        // A loop held by it would keep a check waiting for most of the query's time; on a loaded
        // machine a check can wait a second for the CPU alone, so the bound is relative to the query.
        expect(polled.failures).toBe(0);
        expect(polled.count).toBeGreaterThan(3);
        expect(polled.max).toBeLessThan(Math.max(1_000, elapsed / 3));
        // The process never held a gigabyte (the answer would have been tens of gigabytes).
        expect(peakRssBytes()).toBeLessThan(1024 ** 3);
        // Nothing of it ran on after the response.
        expect(db.calls.total()).toBe(callsAtResponse);
        // The server answers the next request as usual.
        expect((await uncapped.gql(`{ flight(flightId: "${FLIGHT}") { flightNumber } }`)).data).toEqual({ flight: { flightNumber: 'EY52' } });
      }, 30_000);
    });

    it('the items read and the response size are capped the same way', async () => {
      const small = await testGateway(db, { limits: { ...DEFAULT_LIMITS, maxItemsRead: 100 } });
      const smallBytes = await testGateway(db, { limits: { ...DEFAULT_LIMITS, maxResponseBytes: 5_000 } });
      try {
        const items = await small.gql(`{ passengers(first: 100) { nodes { passengerId } } flights(first: 100) { nodes { flightId } } }`);
        expect(items.errors).toEqual([
          expect.objectContaining({ extensions: expect.objectContaining({ code: 'REQUEST_BUDGET_EXCEEDED', limit: 'maxItemsRead', max: 100 }) }),
        ]);
        expect(items.data).toBeNull();
        const bytes = await smallBytes.gql(`{ flight(flightId: "${FLIGHT}") { bookings { bookingId bookingStatus fareClass } } }`);
        expect(bytes.errors).toEqual([
          expect.objectContaining({
            extensions: expect.objectContaining({ code: 'REQUEST_BUDGET_EXCEEDED', limit: 'maxResponseBytes', max: 5_000 }),
          }),
        ]);
        expect(bytes.status).toBe(400);
      } finally {
        await small.stop();
        await smallBytes.stop();
      }
    });
  });

  describe('the deadline', () => {
    it('fails a request over REQUEST_TIMEOUT_MS with REQUEST_TIMEOUT, and aborts its DynamoDB calls', async () => {
      const proxy = await delayProxy(endpoint(), 1_000);
      const slowDb = createDb({ endpoint: proxy.endpoint, region: 'us-east-1', tableName: inject('sampleTable') });
      const gw = await testGateway(slowDb, { limits: { ...DEFAULT_LIMITS, requestTimeoutMs: 50 } });
      try {
        // Four levels of reads one after the other: 4 s at least through the proxy.
        const query =
          '{ aircraftReturn(registration: "A6-ETE") { estimatedReturnToService openWorkOrders { workOrder { workorderId } staff { staff { staffId } } } } }';
        const started = performance.now();
        const r = await gw.gql(query);
        const elapsed = performance.now() - started;
        const callsAtResponse = slowDb.calls.total();
        expect(r.status).toBe(504);
        expect(r.data).toBeNull();
        expect(r.errors).toEqual([
          expect.objectContaining({ extensions: expect.objectContaining({ code: 'REQUEST_TIMEOUT', limit: 'requestTimeoutMs', max: 50 }) }),
        ]);
        expect(r.errors![0]!.message).toMatch(/deadline of 50 ms/);
        expect(elapsed).toBeLessThan(900);
        // The call in flight was cut by the client, never answered.
        await new Promise((resolve) => setTimeout(resolve, 1_300));
        expect(proxy.stats.received).toBe(1);
        expect(proxy.stats.abortedByClient).toBe(1);
        expect(proxy.stats.answered).toBe(0);
        // And no new call started after the response.
        expect(slowDb.calls.total()).toBe(callsAtResponse);
        // Within the deadline, the same server answers.
        const patient = await testGateway(slowDb, { limits: { ...DEFAULT_LIMITS, requestTimeoutMs: 10_000 } });
        const ok = await patient.gql(`{ flight(flightId: "${FLIGHT}") { flightNumber } }`);
        await patient.stop();
        expect(ok.errors).toBeUndefined();
      } finally {
        await gw.stop();
        slowDb.destroy();
        await proxy.close();
      }
    });
  });

  describe('enumerated filters and the scan budget of a filtered page', () => {
    const aliases = (filter: (i: number) => string) =>
      `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: flights(filter: { ${filter(i)} }, first: 1) { nodes { flightId } pageInfo { hasNextPage endCursor } }`).join(' ')} }`;

    it('refuses an unknown melStatus as BAD_USER_INPUT before any DynamoDB call', async () => {
      const before = db.calls.total();
      const r = await api.gql(aliases((i) => `originAirport: "MCT", melStatus: "NOPE${i}"`));
      expect(r.status).toBe(400);
      expect(r.errors?.length).toBeGreaterThan(0);
      for (const e of r.errors!) expect(e.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/MelStatus/);
      const asVariable = await api.gql('query($s: MelStatus) { flights(filter: { melStatus: $s }) { nodes { flightId } } }', { s: 'NOPE' });
      expect(asVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(db.calls.total()).toBe(before);
    });

    it('takes melStatus as an enum (a quoted string is not one)', async () => {
      const expected = sorted(flights.filter((f) => f.mel_status === 'ACTIVE').map((f) => f.flight_id));
      const r = await api.gql('{ flights(filter: { melStatus: ACTIVE }, first: 100) { nodes { flightId melStatus } } }');
      expect(r.errors).toBeUndefined();
      expect(sorted(r.data!.flights.nodes.map((n: any) => n.flightId))).toEqual(expected);
      const quoted = await api.gql('{ flights(filter: { melStatus: "ACTIVE" }, first: 100) { nodes { flightId } } }');
      expect(quoted.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const introspected = await api.gql('{ __type(name: "MelStatus") { kind enumValues { name } } }');
      expect(introspected.data!.__type).toEqual({ kind: 'ENUM', enumValues: [{ name: 'ACTIVE' }, { name: 'NONE' }] });
    });

    it('stops a filtered page at its scan budget, with a cursor that goes on from there', async () => {
      const budget = 5;
      const scanned = await testGateway(db, { limits: { ...DEFAULT_LIMITS, maxScannedPerPage: budget } });
      const sent = captureCommands(db);
      try {
        // Thirty aliases, each a filtered page (origin is the key condition, melStatus the filter).
        const r = await scanned.gql(
          aliases(() => 'originAirport: "AUH", melStatus: ACTIVE'),
          {},
          { 'x-dynamodb-stats': '1' },
        );
        expect(r.errors).toBeUndefined();
        const filtered = sent.filter((c) => c.operation === 'Query' && c.input.FilterExpression);
        expect(filtered.length).toBeGreaterThan(0);
        for (const c of filtered) expect(c.input.Limit).toBeLessThanOrEqual(budget);
        // Items examined, all aliases together (one Query each: the identical ones are not deduplicated).
        expect(r.extensions!.budget.itemsRead).toBeLessThanOrEqual(30 * budget);
        expect(r.data!.a0.pageInfo.hasNextPage).toBe(true);

        // Walking the pages finds every match exactly once; some pages are short, or empty.
        const found: string[] = [];
        let after: string | null = null;
        let pages = 0;
        let short = 0;
        do {
          const page: any = await scanned.gql(
            'query($after: String) { flights(filter: { originAirport: "AUH", melStatus: ACTIVE }, first: 3, after: $after) { nodes { flightId } pageInfo { hasNextPage endCursor } } }',
            { after },
            { 'x-dynamodb-stats': '1' },
          );
          expect(page.errors).toBeUndefined();
          expect(page.extensions.budget.itemsRead).toBeLessThanOrEqual(budget);
          const connection = page.data.flights;
          found.push(...connection.nodes.map((n: any) => n.flightId));
          if (connection.pageInfo.hasNextPage && connection.nodes.length < 3) short++;
          after = connection.pageInfo.endCursor;
          pages++;
          if (!connection.pageInfo.hasNextPage) break;
        } while (pages < 500);
        expect(short).toBeGreaterThan(0);
        expect(found).toEqual([...new Set(found)]);
        expect(sorted(found)).toEqual(sorted(flights.filter((f) => f.origin_airport === 'AUH' && f.mel_status === 'ACTIVE').map((f) => f.flight_id)));
      } finally {
        await scanned.stop();
      }
    });

    it('with the default scan budget, a filtered page on the sample is full', async () => {
      const r = await api.gql(
        '{ flights(filter: { originAirport: "AUH", melStatus: ACTIVE }, first: 5) { nodes { flightId } pageInfo { hasNextPage } } }',
      );
      expect(r.data!.flights.nodes).toHaveLength(5);
      expect(r.data!.flights.pageInfo.hasNextPage).toBe(true);
    });
  });

  describe('desk arguments that widen the work have maxima', () => {
    it('refuses windows over 48 h, hours over 48 and delays over 48 h, naming the argument', async () => {
      for (const [query, argument] of [
        ['{ dispatchRisks(from: "2026-03-15T00:00:00Z", to: "2026-03-17T00:00:01Z") { risk } }', 'to'],
        ['{ dispatchRisks(from: "2026-03-15T00:00:00Z", to: "2026-03-14T00:00:00Z") { risk } }', 'from'],
        ['{ standbyCrew(base: "AUH", aircraftType: "B777-300ER", from: "2026-03-15T00:00:00Z", to: "2026-03-18T00:00:00Z") { crewId } }', 'to'],
        ['{ weatherWatch(from: "2026-03-15T00:00:00Z", hours: 49) { airportCode } }', 'hours'],
        [`{ disruption(flightId: "${FLIGHT}") { crewLegality(delayMinutes: 2881) { illegalCount } } }`, 'delayMinutes'],
      ] as const) {
        const r = await api.gql(query);
        expect(r.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
      }
      const widest = await api.gql(
        '{ dispatchRisks(from: "2026-03-15T00:00:00Z", to: "2026-03-17T00:00:00Z") { risk } weatherWatch(from: "2026-03-15T00:00:00Z", hours: 48) { airportCode } }',
      );
      expect(widest.errors).toBeUndefined();
    });

    it('gives dispatchRisks a 24 h window from the end it is given', async () => {
      const from = '2026-03-15T00:00:00Z';
      const one = await api.gql(`{ dispatchRisks(from: "${from}") { flight { flightId } } }`);
      const both = await api.gql(`{ dispatchRisks(from: "${from}", to: "2026-03-16T00:00:00Z") { flight { flightId } } }`);
      expect(one.errors).toBeUndefined();
      expect(one.data).toEqual(both.data);
      const expected = flights.filter((f) => f.mel_status === 'ACTIVE' && f.departure_time! >= from && f.departure_time! <= '2026-03-16T00:00:00Z');
      expect(sorted(one.data!.dispatchRisks.map((x: any) => x.flight.flightId))).toEqual(sorted(expected.map((f) => f.flight_id)));
      const none = await api.gql('{ dispatchRisks { risk } }');
      expect(none.errors).toBeUndefined();
    });
  });

  describe('configuration', () => {
    it('reads the budget from the environment', () => {
      expect(limitsFromEnv({})).toMatchObject(DEFAULT_BUDGET);
      expect(DEFAULT_BUDGET).toEqual({
        requestTimeoutMs: 10_000,
        maxItemsRead: 50_000,
        maxResolverCalls: 30_000,
        maxResponseBytes: 10_000_000,
        maxScannedPerPage: 1_000,
      });
      expect(
        limitsFromEnv({
          REQUEST_TIMEOUT_MS: '2500',
          REQUEST_MAX_ITEMS: '9000',
          REQUEST_MAX_RESOLVER_CALLS: '7000',
          REQUEST_MAX_RESPONSE_BYTES: '1000000',
          PAGE_MAX_SCANNED: '300',
        }),
      ).toMatchObject({ requestTimeoutMs: 2500, maxItemsRead: 9000, maxResolverCalls: 7000, maxResponseBytes: 1_000_000, maxScannedPerPage: 300 });
      expect(() => limitsFromEnv({ REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/REQUEST_TIMEOUT_MS must be a positive integer/);
    });
  });
});
