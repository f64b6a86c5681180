/**
 * Column kinds: the declared types of the CSV contract. Every value that reaches
 * DynamoDB is converted by the kind its entity declares for the column, never by
 * looking at the value (an id such as `000123` stays a string).
 */
export type ColumnKind = 'string' | 'number' | 'integer' | 'flag' | 'list' | 'datetime';

/** The TypeScript type a column of each kind has once loaded. */
export interface KindValue {
  string: string;
  number: number;
  integer: number;
  flag: boolean;
  list: string[];
  datetime: string;
}

export type Columns = Readonly<Record<string, ColumnKind>>;

/** A loaded row: every column optional (only key columns are required by the contract). */
export type Row<C extends Columns> = { -readonly [K in keyof C]?: KindValue[C[K]] };

/** Thrown for a cell that does not fit its declared kind; the loader adds file and line. */
export class CellError extends Error {
  constructor(
    readonly column: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`column ${column}: ${rule}, got ${JSON.stringify(truncate(value))}`);
  }
}

const TRUE_FLAGS = new Set(['Y', 'YES', 'TRUE', 'T', '1']);
const FALSE_FLAGS = new Set(['N', 'NO', 'FALSE', 'F', '0']);
// A plain decimal: no thousands separators, no hex, no Infinity/NaN (Number() accepts those).
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// ISO 8601 date-time; the contract says UTC, so a missing zone means Z.
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// Codes of a list column are separated by commas, semicolons or spaces.
const LIST_SEPARATOR = /[\s,;]+/;

/**
 * Converts one non-empty cell to the value its kind declares.
 * Date-times are normalised to `YYYY-MM-DDTHH:MM:SSZ` so that they sort as strings
 * (they are used in sort keys).
 */
export function convertCell(kind: ColumnKind, column: string, raw: string): KindValue[ColumnKind] {
  const value = raw.trim();
  switch (kind) {
    case 'string':
      return raw;
    case 'number':
    case 'integer': {
      if (!DECIMAL.test(value)) throw new CellError(column, raw, `declared ${kind} is not a number`);
      const n = Number(value);
      if (!Number.isFinite(n)) throw new CellError(column, raw, `declared ${kind} is out of range`);
      if (kind === 'integer' && !Number.isInteger(n)) throw new CellError(column, raw, 'declared integer has a fraction');
      return n;
    }
    case 'flag': {
      const upper = value.toUpperCase();
      if (TRUE_FLAGS.has(upper)) return true;
      if (FALSE_FLAGS.has(upper)) return false;
      throw new CellError(column, raw, 'declared Y/N flag is neither Y nor N');
    }
    case 'list':
      return value.split(LIST_SEPARATOR).filter((code) => code.length > 0);
    case 'datetime':
      return normaliseDateTime(column, raw);
  }
}

export function normaliseDateTime(column: string, raw: string): string {
  const m = ISO_DATETIME.exec(raw.trim());
  if (!m) throw new CellError(column, raw, 'declared date-time is not ISO 8601');
  const [, y, mo, d, h = '00', mi = '00', s = '00', , zone] = m;
  const zoneText = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zoneText}`);
  if (Number.isNaN(date.getTime())) throw new CellError(column, raw, 'declared date-time is not a valid date');
  // Once per cell of a load: one toISOString, sliced.
  const iso = `${date.toISOString().slice(0, 19)}Z`;
  // Date() rolls 2026-02-30 over to March: compare the fields to catch it.
  if (zoneText === 'Z' && iso.slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`)
    throw new CellError(column, raw, 'declared date-time is not a valid date');
  return iso;
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
