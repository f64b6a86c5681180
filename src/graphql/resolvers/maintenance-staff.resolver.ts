import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { MaintenanceStaff } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { MaintenanceStaffType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => MaintenanceStaffType)
export class MaintenanceStaffResolver {
  @Query(() => MaintenanceStaffType, { nullable: true })
  maintenanceStaff(@Arg('staffId', () => ID) staffId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceStaff, validId(staffId, 'staffId'));
  }
}
