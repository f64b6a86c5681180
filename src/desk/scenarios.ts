import { connectionCounts, connectionRisks } from './connections.js';
import { crewDuties, delayMap } from './crew-legality.js';
import type { DisruptionData } from './disruption-data.js';
import {
  addMinutes,
  arrivalOf,
  departureOf,
  round,
  upperOf,
  type AssignmentNode,
  type CrewNode,
  type DisruptedNode,
  type FlightNode,
  type ImpactNode,
  type PassengerNode,
  type RosterNode,
  type ShipmentNode,
} from './nodes.js';
import { onwardSearch, type OnwardResolution } from './onward-flights.js';
import { propagateDelay, type DelayedFlight } from './propagation.js';
import { MIN_TURNAROUND_MINUTES, PRIORITY_CARGO_CODES, PRIORITY_CARGO_LEVELS, strandedUntil } from './rules.js';

export interface ScenarioInputs {
  readonly flight: FlightNode;
  readonly disrupted: readonly DisruptedNode[];
  readonly onward: ReadonlyMap<string, OnwardResolution>;
  readonly downline: readonly FlightNode[];
  /** Departures from the hub from the scheduled arrival to at least the end of the latest earliest-onward day (hubDepartureWindow). */
  readonly hubDepartures: readonly FlightNode[];
  readonly crewLines: readonly RosterNode[];
  readonly crewMembers: ReadonlyMap<string, CrewNode>;
  readonly cargo: ReadonlyArray<{ assignment: AssignmentNode; shipment: ShipmentNode | null }>;
  readonly mctMinutes: number;
  readonly maxFdpMinutes: number;
  readonly minTurnaroundMinutes: number;
}

/** One InboundFlightImpact scenario, evaluated: a row of the duty manager's table. */
export interface ScenarioComparison {
  readonly scenario: string;
  readonly impact: ImpactNode;
  readonly delayMinutes: number;
  readonly downlineFlightsDelayed: number;
  readonly downlineDelays: DelayedFlight[];
  readonly misconnectingPassengers: number;
  /** Connecting passengers whose onward flight is unknown: in neither the misconnect nor the hotel count. */
  readonly unresolvedConnections: number;
  readonly crewsOverLimit: number;
  readonly hotelNights: number;
  readonly priorityCargoLate: number;
  readonly priorityCargoLateKg: number;
}

/** Connection counts need no passenger rows, and the scenario table does not load them. */
const NO_PASSENGERS: ReadonlyMap<string, PassengerNode> = new Map();

/** Every InboundFlightImpact scenario of the flight, evaluated (by delay, then name). */
export async function scenarioComparison(data: DisruptionData, mctMinutes: number, maxFdpMinutes: number): Promise<ScenarioComparison[]> {
  const impacts = await data.impacts();
  const search = onwardSearch(data.flight);
  const window = search && hubDepartureWindow(data.flight, impacts, mctMinutes, search.to);
  const [disrupted, onward, hubDepartures, cargo, crew] = await Promise.all([
    data.disrupted(),
    data.onwardFlights(),
    data.hubDepartures(window),
    data.cargo(),
    data.crewOfRotation(),
  ]);
  return impacts.map((impact) =>
    evaluateScenario(impact, {
      flight: data.flight,
      disrupted,
      onward,
      downline: crew.downline,
      hubDepartures,
      crewLines: crew.lines,
      crewMembers: crew.members,
      cargo,
      mctMinutes,
      maxFdpMinutes,
      minTurnaroundMinutes: MIN_TURNAROUND_MINUTES,
    }),
  );
}

/** True for cargo that cannot wait: a priority level or a perishable/live handling code. */
export function isPriorityCargo(shipment: ShipmentNode | null): boolean {
  if (!shipment) return false;
  return PRIORITY_CARGO_LEVELS.has(upperOf(shipment.priority)) || (shipment.specialHandling ?? []).some((c) => PRIORITY_CARGO_CODES.has(upperOf(c)));
}

/**
 * One scenario's consequences. Hotel nights: passengers the data already marks
 * as needing a hotel, plus misconnected passengers with no departure from the hub
 * to their onward destination between their earliest onward time (projected
 * arrival + MCT) and the end of that day (rules.ts, strandedUntil).
 */
export function evaluateScenario(impact: ImpactNode, input: ScenarioInputs): ScenarioComparison {
  const delay = Math.max(0, impact.delayMinutes ?? 0);
  const downline = propagateDelay(input.flight, input.downline, delay, input.minTurnaroundMinutes);
  const connections = connectionRisks(input.flight, input.disrupted, NO_PASSENGERS, input.onward, delay, input.mctMinutes);
  const misconnected = connections.filter((c) => c.misconnects === true);
  const earliestOnward = addMinutes(arrivalOf(input.flight), delay + input.mctMinutes);
  const until = earliestOnward ? strandedUntil(earliestOnward) : '';
  const strandedOvernight = new Set(
    misconnected
      .filter((c) => {
        const destination = upperOf(c.onwardFlight?.destinationAirport);
        return !input.hubDepartures.some((f) => {
          const departure = departureOf(f) ?? '';
          return upperOf(f.destinationAirport) === destination && departure >= earliestOnward! && departure <= until;
        });
      })
      .map((c) => c.disruption.passengerId),
  );
  const hotelNights = input.disrupted.filter((d) => d.requiresHotel === true || strandedOvernight.has(d.passengerId)).length;
  const duties = crewDuties(delayMap(input.flight, delay, downline), input.crewLines, input.crewMembers, input.maxFdpMinutes);
  const downlineDelays = downline.filter((d) => d.delayMinutes > 0);
  const priorityCargoLate = delay > 0 ? input.cargo.filter((c) => isPriorityCargo(c.shipment)) : [];
  return {
    scenario: impact.scenario,
    impact,
    delayMinutes: delay,
    downlineFlightsDelayed: downlineDelays.length,
    downlineDelays,
    misconnectingPassengers: misconnected.length,
    unresolvedConnections: connectionCounts(connections).unresolved,
    crewsOverLimit: duties.filter((d) => d.illegal).length,
    hotelNights,
    priorityCargoLate: priorityCargoLate.length,
    priorityCargoLateKg: round(priorityCargoLate.reduce((s, c) => s + (c.assignment.weightKg ?? 0), 0)),
  };
}

/**
 * The hub departures every scenario's hotel check needs: from the scheduled
 * arrival to the end of the onward search window or of the day the longest
 * scenario's passengers could leave, whichever is later.
 */
export function hubDepartureWindow(
  flight: FlightNode,
  impacts: readonly ImpactNode[],
  mctMinutes: number,
  onwardSearchEnd: string,
): { from: string; to: string } | undefined {
  if (!flight.arrivalTime) return undefined;
  const longest = Math.max(0, ...impacts.map((i) => i.delayMinutes ?? 0));
  const latest = strandedUntil(addMinutes(arrivalOf(flight), longest + mctMinutes)!);
  return { from: flight.arrivalTime, to: latest > onwardSearchEnd ? latest : onwardSearchEnd };
}
