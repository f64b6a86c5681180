import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { CargoShipments } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { CargoShipmentType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => CargoShipmentType)
export class CargoShipmentResolver {
  @Query(() => CargoShipmentType, { nullable: true })
  cargoShipment(@Arg('shipmentId', () => ID) shipmentId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CargoShipments, validId(shipmentId, 'shipmentId'));
  }
}
