import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { AircraftAvailability, AircraftSwapOptions, Flights, MaintenanceWorkOrders } from '../../../entities/index.js';
import type { AircraftNode } from '../../../db/reader.js';
import type { GatewayContext } from '../context.js';
import { AircraftAvailabilityType, AircraftSwapOptionType, FlightType, MaintenanceWorkOrderType } from '../entity-types.js';
import { validId } from '../validate.js';

@ObjectType('Aircraft', {
  description: 'What the data says about one registration: its type, availability windows, work orders, flights and swap option.',
})
export class AircraftType {
  @Field(() => ID) registration!: string;
  @Field(() => String, { nullable: true }) aircraftType!: string | undefined;
}

const byStart = (a: { availabilityStart?: string }, b: { availabilityStart?: string }) =>
  (a.availabilityStart ?? '').localeCompare(b.availabilityStart ?? '');

@Resolver(() => AircraftType)
export class AircraftResolver {
  @Query(() => AircraftType, { nullable: true, description: 'An aircraft by registration (e.g. A6-BLA).' })
  aircraft(@Arg('registration', () => ID) registration: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(validId(registration, 'registration'));
  }

  @FieldResolver(() => [AircraftAvailabilityType], { description: 'Availability windows, by start.' })
  async availability(@Root() a: AircraftNode, @Ctx() ctx: GatewayContext) {
    const windows = await ctx.reader.children(a, 'availability', AircraftAvailability, ACCESS_PATTERNS.availabilityOfAircraft(a.registration));
    return windows.sort(byStart);
  }

  @FieldResolver(() => [MaintenanceWorkOrderType])
  workOrders(@Root() a: AircraftNode, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(a, 'workOrders', MaintenanceWorkOrders, ACCESS_PATTERNS.workOrdersOfAircraft(a.registration));
  }

  @FieldResolver(() => [FlightType], { description: 'Flights of the aircraft, by departure (its rotation).' })
  async flights(@Root() a: AircraftNode, @Ctx() ctx: GatewayContext) {
    const flights = await ctx.reader.children(a, 'flights', Flights, ACCESS_PATTERNS.flightsOfAircraft(a.registration));
    return flights.sort((x, y) => (x.departureTime ?? '').localeCompare(y.departureTime ?? ''));
  }

  @FieldResolver(() => AircraftSwapOptionType, { nullable: true })
  swapOption(@Root() a: AircraftNode, @Ctx() ctx: GatewayContext) {
    return ctx.reader.one(AircraftSwapOptions, { aircraft_registration: a.registration });
  }
}
