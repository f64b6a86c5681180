import { countBy, type AssignmentNode, type FlightNode, type ShipmentNode } from './nodes.js';
import { round } from './passenger-views.js';
import { isPriorityCargo } from './scenarios.js';

export interface CargoLine {
  readonly assignment: AssignmentNode;
  readonly shipment: ShipmentNode | null;
  readonly priorityCargo: boolean;
}

/** Cargo on the flight, priority cargo first (then heaviest), with totals and handling codes. */
export function cargoOnBoard(cargo: ReadonlyArray<{ assignment: AssignmentNode; shipment: ShipmentNode | null }>) {
  const lines: CargoLine[] = cargo
    .map((c) => ({ ...c, priorityCargo: isPriorityCargo(c.shipment) }))
    .sort((a, b) => Number(b.priorityCargo) - Number(a.priorityCargo) || (b.assignment.weightKg ?? 0) - (a.assignment.weightKg ?? 0));
  const codes = lines.flatMap((l) => l.shipment?.specialHandling ?? []);
  return {
    lines,
    shipments: lines.length,
    pieces: lines.reduce((s, l) => s + (l.assignment.pieces ?? 0), 0),
    weightKg: round(lines.reduce((s, l) => s + (l.assignment.weightKg ?? 0), 0)),
    specialHandling: countBy(codes, (c) => c.toUpperCase()),
  };
}

/** Later flights the same (UTC) day on the same route: where the cargo can be re-protected. */
export function laterFlightsOnRoute(flight: FlightNode, sameRoute: readonly FlightNode[]): FlightNode[] {
  const day = (flight.departureTime ?? '').slice(0, 10);
  return sameRoute
    .filter(
      (f) => f.flightId !== flight.flightId && (f.departureTime ?? '') > (flight.departureTime ?? '') && (f.departureTime ?? '').startsWith(day),
    )
    .sort((a, b) => (a.departureTime ?? '').localeCompare(b.departureTime ?? ''));
}
