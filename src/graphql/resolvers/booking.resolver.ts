import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Baggage, Bookings, Flights, Passengers } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { BaggageType, BookingType, FlightType, PassengerType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validId } from '../validate.js';

type Booking = NodeOf<typeof Bookings>;
type Bag = NodeOf<typeof Baggage>;

@Resolver(() => BookingType)
export class BookingResolver {
  @Query(() => BookingType, { nullable: true })
  booking(@Arg('bookingId', () => ID) bookingId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Bookings, validId(bookingId, 'bookingId'));
  }

  @FieldResolver(() => PassengerType, { nullable: true })
  passenger(@Root() b: Booking, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Passengers, b.passengerId);
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() b: Booking, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, b.flightId);
  }
}

@Resolver(() => BaggageType)
export class BaggageResolver {
  @Query(() => BaggageType, { nullable: true })
  baggage(@Arg('baggageTag', () => ID) baggageTag: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Baggage, validId(baggageTag, 'baggageTag'));
  }

  @FieldResolver(() => PassengerType, { nullable: true })
  passenger(@Root() b: Bag, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Passengers, b.passengerId);
  }

  @FieldResolver(() => BookingType, { nullable: true })
  booking(@Root() b: Bag, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Bookings, b.bookingId);
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() b: Bag, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, b.flightId);
  }
}
