import { DisruptedPassengers, Flights, versionOf } from '../../../entities/index.js';
import { ChangeSet } from '../../../db/changeset.js';
import { upperOf } from '../nodes.js';
import { readDisruptedPassenger } from './load.js';
import { REBOOKED_STATUS, SETTABLE_REBOOKING_STATUSES, type SettableRebookingStatus } from './rules.js';
import { refused, runAction, type ActionContext, type ActionResult } from './run.js';

export const SET_REBOOKING_STATUS = 'setRebookingStatus';

export interface SetRebookingStatusInput {
  readonly passengerId: string;
  readonly status: SettableRebookingStatus;
  readonly expectedVersion: number;
  readonly idempotencyKey?: string | null | undefined;
}

/** Sets a disrupted passenger's rebooking status (PROTECTED, WAITLISTED, REFUND_REQUESTED, PENDING); the status index follows. */
export function setRebookingStatus(ctx: ActionContext, input: SetRebookingStatusInput): Promise<ActionResult> {
  return runAction(ctx, {
    mutation: SET_REBOOKING_STATUS,
    input: { passengerId: input.passengerId, status: input.status, expectedVersion: input.expectedVersion },
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    plan: async () => {
      const { disruption } = await readDisruptedPassenger(ctx.db, SET_REBOOKING_STATUS, input.passengerId);
      const subject = { model: DisruptedPassengers, item: disruption };
      const changes = new ChangeSet();
      if (versionOf(disruption) !== input.expectedVersion) return { subject, changes };
      const current = upperOf(disruption.rebooking_status as string | undefined);
      const reasons: string[] = [];
      if (!(SETTABLE_REBOOKING_STATUSES as readonly string[]).includes(input.status)) {
        reasons.push(`status ${input.status} is not one of ${SETTABLE_REBOOKING_STATUSES.join(', ')}`);
      }
      if (current === REBOOKED_STATUS) {
        reasons.push(
          `passenger ${input.passengerId} is rebooked on ${typeof disruption.rebooked_flight_id === 'string' ? disruption.rebooked_flight_id : 'another flight'}: a status does not undo a rebooking`,
        );
      }
      if (current === input.status) reasons.push(`passenger ${input.passengerId} is already ${input.status}`);
      if (reasons.length > 0) throw refused(SET_REBOOKING_STATUS, reasons);
      changes.update(DisruptedPassengers, disruption, { rebooking_status: input.status });
      const flightId = disruption.flight_id as string | undefined;
      return { subject, changes, activityOf: flightId ? Flights.primaryKey({ flight_id: flightId }) : undefined };
    },
  });
}
