import { countBy, round, type BagNode, type DisruptedNode, type KeyCount } from './nodes.js';

/** Checked bags on the flight. */
export interface BagSummary {
  readonly count: number;
  readonly weightKg: number;
}

/** Bags of the disrupted passengers. */
export interface BagsToMove {
  readonly count: number;
  readonly weightKg: number;
  readonly byStatus: KeyCount[];
  readonly bags: BagNode[];
}

/** Count and weight of the flight's checked bags. */
export function bagSummary(bags: readonly BagNode[]): BagSummary {
  return { count: bags.length, weightKg: round(bags.reduce((s, b) => s + (b.weightKg ?? 0), 0)) };
}

/** Bags of disrupted passengers, by tag, with a count by status. */
export function bagsToMove(bags: readonly BagNode[], disrupted: readonly DisruptedNode[]): BagsToMove {
  const ids = new Set<string | undefined>(disrupted.map((d) => d.passengerId));
  const list = bags.filter((b) => ids.has(b.passengerId)).sort((a, b) => (a.baggageTag ?? '').localeCompare(b.baggageTag ?? ''));
  return {
    bags: list,
    count: list.length,
    weightKg: round(list.reduce((s, b) => s + (b.weightKg ?? 0), 0)),
    byStatus: countBy(list, (b) => b.status),
  };
}
