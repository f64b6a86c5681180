import { afterAll, describe, expect, it } from 'vitest';
import { ACCESS_PATTERNS, allPassengers, type AccessPatternName, type KeyCondition } from '../entities/access-patterns.js';
import { queryAll } from '../db/query.js';
import { ENTITIES } from '../entities/index.js';
import { flagOf, sampleRows } from './csv-oracle.js';
import { captureCommands, sampleDb, type SentCommand } from './helpers.js';

type Row = Record<string, string>;
interface Case {
  readonly condition: KeyCondition;
  /** The CSV the expected rows come from, the filter that selects them, and the id column. */
  readonly file: string;
  readonly expected: (row: Row) => boolean;
  readonly id: string;
}

const flights = sampleRows('flights.csv');
const disrupted = sampleRows('disrupted_passengers.csv');
const bookings = sampleRows('bookings.csv');
const baggage = sampleRows('baggage.csv');
const roster = sampleRows('crew_roster.csv');
const cargo = sampleRows('cargo_flight_assignments.csv');
const workOrders = sampleRows('maintenance_work_orders.csv');
const maintenanceRoster = sampleRows('maintenance_roster.csv');
const weather = sampleRows('weather.csv');

const disruptedFlight = flights.find((f) => f.flight_id === disrupted[0]!.flight_id)!;
const registration = disruptedFlight.aircraft_registration!;
const paxWithBooking = bookings[0]!.passenger_id!;
const paxWithBag = baggage[0]!.passenger_id!;
const crewId = roster[0]!.crew_id!;
const staffId = maintenanceRoster[0]!.staff_id!;
const workorderId = maintenanceRoster[0]!.workorder_id!;
const shipmentId = cargo[0]!.shipment_id!;
const woAircraft = workOrders[0]!.aircraft_registration!;
const groundedAircraft = sampleRows('aircraft_availability.csv').find((r) => r.availability_status === 'AOG')!.aircraft_registration!;
const day = weather.map((w) => w.forecast_time_zulu!).sort();
const [from, to] = [day[3]!, day[10]!];
const upper = (s: string | undefined) => (s ?? '').toUpperCase();
const noImpact = ['', 'NONE', 'NIL', 'NO', 'N/A', 'NA', '-'];

