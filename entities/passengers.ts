import { col, defineEntity, shard, upperCol } from './define.js';
import { Flights } from './flights.js';
import { aircraftLink } from './aircraft.js';

/** Partitions the passengers are spread over (their base key): the listing reads them one by one. */
export const PASSENGER_LIST_SHARDS = 8;

/** The contract's everyday category: not worth an index entry of its own (sparse gsi2). */
export const REGULAR_CATEGORY = 'REGULAR';

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
  // The base key is the listing: a passenger's partition is a shard computed from its id, so
  // GetItem and BatchGetItem by id still work, and a list of all passengers is a Query per
  // shard with no index of its own. Passengers are most of the rows: an index entry each
  // would be the seed's largest write cost (DynamoDB Local writes every index entry in turn).
  table: {
    pk: ['PAXLIST', shard('passenger_id', PASSENGER_LIST_SHARDS)],
    sk: ['PAX', col('passenger_id')],
    patterns: { passengerListShard: (shardNumber: number) => ({ shard: shardNumber }) },
  },
  indexes: {
    // Passengers of a flight; category and influencer flag lead the sort key so that
    // `flightId + category (+ isInfluencer)` is a begins_with, not a filter.
    gsi1: {
      pk: ['FLT', col('flight_id')],
      sk: ['PAX', upperCol('passenger_category'), col('is_influencer'), col('passenger_id')],
      patterns: {
        passengersOfFlight: (flightId: string, category?: string, isInfluencer?: boolean) => ({
          flight_id: flightId,
          passenger_category: category,
          is_influencer: isInfluencer,
        }),
      },
    },
    // Sparse: the notable categories only (VIP, VVIP, ...), then by influencer flag. Regular
    // passengers are almost all of them: a list of those walks the listing (db/list-sources.ts).
    gsi2: {
      pk: ['PAXCAT', upperCol('passenger_category')],
      sk: [col('is_influencer'), col('passenger_id')],
      except: { passenger_category: REGULAR_CATEGORY },
      patterns: {
        passengersByCategory: (category: string, isInfluencer?: boolean) => ({ passenger_category: category, is_influencer: isInfluencer }),
      },
    },
    // Sparse: influencers only (the flag's N is nearly everyone).
    gsi3: {
      pk: ['PAXINF', col('is_influencer')],
      sk: [col('passenger_id')],
      only: { is_influencer: true },
      patterns: { influencers: () => ({ is_influencer: true }) },
    },
  },
  links: [
    {
      field: 'flight',
      to: () => Flights,
      column: 'flight_id',
      inverse: {
        cardinality: 'many',
        as: 'passengers',
        pattern: 'passengersOfFlight',
        graphql: 'page',
        description: 'Passengers on this flight, a page at a time.',
      },
    },
    aircraftLink(),
  ],
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
