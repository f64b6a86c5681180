import type { DisruptionData } from './disruption-data.js';
import { countBy, round, type AssignmentNode, type FlightNode, type KeyCount, type ShipmentNode } from './nodes.js';
import { isPriorityCargo } from './scenarios.js';

/** A cargo assignment of the flight, with its shipment. */
export interface CargoOnBoard {
  readonly assignment: AssignmentNode;
  readonly shipment: ShipmentNode | null;
  /** Perishable, live or otherwise urgent (PER, AVI, HUM ... or URGENT priority). */
  readonly priorityCargo: boolean;
}

/** Blast radius: the cargo on the flight, totalled. */
export interface CargoSummary {
  readonly shipments: number;
  readonly pieces: number;
  readonly weightKg: number;
  /** IATA special-handling codes on board, with how many shipments carry each. */
  readonly specialHandling: KeyCount[];
}

/** Cargo re-protection: the shipments on board, and where they can go instead. */
export interface CargoReprotection {
  /** Priority cargo first. */
  readonly shipments: CargoOnBoard[];
  readonly totalWeightKg: number;
  /** Later flights the same day on the same route. */
  readonly laterFlights: FlightNode[];
}

type LoadedCargo = ReadonlyArray<{ assignment: AssignmentNode; shipment: ShipmentNode | null }>;

/** Cargo on the flight, priority cargo first (then heaviest). */
export function cargoOnBoard(cargo: LoadedCargo): CargoOnBoard[] {
  return cargo
    .map((c) => ({ ...c, priorityCargo: isPriorityCargo(c.shipment) }))
    .sort((a, b) => Number(b.priorityCargo) - Number(a.priorityCargo) || (b.assignment.weightKg ?? 0) - (a.assignment.weightKg ?? 0));
}

const weightOf = (lines: readonly CargoOnBoard[]) => round(lines.reduce((s, l) => s + (l.assignment.weightKg ?? 0), 0));

/** Shipments, pieces and weight on the flight, with its special-handling codes. */
export function cargoSummary(cargo: LoadedCargo): CargoSummary {
  const lines = cargoOnBoard(cargo);
  return {
    shipments: lines.length,
    pieces: lines.reduce((s, l) => s + (l.assignment.pieces ?? 0), 0),
    weightKg: weightOf(lines),
    specialHandling: countBy(
      lines.flatMap((l) => l.shipment?.specialHandling ?? []),
      (c) => c.toUpperCase(),
    ),
  };
}

/** The flight's cargo, priority first, with the later flights the same day on its route. */
export async function cargoReprotection(data: DisruptionData): Promise<CargoReprotection> {
  const [shipments, sameRoute] = await Promise.all([data.cargo().then(cargoOnBoard), data.routeFlightsThatDay()]);
  return { shipments, totalWeightKg: weightOf(shipments), laterFlights: laterFlightsOnRoute(data.flight, sameRoute) };
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
