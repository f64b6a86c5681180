import { Field, Int, ObjectType } from 'type-graphql';
import type * as desk from '../../desk/nodes.js';

@ObjectType({ description: 'A count under a key (a cabin, a category, a status, a code ...).' })
export class KeyCount implements desk.KeyCount {
  @Field(() => String) key!: string;
  @Field(() => Int) count!: number;
}
