import { Field, Int, ObjectType } from 'type-graphql';
import type * as desk from '../../desk/passenger-counts.js';
import { KeyCount } from './key-count.types.js';

@ObjectType({ description: 'Disrupted passengers of the flight, counted.' })
export class DisruptedPassengerCounts implements desk.DisruptedPassengerCounts {
  @Field(() => Int) total!: number;
  @Field(() => Int) connecting!: number;
  @Field(() => Int) needingHotel!: number;
  @Field(() => [KeyCount]) byCabin!: KeyCount[];
  @Field(() => [KeyCount]) byCategory!: KeyCount[];
}
