import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { CrewMembers, CrewRoster, Flights } from '../../../entities/index.js';
import type { GatewayContext } from '../context.js';
import { CrewMemberType, CrewRosterEntryType, FlightType } from '../entity-types.js';
import type { NodeOf } from '../../../db/nodes.js';
import { validId } from '../validate.js';

type RosterEntry = NodeOf<typeof CrewRoster>;
const byDutyStart = (a: RosterEntry, b: RosterEntry) => (a.dutyStart ?? '').localeCompare(b.dutyStart ?? '');

@Resolver(() => CrewMemberType)
export class CrewMemberResolver {
  @Query(() => CrewMemberType, { nullable: true })
  crewMember(@Arg('crewId', () => ID) crewId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CrewMembers, validId(crewId, 'crewId'));
  }

  @FieldResolver(() => [CrewRosterEntryType], { description: 'Duties of this crew member, by duty start.' })
  async roster(@Root() c: NodeOf<typeof CrewMembers>, @Ctx() ctx: GatewayContext) {
    const lines = await ctx.reader.children(c, 'roster', CrewRoster, ACCESS_PATTERNS.rosterOfCrewMember(c.crewId!));
    return lines.sort(byDutyStart);
  }
}

@Resolver(() => CrewRosterEntryType)
export class CrewRosterEntryResolver {
  @Query(() => CrewRosterEntryType, { nullable: true })
  crewRosterEntry(@Arg('rosterId', () => ID) rosterId: string, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CrewRoster, validId(rosterId, 'rosterId'));
  }

  @FieldResolver(() => CrewMemberType, { nullable: true })
  crewMember(@Root() r: RosterEntry, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(CrewMembers, r.crewId);
  }

  @FieldResolver(() => FlightType, { nullable: true })
  flight(@Root() r: RosterEntry, @Ctx() ctx: GatewayContext) {
    return ctx.reader.byId(Flights, r.flightId);
  }
}
