import { between, col, defineEntity, upperCol } from './define.js';

/** Forecast values that mean "no operational impact". */
const NO_IMPACT = ['NONE', 'NIL', 'NO', 'N/A', 'NA', '-'];

/** Hourly forecasts per airport; an airport's forecasts are one item collection. */
export const Weather = defineEntity({
  name: 'Weather',
  typeName: 'WeatherForecast',
  file: 'weather.csv',
  columns: {
    airport_code: 'string',
    forecast_time_zulu: 'datetime',
    condition: 'string',
    temperature_c: 'number',
    visibility_km: 'number',
    wind_speed_kts: 'number',
    wind_direction: 'number',
    precipitation_mm_per_hour: 'number',
    operational_impact: 'string',
    runway_condition: 'string',
    ceiling_ft: 'number',
    gust_kts: 'number',
  },
  key: ['airport_code', 'forecast_time_zulu'],
  table: {
    pk: ['WX', upperCol('airport_code')],
    sk: ['WX', col('forecast_time_zulu')],
    patterns: {
      weatherOfAirport: (airportCode: string, from?: string, to?: string) => ({
        airport_code: airportCode,
        forecast_time_zulu: from || to ? between(from, to) : undefined,
      }),
    },
  },
  indexes: {
    // Sparse: only forecasts with an operational impact, across airports, by time.
    gsi2: {
      pk: ['WXIMPACT'],
      sk: [col('forecast_time_zulu'), upperCol('airport_code')],
      requires: ['operational_impact'],
      except: { operational_impact: NO_IMPACT },
      patterns: { weatherWithImpact: (from: string, to: string) => ({ forecast_time_zulu: between(from, to) }) },
    },
  },
});
