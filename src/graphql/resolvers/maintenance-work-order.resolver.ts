import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { MaintenanceWorkOrders } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { MaintenanceWorkOrderType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => MaintenanceWorkOrderType)
export class MaintenanceWorkOrderResolver {
  @Query(() => MaintenanceWorkOrderType, { nullable: true })
  maintenanceWorkOrder(@Arg('workorderId', () => ID) workorderId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(MaintenanceWorkOrders, validId(workorderId, 'workorderId'));
  }
}
