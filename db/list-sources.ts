import { ACCESS_PATTERNS, allPassengers } from '../entities/access-patterns.js';
import type { ListSource, ResidualFilter } from './paginate.js';

/** A residual equality filter on non-key attributes, for combinations no key condition covers. */
function equals(conditions: Record<string, unknown>): ResidualFilter | undefined {
  const entries = Object.entries(conditions).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return undefined;
  return {
    expression: entries.map((_, i) => `#f${i} = :f${i}`).join(' AND '),
    names: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])),
  };
}

export interface PassengerFilterInput {
  readonly category?: string | undefined;
  readonly flightId?: string | undefined;
  readonly isInfluencer?: boolean | undefined;
}

/**
 * Picks the index whose key condition expresses the most of the filter: flight
 * (+ category + influencer), category (+ influencer), influencer, or the listing
 * shards. Only flight + influencer without a category needs a residual filter.
 */
export function passengerSource(f: PassengerFilterInput = {}): ListSource {
  if (f.flightId) {
    if (f.category || f.isInfluencer === undefined) {
      return { conditions: [ACCESS_PATTERNS.passengersOfFlight(f.flightId, f.category, f.isInfluencer)] };
    }
    return { conditions: [ACCESS_PATTERNS.passengersOfFlight(f.flightId)], filter: equals({ is_influencer: f.isInfluencer }) };
  }
  if (f.category) return { conditions: [ACCESS_PATTERNS.passengersByCategory(f.category, f.isInfluencer)] };
  if (f.isInfluencer !== undefined) return { conditions: [ACCESS_PATTERNS.passengersByInfluencer(f.isInfluencer)] };
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
  if (f.melStatus) return { conditions: [ACCESS_PATTERNS.flightsByMelStatus(f.melStatus)] };
  return { conditions: [ACCESS_PATTERNS.allFlights()] };
}

export interface DisruptedPassengerFilterInput {
  readonly hasConnection?: boolean | undefined;
  readonly requiresHotel?: boolean | undefined;
  readonly flightId?: string | undefined;
}

/** Flight (+ connection + hotel), connection (+ hotel), hotel, or all; only flight + hotel alone needs a residual filter. */
export function disruptedPassengerSource(f: DisruptedPassengerFilterInput = {}): ListSource {
  if (f.flightId) {
    if (f.hasConnection !== undefined || f.requiresHotel === undefined) {
      return { conditions: [ACCESS_PATTERNS.disruptedOfFlight(f.flightId, f.hasConnection, f.requiresHotel)] };
    }
    return { conditions: [ACCESS_PATTERNS.disruptedOfFlight(f.flightId)], filter: equals({ requires_hotel: f.requiresHotel }) };
  }
  if (f.hasConnection !== undefined) return { conditions: [ACCESS_PATTERNS.disruptedByConnection(f.hasConnection, f.requiresHotel)] };
  if (f.requiresHotel !== undefined) return { conditions: [ACCESS_PATTERNS.disruptedByHotel(f.requiresHotel)] };
  return { conditions: [ACCESS_PATTERNS.allDisruptedPassengers()] };
}
