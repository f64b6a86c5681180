import { ACCESS_PATTERNS } from '../entities/access-patterns.js';
import { Weather, type KeyPair } from '../entities/index.js';
import type { StoredItem } from './loaders/index.js';
import type { Db } from './client.js';
import { queryPage } from './query.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Keys of the forecasts that can be nearest a time: forecasts are hourly, so the
 * hour before and the hour after. Read through the item loader they join the
 * same BatchGetItem as the rest of a level (every flight's weather at once).
 */
export function forecastCandidates(airport: string, time: string): KeyPair[] {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return [];
  const floor = Math.floor(ms / HOUR) * HOUR;
  const times = floor === ms ? [floor] : [floor, floor + HOUR];
  return times.map((t) => Weather.primaryKey({ airport_code: airport, forecast_time_zulu: iso(t) }));
}

/**
 * When no hourly candidate exists (forecasts at other intervals): the nearest
 * forecast before and after the time, two Limit-1 Queries.
 */
export async function nearestByQuery(db: Db, airport: string, time: string): Promise<StoredItem | null> {
  const [before, after] = await Promise.all([
    queryPage(db, ACCESS_PATTERNS.weatherOfAirport(airport, undefined, time), { limit: 1, ascending: false }),
    queryPage(db, ACCESS_PATTERNS.weatherOfAirport(airport, time, undefined), { limit: 1, ascending: true }),
  ]);
  return nearest([...before.items, ...after.items], time);
}

/** The forecast closest in time; on a tie, the earlier one. */
export function nearest(forecasts: StoredItem[], time: string): StoredItem | null {
  const target = Date.parse(time);
  let best: StoredItem | null = null;
  let bestDistance = Infinity;
  for (const f of forecasts) {
    const distance = Math.abs(Date.parse(String(f.forecast_time_zulu)) - target);
    if (distance < bestDistance || (distance === bestDistance && best && String(f.forecast_time_zulu) < String(best.forecast_time_zulu))) {
      best = f;
      bestDistance = distance;
    }
  }
  return best;
}
