import { upperOf, type ForecastNode } from './nodes.js';
import { WEATHER_RISK } from './rules.js';

export interface WeatherThresholds {
  readonly minVisibilityKm: number;
  readonly maxWindKts: number;
}

export const DEFAULT_WEATHER_THRESHOLDS: WeatherThresholds = { minVisibilityKm: WEATHER_RISK.minVisibilityKm, maxWindKts: WEATHER_RISK.maxWindKts };

/** Why a forecast puts a dispatch at risk (empty when it does not). */
export function weatherRisks(forecast: ForecastNode | null, thresholds: WeatherThresholds): string[] {
  if (!forecast) return [];
  const risks: string[] = [];
  if (forecast.visibilityKm !== undefined && forecast.visibilityKm < thresholds.minVisibilityKm) {
    risks.push(`visibility ${forecast.visibilityKm} km below ${thresholds.minVisibilityKm} km`);
  }
  if (forecast.windSpeedKts !== undefined && forecast.windSpeedKts >= thresholds.maxWindKts) {
    risks.push(`wind ${forecast.windSpeedKts} kt at or above ${thresholds.maxWindKts} kt`);
  }
  const impact = upperOf(forecast.operationalImpact);
  if (WEATHER_RISK.impacts.includes(impact)) risks.push(`${forecast.condition ?? 'weather'}: ${impact} operational impact`);
  return risks;
}
