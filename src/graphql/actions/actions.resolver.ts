import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { Baggage, Bookings, DisruptedPassengers, ENTITIES, Flights, Passengers, type AnyEntityModel } from '../../../entities/index.js';
import { activityCondition, auditPage, auditTrailCondition } from '../../../db/audit.js';
import { badInput, forbidden } from '../../../db/gateway-error.js';
import { toNode, type StoredItem } from '../../../db/nodes.js';
import type { Connection } from '../../../db/page.js';
import { assignSwapAircraft } from '../../desk/actions/assign-swap-aircraft.js';
import { delayFlight, MAX_REASON_LENGTH } from '../../desk/actions/delay-flight.js';
import { issueCare } from '../../desk/actions/issue-care.js';
import { rebookPassenger } from '../../desk/actions/rebook-passenger.js';
import { SETTABLE_REBOOKING_STATUSES } from '../../desk/actions/rules.js';
import type { ActionContext, ActionResult, AuditEntry as DeskAuditEntry } from '../../desk/actions/run.js';
import { setRebookingStatus } from '../../desk/actions/set-rebooking-status.js';
import type { DisruptionData } from '../../desk/disruption-data.js';
import type { SwapOptionCheck as DeskSwapOptionCheck } from '../../desk/swap-check.js';
import { atLeast, type Role } from '../../auth/roles.js';
import { PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { DisruptionType } from '../desk/disruption.types.js';
import { SwapOptionCheck } from '../desk/swap-check.types.js';
import { BaggageType, BookingType, DisruptedPassengerType, FlightType, PassengerType } from '../entity-types.js';
import { validId } from '../validate.js';
import { AuditEntry, AuditEntryConnection, auditEntryOf } from './audit.types.js';

/** The longest idempotency key accepted. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

export enum RebookingStatusInput {
  PROTECTED = 'PROTECTED',
  WAITLISTED = 'WAITLISTED',
  REFUND_REQUESTED = 'REFUND_REQUESTED',
  PENDING = 'PENDING',
}
registerEnumType(RebookingStatusInput, {
  name: 'RebookingStatusInput',
  description: `The statuses setRebookingStatus sets: ${SETTABLE_REBOOKING_STATUSES.join(', ')}.`,
});

const VERSION_DESCRIPTION = 'The version of the record as the caller last read it: a stale one is CONFLICT, with extensions.currentVersion.';
const KEY_DESCRIPTION =
  'Optional. The same key with the same input within 24 h returns the first answer without writing again; with another input it is CONFLICT.';

@InputType({ description: 'rebookPassenger: put a disrupted passenger on another flight.' })
class RebookPassengerInput {
  @Field(() => ID) passengerId!: string;
  @Field(() => ID, {
    description:
      'The flight to rebook onto: from the passenger’s airport to their arrival airport (or final destination), not departed or cancelled.',
  })
  toFlightId!: string;
  @Field(() => Int, { description: `Of the passenger's disruption record. ${VERSION_DESCRIPTION}` }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION }) idempotencyKey?: string | null;
}

@InputType({ description: 'setRebookingStatus: a disrupted passenger’s rebooking status.' })
class SetRebookingStatusInput {
  @Field(() => ID) passengerId!: string;
  @Field(() => RebookingStatusInput) status!: RebookingStatusInput;
  @Field(() => Int, { description: `Of the passenger's disruption record. ${VERSION_DESCRIPTION}` }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION }) idempotencyKey?: string | null;
}

@InputType({ description: 'issueCare: a hotel and/or a meal voucher for a disrupted passenger.' })
class IssueCareInput {
  @Field(() => ID) passengerId!: string;
  @Field(() => Boolean, { nullable: true, description: 'Issue a hotel (hotelVoucherIssued, and requiresHotel).' }) hotel?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Issue a meal voucher (mealVoucherIssued).' }) mealVoucher?: boolean | null;
  @Field(() => Int, { description: `Of the passenger's disruption record. ${VERSION_DESCRIPTION}` }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION }) idempotencyKey?: string | null;
}

@InputType({ description: 'assignSwapAircraft: fly a flight with a swap aircraft.' })
class AssignSwapAircraftInput {
  @Field(() => ID) flightId!: string;
  @Field({ description: 'The swap aircraft (an aircraftSwapOptions registration); the swap check runs again, and NO_GO refuses it.' })
  registration!: string;
  @Field(() => Int, { description: `Of the flight. ${VERSION_DESCRIPTION}` }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION }) idempotencyKey?: string | null;
}

@InputType({ description: 'delayFlight: a flight’s estimated departure and arrival.' })
class DelayFlightInput {
  @Field(() => ID) flightId!: string;
  @Field(() => Int, { description: 'Minutes late against the schedule (0 to 2880; 0 puts it back on time).' }) delayMinutes!: number;
  @Field({ description: `Why (at most ${MAX_REASON_LENGTH} characters).` }) reason!: string;
  @Field(() => Int, { description: `Of the flight. ${VERSION_DESCRIPTION}` }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION }) idempotencyKey?: string | null;
}

@ObjectType({ description: 'What rebookPassenger changed, each record with its new version.' })
class RebookPassengerPayload {
  @Field(() => DisruptedPassengerType) disruption!: object;
  @Field(() => PassengerType, { nullable: true }) passenger!: object | null;
  @Field(() => BookingType, { nullable: true, description: 'The new booking on the new flight.' }) booking!: object | null;
  @Field(() => [BaggageType], { description: 'The bags moved to the new flight.' }) baggage!: object[];
  @Field(() => AuditEntry) auditEntry!: AuditEntry;
  @Field({ description: 'True when this is the first answer to the same idempotency key (nothing written this time).' }) replayed!: boolean;
}

@ObjectType({ description: 'A disruption record an action changed, with its new version.' })
class DisruptedPassengerPayload {
  @Field(() => DisruptedPassengerType) disruption!: object;
  @Field(() => AuditEntry) auditEntry!: AuditEntry;
  @Field({ description: 'True when this is the first answer to the same idempotency key (nothing written this time).' }) replayed!: boolean;
}

@ObjectType({ description: 'A flight an action changed, with its new version.' })
class FlightPayload {
  @Field(() => FlightType) flight!: object;
  @Field(() => AuditEntry) auditEntry!: AuditEntry;
  @Field({ description: 'True when this is the first answer to the same idempotency key (nothing written this time).' }) replayed!: boolean;
}

@ObjectType({ description: 'The flight with its new aircraft, and the swap check it passed.' })
class AssignSwapAircraftPayload extends FlightPayload {
  @Field(() => SwapOptionCheck, { nullable: true, description: 'The check at write time (null on a replay).' })
  swapCheck!: DeskSwapOptionCheck | null;
}

/** Who may act how (README, "Acting on a disruption"). */
function mayAct(ctx: GatewayContext, role: Role, mutation: string): ActionContext {
  if (!atLeast(ctx.caller.role, role)) {
    throw forbidden(`${mutation} needs the role ${role} or above (the caller is ${ctx.caller.role ?? 'without a role'})`);
  }
  return { db: ctx.reader.db, actor: { sub: ctx.caller.sub, role: ctx.caller.role } };
}

function validVersion(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw badInput(`\`expectedVersion\` must be an integer of 0 or more, got ${value}`, 'expectedVersion');
  return value;
}

function validKey(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badInput(`\`idempotencyKey\` must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, 'idempotencyKey');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw badInput('`idempotencyKey` contains control characters', 'idempotencyKey');
  return value;
}

const recordsOf = (result: ActionResult, model: AnyEntityModel) =>
  result.records.filter((r) => r.entity === model.name).map((r) => toNode(model, r.item));

@Resolver()
export class ActionsResolver {
  @Mutation(() => RebookPassengerPayload, {
    description:
      'Rebooks a disrupted passenger (role agent or above): the disruption record REBOOKED, a booking on the new flight, the passenger and their bags moved, in one transaction.',
  })
  async rebookPassenger(
    @Arg('input', () => RebookPassengerInput) input: RebookPassengerInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<RebookPassengerPayload> {
    const action = mayAct(ctx, 'agent', 'rebookPassenger');
    const result = await rebookPassenger(action, {
      passengerId: validId(input.passengerId, 'input.passengerId'),
      toFlightId: validId(input.toFlightId, 'input.toFlightId'),
      expectedVersion: validVersion(input.expectedVersion),
      idempotencyKey: validKey(input.idempotencyKey),
    });
    return {
      disruption: recordsOf(result, DisruptedPassengers)[0]!,
      passenger: recordsOf(result, Passengers)[0] ?? null,
      booking: recordsOf(result, Bookings)[0] ?? null,
      baggage: recordsOf(result, Baggage),
      auditEntry: auditEntryOf(result.auditEntry),
      replayed: result.replayed,
    };
  }

  @Mutation(() => DisruptedPassengerPayload, { description: 'Sets a disrupted passenger’s rebooking status (role agent or above).' })
  async setRebookingStatus(
    @Arg('input', () => SetRebookingStatusInput) input: SetRebookingStatusInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<DisruptedPassengerPayload> {
    const action = mayAct(ctx, 'agent', 'setRebookingStatus');
    const result = await setRebookingStatus(action, {
      passengerId: validId(input.passengerId, 'input.passengerId'),
      status: input.status,
      expectedVersion: validVersion(input.expectedVersion),
      idempotencyKey: validKey(input.idempotencyKey),
    });
    return { disruption: recordsOf(result, DisruptedPassengers)[0]!, auditEntry: auditEntryOf(result.auditEntry), replayed: result.replayed };
  }

  @Mutation(() => DisruptedPassengerPayload, { description: 'Issues a hotel and/or a meal voucher to a disrupted passenger (role agent or above).' })
  async issueCare(@Arg('input', () => IssueCareInput) input: IssueCareInput, @Ctx() ctx: GatewayContext): Promise<DisruptedPassengerPayload> {
    const action = mayAct(ctx, 'agent', 'issueCare');
    const result = await issueCare(action, {
      passengerId: validId(input.passengerId, 'input.passengerId'),
      hotel: input.hotel,
      mealVoucher: input.mealVoucher,
      expectedVersion: validVersion(input.expectedVersion),
      idempotencyKey: validKey(input.idempotencyKey),
    });
    return { disruption: recordsOf(result, DisruptedPassengers)[0]!, auditEntry: auditEntryOf(result.auditEntry), replayed: result.replayed };
  }

  @Mutation(() => AssignSwapAircraftPayload, {
    description:
      'Flies a flight with a swap aircraft (role duty_manager or above), after the swap check at write time; NO_GO or an overlapping flight refuses it.',
  })
  async assignSwapAircraft(
    @Arg('input', () => AssignSwapAircraftInput) input: AssignSwapAircraftInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<AssignSwapAircraftPayload> {
    const action = mayAct(ctx, 'duty_manager', 'assignSwapAircraft');
    const result = await assignSwapAircraft(
      { ...action, reader: ctx.reader },
      {
        flightId: validId(input.flightId, 'input.flightId'),
        registration: validId(input.registration, 'input.registration'),
        expectedVersion: validVersion(input.expectedVersion),
        idempotencyKey: validKey(input.idempotencyKey),
      },
    );
    return {
      flight: recordsOf(result, Flights)[0]!,
      auditEntry: auditEntryOf(result.auditEntry),
      replayed: result.replayed,
      swapCheck: result.check ?? null,
    };
  }

  @Mutation(() => FlightPayload, { description: 'Delays a flight: its estimated departure and arrival (role duty_manager or above).' })
  async delayFlight(@Arg('input', () => DelayFlightInput) input: DelayFlightInput, @Ctx() ctx: GatewayContext): Promise<FlightPayload> {
    const action = mayAct(ctx, 'duty_manager', 'delayFlight');
    const result = await delayFlight(action, {
      flightId: validId(input.flightId, 'input.flightId'),
      delayMinutes: input.delayMinutes,
      reason: input.reason,
      expectedVersion: validVersion(input.expectedVersion),
      idempotencyKey: validKey(input.idempotencyKey),
    });
    return { flight: recordsOf(result, Flights)[0]!, auditEntry: auditEntryOf(result.auditEntry), replayed: result.replayed };
  }

  @Query(() => AuditEntryConnection, {
    description:
      'The audit trail of a record (role agent or above): every action that named it (its expectedVersion), oldest first; each entry lists every record it changed. The passenger actions name the disruption record (DisruptedPassengers), the flight actions the flight.',
  })
  async auditTrail(
    @Arg('entity', { description: 'The entity: its contract name (DisruptedPassengers) or type name (DisruptedPassenger).' }) entity: string,
    @Arg('id', () => ID) id: string,
    @Args() page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<Connection<AuditEntry>> {
    mayRead(ctx, 'auditTrail');
    const model = ENTITIES.find((m) => m.name === entity.trim() || m.typeName === entity.trim());
    if (!model)
      throw badInput(`\`entity\` must be one of ${ENTITIES.map((m) => m.name).join(', ')}, got ${JSON.stringify(entity.slice(0, 60))}`, 'entity');
    const key = model.primaryKey(model.keyFromId(validId(id, 'id')));
    const result = await auditPage(ctx.reader, `audit:${key.pk}`, auditTrailCondition(key), page);
    return { nodes: result.nodes.map(fromItem), pageInfo: result.pageInfo };
  }
}

function mayRead(ctx: GatewayContext, field: string): void {
  // Entries hold the records' before and after values: personal data.
  if (!atLeast(ctx.caller.role, 'agent'))
    throw forbidden(`${field} holds personal data: it needs the role agent or above (the caller is ${ctx.caller.role ?? 'without a role'})`);
}

const fromItem = (item: StoredItem) => auditEntryOf(item as unknown as DeskAuditEntry);

@Resolver(() => DisruptionType)
export class DisruptionActivityResolver {
  @FieldResolver(() => AuditEntryConnection, {
    description:
      'What was done about this disruption (role agent or above): the actions on its flight and its passengers, oldest first. One Query per page.',
  })
  async activity(@Root() d: DisruptionData, @Args() page: PageArgs, @Ctx() ctx: GatewayContext): Promise<Connection<AuditEntry>> {
    mayRead(ctx, 'Disruption.activity');
    const key = Flights.primaryKey({ flight_id: d.flightId });
    const result = await auditPage(ctx.reader, `activity:${key.pk}`, activityCondition(key), page);
    return { nodes: result.nodes.map(fromItem), pageInfo: result.pageInfo };
  }
}
