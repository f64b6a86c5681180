import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { MaintenanceRoster } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { MaintenanceRosterEntryType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => MaintenanceRosterEntryType)
export class MaintenanceRosterEntryResolver {
  @Query(() => MaintenanceRosterEntryType, { nullable: true })
  maintenanceRosterEntry(@Arg('rosterId', () => ID) rosterId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceRoster, validId(rosterId, 'rosterId'));
  }
}
