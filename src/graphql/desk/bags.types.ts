import { Field, Float, Int, ObjectType } from 'type-graphql';
import type * as desk from '../../desk/bags.js';
import type { BagNode } from '../../desk/nodes.js';
import { BaggageType } from '../entity-types.js';
import { KeyCount } from './key-count.types.js';

@ObjectType({ description: 'Checked bags on the flight.' })
export class BagSummary implements desk.BagSummary {
  @Field(() => Int) count!: number;
  @Field(() => Float) weightKg!: number;
}

@ObjectType()
export class BagsToMove implements desk.BagsToMove {
  @Field(() => Int) count!: number;
  @Field(() => Float) weightKg!: number;
  @Field(() => [KeyCount]) byStatus!: KeyCount[];
  @Field(() => [BaggageType]) bags!: BagNode[];
}
