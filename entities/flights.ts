import { defineEntity, k, upper } from './define.js';

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
  },
  key: ['flight_id'],
  primaryKey: ({ flight_id }) => ({ pk: k('FLT', flight_id), sk: 'FLT' }),
  indexes: {
    // An aircraft's flights in departure order (its rotation).
    gsi1: (r) => (r.aircraft_registration ? { pk: k('AC', r.aircraft_registration), sk: k('FLT', r.departure_time, r.flight_id) } : undefined),
    // Flights from an origin, by destination then departure: origin + destination
    // (and "later flights on the same route") is one key condition.
    gsi2: (r) =>
      r.origin_airport ? { pk: k('ORIG', upper(r.origin_airport)), sk: k(upper(r.destination_airport), r.departure_time, r.flight_id) } : undefined,
    // Flights into a destination, by arrival.
    gsi3: (r) => (r.destination_airport ? { pk: k('DEST', upper(r.destination_airport)), sk: k(r.arrival_time, r.flight_id) } : undefined),
    // Flights by MEL status (ACTIVE / NONE), by departure.
    gsi4: (r) => (r.mel_status ? { pk: k('MEL', upper(r.mel_status)), sk: k(r.departure_time, r.flight_id) } : undefined),
    // Every flight, by departure.
    gsi5: (r) => ({ pk: 'FLTLIST', sk: k(r.departure_time, r.flight_id) }),
    // Departures from an origin by time, whatever the destination: a connecting
    // passenger's onward flight is found among the hub's departures in a window
    // after the inbound arrival (the export names it by number, not by id).
    gsi6: (r) => (r.origin_airport && r.departure_time ? { pk: k('DEP', upper(r.origin_airport)), sk: k(r.departure_time, r.flight_id) } : undefined),
  },
  belongsTo: [{ parent: 'Aircraft', column: 'aircraft_registration', as: 'flights' }],
});
