import { addMinutes, minutesBetween, type DisruptedNode, type FlightNode } from './nodes.js';
import { isConnecting, type ConnectionMatch, type OnwardResolution } from './onward-flights.js';

export interface ConnectionRisk {
  readonly disrupted: DisruptedNode;
  readonly onwardFlight: FlightNode | null;
  readonly matchedBy: ConnectionMatch | null;
  /** Why the onward flight is unknown; null when it was found. */
  readonly unresolvedReason: string | null;
  /** Projected arrival of the disrupted flight (scheduled arrival + delay). */
  readonly projectedArrival: string | undefined;
  /** Onward departure - projected arrival - MCT, minutes; null when the onward flight is unknown. */
  readonly slackMinutes: number | null;
  /** Null when it cannot be known (unresolved onward flight): never a silent `false`. */
  readonly misconnects: boolean | null;
}

/**
 * Connecting passengers against the onward flight: slack = onward departure -
 * (scheduled arrival + delay) - minimum connecting time. A negative slack
 * misconnects. Tightest first; unresolved connections last.
 */
export function connectionsAtRisk(
  flight: FlightNode,
  disrupted: readonly DisruptedNode[],
  onward: ReadonlyMap<string, OnwardResolution>,
  delayMinutes: number,
  mctMinutes: number,
): ConnectionRisk[] {
  const projectedArrival = addMinutes(flight.arrivalTime, delayMinutes);
  return disrupted
    .filter(isConnecting)
    .map((d): ConnectionRisk => {
      const resolution = onward.get(d.passengerId!);
      const onwardFlight = resolution?.flight ?? null;
      const gap = minutesBetween(projectedArrival, onwardFlight?.departureTime);
      const slackMinutes = Number.isNaN(gap) ? null : gap - mctMinutes;
      const unresolvedReason = !onwardFlight
        ? (resolution?.unresolvedReason ?? 'onward flight not looked up')
        : slackMinutes === null
          ? 'the onward flight or the disrupted flight has no schedule time'
          : null;
      return {
        disrupted: d,
        onwardFlight,
        matchedBy: resolution?.matchedBy ?? null,
        unresolvedReason,
        projectedArrival,
        slackMinutes,
        misconnects: slackMinutes === null ? null : slackMinutes < 0,
      };
    })
    .sort(
      (a, b) =>
        (a.slackMinutes ?? Infinity) - (b.slackMinutes ?? Infinity) || (a.disrupted.passengerId ?? '').localeCompare(b.disrupted.passengerId ?? ''),
    );
}

/** Counts of a connection list: how many misconnect, and how many cannot be judged. */
export function connectionCounts(risks: readonly ConnectionRisk[]) {
  return {
    connecting: risks.length,
    misconnecting: risks.filter((r) => r.misconnects === true).length,
    unresolved: risks.filter((r) => r.misconnects === null).length,
  };
}
