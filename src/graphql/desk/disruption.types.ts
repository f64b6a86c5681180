import { Field, ID, ObjectType } from 'type-graphql';
import type { DisruptionData } from '../../desk/disruption-data.js';

/** The desk's view of one flight. Its resolvers' root is the flight's DisruptionData itself. */
@ObjectType('Disruption', { description: 'Everything the desk asks about one disrupted flight; each part is computed only when selected.' })
export class DisruptionType implements Pick<DisruptionData, 'flightId'> {
  @Field(() => ID) flightId!: string;
}
