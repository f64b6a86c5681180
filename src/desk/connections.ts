import { badInput } from '../../db/gateway-error.js';
import type { DisruptionData } from './disruption-data.js';
import { addMinutes, arrivalOf, departureOf, minutesBetween, type DisruptedNode, type FlightNode, type PassengerNode } from './nodes.js';
import { isConnecting, type ConnectionMatch, type OnwardResolution } from './onward-flights.js';

/** A connecting passenger against the onward flight. */
export interface ConnectionRisk {
  readonly passenger: PassengerNode | null;
  readonly disruption: DisruptedNode;
  /** Null when it cannot be found (see unresolvedReason). */
  readonly onwardFlight: FlightNode | null;
  readonly matchedBy: ConnectionMatch | null;
  /** Why the onward flight is unknown; null when it was found. */
  readonly unresolvedReason: string | null;
  /** Onward departure - projected arrival - MCT, minutes; null when the onward flight is unknown. */
  readonly slackMinutes: number | null;
  /** Null when it cannot be known (unresolved onward flight): never a silent `false`. */
  readonly misconnects: boolean | null;
}

/** The connections of the flight under a scenario's delay, with their counts. */
export interface ConnectionsAtRisk {
  readonly scenario: string | null;
  readonly delayMinutes: number;
  readonly mctMinutes: number;
  /** Scheduled arrival + delay. */
  readonly projectedArrival: string | undefined;
  readonly connecting: number;
  readonly misconnecting: number;
  /** Connecting passengers whose onward flight cannot be found: counted in neither misconnecting nor the rest. */
  readonly unresolved: number;
  /** Tightest first; unresolved last. */
  readonly connections: ConnectionRisk[];
}

/** The connections at risk under a named scenario of the flight (none: the schedule as is). */
export async function connectionsAtRisk(data: DisruptionData, scenario: string | undefined, mctMinutes: number): Promise<ConnectionsAtRisk> {
  const delayMinutes = await scenarioDelay(data, scenario);
  const [disrupted, passengers, onward] = await Promise.all([data.disrupted(), data.passengers(), data.onwardFlights()]);
  const connections = connectionRisks(data.flight, disrupted, passengers, onward, delayMinutes, mctMinutes);
  return {
    scenario: scenario ?? null,
    delayMinutes,
    mctMinutes,
    // As the answer has always given it: null when no passenger connects.
    projectedArrival: connections.length ? addMinutes(arrivalOf(data.flight), delayMinutes) : undefined,
    ...connectionCounts(connections),
    connections,
  };
}

/**
 * Connecting passengers against the onward flight: slack = onward departure -
 * (scheduled arrival + delay) - minimum connecting time. A negative slack
 * misconnects. Tightest first; unresolved connections last. `passengers` gives
 * each its passenger row; a caller that only counts may pass an empty map.
 */
export function connectionRisks(
  flight: FlightNode,
  disrupted: readonly DisruptedNode[],
  passengers: ReadonlyMap<string, PassengerNode>,
  onward: ReadonlyMap<string, OnwardResolution>,
  delayMinutes: number,
  mctMinutes: number,
): ConnectionRisk[] {
  // The estimated arrival where the flight has one (delayFlight), plus the scenario's delay.
  const projectedArrival = addMinutes(arrivalOf(flight), delayMinutes);
  return disrupted
    .filter(isConnecting)
    .map((d): ConnectionRisk => {
      const resolution = onward.get(d.passengerId);
      const onwardFlight = resolution?.flight ?? null;
      const gap = minutesBetween(projectedArrival, onwardFlight ? departureOf(onwardFlight) : undefined);
      const slackMinutes = Number.isNaN(gap) ? null : gap - mctMinutes;
      const unresolvedReason = !onwardFlight
        ? (resolution?.unresolvedReason ?? 'onward flight not looked up')
        : slackMinutes === null
          ? 'the onward flight or the disrupted flight has no schedule time'
          : null;
      return {
        passenger: passengers.get(d.passengerId) ?? null,
        disruption: d,
        onwardFlight,
        matchedBy: resolution?.matchedBy ?? null,
        unresolvedReason,
        slackMinutes,
        misconnects: slackMinutes === null ? null : slackMinutes < 0,
      };
    })
    .sort(
      (a, b) =>
        (a.slackMinutes ?? Infinity) - (b.slackMinutes ?? Infinity) || (a.disruption.passengerId ?? '').localeCompare(b.disruption.passengerId ?? ''),
    );
}

/** Counts of a connection list: how many misconnect, and how many cannot be judged. */
export function connectionCounts(risks: readonly ConnectionRisk[]): Pick<ConnectionsAtRisk, 'connecting' | 'misconnecting' | 'unresolved'> {
  return {
    connecting: risks.length,
    misconnecting: risks.filter((r) => r.misconnects === true).length,
    unresolved: risks.filter((r) => r.misconnects === null).length,
  };
}

/** Delay of a named scenario of the flight (0 without one); BAD_USER_INPUT for an unknown name. */
async function scenarioDelay(data: DisruptionData, scenario: string | undefined): Promise<number> {
  if (scenario === undefined || scenario === null) return 0;
  const impacts = await data.impacts();
  const impact = impacts.find((i) => i.scenario === scenario);
  if (!impact) {
    throw badInput(
      `scenario ${JSON.stringify(scenario.slice(0, 60))} is not a scenario of flight ${data.flightId}; known: ${impacts.map((i) => i.scenario).join(', ') || 'none'}`,
      'scenario',
    );
  }
  return Math.max(0, impact.delayMinutes ?? 0);
}
