import { Field, ID, Int, ObjectType } from 'type-graphql';
import type * as desk from '../../desk/crew-legality.js';
import type { CrewNode, RosterNode } from '../../desk/nodes.js';
import { CrewMemberType, CrewRosterEntryType } from '../entity-types.js';
import { DateTime } from '../scalars.js';
import { DelayedFlight } from './delayed-flight.types.js';

@ObjectType({ description: "A crew member's duty with the delay applied." })
export class CrewDutyCheck implements desk.CrewDutyCheck {
  @Field(() => ID) crewId!: string;
  @Field(() => CrewMemberType, { nullable: true }) crewMember!: CrewNode | null;
  @Field(() => [CrewRosterEntryType]) roster!: RosterNode[];
  @Field(() => DateTime, { nullable: true }) dutyStart!: string | undefined;
  @Field(() => DateTime, { nullable: true }) scheduledDutyEnd!: string | undefined;
  @Field(() => DateTime, { nullable: true }) projectedDutyEnd!: string | undefined;
  @Field(() => Int) scheduledFdpMinutes!: number;
  @Field(() => Int) projectedFdpMinutes!: number;
  @Field(() => Int, { description: 'maxFdpMinutes - projected FDP: negative when illegal.' }) marginMinutes!: number;
  @Field(() => Boolean) illegal!: boolean;
}

@ObjectType()
export class CrewLegality implements desk.CrewLegality {
  @Field(() => Int) delayMinutes!: number;
  @Field(() => Int) maxFdpMinutes!: number;
  @Field(() => Int) illegalCount!: number;
  @Field(() => [DelayedFlight], { description: 'The flight and its downline with the delay that reaches each.' }) flights!: DelayedFlight[];
  @Field(() => [CrewDutyCheck], { description: 'Smallest margin first.' }) crew!: CrewDutyCheck[];
}
