import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Bookings } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { BookingType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => BookingType)
export class BookingResolver {
  @Query(() => BookingType, { nullable: true })
  booking(@Arg('bookingId', () => ID) bookingId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Bookings, validId(bookingId, 'bookingId'));
  }
}
