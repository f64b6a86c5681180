// Hourly forecasts for the 19 airports: climate for mid-March plus a few
// scripted episodes (European morning fog, a Riyadh sandstorm, Asian afternoon storms).

import { fixed, type Row } from './csv.js';
import type { Rng } from './prng.js';
import { ALL_STATIONS, type Station } from './reference.js';
import { iso } from './time.js';

export type Impact = 'NONE' | 'MINOR' | 'MODERATE' | 'SEVERE';

export interface Forecast {
  readonly airport: string;
  readonly hour: number;
  readonly condition: string;
  readonly temperature: number;
  readonly visibility: number;
  readonly windSpeed: number;
  readonly windDirection: number;
  readonly precipitation: number;
  readonly gust: number | undefined;
  readonly ceiling: number;
  readonly impact: Impact;
  readonly runway: string;
}

interface Climate {
  readonly tMin: number;
  readonly tMax: number;
  /** Prevailing wind direction and typical speed. */
  readonly windFrom: number;
  readonly wind: number;
  /** Condition when nothing special is happening. */
  readonly fair: readonly (readonly [string, number])[];
}

const CLIMATE: Readonly<Record<string, Climate>> = {
  AUH: {
    tMin: 19,
    tMax: 29,
    windFrom: 320,
    wind: 10,
    fair: [
      ['Clear', 6],
      ['Haze', 2],
    ],
  },
  LHR: {
    tMin: 5,
    tMax: 12,
    windFrom: 230,
    wind: 12,
    fair: [
      ['Cloudy', 5],
      ['Rain', 3],
      ['Partly Cloudy', 2],
    ],
  },
  CDG: {
    tMin: 5,
    tMax: 13,
    windFrom: 220,
    wind: 10,
    fair: [
      ['Cloudy', 5],
      ['Partly Cloudy', 3],
    ],
  },
  FRA: {
    tMin: 3,
    tMax: 12,
    windFrom: 240,
    wind: 9,
    fair: [
      ['Cloudy', 5],
      ['Partly Cloudy', 3],
    ],
  },
  MUC: {
    tMin: 1,
    tMax: 11,
    windFrom: 250,
    wind: 8,
    fair: [
      ['Partly Cloudy', 4],
      ['Clear', 3],
    ],
  },
  JFK: {
    tMin: -2,
    tMax: 7,
    windFrom: 310,
    wind: 16,
    fair: [
      ['Cloudy', 4],
      ['Clear', 3],
    ],
  },
  BKK: {
    tMin: 26,
    tMax: 34,
    windFrom: 180,
    wind: 7,
    fair: [
      ['Partly Cloudy', 4],
      ['Haze', 3],
    ],
  },
  SIN: {
    tMin: 25,
    tMax: 31,
    windFrom: 20,
    wind: 8,
    fair: [
      ['Partly Cloudy', 5],
      ['Cloudy', 2],
    ],
  },
  MNL: {
    tMin: 24,
    tMax: 32,
    windFrom: 90,
    wind: 8,
    fair: [
      ['Clear', 4],
      ['Haze', 2],
    ],
  },
  BOM: {
    tMin: 22,
    tMax: 32,
    windFrom: 300,
    wind: 9,
    fair: [
      ['Haze', 5],
      ['Clear', 2],
    ],
  },
  DEL: {
    tMin: 15,
    tMax: 29,
    windFrom: 290,
    wind: 6,
    fair: [
      ['Haze', 4],
      ['Clear', 3],
    ],
  },
  COK: {
    tMin: 25,
    tMax: 33,
    windFrom: 270,
    wind: 7,
    fair: [
      ['Partly Cloudy', 4],
      ['Clear', 2],
    ],
  },
  KHI: {
    tMin: 20,
    tMax: 31,
    windFrom: 240,
    wind: 10,
    fair: [
      ['Clear', 4],
      ['Haze', 3],
    ],
  },
  CAI: {
    tMin: 13,
    tMax: 25,
    windFrom: 340,
    wind: 10,
    fair: [
      ['Clear', 5],
      ['Haze', 1],
    ],
  },
  RUH: {
    tMin: 16,
    tMax: 29,
    windFrom: 340,
    wind: 12,
    fair: [
      ['Clear', 4],
      ['Dust', 2],
    ],
  },
  JED: {
    tMin: 21,
    tMax: 31,
    windFrom: 330,
    wind: 10,
    fair: [
      ['Clear', 5],
      ['Haze', 1],
    ],
  },
  MCT: {
    tMin: 21,
    tMax: 29,
    windFrom: 10,
    wind: 8,
    fair: [
      ['Clear', 5],
      ['Haze', 2],
    ],
  },
  BAH: {
    tMin: 19,
    tMax: 25,
    windFrom: 330,
    wind: 11,
    fair: [
      ['Clear', 5],
      ['Haze', 2],
    ],
  },
  KWI: {
    tMin: 15,
    tMax: 26,
    windFrom: 320,
    wind: 12,
    fair: [
      ['Clear', 4],
      ['Dust', 2],
    ],
  },
};

