import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ImpactNode } from '../../desk/nodes.js';
import type * as desk from '../../desk/scenarios.js';
import { InboundFlightImpactType } from '../entity-types.js';
import { DelayedFlight } from './delayed-flight.types.js';

@ObjectType({ description: 'One InboundFlightImpact scenario, evaluated.' })
export class ScenarioComparison implements desk.ScenarioComparison {
  @Field(() => String) scenario!: string;
  @Field(() => InboundFlightImpactType) impact!: ImpactNode;
  @Field(() => Int) delayMinutes!: number;
  @Field(() => Int) downlineFlightsDelayed!: number;
  @Field(() => [DelayedFlight]) downlineDelays!: DelayedFlight[];
  @Field(() => Int) misconnectingPassengers!: number;
  @Field(() => Int, {
    description: 'Connecting passengers whose onward flight cannot be found (in neither misconnectingPassengers nor hotelNights).',
  })
  unresolvedConnections!: number;
  @Field(() => Int) crewsOverLimit!: number;
  @Field(() => Int) hotelNights!: number;
  @Field(() => Int) priorityCargoLate!: number;
  @Field(() => Float) priorityCargoLateKg!: number;
}
