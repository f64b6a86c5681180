import { col, defineEntity, upperCol } from './define.js';
import { Flights } from './flights.js';
import { Passengers } from './passengers.js';

/** A passenger's disruption record, keyed by the passenger's id (`PAX#<id>`, `DISRUPTION`): one per passenger. */
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
    // Outside the contract: set by issueCare (README, "Acting on a disruption").
    hotel_voucher_issued: 'flag',
    notes: 'string',
  },
  key: ['passenger_id'],
  table: { pk: ['PAX', col('passenger_id')], sk: ['DISRUPTION'] },
  indexes: {
    // Disrupted passengers of a flight; connection then hotel lead the sort key.
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['DPAX', col('has_connection'), col('requires_hotel'), col('passenger_id')],
      patterns: {
        disruptedOfFlight: (flightId: string, hasConnection?: boolean, requiresHotel?: boolean) => ({
          flight_id: flightId,
          has_connection: hasConnection,
          requires_hotel: requiresHotel,
        }),
      },
    },
    // Sparse: connecting passengers only, then by hotel need (the rest walk the listing).
    gsi2: {
      pk: ['DPAXCONN', col('has_connection')],
      sk: [col('requires_hotel'), col('passenger_id')],
      only: { has_connection: true },
      patterns: { connectingDisrupted: (requiresHotel?: boolean) => ({ has_connection: true, requires_hotel: requiresHotel }) },
    },
    // Sparse: passengers needing a hotel only.
    gsi3: {
      pk: ['DPAXHOTEL', col('requires_hotel')],
      sk: [col('passenger_id')],
      only: { requires_hotel: true },
      patterns: { disruptedNeedingHotel: () => ({ requires_hotel: true }) },
    },
    // By rebooking status (recovery progress).
    gsi4: {
      pk: ['REBOOK', upperCol('rebooking_status')],
      sk: [col('passenger_id')],
      patterns: { disruptedByRebookingStatus: (status: string) => ({ rebooking_status: status }) },
    },
    // Every disrupted passenger.
    gsi5: { pk: ['DPAXLIST'], sk: [col('passenger_id')], patterns: { allDisruptedPassengers: () => ({}) } },
  },
  // SSR codes carry medical and assistance needs.
  links: [
    {
      field: 'passenger',
      to: () => Passengers,
      column: 'passenger_id',
      inverse: { cardinality: 'one', as: 'disruption', description: 'The disruption record, when the passenger is disrupted.' },
    },
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: { cardinality: 'many', as: 'disrupted', pattern: 'disruptedOfFlight', graphql: 'none' },
    },
  ],
  personal: ['ssr_codes', 'notes'],
});
