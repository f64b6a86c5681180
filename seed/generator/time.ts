// All generator times are integer minutes from the start of the airline day
// (2026-03-15T00:00:00Z); they become ISO text only when a row is written.

export const DAY_START_MS = Date.UTC(2026, 2, 15, 0, 0, 0);
export const DAY_DATE = '20260315';
export const DAY_MINUTES = 24 * 60;

/** The moment the sample "is taken": flights before it have departed or arrived. */
export const SNAPSHOT_MIN = 8 * 60 + 20;

export function iso(minutes: number): string {
  if (!Number.isInteger(minutes)) throw new RangeError(`minutes must be an integer: ${minutes}`);
  return new Date(DAY_START_MS + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function hhmm(minutes: number): string {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  const h = Math.floor(m / 60);
  return `${String(h).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}Z`;
}

export function roundTo(minutes: number, step: number): number {
  return Math.round(minutes / step) * step;
}
