import { Args, Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { AircraftSwapOptions, DisruptedPassengers, Flights, InboundFlightImpact, Passengers } from '../../../entities/index.js';
import { disruptedPassengerSource } from '../../../db/list-sources.js';
import { isConnecting, resolveOnwardFlights } from '../../desk/onward-flights.js';
import { connectionType, PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { AircraftSwapOptionType, DisruptedPassengerType, FlightType, InboundFlightImpactType, PassengerType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validId } from '../validate.js';
import { AircraftType } from './aircraft.resolver.js';

@InputType({ description: 'Filters of `disruptedPassengers`; they combine (AND).' })
export class DisruptedPassengerFilter {
  @Field({ nullable: true }) hasConnection?: boolean;
  @Field({ nullable: true }) requiresHotel?: boolean;
  @Field(() => ID, { nullable: true }) flightId?: string;
}

export const DisruptedPassengerConnection = connectionType(DisruptedPassengerType, 'DisruptedPassengerConnection');
type DisruptedPassenger = NodeOf<typeof DisruptedPassengers>;

@Resolver(() => DisruptedPassengerType)
export class DisruptedPassengerResolver {
  @Query(() => DisruptedPassengerConnection, { description: 'Disrupted passengers, filtered by connection, hotel need and flight.' })
  disruptedPassengers(
    @Arg('filter', () => DisruptedPassengerFilter, { nullable: true }) filter: DisruptedPassengerFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const f = { ...filter, ...(filter?.flightId ? { flightId: validId(filter.flightId, 'filter.flightId') } : {}) };
    return ctx.reader.list(
      DisruptedPassengers,
      `disrupted:${JSON.stringify([f.hasConnection, f.requiresHotel, f.flightId])}`,
      disruptedPassengerSource(f),
      page,
    );
  }

  @FieldResolver(() => PassengerType, { nullable: true })
  passenger(@Root() d: DisruptedPassenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Passengers, d.passengerId);
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() d: DisruptedPassenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, d.flightId);
  }

  @FieldResolver(() => FlightType, {
    nullable: true,
    description:
      'The onward flight the passenger connects to: by connecting_flight_id when the export has one, else by connecting_flight_number among the departures from the arrival airport the same or the next day. Null when it cannot be found (connectionsAtRisk says why).',
  })
  async connectingFlight(@Root() d: DisruptedPassenger, @Ctx() ctx: GatewayContext) {
    if (!isConnecting(d)) return null;
    const flight = await ctx.reader.byId(Flights, d.flightId);
    if (!flight) return ctx.reader.byId(Flights, d.connectingFlightId);
    return (await resolveOnwardFlights(ctx.reader, flight, [d])).get(d.passengerId!)?.flight ?? null;
  }
}

@Resolver(() => AircraftSwapOptionType)
export class AircraftSwapOptionResolver {
  @Query(() => [AircraftSwapOptionType], { description: 'Every aircraft that could take over the disrupted flight.' })
  async aircraftSwapOptions(@Ctx() ctx: GatewayContext) {
    const condition = ACCESS_PATTERNS.allSwapOptions();
    return (await ctx.reader.list(AircraftSwapOptions, 'swap-options', { conditions: [condition] }, { first: 100 })).nodes;
  }

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() s: NodeOf<typeof AircraftSwapOptions>, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(s.aircraftRegistration);
  }
}

@Resolver(() => InboundFlightImpactType)
export class InboundFlightImpactResolver {
  @Query(() => [InboundFlightImpactType], { description: 'Every what-if scenario of the disrupted inbound flight.' })
  async inboundFlightImpacts(@Ctx() ctx: GatewayContext) {
    const condition = ACCESS_PATTERNS.allInboundImpacts();
    return (await ctx.reader.list(InboundFlightImpact, 'impacts', { conditions: [condition] }, { first: 100 })).nodes;
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() i: NodeOf<typeof InboundFlightImpact>, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, i.flightId);
  }
}
