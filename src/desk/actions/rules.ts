import { upperOf } from '../nodes.js';

/** Flight statuses of a flight that has left (a passenger can no longer be put on it). */
export const DEPARTED_STATUSES: ReadonlySet<string> = new Set(['DEPARTED', 'AIRBORNE', 'IN_AIR', 'EN_ROUTE', 'LANDED', 'ARRIVED', 'COMPLETED']);
export const CANCELLED_STATUSES: ReadonlySet<string> = new Set(['CANCELLED', 'CANCELED']);

/** The rebooking statuses setRebookingStatus sets (REBOOKED is rebookPassenger's). */
export const SETTABLE_REBOOKING_STATUSES = ['PROTECTED', 'WAITLISTED', 'REFUND_REQUESTED', 'PENDING'] as const;
export type SettableRebookingStatus = (typeof SETTABLE_REBOOKING_STATUSES)[number];
export const REBOOKED_STATUS = 'REBOOKED';

/** The booking channel of a booking the desk makes. */
export const DESK_BOOKING_CHANNEL = 'DISRUPTION_DESK';
export const CONFIRMED_BOOKING_STATUS = 'CONFIRMED';

/** The largest delay delayFlight takes (48 h, as crewLegality's delayMinutes). */
export const MAX_DELAY_MINUTES = 2_880;

/** Why a flight cannot be flown or boarded any more, or undefined. */
export function closedFlightReason(flightId: string, status: string | undefined): string | undefined {
  const s = upperOf(status);
  if (DEPARTED_STATUSES.has(s)) return `flight ${flightId} has departed (status ${s})`;
  if (CANCELLED_STATUSES.has(s)) return `flight ${flightId} is cancelled`;
  return undefined;
}
