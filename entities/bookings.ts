import { col, defineEntity } from './define.js';
import { Flights } from './flights.js';
import { Passengers } from './passengers.js';

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
  table: { pk: ['BKG', col('booking_id')], sk: ['BKG'] },
  indexes: {
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['BKG', col('booking_id')],
      patterns: { bookingsOfFlight: (flightId: string) => ({ flight_id: flightId }) },
    },
    gsi2: {
      pk: ['PAX', col('passenger_id')],
      sk: ['BKG', col('booking_id')],
      patterns: { bookingsOfPassenger: (passengerId: string) => ({ passenger_id: passengerId }) },
    },
  },
  links: [
    {
      field: 'passenger',
      to: () => Passengers,
      column: 'passenger_id',
      inverse: { cardinality: 'many', as: 'bookings', pattern: 'bookingsOfPassenger', graphql: 'list' },
    },
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: { cardinality: 'many', as: 'bookings', pattern: 'bookingsOfFlight', graphql: 'list' },
    },
  ],
  personal: ['pnr'],
});
