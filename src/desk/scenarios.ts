import { connectionCounts, connectionsAtRisk } from './connections.js';
import { crewLegality, delayMap } from './crew-legality.js';
import {
  addMinutes,
  upperOf,
  type AssignmentNode,
  type CrewNode,
  type DisruptedNode,
  type FlightNode,
  type ImpactNode,
  type RosterNode,
  type ShipmentNode,
} from './nodes.js';
import { propagateDelay, type DelayedFlight } from './propagation.js';
import type { OnwardResolution } from './onward-flights.js';
import { PRIORITY_CARGO_CODES, PRIORITY_CARGO_LEVELS, strandedUntil } from './rules.js';

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

export interface ScenarioOutcome {
  readonly impact: ImpactNode;
  readonly delayMinutes: number;
  readonly downlineDelayed: DelayedFlight[];
  readonly misconnectingPassengers: number;
  /** Connecting passengers whose onward flight is unknown: in neither the misconnect nor the hotel count. */
  readonly unresolvedConnections: number;
  readonly crewsOverLimit: number;
  readonly hotelNights: number;
  readonly priorityCargoLate: ReadonlyArray<{ assignment: AssignmentNode; shipment: ShipmentNode | null }>;
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
export function evaluateScenario(impact: ImpactNode, input: ScenarioInputs): ScenarioOutcome {
  const delay = Math.max(0, impact.delayMinutes ?? 0);
  const downline = propagateDelay(input.flight, input.downline, delay, input.minTurnaroundMinutes);
  const connections = connectionsAtRisk(input.flight, input.disrupted, input.onward, delay, input.mctMinutes);
  const misconnected = connections.filter((c) => c.misconnects === true);
  const earliestOnward = addMinutes(input.flight.arrivalTime, delay + input.mctMinutes);
  const until = earliestOnward ? strandedUntil(earliestOnward) : '';
  const strandedOvernight = new Set(
    misconnected
      .filter((c) => {
        const destination = upperOf(c.onwardFlight?.destinationAirport);
        return !input.hubDepartures.some((f) => {
          const departure = f.departureTime ?? '';
          return upperOf(f.destinationAirport) === destination && departure >= earliestOnward! && departure <= until;
        });
      })
      .map((c) => c.disrupted.passengerId),
  );
  const hotelNights = input.disrupted.filter((d) => d.requiresHotel === true || strandedOvernight.has(d.passengerId)).length;
  const duties = crewLegality(delayMap(input.flight, delay, downline), input.crewLines, input.crewMembers, input.maxFdpMinutes);
  return {
    impact,
    delayMinutes: delay,
    downlineDelayed: downline.filter((d) => d.delayMinutes > 0),
    misconnectingPassengers: misconnected.length,
    unresolvedConnections: connectionCounts(connections).unresolved,
    crewsOverLimit: duties.filter((d) => d.illegal).length,
    hotelNights,
    priorityCargoLate: delay > 0 ? input.cargo.filter((c) => isPriorityCargo(c.shipment)) : [],
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
  const latest = strandedUntil(addMinutes(flight.arrivalTime, longest + mctMinutes)!);
  return { from: flight.arrivalTime, to: latest > onwardSearchEnd ? latest : onwardSearchEnd };
}