/** Scripted episodes: [airport, first UTC hour, last UTC hour, condition]. */
const EPISODES: readonly (readonly [string, number, number, string])[] = [
  ['LHR', 3, 7, 'Fog'],
  ['FRA', 4, 7, 'Fog'],
  ['MUC', 4, 6, 'Fog'],
  ['CDG', 5, 10, 'Rain'],
  ['JFK', 8, 12, 'Snow'],
  ['RUH', 8, 8, 'Dust'],
  ['RUH', 9, 13, 'Sandstorm'],
  ['RUH', 14, 15, 'Dust'],
  ['BKK', 8, 11, 'Thunderstorm'],
  ['SIN', 6, 9, 'Thunderstorm'],
  ['COK', 10, 12, 'Thunderstorm'],
  ['DEL', 0, 3, 'Mist'],
  ['CAI', 11, 14, 'Dust'],
  ['AUH', 1, 4, 'Haze'],
];

/** 0 at 06:00 local, 1 at 15:00 local, smooth in between. */
function diurnal(localHour: number): number {
  const h = ((localHour % 24) + 24) % 24;
  const rising = h >= 6 && h <= 15;
  const phase = rising ? (h - 6) / 9 : ((h < 6 ? h + 24 : h) - 15) / 15;
  return rising ? (1 - Math.cos(Math.PI * phase)) / 2 : (1 + Math.cos(Math.PI * phase)) / 2;
}

export function impactOf(condition: string, visibility: number, wind: number, gust: number | undefined): Impact {
  const order: Impact[] = ['NONE', 'MINOR', 'MODERATE', 'SEVERE'];
  let level = 0;
  if (condition === 'Fog') level = visibility < 0.6 ? 3 : 2;
  else if (condition === 'Sandstorm') level = visibility < 1 ? 3 : 2;
  else if (condition === 'Thunderstorm') level = (gust ?? 0) >= 40 ? 3 : 2;
  else if (condition === 'Snow') level = 2;
  else if (condition === 'Rain' || visibility < 5) level = 1;
  if (wind >= 30) level = Math.max(level, 2);
  else if (wind >= 20) level = Math.max(level, 1);
  return order[level] as Impact;
}

function runwayOf(condition: string, precipitation: number): string {
  if (condition === 'Snow' || condition === 'Sandstorm') return 'CONTAMINATED';
  if (condition === 'Thunderstorm') return precipitation >= 10 ? 'STANDING_WATER' : 'WET';
  if (condition === 'Rain') return 'WET';
  if (condition === 'Fog' || condition === 'Mist') return 'DAMP';
  return 'DRY';
}

