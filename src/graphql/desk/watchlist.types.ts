import { Field, ObjectType, UseMiddleware } from 'type-graphql';
import type { DisruptedNode, PassengerNode } from '../../desk/nodes.js';
import type * as desk from '../../desk/watchlist.js';
import { personalData } from '../access.js';
import { DisruptedPassengerType, PassengerType } from '../entity-types.js';

@ObjectType({ description: 'A VVIP, VIP or influencer among the disrupted passengers.' })
export class WatchlistEntry implements desk.WatchlistEntry {
  @Field(() => PassengerType, { nullable: true }) passenger!: PassengerNode | null;
  @Field(() => DisruptedPassengerType) disruption!: DisruptedNode;
  @Field(() => String, { nullable: true }) category!: string | undefined;
  @Field(() => Boolean, { nullable: true }) isInfluencer!: boolean | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) seatNumber!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) profession!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) preferredLanguage!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) mealPreference!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) beveragePreference!: string | undefined;
  @Field(() => String, { nullable: true }) rebookingStatus!: string | undefined;
}
