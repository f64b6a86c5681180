import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_PATTERNS } from '../entities/access-patterns.js';
import { Baggage, Bookings, DisruptedPassengers, Flights, Passengers, TABLE_STATS_KEY, type KeyPair } from '../entities/index.js';
import { createDb, type Db } from '../db/client.js';
import { GatewayError } from '../db/gateway-error.js';
import { queryAll } from '../db/query.js';
import { rebookPassenger } from '../src/desk/actions/rebook-passenger.js';
import { seed } from '../seed/seed.js';
import { sampleRows } from './csv-oracle.js';
import { testGateway, type GraphQLResponse, type TestGateway } from './gateway.js';
import { endpoint, provisionedDb, SAMPLE_DIR } from './helpers.js';

/*
 * The desk acts (README, "Acting on a disruption"): mutations against a real
 * DynamoDB Local, on a table of this file's own, seeded with the sample. Every
 * expected answer is computed here from the CSVs.
 */
const ISSUER = 'https://idp.test.example/realms/airline';
const AUDIENCE = 'disruption-gateway';
const ADMIN_TOKEN = 'actions-test-admin-token';

const flights = sampleRows('flights.csv');
const passengers = new Map(sampleRows('passengers.csv').map((p) => [p.passenger_id!, p]));
const disruptedRows = sampleRows('disrupted_passengers.csv');
const bookingRows = sampleRows('bookings.csv');
const bagRows = sampleRows('baggage.csv');

