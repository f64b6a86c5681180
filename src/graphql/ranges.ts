import { badInput } from '../../db/gateway-error.js';

/** Widest time window a desk answer reads (dispatchRisks, standbyCrew, weatherWatch): two days. */
export const MAX_WINDOW_HOURS = 48;
/** A window given by one end only, or by neither, spans this much. */
export const DEFAULT_WINDOW_HOURS = 24;
/** Largest delay a desk scenario may apply (crewLegality's delayMinutes): two days. */
export const MAX_DELAY_MINUTES = MAX_WINDOW_HOURS * 60;

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A time window [from, to] of at most `maxHours`, BAD_USER_INPUT naming `to`
 * beyond it (and `from` when it is after `to`). A missing end is `defaultHours`
 * from the other one; with neither, the window starts now. DateTime arguments
 * are already canonical UTC strings (scalars.ts).
 */
export function boundedWindow(
  from: string | undefined | null,
  to: string | undefined | null,
  {
    maxHours = MAX_WINDOW_HOURS,
    defaultHours = DEFAULT_WINDOW_HOURS,
    now = Date.now(),
  }: { maxHours?: number; defaultHours?: number; now?: number } = {},
): { from: string; to: string } {
  const start = from ? Date.parse(from) : to ? Date.parse(to) - defaultHours * HOUR : Math.floor(now / 60_000) * 60_000;
  const end = to ? Date.parse(to) : start + defaultHours * HOUR;
  if (start > end) throw badInput(`\`from\` (${iso(start)}) is after \`to\` (${iso(end)})`, 'from');
  if (end - start > maxHours * HOUR) {
    throw badInput(`the window from \`from\` (${iso(start)}) to \`to\` (${iso(end)}) is longer than ${maxHours} hours: ask for a shorter one`, 'to');
  }
  return { from: from ?? iso(start), to: to ?? iso(end) };
}
