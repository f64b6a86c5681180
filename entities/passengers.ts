import { defineEntity, k, shardOf, upper } from './define.js';

/** Shards of the passenger listing (gsi5). */
export const PASSENGER_LIST_SHARDS = 8;

/** Passengers: one row per passenger, each on one flight. */
export const Passengers = defineEntity({
  name: 'Passengers',
  typeName: 'Passenger',
  file: 'passengers.csv',
  columns: {
    passenger_id: 'string',
    first_name: 'string',
    last_name: 'string',
    passenger_category: 'string',
    is_influencer: 'flag',
    customer_value_score: 'number',
    flight_id: 'string',
    flight_number: 'string',
    aircraft_type: 'string',
    aircraft_registration: 'string',
    departure_airport: 'string',
    arrival_airport: 'string',
    profession: 'string',
    preferred_language: 'string',
    meal_preference: 'string',
    beverage_preference: 'string',
    pnr: 'string',
    traveler_id: 'string',
    cabin_class: 'string',
    seat_number: 'string',
    nationality: 'string',
    loyalty_tier: 'string',
  },
  key: ['passenger_id'],
  primaryKey: ({ passenger_id }) => ({ pk: k('PAX', passenger_id), sk: 'PAX' }),
  indexes: {
    // Passengers of a flight; category and influencer flag lead the sort key so that
    // `flightId + category (+ isInfluencer)` is a begins_with, not a filter.
    gsi1: (r) =>
      r.flight_id ? { pk: k('FLT', r.flight_id), sk: k('PAX', upper(r.passenger_category), r.is_influencer, r.passenger_id) } : undefined,
    // Passengers by category (VIP / VVIP lists), then by influencer flag.
    gsi2: (r) => (r.passenger_category ? { pk: k('PAXCAT', upper(r.passenger_category)), sk: k(r.is_influencer, r.passenger_id) } : undefined),
    // Influencers (and non-influencers) when the flag is known.
    gsi3: (r) => (r.is_influencer === undefined ? undefined : { pk: k('PAXINF', r.is_influencer), sk: r.passenger_id! }),
    // Every passenger, write-sharded.
    gsi5: (r) => ({ pk: k('PAXLIST', shardOf(r.passenger_id!, PASSENGER_LIST_SHARDS)), sk: r.passenger_id! }),
  },
  belongsTo: [{ parent: 'Flights', column: 'flight_id', as: 'passengers' }],
  personal: [
    'first_name',
    'last_name',
    'profession',
    'preferred_language',
    'meal_preference',
    'beverage_preference',
    'pnr',
    'traveler_id',
    'seat_number',
    'nationality',
    'loyalty_tier',
    'customer_value_score',
  ],
});
