import { badInput } from './gateway-error.js';

/** A time window [from, to] (ISO 8601, UTC). */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

/** The whole UTC day (YYYY-MM-DD) as a window: the default window of a list that follows history (its latest day). */
export function dayWindow(day: string): TimeWindow {
  return { from: `${day}T00:00:00Z`, to: `${day}T23:59:59Z` };
}

/** The most days a window of a list that follows history may span: each day is one item to read. */
export const MAX_WINDOW_DAYS = 31;

/** The UTC days (YYYY-MM-DD) a window [from, to] touches; BAD_USER_INPUT over MAX_WINDOW_DAYS. */
export function daysOf(from: string, to: string): string[] {
  const first = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const last = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
  const count = (last - first) / 86_400_000 + 1;
  if (count > MAX_WINDOW_DAYS) throw badInput(`the window [${from}, ${to}] spans ${count} days; at most ${MAX_WINDOW_DAYS}`, 'from');
  return Array.from({ length: count }, (_, i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10));
}
