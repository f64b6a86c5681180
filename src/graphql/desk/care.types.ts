import { Field, Int, ObjectType } from 'type-graphql';
import type * as desk from '../../desk/care.js';
import { KeyCount } from './key-count.types.js';

@ObjectType()
export class HotelRooms implements desk.HotelRooms {
  @Field(() => String) cabin!: string;
  @Field(() => Int) passengers!: number;
  @Field(() => Int, { description: 'Distinct bookings (PNRs): parties on one PNR usually share rooms.' }) bookings!: number;
}

@ObjectType()
export class CareLogistics implements desk.CareLogistics {
  @Field(() => Int) hotelPassengers!: number;
  @Field(() => [HotelRooms]) hotelRooms!: HotelRooms[];
  @Field(() => [KeyCount], { description: 'Disrupted passengers by meal preference.' }) meals!: KeyCount[];
  @Field(() => [KeyCount], { description: 'Languages needed at the desk.' }) languages!: KeyCount[];
  @Field(() => Int, { nullable: true, description: 'Null when no disruption record says (meal_voucher_issued is not a contract column).' })
  mealVouchersIssued!: number | null;
  @Field(() => Int, { description: 'Disrupted passengers whose record does not say whether a meal voucher was issued.' })
  mealVoucherStatusUnknown!: number;
}
