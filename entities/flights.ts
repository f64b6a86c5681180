import { between, col, defineEntity, upperCol, type LinkTarget } from './define.js';
import { aircraftLink } from './aircraft.js';

/** Flights of the day; upline/downline link an aircraft's rotation. */
export const Flights = defineEntity({
  name: 'Flights',
  typeName: 'Flight',
  file: 'flights.csv',
  columns: {
    flight_id: 'string',
    flight_number: 'string',
    aircraft_type: 'string',
    aircraft_registration: 'string',
    origin_airport: 'string',
    destination_airport: 'string',
    departure_time: 'datetime',
    arrival_time: 'datetime',
    flight_status: 'string',
    mel_status: 'string',
    mel_category: 'string',
    mel_item: 'string',
    upline_flight_id: 'string',
    upline_flight_number: 'string',
    downline_flight_id: 'string',
    downline_flight_number: 'string',
    departure_gate: 'string',
    // Outside the contract: set by delayFlight (README, "Acting on a disruption"); the desk
    // projects from them where they exist.
    estimated_departure_time: 'datetime',
    estimated_arrival_time: 'datetime',
    delay_minutes: 'integer',
    delay_reason: 'string',
  },
  key: ['flight_id'],
  table: { pk: ['FLT', col('flight_id')], sk: ['FLT'] },
  indexes: {
    // An aircraft's flights in departure order (its rotation).
    gsi1: {
      pk: ['AC', col('aircraft_registration')],
      sk: ['FLT', col('departure_time'), col('flight_id')],
      patterns: {
        flightsOfAircraft: (registration: string, departureFrom?: string, departureTo?: string) => ({
          aircraft_registration: registration,
          departure_time: departureFrom || departureTo ? between(departureFrom, departureTo) : undefined,
        }),
      },
    },
    // Flights from an origin, by destination then departure: origin + destination
    // (and "later flights on the same route") is one key condition.
    gsi2: {
      pk: ['ORIG', upperCol('origin_airport')],
      sk: [upperCol('destination_airport'), col('departure_time'), col('flight_id')],
      patterns: {
        flightsFromOrigin: (origin: string, destination?: string, departureRange?: readonly [string, string]) => ({
          origin_airport: origin,
          destination_airport: destination,
          departure_time: destination && departureRange ? between(departureRange[0], departureRange[1]) : undefined,
        }),
      },
    },
    // Flights into a destination, by arrival.
    gsi3: {
      pk: ['DEST', upperCol('destination_airport')],
      sk: [col('arrival_time'), col('flight_id')],
      patterns: { flightsToDestination: (destination: string) => ({ destination_airport: destination }) },
    },
    // Sparse: flights flying with an active MEL item, by departure (NONE is nearly every flight).
    gsi4: {
      pk: ['MEL', upperCol('mel_status')],
      sk: [col('departure_time'), col('flight_id')],
      only: { mel_status: 'ACTIVE' },
      patterns: {
        flightsWithActiveMel: () => ({ mel_status: 'ACTIVE' }),
        melFlightsDepartingBetween: (from: string, to: string) => ({ mel_status: 'ACTIVE', departure_time: between(from, to) }),
      },
    },
    // Every flight, by departure.
    gsi5: {
      pk: ['FLTLIST'],
      sk: [col('departure_time'), col('flight_id')],
      patterns: {
        allFlights: () => ({}),
        flightsDepartingBetween: (from: string, to: string) => ({ departure_time: between(from, to) }),
      },
    },
    // Departures from an origin by time, whatever the destination: a connecting
    // passenger's onward flight is found among the hub's departures in a window
    // after the inbound arrival (the export names it by number, not by id).
    gsi6: {
      pk: ['DEP', upperCol('origin_airport')],
      sk: [col('departure_time'), col('flight_id')],
      requires: ['departure_time'],
      patterns: {
        departuresFromOriginBetween: (origin: string, from: string, to: string) => ({ origin_airport: origin, departure_time: between(from, to) }),
      },
    },
  },
  links: [
    aircraftLink({
      cardinality: 'many',
      as: 'flights',
      pattern: 'flightsOfAircraft',
      graphql: 'list',
      orderBy: 'departure_time',
      window: { start: 'departure_time' },
      description: 'Flights of the aircraft departing in [from, to] (default: the operating day), by departure (its rotation).',
    }),
    { field: 'upline', to: (): LinkTarget => Flights, column: 'upline_flight_id', description: "The same aircraft's previous flight." },
    { field: 'downline', to: (): LinkTarget => Flights, column: 'downline_flight_id', description: "The same aircraft's next flight." },
  ],
});
