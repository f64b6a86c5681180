import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Flights, Weather } from '../../../entities/index.js';
import { flightSource } from '../../../db/list-sources.js';
import { PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { connectionOf, FlightType, WeatherForecastType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validAirport, validId } from '../validate.js';

export enum MelStatus {
  ACTIVE = 'ACTIVE',
  NONE = 'NONE',
}
registerEnumType(MelStatus, {
  name: 'MelStatus',
  description: 'mel_status of flights.csv: ACTIVE, flying with a deferred MEL item, or NONE..',
});

@InputType({ description: 'Filters of `flights`; they combine (AND).' })
export class FlightFilter {
  @Field(() => MelStatus, { nullable: true }) melStatus?: MelStatus;
  @Field({ nullable: true }) originAirport?: string;
  @Field({ nullable: true }) destinationAirport?: string;
  @Field({ nullable: true }) aircraftRegistration?: string;
}

type Flight = NodeOf<typeof Flights>;

const FlightConnection = connectionOf(Flights);

@Resolver(() => FlightType)
export class FlightResolver {
  @Query(() => FlightType, { nullable: true, description: 'A flight by flight_id.' })
  flight(@Arg('flightId', () => ID) flightId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, validId(flightId, 'flightId'));
  }

  @Query(() => FlightConnection, { description: 'Flights, filtered by MEL status, origin, destination and aircraft.' })
  flights(
    @Arg('filter', () => FlightFilter, { nullable: true }) filter: FlightFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const f = {
      melStatus: filter?.melStatus ?? undefined,
      originAirport: filter?.originAirport ? validAirport(filter.originAirport, 'filter.originAirport') : undefined,
      destinationAirport: filter?.destinationAirport ? validAirport(filter.destinationAirport, 'filter.destinationAirport') : undefined,
      aircraftRegistration: filter?.aircraftRegistration ? validId(filter.aircraftRegistration, 'filter.aircraftRegistration') : undefined,
    };
    return ctx.reader.list(Flights, `flights:${JSON.stringify(f)}`, flightSource(f), page);
  }

  @FieldResolver(() => WeatherForecastType, { nullable: true, description: 'The origin forecast nearest the departure time.' })
  originWeather(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.forecastNear(Weather, f.originAirport, f.departureTime);
  }

  @FieldResolver(() => WeatherForecastType, { nullable: true, description: 'The destination forecast nearest the arrival time.' })
  destinationWeather(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.forecastNear(Weather, f.destinationAirport, f.arrivalTime);
  }
}
