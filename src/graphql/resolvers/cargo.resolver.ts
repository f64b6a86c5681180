import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { CargoFlightAssignments, CargoShipments, Flights } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { CargoFlightAssignmentType, CargoShipmentType, FlightType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validId } from '../validate.js';

@Resolver(() => CargoShipmentType)
export class CargoShipmentResolver {
  @Query(() => CargoShipmentType, { nullable: true })
  cargoShipment(@Arg('shipmentId', () => ID) shipmentId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CargoShipments, validId(shipmentId, 'shipmentId'));
  }

  @FieldResolver(() => [CargoFlightAssignmentType])
  assignments(@Root() s: NodeOf<typeof CargoShipments>, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(s, 'assignments', CargoFlightAssignments, ACCESS_PATTERNS.assignmentsOfShipment(s.shipmentId!));
  }
}

@Resolver(() => CargoFlightAssignmentType)
export class CargoFlightAssignmentResolver {
  @Query(() => CargoFlightAssignmentType, { nullable: true })
  cargoFlightAssignment(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CargoFlightAssignments, validId(assignmentId, 'assignmentId'));
  }

  @FieldResolver(() => CargoShipmentType, { nullable: true })
  shipment(@Root() a: NodeOf<typeof CargoFlightAssignments>, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CargoShipments, a.shipmentId);
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() a: NodeOf<typeof CargoFlightAssignments>, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, a.flightId);
  }
}
