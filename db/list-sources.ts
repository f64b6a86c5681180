import { ACCESS_PATTERNS, allPassengers } from '../entities/access-patterns.js';
import { REGULAR_CATEGORY, upper } from '../entities/index.js';
import type { ListSource, ResidualFilter } from './paginate.js';

/**
 * A residual filter on non-key attributes, for combinations no key condition
 * covers: each attribute equal to its value, or to one of its values (IN).
 */
function equals(conditions: Record<string, unknown>): ResidualFilter | undefined {
  const entries = Object.entries(conditions).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return undefined;
  const values: Record<string, unknown> = {};
  const terms = entries.map(([, value], i) => {
    if (!Array.isArray(value)) {
      values[`:f${i}`] = value;
      return `#f${i} = :f${i}`;
    }
    value.forEach((v: unknown, j) => (values[`:f${i}_${j}`] = v));
    return `#f${i} IN (${value.map((_, j) => `:f${i}_${j}`).join(', ')})`;
  });
  return { expression: terms.join(' AND '), names: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])), values };
}

/**
 * The spellings an export may store an enum-like value in (keys compare it
 * upper-cased; a residual filter compares the stored text).
 */
function spellings(value: string): string[] {
  const lower = value.toLowerCase();
  return [...new Set([value, value.toUpperCase(), lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
}

export interface PassengerFilterInput {
  readonly category?: string | undefined;
  readonly flightId?: string | undefined;
  readonly isInfluencer?: boolean | undefined;
}

/**
 * Picks the index whose key condition expresses the most of the filter: flight
 * (+ category + influencer), a notable category (+ influencer), influencers, or
 * the listing shards. The sparse indexes hold only the notable values: Regular
 * passengers and non-influencers are the listing with a residual filter (they
 * are nearly every passenger, so the filter drops few items).
 */
export function passengerSource(f: PassengerFilterInput = {}): ListSource {
  if (f.flightId) {
    if (f.category || f.isInfluencer === undefined) {
      return { conditions: [ACCESS_PATTERNS.passengersOfFlight(f.flightId, f.category, f.isInfluencer)] };
    }
    return { conditions: [ACCESS_PATTERNS.passengersOfFlight(f.flightId)], filter: equals({ is_influencer: f.isInfluencer }) };
  }
  if (f.category && upper(f.category) !== REGULAR_CATEGORY) {
    return { conditions: [ACCESS_PATTERNS.passengersByCategory(f.category, f.isInfluencer)] };
  }
  if (f.category)
    return { conditions: allPassengers(), filter: equals({ passenger_category: spellings(f.category), is_influencer: f.isInfluencer }) };
  if (f.isInfluencer === true) return { conditions: [ACCESS_PATTERNS.influencers()] };
  if (f.isInfluencer === false) return { conditions: allPassengers(), filter: equals({ is_influencer: false }) };
  return { conditions: allPassengers() };
}

export interface FlightFilterInput {
  readonly melStatus?: string | undefined;
  readonly originAirport?: string | undefined;
  readonly destinationAirport?: string | undefined;
  readonly aircraftRegistration?: string | undefined;
}

/** Aircraft, then origin (+ destination), destination, MEL status, or all flights; the rest is a residual filter. */
export function flightSource(f: FlightFilterInput = {}): ListSource {
  const up = (v: string | undefined) => v?.toUpperCase();
  if (f.aircraftRegistration) {
    return {
      conditions: [ACCESS_PATTERNS.flightsOfAircraft(f.aircraftRegistration)],
      filter: equals({ mel_status: up(f.melStatus), origin_airport: up(f.originAirport), destination_airport: up(f.destinationAirport) }),
    };
  }
  if (f.originAirport) {
    return {
      conditions: [ACCESS_PATTERNS.flightsFromOrigin(f.originAirport, f.destinationAirport)],
      filter: equals({ mel_status: up(f.melStatus) }),
    };
  }
  if (f.destinationAirport) {
    return { conditions: [ACCESS_PATTERNS.flightsToDestination(f.destinationAirport)], filter: equals({ mel_status: up(f.melStatus) }) };
  }
  if (f.melStatus && upper(f.melStatus) === 'ACTIVE') return { conditions: [ACCESS_PATTERNS.flightsWithActiveMel()] };
  // The MEL index is sparse (ACTIVE only): any other status is the listing, filtered.
  if (f.melStatus) return { conditions: [ACCESS_PATTERNS.allFlights()], filter: equals({ mel_status: spellings(f.melStatus) }) };
  return { conditions: [ACCESS_PATTERNS.allFlights()] };
}

export interface DisruptedPassengerFilterInput {
  readonly hasConnection?: boolean | undefined;
  readonly requiresHotel?: boolean | undefined;
  readonly flightId?: string | undefined;
}

/** Flight (+ connection + hotel), connecting (+ hotel), needing a hotel, or all; flight + hotel alone and the N values need a residual filter. */
export function disruptedPassengerSource(f: DisruptedPassengerFilterInput = {}): ListSource {
  if (f.flightId) {
    if (f.hasConnection !== undefined || f.requiresHotel === undefined) {
      return { conditions: [ACCESS_PATTERNS.disruptedOfFlight(f.flightId, f.hasConnection, f.requiresHotel)] };
    }
    return { conditions: [ACCESS_PATTERNS.disruptedOfFlight(f.flightId)], filter: equals({ requires_hotel: f.requiresHotel }) };
  }
  // The connection and hotel indexes are sparse (Y only): N is the listing, filtered.
  if (f.hasConnection === true) return { conditions: [ACCESS_PATTERNS.connectingDisrupted(f.requiresHotel)] };
  if (f.requiresHotel === true && f.hasConnection === undefined) return { conditions: [ACCESS_PATTERNS.disruptedNeedingHotel()] };
  if (f.hasConnection !== undefined || f.requiresHotel !== undefined) {
    return {
      conditions: [ACCESS_PATTERNS.allDisruptedPassengers()],
      filter: equals({ has_connection: f.hasConnection, requires_hotel: f.requiresHotel }),
    };
  }
  return { conditions: [ACCESS_PATTERNS.allDisruptedPassengers()] };
}
