import { minutesBetween, type FlightNode } from './nodes.js';

export interface DelayedFlight {
  readonly flight: FlightNode;
  readonly delayMinutes: number;
}

/**
 * How a delay travels down an aircraft's rotation: each downline flight absorbs
 * the scheduled ground time beyond the minimum turnaround, and passes on the rest.
 */
export function propagateDelay(
  flight: FlightNode,
  downline: readonly FlightNode[],
  delayMinutes: number,
  minTurnaroundMinutes: number,
): DelayedFlight[] {
  const delayed: DelayedFlight[] = [];
  let previous = flight;
  let delay = Math.max(0, delayMinutes);
  for (const next of downline) {
    const ground = minutesBetween(previous.arrivalTime, next.departureTime);
    const buffer = Number.isNaN(ground) ? 0 : Math.max(0, ground - minTurnaroundMinutes);
    delay = Math.max(0, delay - buffer);
    delayed.push({ flight: next, delayMinutes: delay });
    previous = next;
  }
  return delayed;
}
