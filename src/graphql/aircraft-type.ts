import { Field, ID, ObjectType } from 'type-graphql';

/** The derived Aircraft (entities/aircraft.ts); its link fields are generated from the entities' links (link-fields.ts). */
@ObjectType('Aircraft', {
  description: 'What the data says about one registration: its type, availability windows, work orders, flights and swap option.',
})
export class AircraftType {
  @Field(() => ID) registration!: string;
  @Field(() => String, { nullable: true }) aircraftType!: string | undefined;
}
