import { DisruptedPassengers, Flights, versionOf } from '../../../entities/index.js';
import { ChangeSet } from '../../../db/changeset.js';
import { readDisruptedPassenger } from './load.js';
import { refused, runAction, type ActionContext, type ActionResult } from './run.js';

export const ISSUE_CARE = 'issueCare';

export interface IssueCareInput {
  readonly passengerId: string;
  readonly hotel?: boolean | null | undefined;
  readonly mealVoucher?: boolean | null | undefined;
  readonly expectedVersion: number;
  readonly idempotencyKey?: string | null | undefined;
}

/**
 * Issues care to a disrupted passenger: a hotel (hotel_voucher_issued, and
 * requires_hotel, so the hotel lists and counts include them) and/or a meal
 * voucher (meal_voucher_issued).
 */
export function issueCare(ctx: ActionContext, input: IssueCareInput): Promise<ActionResult> {
  return runAction(ctx, {
    mutation: ISSUE_CARE,
    input: {
      passengerId: input.passengerId,
      hotel: input.hotel ?? false,
      mealVoucher: input.mealVoucher ?? false,
      expectedVersion: input.expectedVersion,
    },
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    plan: async () => {
      const { disruption } = await readDisruptedPassenger(ctx.db, ISSUE_CARE, input.passengerId);
      const subject = { model: DisruptedPassengers, item: disruption };
      const changes = new ChangeSet();
      if (versionOf(disruption) !== input.expectedVersion) return { subject, changes };
      const set: Record<string, unknown> = {};
      const reasons: string[] = [];
      if (!input.hotel && !input.mealVoucher) reasons.push('nothing to issue: set hotel or mealVoucher to true');
      if (input.hotel) {
        if (disruption.hotel_voucher_issued === true) reasons.push(`passenger ${input.passengerId} already has a hotel`);
        else Object.assign(set, { hotel_voucher_issued: true, requires_hotel: true });
      }
      if (input.mealVoucher) {
        if (disruption.meal_voucher_issued === true) reasons.push(`passenger ${input.passengerId} already has a meal voucher`);
        else set.meal_voucher_issued = true;
      }
      if (reasons.length > 0) throw refused(ISSUE_CARE, reasons);
      changes.update(DisruptedPassengers, disruption, set);
      const flightId = disruption.flight_id as string | undefined;
      return { subject, changes, activityOf: flightId ? Flights.primaryKey({ flight_id: flightId }) : undefined };
    },
  });
}
