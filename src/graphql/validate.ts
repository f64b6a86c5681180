import { badInput } from '../../db/gateway-error.js';
import { dayWindow, type TimeWindow } from '../../db/days.js';

/** Longest id accepted: far above any real id, far below DynamoDB's 1 KB sort-key limit. */
export const MAX_ID_LENGTH = 200;

/** An id argument: non-empty, bounded, no control characters. BAD_USER_INPUT otherwise. */
export function validId(value: string, argumentName: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(`\`${argumentName}\` must not be empty`, argumentName);
  if (trimmed.length > MAX_ID_LENGTH) {
    throw badInput(`\`${argumentName}\` is ${trimmed.length} characters long; ids are at most ${MAX_ID_LENGTH}`, argumentName);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw badInput(`\`${argumentName}\` contains control characters`, argumentName);
  return trimmed;
}

/** An IATA (3 letters) or ICAO (4) airport code. */
export function validAirport(value: string, argumentName: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{3,4}$/.test(code)) {
    throw badInput(`\`${argumentName}\` must be a 3- or 4-letter airport code like AUH, got ${JSON.stringify(value.slice(0, 40))}`, argumentName);
  }
  return code;
}

export function validRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) throw badInput(`\`from\` (${from}) is after \`to\` (${to})`, 'from');
}

/**
 * The window a list that follows history is asked for (`from`/`to`): both bounds, or one
 * (the rest of its day), or none (undefined: the list's own default, its latest day).
 */
export function windowOf(from: string | undefined | null, to: string | undefined | null): TimeWindow | undefined {
  const start = from ?? undefined;
  const end = to ?? undefined;
  validRange(start, end);
  if (!start && !end) return undefined;
  // One bound: the rest of that bound's day.
  return { from: start ?? dayWindow(end!.slice(0, 10)).from, to: end ?? dayWindow(start!.slice(0, 10)).to };
}
