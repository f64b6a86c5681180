import type { DisruptedNode, PassengerNode } from './nodes.js';

/** A disrupted passenger with their passenger row (null when passengers.csv has none). */
export interface DisruptedPassengerView {
  readonly disrupted: DisruptedNode;
  readonly passenger: PassengerNode | null;
}

/** The cabin of a disrupted passenger: the disruption record's, else the passenger row's. */
export const cabinOf = (v: DisruptedPassengerView) => v.disrupted.cabinClass ?? v.passenger?.cabinClass;

/** The category (VVIP, VIP ...) of a disrupted passenger: the disruption record's, else the passenger row's. */
export const categoryOf = (v: DisruptedPassengerView) => v.disrupted.passengerCategory ?? v.passenger?.passengerCategory;

export function join(disrupted: readonly DisruptedNode[], passengers: ReadonlyMap<string, PassengerNode>): DisruptedPassengerView[] {
  return disrupted.map((d) => ({ disrupted: d, passenger: passengers.get(d.passengerId) ?? null }));
}
