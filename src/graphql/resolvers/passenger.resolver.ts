import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { Baggage, Bookings, DisruptedPassengers, Flights, Passengers } from '../../../entities/index.js';
import { passengerSource } from '../../../db/list-sources.js';
import { connectionType, PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { BaggageType, BookingType, DisruptedPassengerType, FlightType, PassengerType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validId } from '../validate.js';
import { AircraftType } from './aircraft.resolver.js';

export enum PassengerCategory {
  REGULAR = 'REGULAR',
  VIP = 'VIP',
  VVIP = 'VVIP',
}
registerEnumType(PassengerCategory, { name: 'PassengerCategory', description: 'passenger_category of passengers.csv.' });

@InputType({ description: 'Filters of `passengers`; they combine (AND).' })
export class PassengerFilter {
  @Field(() => PassengerCategory, { nullable: true }) category?: PassengerCategory;
  @Field(() => ID, { nullable: true }) flightId?: string;
  @Field({ nullable: true }) isInfluencer?: boolean;
}

export const PassengerConnection = connectionType(PassengerType, 'PassengerConnection');
type Passenger = NodeOf<typeof Passengers>;

@Resolver(() => PassengerType)
export class PassengerResolver {
  @Query(() => PassengerType, { nullable: true, description: 'A passenger by passenger_id.' })
  passenger(@Arg('passengerId', () => ID) passengerId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Passengers, validId(passengerId, 'passengerId'));
  }

  @Query(() => PassengerConnection, { description: 'Passengers, filtered by category, flight and influencer flag.' })
  passengers(
    @Arg('filter', () => PassengerFilter, { nullable: true }) filter: PassengerFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const f = { ...filter, ...(filter?.flightId ? { flightId: validId(filter.flightId, 'filter.flightId') } : {}) };
    return ctx.reader.list(Passengers, `passengers:${JSON.stringify([f.category, f.flightId, f.isInfluencer])}`, passengerSource(f), page);
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() p: Passenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, p.flightId);
  }

  @FieldResolver(() => AircraftType, { nullable: true })
  aircraft(@Root() p: Passenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.aircraft(p.aircraftRegistration);
  }

  @FieldResolver(() => [BookingType])
  bookings(@Root() p: Passenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(p, 'bookings', Bookings, ACCESS_PATTERNS.bookingsOfPassenger(p.passengerId!));
  }

  @FieldResolver(() => [BaggageType])
  baggage(@Root() p: Passenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.children(p, 'baggage', Baggage, ACCESS_PATTERNS.baggageOfPassenger(p.passengerId!));
  }

  @FieldResolver(() => DisruptedPassengerType, { nullable: true, description: 'The disruption record, when the passenger is disrupted.' })
  disruption(@Root() p: Passenger, @Ctx() ctx: GatewayContext) {
    return ctx.reader.one(DisruptedPassengers, { passenger_id: p.passengerId! });
  }
}
