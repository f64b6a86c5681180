import { describe, expect, inject, it } from 'vitest';
import { csvRows } from './csv-oracle.js';
import { callsOf, sampleGateway } from './gateway.js';
import { SAMPLE_DIR, SECOND_EXPORT_DIR } from './helpers.js';

/*
 * Every expectation here is computed from the CSVs in this file, by the rules the
 * README states, without calling the gateway's desk code. The same questions run
 * on three exports: the bundled sample; the sample cut down to the contract's
 * columns (no connecting_flight_id, cabin_class, seat_capacity, ...); and a
 * second export our generator did not write (test/fixtures/second-export: another
 * hub, flight numbers without a carrier, mixed column orders, BOM and CRLF).
 */
type Row = Record<string, string>;

interface Export {
  readonly name: string;
  readonly dir: () => string;
  readonly table: () => string;
  /** Our sample's story (346 passengers on EY52 at AUH): the assertions that only it can make. */
  readonly sampleStory: boolean;
}

const EXPORTS: readonly Export[] = [
  { name: 'the sample', dir: () => SAMPLE_DIR, table: () => inject('sampleTable'), sampleStory: true },
  {
    name: "the sample with only the contract's columns",
    dir: () => inject('contractOnlyDir'),
    table: () => inject('contractOnlyTable'),
    sampleStory: true,
  },
  { name: 'a second export, not ours', dir: () => SECOND_EXPORT_DIR, table: () => inject('secondExportTable'), sampleStory: false },
];

const MCT = 60;
const MAX_FDP = 780;
const TURN = 60;
const ms = (t: string) => Date.parse(t);
const minutes = (a: string, b: string) => Math.round((ms(b) - ms(a)) / 60000);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const endOfDay = (t: string, days = 0) => `${iso(ms(`${t.slice(0, 10)}T00:00:00Z`) + (days + 1) * 86_400_000 - 1000)}`;
const sorted = (xs: Array<string | undefined>) => xs.map(String).sort();
const countsOf = (xs: string[]) => Object.fromEntries([...new Set(xs)].map((k) => [k, xs.filter((x) => x === k).length]));
const asCounts = (list: Array<{ key: string; count: number }>) => Object.fromEntries(list.map((k) => [k.key, k.count]));
const codes = (s: string | undefined) => (s ? s.split(/[;, ]+/).filter(Boolean) : []);

/**
 * A flight number as exports write it (EY0109, EY109, 0109, 109), written again
 * here: the carrier is two characters with a letter among them (or three
 * letters), then the digits without leading zeros.
 */
function flightNo(written: string | undefined): { carrier?: string; digits: string } | undefined {
  const t = (written ?? '').trim().toUpperCase();
  const carrierLength = /^[A-Z]{3}\d/.test(t) ? 3 : /^([A-Z][A-Z0-9]|\d[A-Z])\d/.test(t) ? 2 : 0;
  const rest = t.slice(carrierLength);
  if (!/^\d{1,4}[A-Z]?$/.test(rest)) return undefined;
  return { carrier: carrierLength ? t.slice(0, carrierLength) : undefined, digits: rest.replace(/^0+(?=\d)/, '') };
}

