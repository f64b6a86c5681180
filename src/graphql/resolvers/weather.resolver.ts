import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS_PATTERNS } from '../../../entities/access-patterns.js';
import { Weather } from '../../../entities/index.js';
import { PageArgs } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { connectionOf, WeatherForecastType } from '../entity-types.js';
import { DateTime } from '../scalars.js';
import { validAirport, validRange } from '../validate.js';

const WeatherForecastConnection = connectionOf(Weather);

@Resolver(() => WeatherForecastType)
export class WeatherResolver {
  @Query(() => WeatherForecastConnection, { description: 'Forecasts of an airport, by forecast time, optionally within [from, to].' })
  weather(
    @Arg('airportCode', () => String) airportCode: string,
    @Arg('from', () => DateTime, { nullable: true }) from: string | undefined,
    @Arg('to', () => DateTime, { nullable: true }) to: string | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const airport = validAirport(airportCode, 'airportCode');
    validRange(from, to);
    const condition = ACCESS_PATTERNS.weatherOfAirport(airport, from ?? undefined, to ?? undefined);
    return ctx.reader.list(Weather, `weather:${JSON.stringify([airport, from, to])}`, { conditions: [condition] }, page);
  }

  @Query(() => WeatherForecastType, { nullable: true, description: 'One forecast by airport and forecast time.' })
  weatherForecast(
    @Arg('airportCode', () => String) airportCode: string,
    @Arg('forecastTimeZulu', () => DateTime) forecastTimeZulu: string,
    @Ctx() ctx: GatewayContext,
  ) {
    return ctx.reader.one(Weather, { airport_code: validAirport(airportCode, 'airportCode'), forecast_time_zulu: forecastTimeZulu });
  }
}
