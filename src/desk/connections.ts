import { addMinutes, minutesBetween, type DisruptedNode, type FlightNode } from './nodes.js';

export interface ConnectionRisk {
  readonly disrupted: DisruptedNode;
  readonly onwardFlight: FlightNode | null;
  /** Projected arrival of the disrupted flight (scheduled arrival + delay). */
  readonly projectedArrival: string | undefined;
  /** Onward departure - projected arrival - MCT, minutes; null when the onward flight is unknown. */
  readonly slackMinutes: number | null;
  readonly misconnects: boolean;
}

/**
 * Connecting passengers against the onward flight: slack = onward departure -
 * (scheduled arrival + delay) - minimum connecting time. A negative slack
 * misconnects. Tightest first; unknown onward flights last.
 */
export function connectionsAtRisk(
  flight: FlightNode,
  disrupted: readonly DisruptedNode[],
  onward: ReadonlyMap<string, FlightNode>,
  delayMinutes: number,
  mctMinutes: number,
): ConnectionRisk[] {
  const projectedArrival = addMinutes(flight.arrivalTime, delayMinutes);
  return disrupted
    .filter((d) => d.hasConnection === true)
    .map((d) => {
      const onwardFlight = (d.connectingFlightId && onward.get(d.connectingFlightId)) || null;
      const gap = minutesBetween(projectedArrival, onwardFlight?.departureTime);
      const slackMinutes = Number.isNaN(gap) ? null : gap - mctMinutes;
      return { disrupted: d, onwardFlight, projectedArrival, slackMinutes, misconnects: slackMinutes !== null && slackMinutes < 0 };
    })
    .sort((a, b) => (a.slackMinutes ?? Infinity) - (b.slackMinutes ?? Infinity) || (a.disrupted.passengerId ?? '').localeCompare(b.disrupted.passengerId ?? ''));
}
