import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { AircraftAvailability, MaintenanceRoster, MaintenanceStaff, MaintenanceWorkOrders } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { AircraftAvailabilityType, MaintenanceRosterEntryType, MaintenanceStaffType, MaintenanceWorkOrderType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { DateTime } from '../scalars.js';
import { validId } from '../validate.js';
import { AircraftType } from './aircraft.resolver.js';

type WorkOrder = NodeOf<typeof MaintenanceWorkOrders>;
type Shift = NodeOf<typeof MaintenanceRoster>;
const byShiftStart = (a: Shift, b: Shift) => (a.shiftStart ?? '').localeCompare(b.shiftStart ?? '');

@Resolver(() => MaintenanceWorkOrderType)
export class MaintenanceWorkOrderResolver {
  @Query(() => MaintenanceWorkOrderType, { nullable: true })
  maintenanceWorkOrder(@Arg('workorderId', () => ID) workorderId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceWorkOrders, validId(workorderId, 'workorderId'));
  }

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() w: WorkOrder, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(w.aircraftRegistration);
  }

  @FieldResolver(() => [MaintenanceRosterEntryType], { description: 'Maintenance shifts rostered on this work order.' })
  async roster(@Root() w: WorkOrder, @Ctx() ctx: GatewayContext) {
    const shifts = await ctx.reader.children(w, 'roster', MaintenanceRoster, ACCESS_PATTERNS.rosterOfWorkOrder(w.workorderId!));
    return shifts.sort(byShiftStart);
  }
}

@Resolver(() => MaintenanceStaffType)
export class MaintenanceStaffResolver {
  @Query(() => MaintenanceStaffType, { nullable: true })
  maintenanceStaff(@Arg('staffId', () => ID) staffId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceStaff, validId(staffId, 'staffId'));
  }

  @FieldResolver(() => [MaintenanceRosterEntryType], { description: 'Shifts of this staff member, by start.' })
  async roster(@Root() s: NodeOf<typeof MaintenanceStaff>, @Ctx() ctx: GatewayContext) {
    const shifts = await ctx.reader.children(s, 'roster', MaintenanceRoster, ACCESS_PATTERNS.rosterOfMaintenanceStaff(s.staffId!));
    return shifts.sort(byShiftStart);
  }
}

@Resolver(() => MaintenanceRosterEntryType)
export class MaintenanceRosterEntryResolver {
  @Query(() => MaintenanceRosterEntryType, { nullable: true })
  maintenanceRosterEntry(@Arg('rosterId', () => ID) rosterId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceRoster, validId(rosterId, 'rosterId'));
  }

  @FieldResolver(() => MaintenanceStaffType, { nullable: true })
  staff(@Root() r: Shift, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceStaff, r.staffId);
  }

  @FieldResolver(() => MaintenanceWorkOrderType, { nullable: true })
  workOrder(@Root() r: Shift, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceWorkOrders, r.workorderId);
  }
}

@Resolver(() => AircraftAvailabilityType)
export class AircraftAvailabilityResolver {
  @Query(() => AircraftAvailabilityType, { nullable: true, description: 'One availability window by registration and start.' })
  aircraftAvailability(
    @Arg('registration', () => ID) registration: string,
    @Arg('availabilityStart', () => DateTime) availabilityStart: string,
    @Ctx() ctx: GatewayContext,
  ) {
    return ctx.reader.one(AircraftAvailability, {
      aircraft_registration: validId(registration, 'registration'),
      availability_start: availabilityStart,
    });
  }

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() a: NodeOf<typeof AircraftAvailability>, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(a.aircraftRegistration);
  }
}
