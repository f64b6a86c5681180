import { Field, Int, ObjectType, UseMiddleware } from 'type-graphql';
import type { DisruptedNode, PassengerNode } from '../../desk/nodes.js';
import type * as desk from '../../desk/reaccommodation.js';
import { personalData } from '../access.js';
import { PageInfo } from '../connection.js';
import { DisruptedPassengerType, PassengerType } from '../entity-types.js';

@ObjectType({ description: 'A disrupted passenger in re-accommodation order.' })
export class ReaccommodationEntry implements desk.ReaccommodationEntry {
  @Field(() => Int) rank!: number;
  @Field(() => PassengerType, { nullable: true }) passenger!: PassengerNode | null;
  @Field(() => DisruptedPassengerType) disruption!: DisruptedNode;
  // The reasons name special-service (medical) needs: personal data.
  @Field(() => [String], {
    nullable: true,
    description: 'Why the passenger ranks where they do, in rule order (personal data: role agent or above).',
  })
  @UseMiddleware(personalData)
  reasons!: string[];
}

@ObjectType()
export class ReaccommodationConnection implements desk.ReaccommodationConnection {
  @Field(() => [ReaccommodationEntry]) nodes!: ReaccommodationEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
