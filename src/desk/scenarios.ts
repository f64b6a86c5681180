import { connectionsAtRisk } from './connections.js';
import { crewLegality, delayMap } from './crew-legality.js';
import { addMinutes, upperOf, type AssignmentNode, type CrewNode, type DisruptedNode, type FlightNode, type ImpactNode, type RosterNode, type ShipmentNode } from './nodes.js';
import { propagateDelay, type DelayedFlight } from './propagation.js';
import { PRIORITY_CARGO_CODES, PRIORITY_CARGO_LEVELS } from './rules.js';

export interface ScenarioInputs {
  readonly flight: FlightNode;
  readonly disrupted: readonly DisruptedNode[];
  readonly onward: ReadonlyMap<string, FlightNode>;
  readonly downline: readonly FlightNode[];
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
 * as needing a hotel, plus misconnected passengers with no later departure from
 * the hub to their onward destination once they arrive (projected arrival + MCT).
 */
export function evaluateScenario(impact: ImpactNode, input: ScenarioInputs): ScenarioOutcome {
  const delay = Math.max(0, impact.delayMinutes ?? 0);
  const downline = propagateDelay(input.flight, input.downline, delay, input.minTurnaroundMinutes);
  const connections = connectionsAtRisk(input.flight, input.disrupted, input.onward, delay, input.mctMinutes);
  const misconnected = connections.filter((c) => c.misconnects);
  const earliestOnward = addMinutes(input.flight.arrivalTime, delay + input.mctMinutes) ?? '';
  const strandedOvernight = new Set(
    misconnected
      .filter((c) => {
        const destination = c.onwardFlight?.destinationAirport;
        return !input.hubDepartures.some((f) => f.destinationAirport === destination && (f.departureTime ?? '') >= earliestOnward);
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
    crewsOverLimit: duties.filter((d) => d.illegal).length,
    hotelNights,
    priorityCargoLate: delay > 0 ? input.cargo.filter((c) => isPriorityCargo(c.shipment)) : [],
  };
}
