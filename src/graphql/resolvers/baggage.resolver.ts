import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Baggage } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { BaggageType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => BaggageType)
export class BaggageResolver {
  @Query(() => BaggageType, { nullable: true })
  baggage(@Arg('baggageTag', () => ID) baggageTag: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Baggage, validId(baggageTag, 'baggageTag'));
  }
}
