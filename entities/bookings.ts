import { defineEntity, k } from './define.js';

export const Bookings = defineEntity({
  name: 'Bookings',
  typeName: 'Booking',
  file: 'bookings.csv',
  columns: {
    booking_id: 'string',
    passenger_id: 'string',
    flight_id: 'string',
    pnr: 'string',
    booking_status: 'string',
    fare_class: 'string',
    booking_channel: 'string',
    booked_at: 'datetime',
  },
  key: ['booking_id'],
  primaryKey: ({ booking_id }) => ({ pk: k('BKG', booking_id), sk: 'BKG' }),
  indexes: {
    gsi1: (r) => (r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('BKG', r.booking_id) } : undefined),
    gsi2: (r) => (r.passenger_id ? { pk: k('PAX', r.passenger_id), sk: k('BKG', r.booking_id) } : undefined),
  },
  belongsTo: [
    { parent: 'Passengers', column: 'passenger_id', as: 'bookings' },
    { parent: 'Flights', column: 'flight_id', as: 'bookings' },
  ],
  personal: ['pnr'],
});
