import { badInput } from '../../db/gateway-error.js';
import { pageSize, type Connection } from '../../db/page.js';
import type { DisruptionData } from './disruption-data.js';
import { CABIN_RANK, PRIORITY_SSR_CODES, TIGHT_CONNECTION_MINUTES, UNRESOLVED_STATUSES } from './rules.js';
import { minutesBetween, upperOf, type DisruptedNode, type FlightNode, type PassengerNode } from './nodes.js';
import { isConnecting, type OnwardResolution } from './onward-flights.js';

/** A disrupted passenger in re-accommodation order. */
export interface ReaccommodationEntry {
  readonly rank: number;
  readonly passenger: PassengerNode | null;
  readonly disruption: DisruptedNode;
  /** Why the passenger ranks where they do, in rule order. */
  readonly reasons: string[];
}

/** A page of the ranking, with the size of the whole ranking. */
export interface ReaccommodationConnection extends Connection<ReaccommodationEntry> {
  readonly totalCount: number;
}

/**
 * A page of the flight's re-accommodation ranking. The cursor is an offset into
 * the ranking, signed for this flight and `includeResolved` (another list's
 * cursor is BAD_USER_INPUT).
 */
export async function reaccommodation(
  data: DisruptionData,
  includeResolved: boolean,
  first: number | undefined,
  after: string | undefined,
): Promise<ReaccommodationConnection> {
  const size = pageSize(first);
  const cursors = data.reader.cursors;
  const list = `reaccommodation:${data.flightId}:${includeResolved}`;
  let offset = 0;
  if (after !== undefined && after !== null) {
    const position = cursors.decode<{ offset?: unknown }>(list, after);
    if (!Number.isInteger(position?.offset) || (position.offset as number) < 0)
      throw badInput('`after` is not a cursor this server issued for this list', 'after');
    offset = position.offset as number;
  }
  const [disrupted, passengers, onward] = await Promise.all([data.disrupted(), data.passengers(), data.onwardFlights()]);
  const ranked = rankForReaccommodation(data.flight, disrupted, passengers, onward, includeResolved);
  const nodes = ranked.slice(offset, offset + size);
  const end = offset + nodes.length;
  return {
    nodes,
    pageInfo: { hasNextPage: end < ranked.length, endCursor: end < ranked.length ? cursors.encode(list, { offset: end }) : null },
    totalCount: ranked.length,
  };
}

const CATEGORY_RANK: Record<string, number> = { VVIP: 0, VIP: 1 };

/**
 * The re-accommodation priority rule, in order:
 *  1. special-service needs (UMNR, WCHC/WCHS/WCHR, BLND, DEAF, MAAS, MEDA ...),
 *     as EU 261/2004 article 11 asks;
 *  2. VVIP, then VIP;
 *  3. tight connections (under 3 hours from scheduled arrival to onward
 *     departure), the tightest first; a connection whose onward flight cannot
 *     be found is not ranked as tight, and its reasons say so;
 *  4. cabin: First, Business, Premium, Economy;
 *  5. customer value score, highest first;
 *  then passenger id, so the order is total and stable.
 * Only passengers still to be worked (PENDING, WAITLISTED) unless includeResolved.
 */
export function rankForReaccommodation(
  flight: FlightNode,
  disrupted: readonly DisruptedNode[],
  passengers: ReadonlyMap<string, PassengerNode>,
  onward: ReadonlyMap<string, OnwardResolution>,
  includeResolved: boolean,
): ReaccommodationEntry[] {
  const rows = disrupted
    .filter((d) => includeResolved || UNRESOLVED_STATUSES.has(upperOf(d.rebookingStatus)))
    .map((d) => {
      const passenger = passengers.get(d.passengerId) ?? null;
      const ssr = (d.ssrCodes ?? []).map(upperOf).filter((c) => PRIORITY_SSR_CODES.has(c));
      const category = upperOf(d.passengerCategory ?? passenger?.passengerCategory);
      const resolution = isConnecting(d) ? onward.get(d.passengerId) : undefined;
      const onwardFlight = resolution?.flight ?? undefined;
      const connection = onwardFlight ? minutesBetween(flight.arrivalTime, onwardFlight.departureTime) : Number.NaN;
      const tight = !Number.isNaN(connection) && connection < TIGHT_CONNECTION_MINUTES;
      const cabin = upperOf(d.cabinClass ?? passenger?.cabinClass).replace(/\s+/g, '_');
      const value = passenger?.customerValueScore ?? 0;
      const reasons: string[] = [];
      if (ssr.length) reasons.push(`special-service need ${ssr.join(', ')} (EU 261/2004 art. 11)`);
      if (category in CATEGORY_RANK) reasons.push(category);
      if (tight) reasons.push(`tight connection: ${connection} min to ${onwardFlight!.flightNumber ?? onwardFlight!.flightId}`);
      if (resolution && !resolution.flight) reasons.push(`connection unresolved: ${resolution.unresolvedReason}`);
      reasons.push(`cabin ${d.cabinClass ?? passenger?.cabinClass ?? 'unknown'}`);
      reasons.push(`customer value ${value}`);
      const key: Array<number | string> = [
        ssr.length ? 0 : 1,
        CATEGORY_RANK[category] ?? 2,
        tight ? 0 : 1,
        tight ? connection : 0,
        CABIN_RANK[cabin] ?? 9,
        -value,
        d.passengerId ?? '',
      ];
      return { disrupted: d, passenger, reasons, key };
    })
    .sort((a, b) => compareKeys(a.key, b.key));
  return rows.map((r, i) => ({ rank: i + 1, passenger: r.passenger, disruption: r.disrupted, reasons: r.reasons }));
}

function compareKeys(a: Array<number | string>, b: Array<number | string>): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  }
  return 0;
}
