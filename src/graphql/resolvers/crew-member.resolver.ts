import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { CrewMembers } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { CrewMemberType } from '../entity-types.js';
import { validId } from '../validate.js';

@Resolver(() => CrewMemberType)
export class CrewMemberResolver {
  @Query(() => CrewMemberType, { nullable: true })
  crewMember(@Arg('crewId', () => ID) crewId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CrewMembers, validId(crewId, 'crewId'));
  }
}
