import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { Flights } from '../../entities/index.js';
import type { Reader } from '../../db/reader.js';
import { toNode } from '../../db/nodes.js';
import { flightNumberOf, parseFlightNumber, sameFlightNumber, type FlightNumber } from './flight-number.js';
import { type DisruptedNode, type FlightNode } from './nodes.js';
import { endOfNextUtcDay } from './rules.js';

/** How a connection's onward flight was found (the GraphQL enum of the same name). */
export enum ConnectionMatch {
  FLIGHT_ID = 'FLIGHT_ID',
  FLIGHT_NUMBER = 'FLIGHT_NUMBER',
}

/** A connecting passenger's onward flight, or why it could not be found. */
export interface OnwardResolution {
  readonly flight: FlightNode | null;
  readonly matchedBy: ConnectionMatch | null;
  /** Set exactly when `flight` is null. */
  readonly unresolvedReason: string | null;
}

/**
 * Whether a disrupted passenger connects: `has_connection` when the export has
 * it, else whether a connecting flight is named at all.
 */
export function isConnecting(d: DisruptedNode): boolean {
  if (d.hasConnection !== undefined) return d.hasConnection;
  return !!(d.connectingFlightNumber?.trim() || d.connectingFlightId?.trim());
}

/** Where and when onward flights are looked for: the inbound's arrival airport, from its scheduled arrival. */
export interface OnwardSearch {
  readonly airport: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The search window of a disrupted flight's onward flights: departures from
 * its arrival airport after its scheduled arrival, the same or the next (UTC)
 * day. Undefined when the flight has no destination or arrival time.
 */
export function onwardSearch(flight: FlightNode): OnwardSearch | undefined {
  if (!flight.destinationAirport || !flight.arrivalTime) return undefined;
  return { airport: flight.destinationAirport, from: flight.arrivalTime, to: endOfNextUtcDay(flight.arrivalTime) };
}

/** Departures from an airport in [from, to], by time: one Query on the departures index. */
export async function departuresBetween(reader: Reader, airport: string, from: string, to: string): Promise<FlightNode[]> {
  const items = await reader.loaders.queries.load(ACCESS_PATTERNS.departuresFromOriginBetween(airport, from, to));
  return items.map((item) => toNode(Flights, item));
}

/**
 * The onward flight of each connecting passenger of `flight`, by passenger id.
 * An explicit `connecting_flight_id` is used when the export has one and it
 * names a flight (one BatchGetItem for all). Otherwise the contract's
 * `connecting_flight_number` is matched, whatever its carrier prefix and
 * zero-padding, among the departures from the arrival airport in the search
 * window (one Query for all passengers): the earliest departure of that number
 * at or after the scheduled arrival. A connection that matches nothing is
 * unresolved, with the reason.
 */
export async function resolveOnwardFlights(
  reader: Reader,
  flight: FlightNode,
  disrupted: readonly DisruptedNode[],
): Promise<Map<string, OnwardResolution>> {
  const connecting = disrupted.filter(isConnecting);
  const ids = [...new Set(connecting.map((d) => d.connectingFlightId?.trim()).filter((id): id is string => !!id))];
  const byId = new Map((await reader.many(Flights, ids)).map((f) => [f.flightId, f]));
  const search = onwardSearch(flight);
  const needsNumbers = connecting.some((d) => !byId.has(d.connectingFlightId?.trim() ?? ''));
  const departures = needsNumbers && search ? await departuresBetween(reader, search.airport, search.from, search.to) : [];
  const resolved = new Map<string, OnwardResolution>();
  const inboundCarrier = flightNumberOf(flight)?.carrier;
  for (const d of connecting) resolved.set(d.passengerId, resolveOne(d, byId, departures, search, inboundCarrier));
  return resolved;
}

// Private: one passenger's resolution against what was loaded.
function resolveOne(
  d: DisruptedNode,
  byId: ReadonlyMap<string, FlightNode>,
  departures: readonly FlightNode[],
  search: OnwardSearch | undefined,
  inboundCarrier: string | undefined,
): OnwardResolution {
  const id = d.connectingFlightId?.trim();
  const byIdFlight = id ? byId.get(id) : undefined;
  if (byIdFlight) return { flight: byIdFlight, matchedBy: ConnectionMatch.FLIGHT_ID, unresolvedReason: null };
  const idNote = id ? `connecting_flight_id ${JSON.stringify(id)} is not a flight; ` : '';
  const written = d.connectingFlightNumber?.trim();
  if (!written) return unresolved(`${idNote}no connecting_flight_number`);
  // Some exports put the onward flight's id in the number column.
  const byWrittenId = departures.find((f) => f.flightId === written);
  if (byWrittenId) return { flight: byWrittenId, matchedBy: ConnectionMatch.FLIGHT_ID, unresolvedReason: null };
  const wanted = parseFlightNumber(written);
  if (!wanted) return unresolved(`${idNote}connecting_flight_number ${JSON.stringify(written.slice(0, 40))} is not a flight number`);
  if (!search) return unresolved(`${idNote}the disrupted flight has no destination_airport or arrival_time to connect from`);
  const earliest = (number: FlightNumber) =>
    departures
      .filter((f) => (f.departureTime ?? '') >= search.from)
      .filter((f) => {
        const own = flightNumberOf(f);
        return own !== undefined && sameFlightNumber(own, number);
      })
      .sort((a, b) => (a.departureTime ?? '').localeCompare(b.departureTime ?? ''))[0];
  // A number written without a carrier most likely means the inbound's own airline; any carrier's only if it has none.
  const match = (!wanted.carrier && inboundCarrier ? earliest({ ...wanted, carrier: inboundCarrier }) : undefined) ?? earliest(wanted);
  if (match) return { flight: match, matchedBy: ConnectionMatch.FLIGHT_NUMBER, unresolvedReason: null };
  return unresolved(`${idNote}no flight ${written} departs ${search.airport} between ${search.from} and ${search.to}`);
}

const unresolved = (reason: string): OnwardResolution => ({ flight: null, matchedBy: null, unresolvedReason: reason });
