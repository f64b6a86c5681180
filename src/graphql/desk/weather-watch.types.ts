import { Field, ObjectType } from 'type-graphql';
import type { FlightNode, ForecastNode } from '../../desk/nodes.js';
import type * as desk from '../../desk/weather-watch.js';
import { FlightType, WeatherForecastType } from '../entity-types.js';

@ObjectType()
export class WeatherWatchAirport implements desk.WeatherWatchAirport {
  @Field(() => String) airportCode!: string;
  @Field(() => String) worstImpact!: string;
  @Field(() => [WeatherForecastType]) forecasts!: ForecastNode[];
  @Field(() => [FlightType], { description: 'Flights departing from or arriving at the airport in the window.' }) flights!: FlightNode[];
}
