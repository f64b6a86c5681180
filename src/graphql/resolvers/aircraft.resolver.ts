import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import { AircraftType } from '../aircraft-type.js';
import { validId } from '../validate.js';

@Resolver(() => AircraftType)
export class AircraftResolver {
  @Query(() => AircraftType, { nullable: true, description: 'An aircraft by registration (e.g. A6-BLA).' })
  aircraft(@Arg('registration', () => ID) registration: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(validId(registration, 'registration'));
  }
}
