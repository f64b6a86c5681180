import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { RiskLevel } from '../../desk/dispatch-risk.js';
import type * as desk from '../../desk/dispatch-risk.js';
import type { FlightNode, ForecastNode } from '../../desk/nodes.js';
import { FlightType, WeatherForecastType } from '../entity-types.js';
import { DateTime } from '../scalars.js';

registerEnumType(RiskLevel, { name: 'RiskLevel' });

@ObjectType({ description: 'A flight with an active MEL item against the weather at both ends.' })
export class DispatchRisk implements desk.DispatchRisk {
  @Field(() => FlightType) flight!: FlightNode;
  @Field(() => RiskLevel) risk!: RiskLevel;
  @Field(() => [String]) reasons!: string[];
  @Field(() => WeatherForecastType, { nullable: true }) originWeather!: ForecastNode | null;
  @Field(() => WeatherForecastType, { nullable: true }) destinationWeather!: ForecastNode | null;
  @Field(() => [String]) originRisks!: string[];
  @Field(() => [String]) destinationRisks!: string[];
  @Field(() => DateTime, { nullable: true, description: "Deferral time: opened_at of the aircraft's work order for the MEL item." })
  melDeferredAt!: string | undefined;
  @Field(() => DateTime, { nullable: true, description: 'Deferral + the category interval (B 3 days, C 10, D 120).' })
  melRectificationDeadline!: string | undefined;
}
