import type { DisruptionData } from './disruption-data.js';
import { upperOf, type AvailabilityNode } from './nodes.js';
import { GROUNDED_STATUSES } from './rules.js';

/** An aircraft's AOG and MAINT windows, in the order given (by start, as loaded). */
export function groundedWindows(windows: readonly AvailabilityNode[]): AvailabilityNode[] {
  return windows.filter((w) => GROUNDED_STATUSES.has(upperOf(w.availabilityStatus)));
}

/**
 * The grounding window of the disrupted flight's aircraft: the AOG/MAINT window
 * around its departure, else its first one, else null.
 */
export async function groundingWindow(data: DisruptionData): Promise<AvailabilityNode | null> {
  const facts = await data.aircraftFacts(data.flight.aircraftRegistration);
  const departure = data.flight.departureTime ?? '';
  const grounded = groundedWindows(facts?.windows ?? []);
  return grounded.find((w) => (w.availabilityStart ?? '') <= departure && departure < (w.availabilityEnd ?? '9999')) ?? grounded[0] ?? null;
}
