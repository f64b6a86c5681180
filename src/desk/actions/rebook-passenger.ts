import { createHash } from 'node:crypto';
import { Bookings, Baggage, DisruptedPassengers, Flights, Passengers, TABLE_STATS_KEY, versionOf } from '../../../entities/index.js';
import { ChangeSet } from '../../../db/changeset.js';
import type { StoredItem } from '../../../db/nodes.js';
import { upperOf } from '../nodes.js';
import { baggageOfPassenger, bookingsOfPassenger, readDisruptedPassenger, readFlight } from './load.js';
import { CONFIRMED_BOOKING_STATUS, closedFlightReason, DESK_BOOKING_CHANNEL, REBOOKED_STATUS } from './rules.js';
import { refused, runAction, type ActionContext, type ActionResult } from './run.js';

export const REBOOK_PASSENGER = 'rebookPassenger';

export interface RebookPassengerInput {
  readonly passengerId: string;
  readonly toFlightId: string;
  readonly expectedVersion: number;
  readonly idempotencyKey?: string | null | undefined;
}

/** A stored attribute as text (undefined when it is not a string). */
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Why `target` cannot take a passenger of the disrupted flight `from` (empty: it can). */
export function rebookRefusals(
  disruption: StoredItem,
  passenger: StoredItem | null,
  from: StoredItem | null,
  target: StoredItem | null,
  toFlightId: string,
): string[] {
  const reasons: string[] = [];
  if (upperOf(disruption.rebooking_status as string | undefined) === REBOOKED_STATUS) {
    reasons.push(`passenger ${String(disruption.passenger_id)} is already rebooked on ${textOf(disruption.rebooked_flight_id) ?? 'another flight'}`);
  }
  if (!target) return [...reasons, `flight ${toFlightId} does not exist`];
  if (toFlightId === disruption.flight_id) return [...reasons, `flight ${toFlightId} is the disrupted flight itself`];
  const closed = closedFlightReason(toFlightId, target.flight_status as string | undefined);
  if (closed) reasons.push(closed);
  // The passenger is at the disrupted flight's origin, bound for their arrival airport (or final destination).
  const at = upperOf((from?.origin_airport ?? passenger?.departure_airport) as string | undefined);
  if (at && upperOf(target.origin_airport as string | undefined) !== at) {
    reasons.push(`flight ${toFlightId} leaves from ${String(target.origin_airport)}, not from ${at} where the passenger is`);
  }
  const bound = [passenger?.arrival_airport, disruption.final_destination, from?.destination_airport]
    .map((a) => upperOf(a as string | undefined))
    .filter(Boolean);
  if (bound.length > 0 && !bound.includes(upperOf(target.destination_airport as string | undefined))) {
    reasons.push(`flight ${toFlightId} goes to ${String(target.destination_airport)}, not to ${[...new Set(bound)].join(' or ')}`);
  }
  return reasons;
}

/** The id of the booking a rebooking makes: derived from what it rebooks, so that two attempts at the same rebooking make one booking. */
function newBookingId(passengerId: string, toFlightId: string, version: number): string {
  return `RB${createHash('sha256').update(`${passengerId}\u0000${toFlightId}\u0000${version}`).digest('hex').slice(0, 10).toUpperCase()}`;
}

/**
 * Rebooks a disrupted passenger onto another flight, in one transaction: the
 * disruption record REBOOKED with rebooked_flight_id; a booking on the new flight
 * (same PNR, a new id); the passenger row and their bags on the disrupted flight
 * moved to it; every index and `_refs` list these touch; the table's booking count.
 */
export function rebookPassenger(ctx: ActionContext, input: RebookPassengerInput): Promise<ActionResult> {
  return runAction(ctx, {
    mutation: REBOOK_PASSENGER,
    input: { passengerId: input.passengerId, toFlightId: input.toFlightId, expectedVersion: input.expectedVersion },
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    plan: async () => {
      const { disruption, passenger } = await readDisruptedPassenger(ctx.db, REBOOK_PASSENGER, input.passengerId);
      const fromId = textOf(disruption.flight_id) ?? '';
      const [from, target] = await Promise.all([fromId ? readFlight(ctx.db, fromId) : null, readFlight(ctx.db, input.toFlightId)]);
      const reasons = rebookRefusals(disruption, passenger, from, target, input.toFlightId);
      if (reasons.length > 0 && versionOf(disruption) === input.expectedVersion) throw refused(REBOOK_PASSENGER, reasons);
      const changes = new ChangeSet().knows(from, target);
      const subject = { model: DisruptedPassengers, item: disruption };
      if (reasons.length > 0) return { subject, changes };
      const flight = target!;
      changes.update(DisruptedPassengers, disruption, { rebooking_status: REBOOKED_STATUS, rebooked_flight_id: input.toFlightId });
      let bookingId: string | undefined;
      if (passenger) {
        const bookings = await bookingsOfPassenger(ctx.db, passenger);
        const original = bookings.find((b) => b.flight_id === fromId) ?? bookings[0];
        bookingId = newBookingId(input.passengerId, input.toFlightId, versionOf(disruption));
        changes.create(Bookings, {
          booking_id: bookingId,
          passenger_id: input.passengerId,
          flight_id: input.toFlightId,
          pnr: passenger.pnr ?? original?.pnr,
          booking_status: CONFIRMED_BOOKING_STATUS,
          fare_class: original?.fare_class,
          booking_channel: DESK_BOOKING_CHANNEL,
          booked_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        });
        changes.update(Passengers, passenger, {
          flight_id: input.toFlightId,
          flight_number: flight.flight_number,
          aircraft_type: flight.aircraft_type,
          aircraft_registration: flight.aircraft_registration,
          departure_airport: flight.origin_airport,
          arrival_airport: flight.destination_airport,
        });
        for (const bag of await baggageOfPassenger(ctx.db, passenger)) {
          if (bag.flight_id !== fromId) continue;
          changes.update(Baggage, bag, { flight_id: input.toFlightId, booking_id: bookingId });
        }
      }
      return {
        subject,
        changes,
        extra: bookingId ? [{ type: 'add', key: TABLE_STATS_KEY, path: ['counts', Bookings.name], by: 1 }] : [],
        activityOf: fromId ? Flights.primaryKey({ flight_id: fromId }) : undefined,
      };
    },
  });
}
