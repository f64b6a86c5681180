import DataLoader from 'dataloader';
import { Weather } from '../entities/index.js';
import type { KeyPair } from '../entities/index.js';
import type { Db } from '../src/db/client.js';
import { queryPage } from '../src/data/query.js';
import { ACCESS_PATTERNS } from '../entities/access-patterns.js';
import type { StoredItem } from './item-loader.js';

export interface ForecastRequest {
  readonly airport: string;
  /** Canonical ISO time (`2026-03-15T08:20:00Z`). */
  readonly time: string;
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The forecast nearest a time at an airport. Forecasts are hourly, so the two
 * candidates (the hour before and the hour after) are read by key through the
 * item loader: every flight's origin and destination weather of a request in one
 * BatchGetItem. Only when neither candidate exists (forecasts at other
 * intervals) does it fall back to two Limit-1 Queries around the time.
 */
export function createForecastLoader(
  db: Db,
  items: DataLoader<KeyPair, StoredItem | null, string>,
): DataLoader<ForecastRequest, StoredItem | null, string> {
  return new DataLoader(
    async (requests) => {
      const candidates = requests.map(({ airport, time }) => {
        const ms = Date.parse(time);
        const floor = Math.floor(ms / HOUR) * HOUR;
        const times = floor === ms ? [floor] : [floor, floor + HOUR];
        return times.map((t) => Weather.primaryKey({ airport_code: airport, forecast_time_zulu: iso(t) }));
      });
      const found = await items.loadMany(candidates.flat());
      let offset = 0;
      return Promise.all(
        requests.map(async (request, i) => {
          const loaded = found.slice(offset, (offset += candidates[i]!.length));
          for (const r of loaded) if (r instanceof Error) throw r;
          const hits = loaded.filter((r): r is StoredItem => r !== null && !(r instanceof Error));
          return hits.length > 0 ? nearest(hits, request.time) : nearestByQuery(db, request);
        }),
      );
    },
    { cacheKeyFn: (r) => `${r.airport}|${r.time}` },
  );
}

async function nearestByQuery(db: Db, { airport, time }: ForecastRequest): Promise<StoredItem | null> {
  const [before, after] = await Promise.all([
    queryPage(db, ACCESS_PATTERNS.weatherOfAirport(airport, undefined, time), { limit: 1, ascending: false }),
    queryPage(db, ACCESS_PATTERNS.weatherOfAirport(airport, time, undefined), { limit: 1, ascending: true }),
  ]);
  const hits = [...before.items, ...after.items];
  return hits.length > 0 ? nearest(hits, time) : null;
}

/** The forecast closest in time; on a tie, the earlier one. */
function nearest(forecasts: StoredItem[], time: string): StoredItem {
  const target = Date.parse(time);
  return forecasts
    .map((f) => ({ f, distance: Math.abs(Date.parse(String(f.forecast_time_zulu)) - target), at: String(f.forecast_time_zulu) }))
    .sort((a, b) => a.distance - b.distance || a.at.localeCompare(b.at))[0]!.f;
}
