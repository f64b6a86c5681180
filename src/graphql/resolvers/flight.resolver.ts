import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { Bookings, CargoFlightAssignments, CrewRoster, Flights, Passengers, Weather } from '../../../entities/index.js';
import { flightSource } from '../../../db/list-sources.js';
import { connectionType, PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { BookingType, CargoFlightAssignmentType, CrewRosterEntryType, FlightType, WeatherForecastType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validAirport, validId } from '../validate.js';
import { AircraftType } from './aircraft.resolver.js';
import { PassengerConnection } from './passenger.resolver.js';

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

export const FlightConnection = connectionType(FlightType, 'FlightConnection');
type Flight = NodeOf<typeof Flights>;

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

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(f.aircraftRegistration);
  }

  @FieldResolver(() => PassengerConnection, { description: 'Passengers on this flight, a page at a time.' })
  passengers(@Root() f: Flight, @Args() page: PageArgs, @Ctx() ctx: GatewayContext) {
    return ctx.reader.childrenPage(
      f,
      'passengers',
      Passengers,
      `flight-passengers:${f.flightId}`,
      ACCESS_PATTERNS.passengersOfFlight(f.flightId!),
      page,
    );
  }

  @FieldResolver(() => [BookingType])
  bookings(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(f, 'bookings', Bookings, ACCESS_PATTERNS.bookingsOfFlight(f.flightId!));
  }

  @FieldResolver(() => [CrewRosterEntryType], { description: 'Roster lines of the crew on this flight (each with its crewMember).' })
  crew(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(f, 'crew', CrewRoster, ACCESS_PATTERNS.crewOfFlight(f.flightId!));
  }

  @FieldResolver(() => [CargoFlightAssignmentType], { description: 'Cargo assigned to this flight (each with its shipment).' })
  cargo(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(f, 'cargo', CargoFlightAssignments, ACCESS_PATTERNS.cargoOfFlight(f.flightId!));
  }

  @FieldResolver(() => FlightType, { nullable: true, description: "The same aircraft's previous flight." })
  upline(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, f.uplineFlightId);
  }

  @FieldResolver(() => FlightType, { nullable: true, description: "The same aircraft's next flight." })
  downline(@Root() f: Flight, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, f.downlineFlightId);
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
