import { arrivalOf, departureOf, minutesBetween, ownDelayOf, type FlightNode } from './nodes.js';

export interface DelayedFlight {
  readonly flight: FlightNode;
  readonly delayMinutes: number;
}

/**
 * How a delay travels down an aircraft's rotation: each downline flight absorbs
 * the ground time beyond the minimum turnaround, and passes on the rest. Times are
 * the estimated ones where a flight has them (delayFlight), so `delayMinutes` is
 * the delay beyond the flight's own estimate; each downline flight's delay is
 * given against its schedule (its own estimated delay plus what reaches it).
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
    const ground = minutesBetween(arrivalOf(previous), departureOf(next));
    const buffer = Number.isNaN(ground) ? 0 : Math.max(0, ground - minTurnaroundMinutes);
    delay = Math.max(0, delay - buffer);
    delayed.push({ flight: next, delayMinutes: delay + ownDelayOf(next) });
    previous = next;
  }
  return delayed;
}
