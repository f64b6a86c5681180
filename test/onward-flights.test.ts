import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../seed/seed.js';
import { testGateway, type TestGateway } from './gateway.js';
import { provisionedDb } from './helpers.js';

/*
 * Connecting flights written the ways exports write them, on a hand-written
 * export: the inbound ZQ12 arrives at BAH at 15:20Z; ZQ109 leaves BAH at 16:00Z
 * the same day and at 09:00Z the next; QR109, another airline's, leaves BAH
 * at 15:40Z, before it.
 */
const FLIGHTS = [
  'flight_id,flight_number,origin_airport,destination_airport,departure_time,arrival_time',
  'ZQ0012-20260610,12,LHR,BAH,2026-06-10T09:10:00Z,2026-06-10T15:20:00Z',
  'ZQ0109-20260610,109,BAH,DEL,2026-06-10T16:00:00Z,2026-06-10T20:00:00Z',
  'ZQ0109-20260611,109,BAH,DEL,2026-06-11T09:00:00Z,2026-06-11T13:00:00Z',
  'ZQ0201-20260610,0201,BAH,CAI,2026-06-10T14:00:00Z,2026-06-10T16:30:00Z',
  'ZQ0201-20260611,0201,BAH,CAI,2026-06-11T14:00:00Z,2026-06-11T16:30:00Z',
  'QR0109-20260610,QR109,BAH,DOH,2026-06-10T15:40:00Z,2026-06-10T16:40:00Z',
];

/** Passenger, connecting number as written, the onward flight expected (empty: unresolved). */
const CONNECTIONS: Array<[string, string, string]> = [
  ['P1', 'ZQ0109', 'ZQ0109-20260610'],
  ['P2', 'zq 109', 'ZQ0109-20260610'],
  ['P3', '0109', 'ZQ0109-20260610'],
  ['P4', 'ZQ0109-20260610', 'ZQ0109-20260610'],
  // 201 leaves before the inbound arrives: the next day's
  ['P5', '201', 'ZQ0201-20260611'],
  // another airline's number is its flight; a number nobody flies and no number at all are unresolved
  ['P6', 'QR109', 'QR0109-20260610'],
  ['P7', 'ZQ999', ''],
  ['P8', '', ''],
];

describe('onward flights as exports write them', () => {
  let db: Awaited<ReturnType<typeof provisionedDb>>;
  let api: TestGateway;
  beforeAll(async () => {
    db = await provisionedDb('onward');
    const dir = mkdtempSync(path.join(tmpdir(), 'onward-'));
    writeFileSync(path.join(dir, 'flights.csv'), `${FLIGHTS.join('\n')}\n`);
    const rows = CONNECTIONS.map(([id, number]) => `${id},ZQ0012-20260610,Y,${number},N,PENDING`);
    writeFileSync(
      path.join(dir, 'disrupted_passengers.csv'),
      `passenger_id,flight_id,has_connection,connecting_flight_number,requires_hotel,rebooking_status\n${rows.join('\n')}\n`,
    );
    const report = await seed(db, { dataDir: dir });
    expect(report.problems).toEqual([]);
    api = await testGateway(db);
  });
  afterAll(async () => {
    await api.stop();
    await db.drop();
  });

  it('finds each onward flight, or says why not', async () => {
    const r = await api.gql(
      '{ disruption(flightId: "ZQ0012-20260610") { connectionsAtRisk { connecting unresolved connections { disruption { passengerId } onwardFlight { flightId } misconnects unresolvedReason } } } }',
    );
    expect(r.errors).toBeUndefined();
    const c = r.data!.disruption.connectionsAtRisk;
    const found = Object.fromEntries(c.connections.map((x: any) => [x.disruption.passengerId, x.onwardFlight?.flightId ?? '']));
    expect(found).toEqual(Object.fromEntries(CONNECTIONS.map(([id, , expected]) => [id, expected])));
    expect(c.connecting).toBe(CONNECTIONS.length);
    expect(c.unresolved).toBe(CONNECTIONS.filter(([, , expected]) => !expected).length);
    for (const x of c.connections.filter((y: any) => !y.onwardFlight)) {
      expect(x.misconnects).toBeNull();
      expect(x.unresolvedReason).toMatch(/ZQ999|no connecting_flight_number/);
    }
  });
});
