import { defineEntity, k } from './define.js';

export const Baggage = defineEntity({
  name: 'Baggage',
  typeName: 'Baggage',
  file: 'baggage.csv',
  columns: {
    baggage_tag: 'string',
    passenger_id: 'string',
    booking_id: 'string',
    flight_id: 'string',
    status: 'string',
    weight_kg: 'number',
    pieces: 'integer',
    last_scan_location: 'string',
    last_scan_time: 'datetime',
  },
  key: ['baggage_tag'],
  primaryKey: ({ baggage_tag }) => ({ pk: k('BAG', baggage_tag), sk: 'BAG' }),
  indexes: {
    gsi1: (r) => (r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('BAG', r.baggage_tag) } : undefined),
    gsi2: (r) => (r.passenger_id ? { pk: k('PAX', r.passenger_id), sk: k('BAG', r.baggage_tag) } : undefined),
    gsi3: (r) => (r.booking_id ? { pk: k('BKG', r.booking_id), sk: k('BAG', r.baggage_tag) } : undefined),
  },
  belongsTo: [
    { parent: 'Passengers', column: 'passenger_id', as: 'baggage' },
    { parent: 'Flights', column: 'flight_id', as: 'baggage' },
  ],
});
