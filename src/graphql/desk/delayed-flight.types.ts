import { Field, Int, ObjectType } from 'type-graphql';
import type { FlightNode } from '../../desk/nodes.js';
import type * as desk from '../../desk/propagation.js';
import { FlightType } from '../entity-types.js';

@ObjectType({ description: 'A flight and the delay that reaches it.' })
export class DelayedFlight implements desk.DelayedFlight {
  @Field(() => FlightType) flight!: FlightNode;
  @Field(() => Int) delayMinutes!: number;
}
