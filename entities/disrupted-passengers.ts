import { defineEntity, k, upper } from './define.js';

/**
 * A passenger's disruption record. It shares the passenger's partition
 * (`PAX#<id>`), so a passenger and their disruption are one item collection.
 */
export const DisruptedPassengers = defineEntity({
  name: 'DisruptedPassengers',
  typeName: 'DisruptedPassenger',
  file: 'disrupted_passengers.csv',
  columns: {
    passenger_id: 'string',
    flight_id: 'string',
    has_connection: 'flag',
    connecting_flight_number: 'string',
    connecting_flight_id: 'string',
    requires_hotel: 'flag',
    rebooking_status: 'string',
    priority: 'string',
    ssr_codes: 'list',
    cabin_class: 'string',
    passenger_category: 'string',
    final_destination: 'string',
    rebooked_flight_id: 'string',
    meal_voucher_issued: 'flag',
    notes: 'string',
  },
  key: ['passenger_id'],
  primaryKey: ({ passenger_id }) => ({ pk: k('PAX', passenger_id), sk: 'DISRUPTION' }),
  indexes: {
    // Disrupted passengers of a flight; connection then hotel lead the sort key.
    gsi1: (r) => (r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('DPAX', r.has_connection, r.requires_hotel, r.passenger_id) } : undefined),
    // By connection (Y/N), then hotel need.
    gsi2: (r) => (r.has_connection === undefined ? undefined : { pk: k('DPAXCONN', r.has_connection), sk: k(r.requires_hotel, r.passenger_id) }),
    // By hotel need (Y/N).
    gsi3: (r) => (r.requires_hotel === undefined ? undefined : { pk: k('DPAXHOTEL', r.requires_hotel), sk: r.passenger_id! }),
    // By rebooking status (recovery progress).
    gsi4: (r) => (r.rebooking_status ? { pk: k('REBOOK', upper(r.rebooking_status)), sk: r.passenger_id! } : undefined),
    // Every disrupted passenger.
    gsi5: (r) => ({ pk: 'DPAXLIST', sk: r.passenger_id! }),
  },
  belongsTo: [{ parent: 'Flights', column: 'flight_id', as: 'disrupted' }],
  // SSR codes carry medical and assistance needs.
  personal: ['ssr_codes', 'notes'],
});
