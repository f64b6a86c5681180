import { col, defineEntity } from './define.js';
import { Bookings } from './bookings.js';
import { Flights } from './flights.js';
import { Passengers } from './passengers.js';

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
  table: { pk: ['BAG', col('baggage_tag')], sk: ['BAG'] },
  indexes: {
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['BAG', col('baggage_tag')],
      patterns: { baggageOfFlight: (flightId: string) => ({ flight_id: flightId }) },
    },
    gsi2: {
      pk: ['PAX', col('passenger_id')],
      sk: ['BAG', col('baggage_tag')],
      patterns: { baggageOfPassenger: (passengerId: string) => ({ passenger_id: passengerId }) },
    },
  },
  links: [
    {
      field: 'passenger',
      to: () => Passengers,
      column: 'passenger_id',
      inverse: { cardinality: 'many', as: 'baggage', pattern: 'baggageOfPassenger', graphql: 'list' },
    },
    { field: 'booking', to: () => Bookings, column: 'booking_id' },
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: { cardinality: 'many', as: 'baggage', pattern: 'baggageOfFlight', graphql: 'none' },
    },
  ],
});
