import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { CrewRoster } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { CrewRosterEntryType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => CrewRosterEntryType)
export class CrewRosterEntryResolver {
  @Query(() => CrewRosterEntryType, { nullable: true })
  crewRosterEntry(@Arg('rosterId', () => ID) rosterId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CrewRoster, validId(rosterId, 'rosterId'));
  }
}