const CASES: Record<Exclude<AccessPatternName, 'passengerListShard'>, Case> = {
  passengersOfFlight: {
    condition: ACCESS_PATTERNS.passengersOfFlight(disruptedFlight.flight_id!),
    file: 'passengers.csv',
    id: 'passenger_id',
    expected: (r) => r.flight_id === disruptedFlight.flight_id,
  },
  passengersByCategory: {
    condition: ACCESS_PATTERNS.passengersByCategory('VIP'),
    file: 'passengers.csv',
    id: 'passenger_id',
    expected: (r) => upper(r.passenger_category) === 'VIP',
  },
  influencers: {
    condition: ACCESS_PATTERNS.influencers(),
    file: 'passengers.csv',
    id: 'passenger_id',
    expected: (r) => flagOf(r.is_influencer) === true,
  },
  availabilityOfAircraftEndingFrom: {
    condition: ACCESS_PATTERNS.availabilityOfAircraftEndingFrom(registration, '2026-03-15T12:00:00Z'),
    file: 'aircraft_availability.csv',
    id: 'availability_start',
    expected: (r) => r.aircraft_registration === registration && (r.availability_end || '9999') >= '2026-03-15T12:00:00Z',
  },
  groundedWindowsOfAircraft: {
    condition: ACCESS_PATTERNS.groundedWindowsOfAircraft(groundedAircraft),
    file: 'aircraft_availability.csv',
    id: 'availability_start',
    expected: (r) => r.aircraft_registration === groundedAircraft && ['AOG', 'MAINT'].includes(upper(r.availability_status)),
  },
  openWorkOrdersOfAircraft: {
    condition: ACCESS_PATTERNS.openWorkOrdersOfAircraft(woAircraft),
    file: 'maintenance_work_orders.csv',
    id: 'workorder_id',
    expected: (r) => r.aircraft_registration === woAircraft && ['OPEN', 'IN_PROGRESS', 'DEFERRED'].includes(upper(r.status)),
  },
  flightsOfAircraft: {
    condition: ACCESS_PATTERNS.flightsOfAircraft(registration),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.aircraft_registration === registration,
  },
  flightsFromOrigin: {
    condition: ACCESS_PATTERNS.flightsFromOrigin(disruptedFlight.origin_airport!, disruptedFlight.destination_airport),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.origin_airport === disruptedFlight.origin_airport && r.destination_airport === disruptedFlight.destination_airport,
  },
  departuresFromOriginBetween: {
    condition: ACCESS_PATTERNS.departuresFromOriginBetween('AUH', '2026-03-15T12:00:00Z', '2026-03-15T18:00:00Z'),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.origin_airport === 'AUH' && r.departure_time! >= '2026-03-15T12:00:00Z' && r.departure_time! <= '2026-03-15T18:00:00Z',
  },
  flightsToDestination: {
    condition: ACCESS_PATTERNS.flightsToDestination('AUH'),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.destination_airport === 'AUH',
  },
  flightsWithActiveMel: {
    condition: ACCESS_PATTERNS.flightsWithActiveMel(),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.mel_status === 'ACTIVE',
  },
  weatherOfAirport: {
    condition: ACCESS_PATTERNS.weatherOfAirport('AUH', from, to),
    file: 'weather.csv',
    id: 'forecast_time_zulu',
    expected: (r) => r.airport_code === 'AUH' && r.forecast_time_zulu! >= from && r.forecast_time_zulu! <= to,
  },
  weatherWithImpact: {
    condition: ACCESS_PATTERNS.weatherWithImpact(from, to),
    file: 'weather.csv',
    id: 'forecast_time_zulu',
    expected: (r) => !noImpact.includes(upper(r.operational_impact)) && r.forecast_time_zulu! >= from && r.forecast_time_zulu! <= to,
  },
  availabilityOfAircraft: {
    condition: ACCESS_PATTERNS.availabilityOfAircraft(registration),
    file: 'aircraft_availability.csv',
    id: 'availability_start',
    expected: (r) => r.aircraft_registration === registration,
  },
  availabilityByStatus: {
    condition: ACCESS_PATTERNS.availabilityByStatus('AOG'),
    file: 'aircraft_availability.csv',
    id: 'aircraft_registration',
    expected: (r) => r.availability_status === 'AOG',
  },
  workOrdersOfAircraft: {
    condition: ACCESS_PATTERNS.workOrdersOfAircraft(woAircraft),
    file: 'maintenance_work_orders.csv',
    id: 'workorder_id',
    expected: (r) => r.aircraft_registration === woAircraft,
  },
  workOrdersByStatus: {
    condition: ACCESS_PATTERNS.workOrdersByStatus('OPEN'),
    file: 'maintenance_work_orders.csv',
    id: 'workorder_id',
    expected: (r) => r.status === 'OPEN',
  },
  bookingsOfPassenger: {
    condition: ACCESS_PATTERNS.bookingsOfPassenger(paxWithBooking),
    file: 'bookings.csv',
    id: 'booking_id',
    expected: (r) => r.passenger_id === paxWithBooking,
  },
  baggageOfPassenger: {
    condition: ACCESS_PATTERNS.baggageOfPassenger(paxWithBag),
    file: 'baggage.csv',
    id: 'baggage_tag',
    expected: (r) => r.passenger_id === paxWithBag,
  },
  bookingsOfFlight: {
    condition: ACCESS_PATTERNS.bookingsOfFlight(disruptedFlight.flight_id!),
    file: 'bookings.csv',
    id: 'booking_id',
    expected: (r) => r.flight_id === disruptedFlight.flight_id,
  },
  baggageOfFlight: {
    condition: ACCESS_PATTERNS.baggageOfFlight(disruptedFlight.flight_id!),
    file: 'baggage.csv',
    id: 'baggage_tag',
    expected: (r) => r.flight_id === disruptedFlight.flight_id,
  },
  crewOfFlight: {
    condition: ACCESS_PATTERNS.crewOfFlight(disruptedFlight.flight_id!),
    file: 'crew_roster.csv',
    id: 'roster_id',
    expected: (r) => r.flight_id === disruptedFlight.flight_id,
  },
  cargoOfFlight: {
    condition: ACCESS_PATTERNS.cargoOfFlight(disruptedFlight.flight_id!),
    file: 'cargo_flight_assignments.csv',
    id: 'assignment_id',
    expected: (r) => r.flight_id === disruptedFlight.flight_id,
  },
  impactsOfFlight: {
    condition: ACCESS_PATTERNS.impactsOfFlight(disruptedFlight.flight_id!),
    file: 'inbound_flight_impact.csv',
    id: 'scenario',
    expected: (r) => r.flight_id === disruptedFlight.flight_id,
  },
  assignmentsOfShipment: {
    condition: ACCESS_PATTERNS.assignmentsOfShipment(shipmentId),
    file: 'cargo_flight_assignments.csv',
    id: 'assignment_id',
    expected: (r) => r.shipment_id === shipmentId,
  },
  rosterOfCrewMember: {
    condition: ACCESS_PATTERNS.rosterOfCrewMember(crewId),
    file: 'crew_roster.csv',
    id: 'roster_id',
    expected: (r) => r.crew_id === crewId,
  },
  crewAtBase: { condition: ACCESS_PATTERNS.crewAtBase('AUH'), file: 'crew_members.csv', id: 'crew_id', expected: (r) => r.base === 'AUH' },
  rosterOfMaintenanceStaff: {
    condition: ACCESS_PATTERNS.rosterOfMaintenanceStaff(staffId),
    file: 'maintenance_roster.csv',
    id: 'roster_id',
    expected: (r) => r.staff_id === staffId,
  },
  rosterOfWorkOrder: {
    condition: ACCESS_PATTERNS.rosterOfWorkOrder(workorderId),
    file: 'maintenance_roster.csv',
    id: 'roster_id',
    expected: (r) => r.workorder_id === workorderId,
  },
  disruptedOfFlight: {
    condition: ACCESS_PATTERNS.disruptedOfFlight(disruptedFlight.flight_id!, true, true),
    file: 'disrupted_passengers.csv',
    id: 'passenger_id',
    expected: (r) => r.flight_id === disruptedFlight.flight_id && r.has_connection === 'Y' && r.requires_hotel === 'Y',
  },
  connectingDisrupted: {
    condition: ACCESS_PATTERNS.connectingDisrupted(),
    file: 'disrupted_passengers.csv',
    id: 'passenger_id',
    expected: (r) => r.has_connection === 'Y',
  },
  disruptedNeedingHotel: {
    condition: ACCESS_PATTERNS.disruptedNeedingHotel(),
    file: 'disrupted_passengers.csv',
    id: 'passenger_id',
    expected: (r) => r.requires_hotel === 'Y',
  },
  disruptedByRebookingStatus: {
    condition: ACCESS_PATTERNS.disruptedByRebookingStatus('PENDING'),
    file: 'disrupted_passengers.csv',
    id: 'passenger_id',
    expected: (r) => r.rebooking_status === 'PENDING',
  },
  flightsDepartingBetween: {
    condition: ACCESS_PATTERNS.flightsDepartingBetween('2026-03-15T10:00:00Z', '2026-03-15T14:00:00Z'),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.departure_time! >= '2026-03-15T10:00:00Z' && r.departure_time! <= '2026-03-15T14:00:00Z',
  },
  melFlightsDepartingBetween: {
    condition: ACCESS_PATTERNS.melFlightsDepartingBetween('2026-03-15T00:00:00Z', '2026-03-15T23:59:59Z'),
    file: 'flights.csv',
    id: 'flight_id',
    expected: (r) => r.mel_status === 'ACTIVE' && r.departure_time! <= '2026-03-15T23:59:59Z',
  },
  allCrewMembers: { condition: ACCESS_PATTERNS.allCrewMembers(), file: 'crew_members.csv', id: 'crew_id', expected: () => true },
  allFlights: { condition: ACCESS_PATTERNS.allFlights(), file: 'flights.csv', id: 'flight_id', expected: () => true },
  allDisruptedPassengers: {
    condition: ACCESS_PATTERNS.allDisruptedPassengers(),
    file: 'disrupted_passengers.csv',
    id: 'passenger_id',
    expected: () => true,
  },
  allSwapOptions: {
    condition: ACCESS_PATTERNS.allSwapOptions(),
    file: 'aircraft_swap_options.csv',
    id: 'aircraft_registration',
    expected: () => true,
  },
  // A window of departures: a scenario's day is its flight's departure (flights.csv), not anything in its own row.
  allInboundImpacts: {
    condition: ACCESS_PATTERNS.allInboundImpacts(disruptedFlight.departure_time!, disruptedFlight.departure_time!),
    file: 'inbound_flight_impact.csv',
    id: 'scenario',
    expected: (r) => flights.find((f) => f.flight_id === r.flight_id)?.departure_time === disruptedFlight.departure_time,
  },
};

