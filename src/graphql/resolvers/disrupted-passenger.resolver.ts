import { Args, Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { DisruptedPassengers, Flights } from '../../../entities/index.js';
import { disruptedPassengerSource } from '../../../db/list-sources.js';
import { isConnecting, resolveOnwardFlights } from '../../desk/onward-flights.js';
import { PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { connectionOf, DisruptedPassengerType, FlightType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validId } from '../validate.js';

@InputType({ description: 'Filters of `disruptedPassengers`; they combine (AND).' })
export class DisruptedPassengerFilter {
  @Field({ nullable: true }) hasConnection?: boolean;
  @Field({ nullable: true }) requiresHotel?: boolean;
  @Field(() => ID, { nullable: true }) flightId?: string;
}

type DisruptedPassenger = NodeOf<typeof DisruptedPassengers>;

const DisruptedPassengerConnection = connectionOf(DisruptedPassengers);

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

  @FieldResolver(() => FlightType, {
    nullable: true,
    description:
      'The onward flight the passenger connects to: by connecting_flight_id when the export has one, else by connecting_flight_number among the departures from the arrival airport the same or the next day. Null when it cannot be found (connectionsAtRisk says why).',
  })
  async connectingFlight(@Root() d: DisruptedPassenger, @Ctx() ctx: GatewayContext) {
    if (!isConnecting(d)) return null;
    const flight = await ctx.reader.byId(Flights, d.flightId);
    if (!flight) return ctx.reader.byId(Flights, d.connectingFlightId);
    return (await resolveOnwardFlights(ctx.reader, flight, [d])).get(d.passengerId)?.flight ?? null;
  }
}
