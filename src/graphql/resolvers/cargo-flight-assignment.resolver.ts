import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { CargoFlightAssignments } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { CargoFlightAssignmentType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => CargoFlightAssignmentType)
export class CargoFlightAssignmentResolver {
  @Query(() => CargoFlightAssignmentType, { nullable: true })
  cargoFlightAssignment(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CargoFlightAssignments, validId(assignmentId, 'assignmentId'));
  }
}