describe('access patterns on the sample', () => {
  const db = sampleDb();
  const sent: SentCommand[] = captureCommands(db);
  afterAll(() => db.destroy());

  it('lists every passenger over the listing shards, each shard a Query on the table itself (no index entry per passenger)', async () => {
    sent.length = 0;
    const ids: string[] = [];
    for (const condition of allPassengers()) ids.push(...(await queryAll(db, condition)).map((i) => String(i.passenger_id)));
    expect(sent.length).toBeGreaterThanOrEqual(allPassengers().length);
    expect(sent.every((c) => c.operation === 'Query' && c.input.IndexName === undefined)).toBe(true);
    expect(ids.sort()).toEqual(
      sampleRows('passengers.csv')
        .map((r) => r.passenger_id)
        .sort(),
    );
  });

  it('covers every declared pattern', () => {
    expect(Object.keys(CASES).sort()).toEqual(
      Object.keys(ACCESS_PATTERNS)
        .filter((name) => name !== 'passengerListShard')
        .sort(),
    );
  });

  it('declares each pattern name once across the entities (none shadows another)', () => {
    const declared = ENTITIES.flatMap((model) => Object.keys(model.patterns as object));
    expect(declared.length).toBe(new Set(declared).size);
    expect(declared.sort()).toEqual(Object.keys(ACCESS_PATTERNS).sort());
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: a Query on ${c.condition.index} returns exactly the matching rows`, async () => {
      sent.length = 0;
      const items = await queryAll(db, c.condition);
      expect(sent.length).toBeGreaterThan(0);
      for (const command of sent) {
        expect(command.operation).toBe('Query');
        expect(command.input.IndexName).toBe(c.condition.index === 'table' ? undefined : c.condition.index);
        expect(command.input.FilterExpression).toBeUndefined();
      }
      const expected = sampleRows(c.file)
        .filter(c.expected)
        .map((r) => r[c.id])
        .sort();
      expect(expected.length, `${name} has rows in the sample`).toBeGreaterThan(0);
      expect(items.every((i) => i._et === c.condition.entity.name)).toBe(true);
      expect(items.map((i) => String(i[c.id])).sort()).toEqual(expected);
    });
  }
});