function forecastFor(rng: Rng, s: Station, hour: number, previousFair: string | undefined): Forecast {
  const c = CLIMATE[s.code];
  if (!c) throw new Error(`no climate for ${s.code}`);
  const episode = EPISODES.find(([code, from, to]) => code === s.code && hour >= from && hour <= to);
  // fair weather persists for a few hours rather than flickering every hour
  const condition = episode?.[3] ?? (previousFair !== undefined && rng.chance(0.75) ? previousFair : rng.weighted(c.fair));
  const local = hour + s.utcOffset;
  const temperature = c.tMin + (c.tMax - c.tMin) * diurnal(local) + rng.float(-0.6, 0.6) - (condition === 'Thunderstorm' ? 3 : 0);
  const afternoonBreeze = 1 + 0.5 * diurnal(local);
  let wind = Math.round(c.wind * afternoonBreeze + rng.float(-3, 3));
  let visibility = 10;
  let precipitation = 0;
  let ceiling = 25000;
  switch (condition) {
    case 'Fog':
      visibility = rng.decimal(0.2, 0.9, 1);
      wind = rng.int(0, 4);
      ceiling = rng.int(1, 3) * 100;
      break;
    case 'Mist':
      visibility = rng.decimal(2, 4.5, 1);
      ceiling = rng.int(4, 10) * 100;
      break;
    case 'Sandstorm':
      visibility = rng.decimal(0.4, 1.6, 1);
      wind = rng.int(28, 38);
      ceiling = rng.int(5, 15) * 100;
      break;
    case 'Dust':
      visibility = rng.decimal(3, 6, 1);
      wind = Math.max(wind, rng.int(16, 24));
      ceiling = rng.int(50, 80) * 100;
      break;
    case 'Haze':
      visibility = rng.decimal(4, 7, 1);
      ceiling = rng.int(80, 120) * 100;
      break;
    case 'Rain':
      visibility = rng.decimal(5, 9, 1);
      precipitation = rng.decimal(0.4, 3.5, 1);
      ceiling = rng.int(8, 25) * 100;
      break;
    case 'Snow':
      visibility = rng.decimal(1.5, 4, 1);
      precipitation = rng.decimal(0.5, 2, 1);
      ceiling = rng.int(6, 15) * 100;
      break;
    case 'Thunderstorm':
      visibility = rng.decimal(2, 5, 1);
      precipitation = rng.decimal(6, 28, 1);
      wind = rng.int(14, 26);
      ceiling = rng.int(15, 30) * 100;
      break;
    case 'Cloudy':
      visibility = rng.decimal(8, 10, 1);
      ceiling = rng.int(15, 40) * 100;
      break;
    case 'Partly Cloudy':
      ceiling = rng.int(30, 60) * 100;
      break;
    default:
      break;
  }
  wind = Math.max(0, wind);
  const gusty = condition === 'Sandstorm' || condition === 'Thunderstorm' || wind >= 18;
  const gust = gusty ? wind + rng.int(8, 16) : undefined;
  const direction = (((Math.round((c.windFrom + rng.int(-30, 30)) / 10) * 10) % 360) + 360) % 360 || 360;
  return {
    airport: s.code,
    hour,
    condition,
    temperature,
    visibility,
    windSpeed: wind,
    windDirection: wind === 0 ? 0 : direction,
    precipitation,
    gust,
    ceiling,
    impact: impactOf(condition, visibility, wind, gust),
    runway: runwayOf(condition, precipitation),
  };
}

export function buildWeather(rng: Rng): Forecast[] {
  const out: Forecast[] = [];
  for (const s of ALL_STATIONS) {
    let previousFair: string | undefined;
    for (let hour = 0; hour < 24; hour++) {
      const f = forecastFor(rng, s, hour, previousFair);
      const scripted = EPISODES.some(([code, from, to]) => code === s.code && hour >= from && hour <= to);
      previousFair = scripted ? undefined : f.condition;
      out.push(f);
    }
  }
  return out;
}

/** Impact at an airport at a minute of the day; outside the forecast day it is unknown (NONE). */
export function impactLookup(forecasts: readonly Forecast[]): (code: string, minute: number) => Impact {
  const map = new Map(forecasts.map((f) => [`${f.airport}:${f.hour}`, f.impact]));
  return (code, minute) => map.get(`${code}:${Math.floor(minute / 60)}`) ?? 'NONE';
}

export const WEATHER_COLUMNS = [
  'airport_code',
  'forecast_time_zulu',
  'condition',
  'temperature_c',
  'visibility_km',
  'wind_speed_kts',
  'wind_direction',
  'precipitation_mm_per_hour',
  'operational_impact',
  'runway_condition',
  'ceiling_ft',
  'gust_kts',
] as const;

export function weatherRows(forecasts: readonly Forecast[]): Row[] {
  return forecasts.map((f) => ({
    airport_code: f.airport,
    forecast_time_zulu: iso(f.hour * 60),
    condition: f.condition,
    temperature_c: fixed(f.temperature, 1),
    visibility_km: fixed(f.visibility, 1),
    wind_speed_kts: f.windSpeed,
    wind_direction: f.windDirection,
    precipitation_mm_per_hour: fixed(f.precipitation, 1),
    operational_impact: f.impact,
    runway_condition: f.runway,
    ceiling_ft: f.ceiling,
    gust_kts: f.gust,
  }));
}
