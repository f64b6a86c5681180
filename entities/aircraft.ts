import { Entity, item, list, number, record, string } from 'dynamodb-toolbox';
import { k, type InverseDeclaration, type LinkTarget } from './define.js';
import { airlineTable, DAILY_ATTRIBUTE, REFS_ATTRIBUTE } from './table.js';

/**
 * Derived item, written by the seed: what the data says about one registration
 * (there is no aircraft table in the contract). It lives in the aircraft's item
 * collection (`AC#<registration>`) next to its availability windows and swap
 * option, and carries the keys of its flights, work orders and windows so that an
 * aircraft's links are BatchGetItem reads.
 */
export const Aircraft = new Entity({
  name: 'Aircraft',
  table: airlineTable,
  timestamps: false,
  schema: item({
    registration: string().key(),
    aircraft_type: string().optional(),
    [REFS_ATTRIBUTE]: record(string(), list(string())).optional(),
    [DAILY_ATTRIBUTE]: record(string(), string()).optional(),
  }),
  computeKey: ({ registration }: { registration: string }) => ({ pk: k('AC', registration), sk: 'AIRCRAFT' }),
});

export const aircraftKey = (registration: string) => ({ pk: k('AC', registration), sk: 'AIRCRAFT' });

/** The derived Aircraft as the target of links (a flight's, a window's, a work order's `aircraft`). */
export const AircraftTarget = { name: 'Aircraft', typeName: 'Aircraft', key: ['registration'] } as const;

/** The column every entity names its aircraft by. */
export const AIRCRAFT_COLUMN = 'aircraft_registration';

/** The link of a row to its aircraft (the `aircraft` field), with the aircraft's list of such rows when `inverse` is given. */
type AircraftLink = { readonly field: 'aircraft'; readonly to: () => LinkTarget; readonly column: typeof AIRCRAFT_COLUMN };
export function aircraftLink(): AircraftLink;
export function aircraftLink<const I extends InverseDeclaration>(inverse: I): AircraftLink & { readonly inverse: I };
export function aircraftLink(inverse?: InverseDeclaration): AircraftLink & { readonly inverse?: InverseDeclaration } {
  return { field: 'aircraft', to: () => AircraftTarget, column: AIRCRAFT_COLUMN, ...(inverse ? { inverse } : {}) };
}

/**
 * Derived item, written by the seed: item counts per entity, so that `tableStats`
 * is one GetItem instead of a Scan.
 */
export const TableStats = new Entity({
  name: 'TableStats',
  table: airlineTable,
  timestamps: false,
  schema: item({
    counts: record(string(), number()),
    seeded_at: string().optional(),
  }),
  computeKey: () => ({ pk: 'META', sk: 'STATS' }),
});

export const TABLE_STATS_KEY = { pk: 'META', sk: 'STATS' } as const;