function deskSuite(exp: Export) {
  const rows = (file: string) => csvRows(exp.dir(), file);
  const flights = rows('flights.csv');
  const passengers = rows('passengers.csv');
  const disruptedRows = rows('disrupted_passengers.csv');
  const impacts = rows('inbound_flight_impact.csv');
  const roster = rows('crew_roster.csv');
  const crewMembers = rows('crew_members.csv');
  const bagsCsv = rows('baggage.csv');
  const assignments = rows('cargo_flight_assignments.csv');
  const shipments = rows('cargo_shipments.csv');
  const workOrders = rows('maintenance_work_orders.csv');
  const availability = rows('aircraft_availability.csv');
  const swaps = rows('aircraft_swap_options.csv');
  const weather = rows('weather.csv');

  const FLIGHT_ID = disruptedRows[0]!.flight_id!;
  const flight = flights.find((f) => f.flight_id === FLIGHT_ID)!;
  const flightById = new Map(flights.map((f) => [f.flight_id!, f]));
  const paxById = new Map(passengers.map((p) => [p.passenger_id!, p]));
  const disrupted = disruptedRows.filter((d) => d.flight_id === FLIGHT_ID);
  const DAY = flight.departure_time!.slice(0, 10);
  const cabinOf = (d: Row) => d.cabin_class || paxById.get(d.passenger_id!)?.cabin_class || 'UNKNOWN';
  const categoryOf = (d: Row) => d.passenger_category || paxById.get(d.passenger_id!)?.passenger_category || '';
  const connects = (d: Row) => (d.has_connection ? d.has_connection === 'Y' : !!d.connecting_flight_number);

  // the rotation after the flight: downline links where the export has them
  const downline: Row[] = [];
  for (let next = flight.downline_flight_id; next; next = flightById.get(next)?.downline_flight_id) downline.push(flightById.get(next)!);

  /** Delay reaching each flight of the rotation: absorbed by ground time beyond the minimum turnaround. */
  function delays(delay: number): Map<string, number> {
    const out = new Map([[FLIGHT_ID, delay]]);
    let prev = flight;
    let d = delay;
    for (const f of downline) {
      d = Math.max(0, d - Math.max(0, minutes(prev.arrival_time!, f.departure_time!) - TURN));
      out.set(f.flight_id!, d);
      prev = f;
    }
    return out;
  }

  /**
   * The onward flight of each connecting passenger: its connecting_flight_id when
   * the export has one, else the first departure from the arrival airport, at or
   * after the scheduled arrival and by the end of the next UTC day, of the same
   * flight number (carriers compared where both sides name one).
   */
  const onward = new Map<string, Row | undefined>();
  for (const d of disrupted.filter(connects)) {
    if (d.connecting_flight_id && flightById.has(d.connecting_flight_id)) {
      onward.set(d.passenger_id!, flightById.get(d.connecting_flight_id));
      continue;
    }
    const wanted = flightNo(d.connecting_flight_number);
    const found = flights
      .filter(
        (f) =>
          f.origin_airport === flight.destination_airport &&
          f.departure_time! >= flight.arrival_time! &&
          f.departure_time! <= endOfDay(flight.arrival_time!, 1),
      )
      .filter((f) => {
        const own = flightNo(f.flight_number);
        const carrier = own?.carrier ?? flightNo(f.flight_id!.split('-')[0])?.carrier;
        return !!wanted && own?.digits === wanted.digits && (!wanted.carrier || !carrier || wanted.carrier === carrier);
      })
      .sort((a, b) => a.departure_time!.localeCompare(b.departure_time!))[0];
    onward.set(d.passenger_id!, found);
  }
  const unresolvedSet = sorted([...onward].filter(([, f]) => !f).map(([id]) => id));

  function misconnectSet(delay: number, mct = MCT): string[] {
    const arrival = ms(flight.arrival_time!) + delay * 60000;
    return [...onward]
      .filter(([, f]) => f && (ms(f.departure_time!) - arrival) / 60000 - mct < 0)
      .map(([id]) => id)
      .sort();
  }

  /** The count the export itself gives for a scenario: a misconnecting_pax column, or "N of M connecting passengers misconnect". */
  function exportMisconnects(impact: Row): number | undefined {
    if (impact.misconnecting_pax) return Number(impact.misconnecting_pax);
    const m = /(\d+) of \d+ connecting passengers misconnect/.exec(impact.downstream_effect ?? '');
    return m ? Number(m[1]) : undefined;
  }

  function illegalCrew(delay: number): string[] {
    const perFlight = delays(delay);
    const lines = roster.filter((r) => perFlight.has(r.flight_id!));
    const byCrew = new Map<string, Row[]>();
    for (const l of lines) byCrew.set(l.crew_id!, [...(byCrew.get(l.crew_id!) ?? []), l]);
    return [...byCrew]
      .filter(([, ls]) => {
        const start = Math.min(...ls.map((l) => ms(l.duty_start!)));
        const end = Math.max(...ls.map((l) => ms(l.duty_end!) + perFlight.get(l.flight_id!)! * 60000));
        return (end - start) / 60000 > MAX_FDP;
      })
      .map(([id]) => id)
      .sort();
  }

  const SSR = new Set(['UMNR', 'WCHC', 'WCHS', 'WCHR', 'BLND', 'DEAF', 'DPNA', 'MAAS', 'MEDA', 'STCR', 'PRGN']);
  const CABIN: Record<string, number> = { FIRST: 0, BUSINESS: 1, PREMIUM_ECONOMY: 2, ECONOMY: 3 };

  /** The documented re-accommodation rule, written again here. */
  function expectedRanking(): string[] {
    return disrupted
      .filter((d) => ['PENDING', 'WAITLISTED'].includes(d.rebooking_status!))
      .map((d) => {
        const p = paxById.get(d.passenger_id!)!;
        const onwardFlight = connects(d) ? onward.get(d.passenger_id!) : undefined;
        const conn = onwardFlight ? minutes(flight.arrival_time!, onwardFlight.departure_time!) : Infinity;
        const tight = conn < 180;
        return {
          id: d.passenger_id!,
          key: [
            codes(d.ssr_codes).some((c) => SSR.has(c.toUpperCase())) ? 0 : 1,
            ({ VVIP: 0, VIP: 1 } as Record<string, number>)[categoryOf(d).toUpperCase()] ?? 2,
            tight ? 0 : 1,
            tight ? conn : 0,
            CABIN[cabinOf(d).toUpperCase().replace(/\s+/g, '_')] ?? 9,
            -Number(p.customer_value_score || 0),
          ],
        };
      })
      .sort((a, b) => {
        for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
        return a.id.localeCompare(b.id);
      })
      .map((r) => r.id);
  }

  describe(`the disruption desk on ${exp.name}`, () => {
    const { api } = sampleGateway({}, exp.table());
    const desk = async (selection: string, args = '') => {
      const r = await api.gql(`{ disruption(flightId: "${FLIGHT_ID}"${args}) { ${selection} } }`);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!.disruption;
    };

    it('1. blast radius: the flight, the grounding window, the downline, passengers, bags, cargo and crew', async () => {
      const d = await desk(`flight { flightId } aircraft { registration } groundingWindow { availabilityStatus availabilityStart availabilityEnd }
      downline { flightId } passengerCounts { total connecting needingHotel byCabin { key count } byCategory { key count } }
      bagSummary { count weightKg } cargoSummary { shipments pieces weightKg specialHandling { key count } } crewOnBoard { rosterId }`);
      expect(d.aircraft.registration).toBe(flight.aircraft_registration);
      const grounding = availability.find(
        (a) =>
          a.aircraft_registration === flight.aircraft_registration &&
          ['AOG', 'MAINT'].includes(a.availability_status!) &&
          a.availability_start! <= flight.departure_time! &&
          flight.departure_time! < a.availability_end!,
      )!;
      expect(d.groundingWindow).toEqual({
        availabilityStatus: grounding.availability_status,
        availabilityStart: grounding.availability_start,
        availabilityEnd: grounding.availability_end,
      });
      expect(d.downline.map((f: any) => f.flightId)).toEqual(downline.map((f) => f.flight_id));
      expect(d.passengerCounts).toMatchObject({
        total: disrupted.length,
        connecting: disrupted.filter(connects).length,
        needingHotel: disrupted.filter((x) => x.requires_hotel === 'Y').length,
      });
      expect(asCounts(d.passengerCounts.byCabin)).toEqual(countsOf(disrupted.map(cabinOf)));
      expect(asCounts(d.passengerCounts.byCategory)).toEqual(countsOf(disrupted.map((x) => categoryOf(x) || 'UNKNOWN')));
      const bags = bagsCsv.filter((b) => b.flight_id === FLIGHT_ID);
      expect(d.bagSummary.count).toBe(bags.length);
      expect(d.bagSummary.weightKg).toBeCloseTo(
        bags.reduce((s, b) => s + Number(b.weight_kg), 0),
        1,
      );
      const cargo = assignments.filter((a) => a.flight_id === FLIGHT_ID);
      expect(d.cargoSummary).toMatchObject({ shipments: cargo.length, pieces: cargo.reduce((s, a) => s + Number(a.pieces), 0) });
      expect(d.cargoSummary.weightKg).toBeCloseTo(
        cargo.reduce((s, a) => s + Number(a.weight_kg), 0),
        1,
      );
      const handling = cargo.flatMap((a) => codes(shipments.find((s) => s.shipment_id === a.shipment_id)!.special_handling));
      expect(asCounts(d.cargoSummary.specialHandling)).toEqual(countsOf(handling));
      expect(sorted(d.crewOnBoard.map((c: any) => c.rosterId))).toEqual(
        sorted(roster.filter((r) => r.flight_id === FLIGHT_ID).map((r) => r.roster_id)),
      );
    });

    it('2. swap options, checked: delay, seats, work orders due, flights abandoned, crew, verdict', async () => {
      const d = await desk(`swapOptions { option { aircraftRegistration } projectedDelayMinutes seatShortfall qualifiedCrew verdict reasons
      openWorkOrdersDueBeforeDeparture { workorderId } flightsAbandoned { flightId } windowAtDeparture { availabilityStatus } destinationWeather { airportCode } }`);
      expect(sorted(d.swapOptions.map((s: any) => s.option.aircraftRegistration))).toEqual(sorted(swaps.map((s) => s.aircraft_registration)));
      const groundedUntil = availability.find(
        (a) => a.aircraft_registration === flight.aircraft_registration && a.availability_status === 'AOG',
      )!.availability_end!;
      for (const s of swaps) {
        const check = d.swapOptions.find((c: any) => c.option.aircraftRegistration === s.aircraft_registration);
        const ready = s.ready_time_utc! > flight.departure_time! ? s.ready_time_utc! : flight.departure_time!;
        expect(check.projectedDelayMinutes, s.aircraft_registration).toBe(Math.max(0, minutes(flight.departure_time!, ready)));
        // seat_capacity is not a contract column: without it the shortfall is unknown, and a condition says so
        expect(check.seatShortfall).toBe(s.seat_capacity ? Math.max(0, disrupted.length - Number(s.seat_capacity)) : null);
        if (!s.seat_capacity) expect(check.reasons.join(' ')).toMatch(/seat capacity unknown/);
        expect(check.qualifiedCrew).toBe(crewMembers.filter((c) => codes(c.qualified_aircraft_types).includes(s.aircraft_type!)).length);
        const due = workOrders.filter(
          (w) =>
            w.aircraft_registration === s.aircraft_registration &&
            ['OPEN', 'IN_PROGRESS', 'DEFERRED'].includes(w.status!) &&
            w.due_at! <= flight.departure_time!,
        );
        expect(sorted(check.openWorkOrdersDueBeforeDeparture.map((w: any) => w.workorderId))).toEqual(sorted(due.map((w) => w.workorder_id)));
        // its own flights from its ready time until it could resume from the destination
        const busyUntil = iso(ms(flight.arrival_time!) + (check.projectedDelayMinutes + TURN) * 60000);
        const own = flights
          .filter((f) => f.aircraft_registration === s.aircraft_registration && f.departure_time! >= ready)
          .sort((a, b) => a.departure_time!.localeCompare(b.departure_time!));
        const abandoned: string[] = [];
        for (const f of own) {
          if (f.departure_time! >= busyUntil && f.origin_airport === flight.destination_airport) break;
          abandoned.push(f.flight_id!);
        }
        expect(check.flightsAbandoned.map((f: any) => f.flightId)).toEqual(abandoned);
        expect(check.destinationWeather?.airportCode ?? flight.destination_airport).toBe(flight.destination_airport);
        // verdict: ready no earlier than the grounded aircraft's return is a no-go; anything found otherwise is a condition
        if (ready >= groundedUntil) expect(check.verdict).toBe('NO_GO');
        else expect(check.verdict).toBe(check.reasons.length ? 'GO_WITH_CONDITIONS' : 'GO');
        expect(check.reasons.length).toBeGreaterThan(0);
      }
      // the data's NOT_FEASIBLE candidate is a NO_GO here too
      const notFeasible = swaps.find((s) => s.swap_feasibility === 'NOT_FEASIBLE')!;
      expect(d.swapOptions.find((c: any) => c.option.aircraftRegistration === notFeasible.aircraft_registration).verdict).toBe('NO_GO');
    });

    it('3. re-accommodation priority: the documented ranking, page by page, with reasons', async () => {
      const expected = expectedRanking();
      const ids: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const r: any = await api.gql(
          'query($id: ID!, $after: String) { disruption(flightId: $id) { reaccommodation(first: 40, after: $after) { totalCount nodes { rank reasons disruption { passengerId } } pageInfo { endCursor } } } }',
          { id: FLIGHT_ID, after },
        );
        const page = r.data.disruption.reaccommodation;
        total = page.totalCount;
        page.nodes.forEach((n: any, i: number) => expect(n.rank).toBe(ids.length + i + 1));
        ids.push(...page.nodes.map((n: any) => n.disruption.passengerId));
        if (ids.length === page.nodes.length) expect(page.nodes[0].reasons.join(' ')).toMatch(/EU 261\/2004 art\. 11|VVIP|VIP|tight connection/);
        after = page.pageInfo.endCursor;
      } while (after);
      expect(total).toBe(expected.length);
      expect(ids).toEqual(expected);
    });

    it("4. connections at risk: the misconnect set of each scenario, the export's own count, and the unresolved ones", async () => {
      expect(onward.size, 'the export has connecting passengers').toBeGreaterThan(0);
      for (const impact of impacts.filter((i) => i.flight_id === FLIGHT_ID)) {
        const d = await desk(`connectionsAtRisk(scenario: "${impact.scenario}") { delayMinutes connecting misconnecting unresolved
        connections { misconnects slackMinutes matchedBy unresolvedReason disruption { passengerId } onwardFlight { flightId } } }`);
        const c = d.connectionsAtRisk;
        const expected = misconnectSet(Number(impact.delay_minutes));
        expect(c.delayMinutes).toBe(Number(impact.delay_minutes));
        expect(sorted(c.connections.filter((x: any) => x.misconnects === true).map((x: any) => x.disruption.passengerId))).toEqual(expected);
        expect(c.misconnecting).toBe(expected.length);
        const own = exportMisconnects(impact);
        if (own !== undefined) expect(c.misconnecting, `${impact.scenario}: the export's own count`).toBe(own);
        // every onward flight is the one the rule finds
        for (const x of c.connections)
          expect(x.onwardFlight?.flightId, x.disruption.passengerId).toBe(onward.get(x.disruption.passengerId)?.flight_id);
        // unresolved: never a silent misconnects: false
        const unresolved = c.connections.filter((x: any) => x.onwardFlight === null);
        expect(sorted(unresolved.map((x: any) => x.disruption.passengerId))).toEqual(unresolvedSet);
        expect(c.unresolved).toBe(unresolvedSet.length);
        expect(c.connecting).toBe(disrupted.filter(connects).length);
        for (const x of unresolved) {
          expect(x).toMatchObject({ misconnects: null, slackMinutes: null, matchedBy: null });
          expect(x.unresolvedReason).toMatch(/\S/);
        }
        for (const x of c.connections.filter((y: any) => y.onwardFlight)) expect(x.unresolvedReason).toBeNull();
        const slacks = c.connections.map((x: any) => x.slackMinutes ?? Infinity);
        expect(slacks).toEqual([...slacks].sort((a: number, b: number) => a - b));
      }
      const custom = await desk('connectionsAtRisk(mctMinutes: 240) { delayMinutes misconnecting }');
      expect(custom.connectionsAtRisk.delayMinutes).toBe(0);
      expect(custom.connectionsAtRisk.misconnecting).toBe(misconnectSet(0, 240).length);
      const bad = await api.gql(`{ disruption(flightId: "${FLIGHT_ID}") { connectionsAtRisk(scenario: "NOPE") { misconnecting } } }`);
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toMatch(new RegExp(impacts[0]!.scenario!));
    });

    it('4b. the link to the onward flight follows the same rule', async () => {
      const r = await api.gql(
        `{ disruptedPassengers(filter: { flightId: "${FLIGHT_ID}", hasConnection: true }, first: 100) { nodes { passengerId connectingFlight { flightId } } } }`,
      );
      expect(r.errors).toBeUndefined();
      const nodes = r.data!.disruptedPassengers.nodes;
      expect(nodes.length).toBe(Math.min(100, disrupted.filter((x) => x.has_connection === 'Y').length));
      for (const n of nodes) expect(n.connectingFlight?.flightId, n.passengerId).toBe(onward.get(n.passengerId)?.flight_id);
    });

    it('5. crew legality under delay: who goes illegal, with the delay propagated down the rotation', async () => {
      for (const delay of [0, 120, 300, 540]) {
        const d = await desk(
          `crewLegality(delayMinutes: ${delay}) { illegalCount flights { flight { flightId } delayMinutes } crew { crewId illegal projectedFdpMinutes } }`,
        );
        const expected = illegalCrew(delay);
        expect(sorted(d.crewLegality.crew.filter((c: any) => c.illegal).map((c: any) => c.crewId)), `delay ${delay}`).toEqual(expected);
        expect(d.crewLegality.illegalCount).toBe(expected.length);
        expect(Object.fromEntries(d.crewLegality.flights.map((f: any) => [f.flight.flightId, f.delayMinutes]))).toEqual(
          Object.fromEntries(delays(delay)),
        );
      }
      const stricter = await desk('crewLegality(delayMinutes: 0, maxFdpMinutes: 480) { illegalCount }');
      expect(stricter.crewLegality.illegalCount).toBeGreaterThan(0);
      const negative = await api.gql(`{ disruption(flightId: "${FLIGHT_ID}") { crewLegality(delayMinutes: -5) { illegalCount } } }`);
      expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('6. scenario comparison: one row per scenario, consistent with the questions above', async () => {
      const d = await desk(
        'scenarios { scenario delayMinutes downlineFlightsDelayed misconnectingPassengers unresolvedConnections crewsOverLimit hotelNights priorityCargoLate }',
      );
      const ours = impacts.filter((i) => i.flight_id === FLIGHT_ID);
      expect(d.scenarios.map((s: any) => s.scenario)).toEqual(
        ours
          .slice()
          .sort((a, b) => Number(a.delay_minutes) - Number(b.delay_minutes) || a.scenario!.localeCompare(b.scenario!))
          .map((i) => i.scenario),
      );
      const hubDepartures = flights.filter((f) => f.origin_airport === flight.destination_airport);
      const priorityCargo = assignments
        .filter((a) => a.flight_id === FLIGHT_ID)
        .filter((a) => {
          const s = shipments.find((x) => x.shipment_id === a.shipment_id)!;
          return (
            ['URGENT', 'CRITICAL'].includes(s.priority!) ||
            codes(s.special_handling).some((c) => ['PER', 'AVI', 'PIL', 'HUM', 'EAT', 'FRO', 'COL', 'ICE', 'PES', 'LHO'].includes(c))
          );
        });
      for (const s of d.scenarios) {
        const delay = Number(impacts.find((i) => i.scenario === s.scenario)!.delay_minutes);
        const misconnected = misconnectSet(delay);
        // stranded overnight: no departure to the onward destination from the earliest onward time to the end of that day
        const earliest = iso(ms(flight.arrival_time!) + (delay + MCT) * 60000);
        const stranded = misconnected.filter((id) => {
          const destination = onward.get(id)!.destination_airport;
          return !hubDepartures.some(
            (f) => f.destination_airport === destination && f.departure_time! >= earliest && f.departure_time! <= endOfDay(earliest),
          );
        });
        const hotel = new Set([...disrupted.filter((x) => x.requires_hotel === 'Y').map((x) => x.passenger_id!), ...stranded]);
        expect(s).toEqual({
          scenario: s.scenario,
          delayMinutes: delay,
          downlineFlightsDelayed: [...delays(delay)].filter(([id, v]) => id !== FLIGHT_ID && v > 0).length,
          misconnectingPassengers: misconnected.length,
          unresolvedConnections: unresolvedSet.length,
          crewsOverLimit: illegalCrew(delay).length,
          hotelNights: hotel.size,
          priorityCargoLate: delay > 0 ? priorityCargo.length : 0,
        });
      }
      // the story: each longer scenario is worse
      const misconnects = d.scenarios.map((s: any) => s.misconnectingPassengers);
      expect(misconnects).toEqual([...misconnects].sort((a: number, b: number) => a - b));
    });

    it('7. when the grounded aircraft is back: AOG window, open work orders and the staff on them', async () => {
      const r =
        await api.gql(`{ aircraftReturn(registration: "${flight.aircraft_registration}") { estimatedReturnToService groundingWindow { availabilityEnd }
      openWorkOrders { workOrder { workorderId ataChapter dueAt } staff { staff { staffId } } } } }`);
      const a = r.data!.aircraftReturn;
      const open = workOrders.filter(
        (w) => w.aircraft_registration === flight.aircraft_registration && ['OPEN', 'IN_PROGRESS', 'DEFERRED'].includes(w.status!),
      );
      expect(sorted(a.openWorkOrders.map((o: any) => o.workOrder.workorderId))).toEqual(sorted(open.map((w) => w.workorder_id)));
      const shifts = rows('maintenance_roster.csv');
      for (const o of a.openWorkOrders) {
        expect(sorted(o.staff.map((s: any) => s.staff.staffId))).toEqual(
          sorted(shifts.filter((s) => s.workorder_id === o.workOrder.workorderId).map((s) => s.staff_id)),
        );
      }
      const aog = availability.filter((x) => x.aircraft_registration === flight.aircraft_registration && x.availability_status === 'AOG').at(-1)!;
      expect(a.groundingWindow.availabilityEnd).toBe(aog.availability_end);
      expect(a.estimatedReturnToService >= aog.availability_end!).toBe(true);
      expect((await api.gql('{ aircraftReturn(registration: "A6-NONE") { registration } }')).data!.aircraftReturn).toBeNull();
    });

    it('8. MEL and weather dispatch check: every active-MEL flight in the window, with its rectification deadline', async () => {
      const from = `${DAY}T00:00:00Z`;
      const to = `${DAY}T23:59:59Z`;
      const r = await api.gql(
        `{ dispatchRisks(from: "${from}", to: "${to}") { flight { flightId melCategory } risk reasons melDeferredAt melRectificationDeadline originWeather { airportCode } } }`,
      );
      expect(r.errors).toBeUndefined();
      const expected = flights.filter((f) => f.mel_status === 'ACTIVE' && f.departure_time! >= from && f.departure_time! <= to);
      expect(sorted(r.data!.dispatchRisks.map((x: any) => x.flight.flightId))).toEqual(sorted(expected.map((f) => f.flight_id)));
      const days: Record<string, number> = { B: 3, C: 10, D: 120 };
      for (const x of r.data!.dispatchRisks) {
        const f = flightById.get(x.flight.flightId)!;
        const wo = workOrders.find((w) => w.aircraft_registration === f.aircraft_registration && w.mel_item === f.mel_item);
        const deadline = wo && days[f.mel_category!] ? iso(ms(wo.opened_at!) + days[f.mel_category!]! * 86_400_000) : null;
        expect(x.melRectificationDeadline, f.flight_id).toBe(deadline);
        expect(['HIGH', 'MEDIUM', 'LOW']).toContain(x.risk);
      }
      const levels = r.data!.dispatchRisks.map((x: any) => ({ HIGH: 0, MEDIUM: 1, LOW: 2 })[x.risk as 'HIGH']);
      expect(levels).toEqual([...levels].sort());
    });

    it('9-10. care logistics and the VIP watchlist', async () => {
      const d = await desk(
        'care { hotelPassengers hotelRooms { cabin passengers bookings } meals { key count } languages { key count } mealVouchersIssued mealVoucherStatusUnknown } watchlist { category isInfluencer disruption { passengerId } }',
      );
      const hotel = disrupted.filter((x) => x.requires_hotel === 'Y');
      expect(d.care.hotelPassengers).toBe(hotel.length);
      for (const room of d.care.hotelRooms) {
        const inCabin = hotel.filter((x) => cabinOf(x) === room.cabin);
        expect(room.passengers).toBe(inCabin.length);
        expect(room.bookings).toBe(new Set(inCabin.map((x) => paxById.get(x.passenger_id!)!.pnr)).size);
      }
      // meal_voucher_issued is not a contract column: unknown where an export lacks it, never 0
      const known = disrupted.filter((x) => x.meal_voucher_issued);
      expect(d.care.mealVoucherStatusUnknown).toBe(disrupted.length - known.length);
      expect(d.care.mealVouchersIssued).toBe(known.length ? known.filter((x) => x.meal_voucher_issued === 'Y').length : null);
      expect(asCounts(d.care.meals)).toEqual(countsOf(disrupted.map((x) => paxById.get(x.passenger_id!)!.meal_preference!)));
      expect(asCounts(d.care.languages)).toEqual(countsOf(disrupted.map((x) => paxById.get(x.passenger_id!)!.preferred_language!)));
      const watched = disrupted.filter(
        (x) => ['VIP', 'VVIP'].includes(categoryOf(x).toUpperCase()) || paxById.get(x.passenger_id!)!.is_influencer === 'Y',
      );
      expect(sorted(d.watchlist.map((w: any) => w.disruption.passengerId))).toEqual(sorted(watched.map((x) => x.passenger_id)));
      const order = d.watchlist.map((w: any) => ({ VVIP: 0, VIP: 1 })[w.category as 'VIP'] ?? 2);
      expect(order).toEqual([...order].sort());
    });

    it('11-12. cargo re-protection and the bags to move', async () => {
      const d = await desk(
        'cargo { shipments { assignment { assignmentId } priorityCargo } laterFlights { flightId } } bags { count byStatus { key count } bags { baggageTag } }',
      );
      expect(sorted(d.cargo.shipments.map((s: any) => s.assignment.assignmentId))).toEqual(
        sorted(assignments.filter((a) => a.flight_id === FLIGHT_ID).map((a) => a.assignment_id)),
      );
      const flags = d.cargo.shipments.map((s: any) => s.priorityCargo);
      expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
      const later = flights.filter(
        (f) =>
          f.origin_airport === flight.origin_airport &&
          f.destination_airport === flight.destination_airport &&
          f.departure_time! > flight.departure_time! &&
          f.departure_time!.slice(0, 10) === flight.departure_time!.slice(0, 10),
      );
      expect(d.cargo.laterFlights.map((f: any) => f.flightId)).toEqual(
        later.sort((a, b) => a.departure_time!.localeCompare(b.departure_time!)).map((f) => f.flight_id),
      );
      if (exp.sampleStory) expect(later.length).toBeGreaterThanOrEqual(2);
      const ids = new Set(disrupted.map((x) => x.passenger_id));
      const bags = bagsCsv.filter((b) => b.flight_id === FLIGHT_ID && ids.has(b.passenger_id));
      expect(sorted(d.bags.bags.map((b: any) => b.baggageTag))).toEqual(sorted(bags.map((b) => b.baggage_tag)));
      expect(asCounts(d.bags.byStatus)).toEqual(countsOf(bags.map((b) => b.status!)));
    });

    it('13. standby crew: qualified on the type, at the base, with no duty in the window', async () => {
      const window = { from: `${DAY}T10:00:00Z`, to: `${DAY}T20:00:00Z` };
      const [base, type] = [flight.destination_airport!, flight.aircraft_type!];
      const r = await api.gql(`{ standbyCrew(base: "${base}", aircraftType: "${type}", from: "${window.from}", to: "${window.to}") { crewId } }`);
      const expected = crewMembers.filter(
        (c) =>
          c.base === base &&
          codes(c.qualified_aircraft_types).includes(type) &&
          !roster.some((l) => l.crew_id === c.crew_id && l.duty_start! < window.to && l.duty_end! > window.from),
      );
      if (exp.sampleStory) expect(expected.length).toBeGreaterThan(0);
      expect(sorted(r.data!.standbyCrew.map((c: any) => c.crewId))).toEqual(sorted(expected.map((c) => c.crew_id)));
    });

    it('14. weather watch: airports with an operational impact, and the flights touching them', async () => {
      const from = `${DAY}T06:00:00Z`;
      const hours = 6;
      const to = iso(ms(from) + hours * 3_600_000);
      const r = await api.gql(
        `{ weatherWatch(from: "${from}", hours: ${hours}) { airportCode forecasts { forecastTimeZulu } flights { flightId } } }`,
      );
      const impacted = weather.filter(
        (w) => !['', 'NONE'].includes(w.operational_impact!) && w.forecast_time_zulu! >= from && w.forecast_time_zulu! <= to,
      );
      expect(sorted(r.data!.weatherWatch.map((a: any) => a.airportCode))).toEqual(sorted([...new Set(impacted.map((w) => w.airport_code))]));
      for (const a of r.data!.weatherWatch) {
        const touching = flights.filter(
          (f) =>
            (f.origin_airport === a.airportCode && f.departure_time! >= from && f.departure_time! <= to) ||
            (f.destination_airport === a.airportCode && f.arrival_time! >= from && f.arrival_time! <= to),
        );
        expect(sorted(a.flights.map((f: any) => f.flightId)), a.airportCode).toEqual(sorted(touching.map((f) => f.flight_id)));
      }
    });

    it('15. recovery progress: by status and cabin, and who is still unresolved', async () => {
      const d = await desk(
        'progress { total resolved byStatus { key count } byStatusAndCabin { status cabin count } unresolvedVvip { passengerId } unresolvedConnecting { passengerId } }',
      );
      const unresolved = disrupted.filter((x) => ['PENDING', 'WAITLISTED'].includes(x.rebooking_status!));
      expect(d.progress.total).toBe(disrupted.length);
      expect(d.progress.resolved).toBe(disrupted.length - unresolved.length);
      expect(asCounts(d.progress.byStatus)).toEqual(countsOf(disrupted.map((x) => x.rebooking_status!)));
      expect(Object.fromEntries(d.progress.byStatusAndCabin.map((x: any) => [`${x.status}|${x.cabin}`, x.count]))).toEqual(
        countsOf(disrupted.map((x) => `${x.rebooking_status}|${cabinOf(x)}`)),
      );
      expect(sorted(d.progress.unresolvedVvip.map((x: any) => x.passengerId))).toEqual(
        sorted(unresolved.filter((x) => categoryOf(x).toUpperCase() === 'VVIP').map((x) => x.passenger_id)),
      );
      expect(sorted(d.progress.unresolvedConnecting.map((x: any) => x.passengerId))).toEqual(
        sorted(unresolved.filter(connects).map((x) => x.passenger_id)),
      );
    });

    it('answers null for an unknown flight, and refuses bad arguments', async () => {
      expect((await api.gql('{ disruption(flightId: "NOPE") { flightId } }')).data!.disruption).toBeNull();
      for (const q of [
        '{ weatherWatch(from: "2026-03-15T06:00:00Z", hours: 0) { airportCode } }',
        '{ weatherWatch(from: "soon", hours: 3) { airportCode } }',
        '{ standbyCrew(base: "AUH", aircraftType: "B777-300ER", from: "2026-03-15T20:00:00Z", to: "2026-03-15T10:00:00Z") { crewId } }',
        `{ disruption(flightId: "${FLIGHT_ID}") { scenarios(mctMinutes: -1) { scenario } } }`,
        `{ disruption(flightId: "${FLIGHT_ID}") { reaccommodation(first: 500) { totalCount } } }`,
      ]) {
        const r = await api.gql(q);
        expect(r.errors?.[0]?.extensions?.code, q).toBe('BAD_USER_INPUT');
      }
    });

    describe('DynamoDB calls', () => {
      const FULL_VIEW = `query($id: ID!, $scenario: String) { disruption(flightId: $id) { flightId flight { flightNumber } aircraft { registration } groundingWindow { availabilityStatus }
      downline { flightNumber } passengerCounts { total } bagSummary { count } cargoSummary { shipments } crewOnBoard { crewMember { rank } }
      swapOptions { verdict destinationWeather { condition } aircraft { registration } } reaccommodation(first: 100) { totalCount nodes { passenger { firstName } } }
      connectionsAtRisk(scenario: $scenario) { misconnecting connections { onwardFlight { flightNumber } } } crewLegality(delayMinutes: 120) { illegalCount crew { crewMember { rank } } }
      scenarios { scenario hotelNights } care { hotelPassengers } watchlist { category passenger { seatNumber } } cargo { laterFlights { flightNumber } shipments { shipment { awbNumber } } }
      bags { count } progress { total unresolvedVvip { passengerId } } } }`;

      it('the whole disruption view of the widebody (346 passengers) stays within a few dozen calls', async () => {
        const { calls, data } = await callsOf(api, FULL_VIEW, { id: FLIGHT_ID, scenario: impacts[0]!.scenario });
        expect(data.disruption.passengerCounts.total).toBe(disrupted.length);
        const total = Object.values(calls).reduce((a, b) => a + b, 0);
        expect(calls.Scan).toBeUndefined();
        expect(total).toBeLessThanOrEqual(36);
      });

      it.runIf(exp.sampleStory)('the passenger questions cost the same calls for 346 passengers as for a handful', async () => {
        const PASSENGER_PARTS = `query($id: ID!) { disruption(flightId: $id) { passengerCounts { total } care { hotelPassengers } watchlist { category }
        progress { total } bags { count } reaccommodation(first: 100, includeResolved: true) { totalCount } connectionsAtRisk { connecting } } }`;
        const big = await callsOf(api, PASSENGER_PARTS, { id: FLIGHT_ID });
        // Another flight: no disrupted passengers at all
        const other = flights.find((f) => f.flight_id !== FLIGHT_ID && f.destination_airport === 'AUH')!;
        const small = await callsOf(api, PASSENGER_PARTS, { id: other.flight_id });
        expect(big.data.disruption.passengerCounts.total).toBe(346);
        expect(small.data.disruption.passengerCounts.total).toBe(0);
        // disrupted list, passengers and bags: one Query each; onward flights and the flight: BatchGetItem,
        // or, without connecting_flight_id, one Query of the hub's departures for every connection
        const byNumber = disrupted.some((x) => connects(x) && !x.connecting_flight_id);
        expect(small.calls.Query).toBe(3);
        expect(big.calls.Query).toBe(byNumber ? 4 : 3);
        expect(big.calls.BatchGetItem).toBeLessThanOrEqual(3);
      });
    });
  });
}

for (const exp of EXPORTS) deskSuite(exp);
