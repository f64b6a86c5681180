import { defineEntity, k, upper } from './define.js';

/** Forecast values that mean "no operational impact". */
const NO_IMPACT = new Set(['NONE', 'NIL', 'NO', 'N/A', 'NA', '-']);

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
  primaryKey: ({ airport_code, forecast_time_zulu }) => ({
    pk: k('WX', upper(airport_code)),
    sk: k('WX', forecast_time_zulu),
  }),
  indexes: {
    // Sparse: only forecasts with an operational impact, across airports, by time.
    gsi2: (r) => {
      const impact = upper(r.operational_impact);
      return impact && !NO_IMPACT.has(impact) ? { pk: 'WXIMPACT', sk: k(r.forecast_time_zulu, upper(r.airport_code)) } : undefined;
    },
  },
});
