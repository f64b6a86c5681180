import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { AircraftAvailability } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { AircraftAvailabilityType } from '../entity-types.js';
import { DateTime } from '../scalars.js';
import { validId } from '../validate.js';

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
}
