import { Flights, versionOf } from '../../../entities/index.js';
import { ChangeSet } from '../../../db/changeset.js';
import { addMinutes } from '../nodes.js';
import { readFlight } from './load.js';
import { closedFlightReason, MAX_DELAY_MINUTES } from './rules.js';
import { refused, runAction, type ActionContext, type ActionResult } from './run.js';

export const DELAY_FLIGHT = 'delayFlight';

/** The longest delay reason kept. */
export const MAX_REASON_LENGTH = 500;

export interface DelayFlightInput {
  readonly flightId: string;
  readonly delayMinutes: number;
  readonly reason: string;
  readonly expectedVersion: number;
  readonly idempotencyKey?: string | null | undefined;
}

/**
 * Delays a flight: its estimated departure and arrival become the scheduled
 * times plus `delayMinutes` (the delay against the schedule; 0 puts it back on
 * time), with the delay and its reason. The desk projects from estimated times
 * where they exist.
 */
export function delayFlight(ctx: ActionContext, input: DelayFlightInput): Promise<ActionResult> {
  return runAction(ctx, {
    mutation: DELAY_FLIGHT,
    input: { flightId: input.flightId, delayMinutes: input.delayMinutes, reason: input.reason, expectedVersion: input.expectedVersion },
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    plan: async () => {
      const flight = await readFlight(ctx.db, input.flightId);
      if (!flight) throw refused(DELAY_FLIGHT, [`flight ${input.flightId} does not exist`]);
      const subject = { model: Flights, item: flight };
      const changes = new ChangeSet();
      if (versionOf(flight) !== input.expectedVersion) return { subject, changes };
      const reasons: string[] = [];
      if (!Number.isInteger(input.delayMinutes) || input.delayMinutes < 0 || input.delayMinutes > MAX_DELAY_MINUTES) {
        reasons.push(`delayMinutes must be an integer from 0 to ${MAX_DELAY_MINUTES}, got ${input.delayMinutes}`);
      }
      const reason = input.reason.trim();
      if (!reason) reasons.push('a reason is required');
      if (reason.length > MAX_REASON_LENGTH) reasons.push(`the reason is longer than ${MAX_REASON_LENGTH} characters`);
      const closed = closedFlightReason(input.flightId, flight.flight_status as string | undefined);
      if (closed) reasons.push(closed);
      if (typeof flight.departure_time !== 'string') reasons.push(`flight ${input.flightId} has no scheduled departure to delay`);
      if (flight.delay_minutes === input.delayMinutes && flight.delay_reason === reason)
        reasons.push(`flight ${input.flightId} is already delayed ${input.delayMinutes} min for this reason`);
      if (reasons.length > 0) throw refused(DELAY_FLIGHT, reasons);
      changes.update(Flights, flight, {
        estimated_departure_time: addMinutes(flight.departure_time as string, input.delayMinutes),
        estimated_arrival_time: addMinutes(flight.arrival_time as string | undefined, input.delayMinutes),
        delay_minutes: input.delayMinutes,
        delay_reason: reason,
      });
      return { subject, changes, activityOf: Flights.primaryKey({ flight_id: input.flightId }) };
    },
  });
}