/** The sample's disrupted flight: the one most disruption records name. */
const DISRUPTED = (() => {
  const counts = new Map<string, number>();
  for (const d of disruptedRows) counts.set(d.flight_id!, (counts.get(d.flight_id!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
})();
const disruptedFlight = flights.find((f) => f.flight_id === DISRUPTED)!;
const onDisrupted = disruptedRows.filter((d) => d.flight_id === DISRUPTED);
const bagsOf = (passengerId: string) => bagRows.filter((b) => b.passenger_id === passengerId && b.flight_id === DISRUPTED);

/** Pending passengers of the disrupted flight bound for its destination, those with bags first. */
const candidates = onDisrupted
  .filter((d) => d.rebooking_status === 'PENDING' && passengers.get(d.passenger_id!)?.arrival_airport === disruptedFlight.destination_airport)
  .map((d) => d.passenger_id!)
  .sort((a, b) => bagsOf(b).length - bagsOf(a).length || a.localeCompare(b));
let nextCandidate = 0;
const takePassenger = () => candidates[nextCandidate++]!;

/** Flights a passenger of the disrupted flight may be rebooked onto: same route, not departed. */
const targets = flights.filter(
  (f) =>
    f.flight_id !== DISRUPTED &&
    f.origin_airport === disruptedFlight.origin_airport &&
    f.destination_airport === disruptedFlight.destination_airport &&
    f.flight_status === 'SCHEDULED',
);
const TARGET = targets[0]!;
const OTHER_TARGET = targets[1] ?? targets[0]!;
const departedFlight = flights.find((f) => f.flight_status === 'DEPARTED')!;
const elsewhere = flights.find((f) => f.origin_airport !== disruptedFlight.origin_airport && f.flight_status === 'SCHEDULED')!;

/** What the tests changed, to add to the CSV's counts. */
const tally = { rebooked: 0, bookings: 0, rebookedIds: [] as string[] };

const REBOOK = `mutation($input: RebookPassengerInput!) { rebookPassenger(input: $input) {
  replayed
  disruption { passengerId rebookingStatus rebookedFlightId version }
  passenger { passengerId flightId version }
  booking { bookingId flightId pnr passengerId bookingStatus version }
  baggage { baggageTag flightId bookingId version }
  auditEntry { entryId mutation who { sub role } changes { entity id attribute before after } } } }`;

describe('acting on a disruption', () => {
  let db: Db & { drop(): Promise<void> };
  let api: TestGateway;
  let jwks: http.Server;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  async function tokenFor(role: string, sub: string): Promise<Record<string, string>> {
    const now = Math.floor(Date.now() / 1000);
    const t = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub, iat: now, exp: now + 3600, roles: [role] })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .sign(keys.privateKey);
    return { authorization: `Bearer ${t}` };
  }
  const as = {} as Record<'viewer' | 'agent' | 'agent2' | 'duty' | 'admin', Record<string, string>>;

  const gql = <T = Record<string, any>>(who: Record<string, string>, query: string, variables?: Record<string, unknown>) =>
    api.gql<T>(query, variables, who);
  const codeOf = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code as string | undefined;
  const rebook = (who: Record<string, string>, input: Record<string, unknown>) => gql(who, REBOOK, { input });

  async function raw(key: KeyPair) {
    return (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))).Item;
  }
  async function auditOf(passengerId: string) {
    const r = await gql(
      as.agent,
      `query($id: ID!) { auditTrail(entity: "DisruptedPassengers", id: $id, first: 20) { nodes { entryId mutation idempotencyKey who { sub role } changes { entity id attribute before after } } } }`,
      { id: passengerId },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.auditTrail.nodes as Array<Record<string, any>>;
  }
  async function bookingsCount(): Promise<number> {
    const r = await gql(as.viewer, '{ tableStats { entity count } }');
    return (r.data!.tableStats as Array<{ entity: string; count: number }>).find((s) => s.entity === 'Bookings')!.count;
  }
  async function flightPassengerIds(flightId: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const r: GraphQLResponse = await gql(
        as.agent,
        'query($id: ID!, $after: String) { flight(flightId: $id) { passengers(first: 100, after: $after) { nodes { passengerId } pageInfo { hasNextPage endCursor } } } }',
        { id: flightId, after },
      );
      expect(r.errors).toBeUndefined();
      const page = r.data!.flight.passengers;
      ids.push(...page.nodes.map((n: { passengerId: string }) => n.passengerId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return ids;
  }

  beforeAll(async () => {
    db = await provisionedDb('actions');
    keys = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
    const report = await seed(db, { dataDir: SAMPLE_DIR });
    expect(report.ok).toBe(true);
    api = await testGateway(db, { auth: { jwksUrl, issuer: ISSUER, audience: AUDIENCE }, adminToken: ADMIN_TOKEN });
    as.viewer = await tokenFor('viewer', 'viewer-1');
    as.agent = await tokenFor('agent', 'agent-anna');
    as.agent2 = await tokenFor('agent', 'agent-ben');
    as.duty = await tokenFor('duty_manager', 'duty-dora');
    as.admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  });
  afterAll(async () => {
    await api?.stop();
    jwks?.close();
    await db?.drop();
  });

  it('finds what it needs in the sample', () => {
    expect(candidates.length).toBeGreaterThan(30);
    expect(bagsOf(candidates[0]!).length).toBeGreaterThan(0);
    expect(targets.length).toBeGreaterThan(0);
  });

  it('gives every record version 0 as seeded', async () => {
    const pax = candidates[0]!;
    const r = await gql(
      as.agent,
      `query($p: ID!, $f: ID!) { passenger(passengerId: $p) { version disruption { version } bookings { version } baggage { version } } flight(flightId: $f) { version } }`,
      { p: pax, f: DISRUPTED },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.passenger.version).toBe(0);
    expect(r.data!.passenger.disruption.version).toBe(0);
    expect(r.data!.flight.version).toBe(0);
    for (const b of [...r.data!.passenger.bookings, ...r.data!.passenger.baggage]) expect(b.version).toBe(0);
  });

  it('refuses by role: agents rebook, set statuses and issue care; duty managers also swap and delay', async () => {
    const pax = candidates.at(-1)!;
    const viewer = await rebook(as.viewer, { passengerId: pax, toFlightId: TARGET.flight_id, expectedVersion: 0 });
    expect(codeOf(viewer)).toBe('FORBIDDEN');
    const status = await gql(
      as.viewer,
      'mutation { setRebookingStatus(input: { passengerId: "x", status: PROTECTED, expectedVersion: 0 }) { replayed } }',
    );
    expect(codeOf(status)).toBe('FORBIDDEN');
    const delay = await gql(
      as.agent,
      `mutation { delayFlight(input: { flightId: "${DISRUPTED}", delayMinutes: 30, reason: "ATC", expectedVersion: 0 }) { replayed } }`,
    );
    expect(codeOf(delay)).toBe('FORBIDDEN');
    const swap = await gql(
      as.agent,
      `mutation { assignSwapAircraft(input: { flightId: "${DISRUPTED}", registration: "A6-XXX", expectedVersion: 0 }) { replayed } }`,
    );
    expect(codeOf(swap)).toBe('FORBIDDEN');
    const trail = await gql(as.viewer, `{ auditTrail(entity: "DisruptedPassengers", id: "${pax}") { nodes { entryId } } }`);
    expect(codeOf(trail)).toBe('FORBIDDEN');
    // Nothing was written.
    expect((await raw(DisruptedPassengers.primaryKey({ passenger_id: pax })))!.version).toBeUndefined();
  });

  it('refuses a rebooking onto a flight that cannot take the passenger, with the reasons', async () => {
    const pax = candidates.at(-1)!;
    const cases: Array<[string, RegExp]> = [
      ['NO-SUCH-FLIGHT', /does not exist/],
      [DISRUPTED, /is the disrupted flight/],
      [departedFlight.flight_id!, /has departed/],
      [elsewhere.flight_id!, /leaves from/],
    ];
    for (const [toFlightId, reason] of cases) {
      const r = await rebook(as.agent, { passengerId: pax, toFlightId, expectedVersion: 0 });
      expect(codeOf(r), toFlightId).toBe('BAD_USER_INPUT');
      expect((r.errors![0]!.extensions!.reasons as string[]).join(' | '), toFlightId).toMatch(reason);
    }
    expect((await raw(DisruptedPassengers.primaryKey({ passenger_id: pax })))!.version).toBeUndefined();
  });

  it('rebooks: the disruption record, a new booking, the passenger and bags moved, every list and index, the counts and progress', async () => {
    const pax = takePassenger();
    const row = passengers.get(pax)!;
    const bags = bagsOf(pax).map((b) => b.baggage_tag!);
    const before = await bookingsCount();
    expect(before).toBe(bookingRows.length);

    const r = await rebook(as.agent, { passengerId: pax, toFlightId: TARGET.flight_id, expectedVersion: 0 });
    expect(r.errors).toBeUndefined();
    tally.rebooked += 1;
    tally.bookings += 1;
    tally.rebookedIds.push(pax);
    const out = r.data!.rebookPassenger;
    expect(out.replayed).toBe(false);
    expect(out.disruption).toEqual({ passengerId: pax, rebookingStatus: 'REBOOKED', rebookedFlightId: TARGET.flight_id, version: 1 });
    expect(out.passenger).toEqual({ passengerId: pax, flightId: TARGET.flight_id, version: 1 });
    expect(out.booking).toMatchObject({ flightId: TARGET.flight_id, pnr: row.pnr, passengerId: pax, version: 1 });
    expect(out.baggage.map((b: { baggageTag: string }) => b.baggageTag).sort()).toEqual([...bags].sort());
    for (const bag of out.baggage) expect(bag).toMatchObject({ flightId: TARGET.flight_id, bookingId: out.booking.bookingId, version: 1 });
    expect(out.auditEntry).toMatchObject({ mutation: 'rebookPassenger', who: { sub: 'agent-anna', role: 'agent' } });
    expect(out.auditEntry.changes).toContainEqual({
      entity: 'DisruptedPassengers',
      id: pax,
      attribute: 'rebooking_status',
      before: 'PENDING',
      after: 'REBOOKED',
    });

    // The passenger's bookings and bags.
    const p = await gql(
      as.agent,
      'query($p: ID!) { passenger(passengerId: $p) { flightId bookings { bookingId flightId } baggage { baggageTag flightId } } }',
      { p: pax },
    );
    expect(p.errors).toBeUndefined();
    const csvBookings = bookingRows.filter((b) => b.passenger_id === pax).map((b) => b.booking_id);
    expect(p.data!.passenger.bookings.map((b: { bookingId: string }) => b.bookingId).sort()).toEqual([...csvBookings, out.booking.bookingId].sort());
    expect(p.data!.passenger.baggage.filter((b: { flightId: string }) => b.flightId === TARGET.flight_id).length).toBe(bags.length);

    // The new flight's passengers and bookings, the old flight's passengers.
    expect(await flightPassengerIds(TARGET.flight_id!)).toContain(pax);
    expect(await flightPassengerIds(DISRUPTED)).not.toContain(pax);
    const f = await gql(as.agent, 'query($f: ID!) { flight(flightId: $f) { bookings { bookingId } } }', { f: TARGET.flight_id });
    expect(f.data!.flight.bookings.map((b: { bookingId: string }) => b.bookingId)).toContain(out.booking.bookingId);
    // The same answers by the indexes (the fallback Queries of those lists).
    const byIndex = await queryAll(db, ACCESS_PATTERNS.passengersOfFlight(TARGET.flight_id!));
    expect(byIndex.map((i) => i.passenger_id)).toContain(pax);
    expect((await queryAll(db, ACCESS_PATTERNS.baggageOfFlight(TARGET.flight_id!))).map((i) => i.baggage_tag)).toEqual(expect.arrayContaining(bags));

    // The rebooking-status index, progress, and the table's counts, at once.
    const rebookedCsv = disruptedRows.filter((d) => d.rebooking_status === 'REBOOKED').length;
    const rebookedIndex = await queryAll(db, ACCESS_PATTERNS.disruptedByRebookingStatus('REBOOKED'));
    expect(rebookedIndex.length).toBe(rebookedCsv + tally.rebooked);
    expect(rebookedIndex.map((i) => i.passenger_id)).toContain(pax);
    expect((await queryAll(db, ACCESS_PATTERNS.disruptedByRebookingStatus('PENDING'))).map((i) => i.passenger_id)).not.toContain(pax);
    await expectProgress();
    expect(await bookingsCount()).toBe(bookingRows.length + tally.bookings);

    // Exactly one audit entry, naming the caller; the disruption's activity lists it.
    const trail = await auditOf(pax);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ entryId: out.auditEntry.entryId, who: { sub: 'agent-anna', role: 'agent' }, mutation: 'rebookPassenger' });
    const activity = await gql(as.agent, `{ disruption(flightId: "${DISRUPTED}") { activity(first: 100) { nodes { entryId } } } }`);
    expect(activity.errors).toBeUndefined();
    expect(activity.data!.disruption.activity.nodes.map((n: { entryId: string }) => n.entryId)).toContain(out.auditEntry.entryId);
  });

  /** Progress of the disrupted flight against the CSV's statuses and what the tests changed. */
  async function expectProgress(changedStatus: Record<string, string> = {}) {
    const statuses = onDisrupted.map((d) =>
      tally.rebookedIds.includes(d.passenger_id!) ? 'REBOOKED' : (changedStatus[d.passenger_id!] ?? d.rebooking_status!),
    );
    const expected = new Map<string, number>();
    for (const s of statuses) expected.set(s, (expected.get(s) ?? 0) + 1);
    const r = await gql(as.agent, `{ disruption(flightId: "${DISRUPTED}") { progress { total resolved byStatus { key count } } } }`);
    expect(r.errors).toBeUndefined();
    const progress = r.data!.disruption.progress;
    expect(progress.total).toBe(onDisrupted.length);
    expect(new Map(progress.byStatus.map((s: { key: string; count: number }) => [s.key, s.count]))).toEqual(expected);
    expect(progress.resolved).toBe(statuses.filter((s) => s !== 'PENDING' && s !== 'WAITLISTED').length);
  }

  it('two agents rebooking the same passenger at once, 20 times over: exactly one wins, the other gets CONFLICT with the current version', async () => {
    for (let round = 0; round < 20; round++) {
      const pax = takePassenger();
      const [a, b] = await Promise.all([
        rebook(as.agent, { passengerId: pax, toFlightId: TARGET.flight_id, expectedVersion: 0 }),
        rebook(as.agent2, { passengerId: pax, toFlightId: OTHER_TARGET.flight_id, expectedVersion: 0 }),
      ]);
      const results = [a, b];
      const won = results.filter((x) => !x.errors);
      const lost = results.filter((x) => x.errors);
      expect(won, `round ${round}: ${JSON.stringify(lost.map((l) => l.errors))}`).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(codeOf(lost[0]!)).toBe('CONFLICT');
      expect(lost[0]!.errors![0]!.extensions!.currentVersion).toBe(1);
      expect(lost[0]!.errors![0]!.extensions!.current).toMatchObject({ passenger_id: pax, rebooking_status: 'REBOOKED', version: 1 });
      tally.rebooked += 1;
      tally.bookings += 1;
      tally.rebookedIds.push(pax);
      const winner = won[0] === a ? { sub: 'agent-anna', flight: TARGET.flight_id } : { sub: 'agent-ben', flight: OTHER_TARGET.flight_id };
      // One rebooking: one new booking, on the winner's flight; one audit entry, naming the winner.
      const stored = await raw(DisruptedPassengers.primaryKey({ passenger_id: pax }));
      expect(stored).toMatchObject({ rebooking_status: 'REBOOKED', rebooked_flight_id: winner.flight, version: 1 });
      const bookings = await queryAll(db, ACCESS_PATTERNS.bookingsOfPassenger(pax));
      expect(bookings.length).toBe(bookingRows.filter((x) => x.passenger_id === pax).length + 1);
      const trail = await auditOf(pax);
      expect(trail).toHaveLength(1);
      expect(trail[0]!.who.sub).toBe(winner.sub);
    }
    expect(await bookingsCount()).toBe(bookingRows.length + tally.bookings);
    await expectProgress();
  });

  it('a retried request with the same idempotency key writes once; the key with another input is CONFLICT', async () => {
    const pax = takePassenger();
    const input = { passengerId: pax, toFlightId: TARGET.flight_id, expectedVersion: 0, idempotencyKey: `retry-${pax}` };
    const first = await rebook(as.agent, input);
    expect(first.errors).toBeUndefined();
    tally.rebooked += 1;
    tally.bookings += 1;
    tally.rebookedIds.push(pax);
    const [second, third] = await Promise.all([rebook(as.agent, input), rebook(as.agent, input)]);
    for (const again of [second, third]) {
      expect(again.errors).toBeUndefined();
      expect(again.data!.rebookPassenger.replayed).toBe(true);
      expect(again.data!.rebookPassenger.booking.bookingId).toBe(first.data!.rebookPassenger.booking.bookingId);
      expect(again.data!.rebookPassenger.disruption.version).toBe(1);
      expect(again.data!.rebookPassenger.auditEntry.entryId).toBe(first.data!.rebookPassenger.auditEntry.entryId);
    }
    expect(await bookingsCount()).toBe(bookingRows.length + tally.bookings);
    expect(await auditOf(pax)).toHaveLength(1);
    expect((await raw(DisruptedPassengers.primaryKey({ passenger_id: pax })))!.version).toBe(1);
    const other = await rebook(as.agent, {
      ...input,
      toFlightId: OTHER_TARGET.flight_id === TARGET.flight_id ? 'ELSEWHERE' : OTHER_TARGET.flight_id,
    });
    expect(codeOf(other)).toBe('CONFLICT');
    expect(other.errors![0]!.message).toMatch(/idempotency key/);
  });

  it('a transaction cancelled on purpose (one condition made false) leaves every item as it was', async () => {
    const pax = takePassenger();
    expect(bagsOf(pax).length).toBeGreaterThan(0);
    const bagKey = Baggage.primaryKey({ baggage_tag: bagsOf(pax)[0]!.baggage_tag! });
    const keysToWatch: KeyPair[] = [
      DisruptedPassengers.primaryKey({ passenger_id: pax }),
      Passengers.primaryKey({ passenger_id: pax }),
      Flights.primaryKey({ flight_id: DISRUPTED }),
      Flights.primaryKey({ flight_id: TARGET.flight_id! }),
      TABLE_STATS_KEY,
      ...bagsOf(pax).map((b) => Baggage.primaryKey({ baggage_tag: b.baggage_tag! })),
      ...bookingRows.filter((b) => b.passenger_id === pax).map((b) => Bookings.primaryKey({ booking_id: b.booking_id! })),
    ];
    const before = await Promise.all(keysToWatch.map(raw));
    const bookingsBefore = await queryAll(db, ACCESS_PATTERNS.bookingsOfPassenger(pax));
    // A client whose every transaction has the condition on one bag made false.
    const tampered = createDb({ endpoint: endpoint(), region: 'us-east-1', tableName: db.tableName, maxAttempts: 1 });
    let cancelled = 0;
    tampered.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') {
          const input = args.input as { TransactItems: Array<{ Update?: { Key: Record<string, any>; ConditionExpression?: string } }> };
          for (const part of input.TransactItems) {
            const pk = part.Update?.Key.pk;
            if (pk && (pk.S ?? pk) === bagKey.pk) part.Update!.ConditionExpression += ' AND attribute_not_exists(#a0)';
          }
          cancelled += 1;
        }
        return next(args);
      },
      { step: 'initialize', name: 'makeOneConditionFalse' },
    );
    try {
      const error = await rebookPassenger(
        { db: tampered, actor: { sub: 'agent-anna', role: 'agent' } },
        { passengerId: pax, toFlightId: TARGET.flight_id!, expectedVersion: 0 },
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).extensions.code).toBe('CONFLICT');
      expect(cancelled).toBeGreaterThan(0);
    } finally {
      tampered.destroy();
    }
    expect(await Promise.all(keysToWatch.map(raw))).toEqual(before);
    expect(await queryAll(db, ACCESS_PATTERNS.bookingsOfPassenger(pax))).toEqual(bookingsBefore);
    expect(await auditOf(pax)).toHaveLength(0);
    expect(await bookingsCount()).toBe(bookingRows.length + tally.bookings);
  });

  it('sets a rebooking status (the status index and progress follow) and issues care (the care counts follow)', async () => {
    const pax = takePassenger();
    const r = await gql(
      as.agent,
      'mutation($p: ID!) { setRebookingStatus(input: { passengerId: $p, status: PROTECTED, expectedVersion: 0 }) { disruption { rebookingStatus version } auditEntry { who { sub } } } }',
      { p: pax },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.setRebookingStatus.disruption).toEqual({ rebookingStatus: 'PROTECTED', version: 1 });
    expect((await queryAll(db, ACCESS_PATTERNS.disruptedByRebookingStatus('PROTECTED'))).map((i) => i.passenger_id)).toContain(pax);
    expect((await queryAll(db, ACCESS_PATTERNS.disruptedByRebookingStatus('PENDING'))).map((i) => i.passenger_id)).not.toContain(pax);
    await expectProgress({ [pax]: 'PROTECTED' });
    // A stale version is CONFLICT with the current one.
    const stale = await gql(
      as.agent,
      'mutation($p: ID!) { setRebookingStatus(input: { passengerId: $p, status: WAITLISTED, expectedVersion: 0 }) { replayed } }',
      {
        p: pax,
      },
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(1);
    // A rebooked passenger's status is not set back.
    const rebooked = await gql(
      as.agent,
      'mutation($p: ID!) { setRebookingStatus(input: { passengerId: $p, status: PENDING, expectedVersion: 1 }) { replayed } }',
      { p: tally.rebookedIds[0] },
    );
    expect(codeOf(rebooked)).toBe('BAD_USER_INPUT');

    const issuedCsv = onDisrupted.filter((d) => d.meal_voucher_issued === 'Y').length;
    const care = await gql(
      as.agent,
      'mutation($p: ID!) { issueCare(input: { passengerId: $p, mealVoucher: true, hotel: true, expectedVersion: 1 }) { disruption { mealVoucherIssued hotelVoucherIssued requiresHotel version } } }',
      { p: pax },
    );
    expect(care.errors).toBeUndefined();
    expect(care.data!.issueCare.disruption).toEqual({ mealVoucherIssued: true, hotelVoucherIssued: true, requiresHotel: true, version: 2 });
    const desk = await gql(as.agent, `{ disruption(flightId: "${DISRUPTED}") { care { mealVouchersIssued } passengerCounts { needingHotel } } }`);
    expect(desk.errors).toBeUndefined();
    expect(desk.data!.disruption.care.mealVouchersIssued).toBe(issuedCsv + 1);
    const hotelCsv = onDisrupted.filter((d) => d.requires_hotel === 'Y' || d.passenger_id === pax).length;
    expect(desk.data!.disruption.passengerCounts.needingHotel).toBe(hotelCsv);
    const trail = await auditOf(pax);
    expect(trail.map((e) => e.mutation)).toEqual(['setRebookingStatus', 'issueCare']);
  });

  it('assigns a swap aircraft after the swap check: NO_GO and overlapping flights are refused; both aircraft’s flight lists follow', async () => {
    const checks = await gql(as.duty, `{ disruption(flightId: "${DISRUPTED}") { swapOptions { option { aircraftRegistration } verdict reasons } } }`);
    expect(checks.errors).toBeUndefined();
    const options = checks.data!.disruption.swapOptions as Array<{ option: { aircraftRegistration: string }; verdict: string; reasons: string[] }>;
    const noGo = options.find((o) => o.verdict === 'NO_GO');
    if (noGo) {
      const r = await gql(
        as.duty,
        'mutation($f: ID!, $r: String!) { assignSwapAircraft(input: { flightId: $f, registration: $r, expectedVersion: 0 }) { replayed } }',
        {
          f: DISRUPTED,
          r: noGo.option.aircraftRegistration,
        },
      );
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.reasons).toEqual(expect.arrayContaining(noGo.reasons.map((reason) => `swap check NO_GO: ${reason}`)));
    }
    // Overlap, from the CSV: a candidate's flight whose [departure, arrival] overlaps the disrupted flight's.
    const overlaps = (registration: string) =>
      flights.some(
        (f) =>
          f.aircraft_registration === registration &&
          f.flight_id !== DISRUPTED &&
          !['DEPARTED', 'ARRIVED'].includes(f.flight_status!) &&
          f.departure_time! < disruptedFlight.arrival_time! &&
          f.arrival_time! > disruptedFlight.departure_time!,
      );
    const overlapping = options.find((o) => o.verdict !== 'NO_GO' && overlaps(o.option.aircraftRegistration));
    if (overlapping) {
      const r = await gql(
        as.duty,
        'mutation($f: ID!, $r: String!) { assignSwapAircraft(input: { flightId: $f, registration: $r, expectedVersion: 0 }) { replayed } }',
        {
          f: DISRUPTED,
          r: overlapping.option.aircraftRegistration,
        },
      );
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/overlaps/);
    }
    const usable = options.find((o) => o.verdict !== 'NO_GO' && !overlaps(o.option.aircraftRegistration));
    expect(usable, 'a swap candidate that passes the check').toBeDefined();
    const registration = usable!.option.aircraftRegistration;
    const oldRegistration = disruptedFlight.aircraft_registration!;
    const r = await gql(
      as.duty,
      'mutation($f: ID!, $r: String!) { assignSwapAircraft(input: { flightId: $f, registration: $r, expectedVersion: 0 }) { flight { aircraftRegistration version } swapCheck { verdict } auditEntry { who { sub role } } } }',
      { f: DISRUPTED, r: registration },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.assignSwapAircraft.flight).toEqual({ aircraftRegistration: registration, version: 1 });
    expect(r.data!.assignSwapAircraft.auditEntry.who).toEqual({ sub: 'duty-dora', role: 'duty_manager' });
    const day = disruptedFlight.departure_time!.slice(0, 10);
    const window = `from: "${day}T00:00:00Z", to: "${day}T23:59:59Z"`;
    const lists = await gql(
      as.duty,
      `query($old: ID!, $new: ID!) { old: aircraft(registration: $old) { flights(${window}) { flightId } } new: aircraft(registration: $new) { flights(${window}) { flightId } } }`,
      { old: oldRegistration, new: registration },
    );
    expect(lists.errors).toBeUndefined();
    const csvFlightsOf = (reg: string) =>
      flights.filter((f) => f.aircraft_registration === reg && f.departure_time!.startsWith(day)).map((f) => f.flight_id!);
    const ids = (l: Array<{ flightId: string }>) => l.map((f) => f.flightId).sort();
    expect(ids(lists.data!.old.flights)).toEqual(
      csvFlightsOf(oldRegistration)
        .filter((id) => id !== DISRUPTED)
        .sort(),
    );
    expect(ids(lists.data!.new.flights)).toEqual([...csvFlightsOf(registration), DISRUPTED].sort());
    // The default window (the aircraft's operating day) follows too.
    const defaults = await gql(as.duty, 'query($new: ID!) { aircraft(registration: $new) { flights { flightId } } }', { new: registration });
    if (csvFlightsOf(registration).length > 0) expect(ids(defaults.data!.aircraft.flights)).toContain(DISRUPTED);
  });

  it('delays a flight: estimated departure and arrival, and the desk projects from them', async () => {
    const current = await gql(as.duty, `{ flight(flightId: "${DISRUPTED}") { version } }`);
    const version = current.data!.flight.version as number;
    const r = await gql(
      as.duty,
      'mutation($f: ID!, $v: Int!) { delayFlight(input: { flightId: $f, delayMinutes: 120, reason: "awaiting swap aircraft", expectedVersion: $v }) { flight { estimatedDepartureTime estimatedArrivalTime delayMinutes delayReason version } } }',
      { f: DISRUPTED, v: version },
    );
    expect(r.errors).toBeUndefined();
    const plus = (t: string, m: number) => new Date(Date.parse(t) + m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(r.data!.delayFlight.flight).toEqual({
      estimatedDepartureTime: plus(disruptedFlight.departure_time!, 120),
      estimatedArrivalTime: plus(disruptedFlight.arrival_time!, 120),
      delayMinutes: 120,
      delayReason: 'awaiting swap aircraft',
      version: version + 1,
    });
    const desk = await gql(
      as.duty,
      `{ disruption(flightId: "${DISRUPTED}") { connectionsAtRisk(mctMinutes: 60) { connecting projectedArrival } crewLegality(delayMinutes: 0) { flights { flight { flightId } delayMinutes } } } }`,
    );
    expect(desk.errors).toBeUndefined();
    const connecting = onDisrupted.filter((d) => d.has_connection === 'Y').length;
    if (connecting > 0) expect(desk.data!.disruption.connectionsAtRisk.projectedArrival).toBe(plus(disruptedFlight.arrival_time!, 120));
    expect(desk.data!.disruption.crewLegality.flights[0]).toEqual({ flight: { flightId: DISRUPTED }, delayMinutes: 120 });
  });

  it('a re-seed keeps the records changed through the API and reports them; overwriteChanges replaces them', async () => {
    const kept = tally.rebookedIds[0]!;
    const report = await seed(db, { dataDir: SAMPLE_DIR });
    const changed = report.changedRecords ?? [];
    expect(changed).toContainEqual({ entity: 'DisruptedPassengers', id: kept, version: 1, outcome: 'kept' });
    expect(changed).toContainEqual({ entity: 'Passengers', id: kept, version: 1, outcome: 'kept' });
    expect(changed.filter((c) => c.entity === 'Bookings').length).toBe(tally.bookings);
    expect(changed.filter((c) => c.entity === 'DisruptedPassengers' && c.outcome === 'kept').length).toBeGreaterThanOrEqual(tally.rebooked);
    expect(report.problems.some((p) => p.reason.includes('changed through the API, kept'))).toBe(true);
    // The changes stand, and every list still agrees with them.
    expect(await raw(DisruptedPassengers.primaryKey({ passenger_id: kept }))).toMatchObject({ rebooking_status: 'REBOOKED', version: 1 });
    expect(await flightPassengerIds(TARGET.flight_id!)).toContain(kept);
    expect(await flightPassengerIds(DISRUPTED)).not.toContain(kept);
    expect(await bookingsCount()).toBe(bookingRows.length + tally.bookings);
    await expectProgress(
      Object.fromEntries(
        changed.filter((c) => c.entity === 'DisruptedPassengers' && !tally.rebookedIds.includes(c.id)).map((c) => [c.id, 'PROTECTED']),
      ),
    );

    // The seed mutation takes the same input (a dry run here: a whole load outlasts the test server's socket timeout).
    const mutation = await gql(
      as.admin,
      'mutation { seed(input: { overwriteChanges: true, dryRun: true }) { ok dryRun changedRecords { entity } } }',
    );
    expect(mutation.errors).toBeUndefined();
    expect(mutation.data!.seed).toEqual({ ok: true, dryRun: true, changedRecords: [] });
    const overwrite = await seed(db, { dataDir: SAMPLE_DIR, overwriteChanges: true });
    expect(overwrite.changedRecords).toContainEqual({ entity: 'DisruptedPassengers', id: kept, version: 1, outcome: 'replaced' });
    const csvRow = disruptedRows.find((d) => d.passenger_id === kept)!;
    const replaced = await raw(DisruptedPassengers.primaryKey({ passenger_id: kept }));
    expect(replaced!.rebooking_status).toBe(csvRow.rebooking_status);
    expect(replaced!.version).toBeUndefined();
    expect(await flightPassengerIds(DISRUPTED)).toContain(kept);
    expect(await bookingsCount()).toBe(bookingRows.length);
    // Nothing is left to keep.
    const again = await seed(db, { dataDir: SAMPLE_DIR });
    expect(again.changedRecords ?? []).toEqual([]);
  }, 300_000);
});
