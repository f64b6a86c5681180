import { Field, Int, ObjectType } from 'type-graphql';
import type { DisruptedNode } from '../../desk/nodes.js';
import type * as desk from '../../desk/progress.js';
import { DisruptedPassengerType } from '../entity-types.js';
import { KeyCount } from './key-count.types.js';

@ObjectType()
export class StatusCabinCount implements desk.StatusCabinCount {
  @Field(() => String) status!: string;
  @Field(() => String) cabin!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class RecoveryProgress implements desk.RecoveryProgress {
  @Field(() => Int) total!: number;
  @Field(() => Int) resolved!: number;
  @Field(() => [KeyCount]) byStatus!: KeyCount[];
  @Field(() => [StatusCabinCount]) byStatusAndCabin!: StatusCabinCount[];
  @Field(() => [DisruptedPassengerType]) unresolvedVvip!: DisruptedNode[];
  @Field(() => [DisruptedPassengerType]) unresolvedConnecting!: DisruptedNode[];
}
