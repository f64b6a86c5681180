import { Arg, Args, Ctx, Field, ID, InputType, Query, registerEnumType, Resolver } from 'type-graphql';
import { Passengers } from '../../../entities/index.js';
import { passengerSource } from '../../../db/list-sources.js';
import { PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { connectionOf, PassengerType } from '../entity-types.js';
import { validId } from '../validate.js';

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

const PassengerConnection = connectionOf(Passengers);

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
}
