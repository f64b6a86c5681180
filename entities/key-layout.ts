import type { Columns, KindValue, Row } from './kinds.js';
import type { GsiName } from './table.js';

/**
 * A key layout: the parts of a partition key and of a sort key, each a constant
 * (`'FLT'`) or a column (`col('flight_id')`). The same layout writes an item's
 * key (the seed) and reads it (an access pattern names the values it knows and
 * the layout turns them into a key condition), so a key is spelled once.
 */
export type Segment<N extends string> = string | ColumnSegment<N> | ShardSegment<N>;

export interface ColumnSegment<N extends string> {
  readonly column: N;
  /** Upper-cased in the key, so that `Vip` and `VIP` meet. */
  readonly upper?: boolean;
  /** The key part of a row without a value (default `-`), e.g. `9999` so that an open-ended end sorts last. */
  readonly ifAbsent?: string;
}

/** A write shard of a column's value (FNV-1a mod `shards`): a listing spread over partitions. */
export interface ShardSegment<N extends string> {
  readonly shardOf: N;
  readonly shards: number;
}

export interface KeyLayout<N extends string> {
  readonly pk: readonly Segment<N>[];
  readonly sk: readonly Segment<N>[];
}

export interface KeyPair {
  pk: string;
  sk: string;
}

export const col = <const N extends string>(column: N, options: { ifAbsent?: string } = {}): ColumnSegment<N> => ({ column, ...options });
export const upperCol = <const N extends string>(column: N): ColumnSegment<N> => ({ column, upper: true });
export const shard = <const N extends string>(column: N, shards: number): ShardSegment<N> => ({ shardOf: column, shards });

/** A sort-key range on one column: inclusive bounds, either open. */
export interface Range {
  readonly between: readonly [string | undefined, string | undefined];
}

export const between = (from: string | undefined, to: string | undefined): Range => ({ between: [from, to] });

/**
 * What an access pattern knows: a value for every partition-key column, then
 * sort-key columns in layout order until the first one it does not know (that
 * is a begins_with), or a range on the next one. `shard` picks a listing shard.
 */
export type KeyValues<C extends Columns> = { readonly [K in keyof C]?: KindValue[C[K]] | Range | undefined } & { readonly shard?: number };

/** A key condition on the table or one GSI: the partition, and optionally a sort-key prefix or range. */
export interface KeyCondition<E = unknown> {
  /** The entity the condition selects (the key condition alone selects it: no FilterExpression needed). */
  readonly entity: E;
  readonly index: GsiName | 'table';
  readonly partition: string;
  readonly beginsWith?: string;
  /** Inclusive sort-key range. */
  readonly between?: readonly [string, string];
}

/**
 * Joins key parts with `#`; an absent part becomes `-` so prefixes stay aligned.
 * A part's own `\`, `#`, and a lone `-`, are escaped (`\\`, `\#`, `\-`): the
 * value `A#B` and the parts `A`, `B` make different keys, and `k(...) + '#'` is a
 * begins_with prefix of exactly the keys whose leading parts are those values.
 */
export function k(...parts: Array<string | number | boolean | undefined>): string {
  return parts.map(keyPart).join('#');
}

export function keyPart(p: string | number | boolean | undefined): string {
  if (p === undefined || p === '') return '-';
  if (typeof p === 'boolean') return p ? 'Y' : 'N';
  const text = String(p);
  return text === '-' ? '\\-' : text.replace(/[\\#]/g, (c) => `\\${c}`);
}

/**
 * Shard of an id for an entity listing: a list of every passenger would otherwise
 * be one GSI partition, and one partition takes about 1,000 writes/s, which would
 * throttle a bulk load of millions. FNV-1a, so the shard is stable across runs.
 */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Upper-cased enum-like value for use in a key (so `Vip` and `VIP` meet). */
export function upper(value: string | undefined): string | undefined {
  return value?.trim().toUpperCase() || undefined;
}

const isColumn = <N extends string>(s: Segment<N>): s is ColumnSegment<N> => typeof s === 'object' && 'column' in s;
const isRange = (v: unknown): v is Range => typeof v === 'object' && v !== null && 'between' in v;

function valueOf<N extends string>(segment: ColumnSegment<N>, value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string') return value === '' ? undefined : segment.upper ? upper(value) : value;
  // Keys hold strings, numbers and Y/N flags; a range or anything else is no key value.
  return typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** The columns of a layout's partition key: a row without one of them has no entry in the index (sparse). */
export function partitionColumns<N extends string>(layout: KeyLayout<N>): N[] {
  return layout.pk.flatMap((s) => (isColumn(s) ? [s.column] : typeof s === 'object' ? [s.shardOf] : []));
}

/** The columns a layout reads, partition then sort key. */
export function layoutColumns<N extends string>(layout: KeyLayout<N>): N[] {
  return [...layout.pk, ...layout.sk].flatMap((s) => (isColumn(s) ? [s.column] : typeof s === 'object' ? [s.shardOf] : []));
}

/** A row's key under a layout; undefined when a partition-key column has no value (the item stays out of a sparse index). */
export function renderKey<N extends string>(layout: KeyLayout<N>, row: Readonly<Partial<Record<N, unknown>>>): KeyPair | undefined {
  const parts = (segments: readonly Segment<N>[], required: boolean): string | undefined => {
    const out: string[] = [];
    for (const s of segments) {
      if (typeof s === 'string') out.push(s);
      else if (isColumn(s)) {
        const value = valueOf(s, row[s.column]);
        if (value === undefined && required) return undefined;
        out.push(value === undefined && s.ifAbsent !== undefined ? s.ifAbsent : keyPart(value));
      } else {
        const id = row[s.shardOf];
        if (id === undefined || id === '') return undefined;
        out.push(String(shardOf(String(id), s.shards)));
      }
    }
    return out.join('#');
  };
  const pk = parts(layout.pk, true);
  if (pk === undefined) return undefined;
  return { pk, sk: parts(layout.sk, false)! };
}

/** The key condition of what a pattern knows (see KeyValues). */
export function keyCondition<C extends Columns, E>(
  entity: E,
  index: GsiName | 'table',
  layout: KeyLayout<keyof C & string>,
  values: KeyValues<C>,
): KeyCondition<E> {
  const lookup = values as Record<string, unknown>;
  const partition = layout.pk
    .map((s) => {
      if (typeof s === 'string') return s;
      if (isColumn(s)) {
        const value = valueOf(s, lookup[s.column]);
        if (value === undefined || isRange(value)) throw new Error(`access pattern on ${index} needs a value for ${s.column}`);
        return keyPart(value);
      }
      if (values.shard === undefined) throw new Error(`access pattern on ${index} needs a shard`);
      return String(values.shard);
    })
    .join('#');
  const known: string[] = [];
  for (const s of layout.sk) {
    if (typeof s === 'string') {
      known.push(s);
      continue;
    }
    const column = isColumn(s) ? s.column : s.shardOf;
    const value = lookup[column];
    if (isRange(value)) {
      const prefix = known.length ? `${known.join('#')}#` : '';
      const [from, to] = value.between;
      const low = from === undefined ? prefix : prefix + keyPart(isColumn(s) && s.upper ? upper(from) : from);
      const high = to === undefined ? `${prefix}\uffff` : `${prefix}${keyPart(isColumn(s) && s.upper ? upper(to) : to)}#\uffff`;
      return { entity, index, partition, between: [low, high] };
    }
    const rendered = isColumn(s) ? valueOf(s, value) : undefined;
    if (rendered === undefined) break;
    known.push(keyPart(rendered));
  }
  if (known.length === 0) return { entity, index, partition };
  return { entity, index, partition, beginsWith: `${known.join('#')}${known.length === layout.sk.length ? '' : '#'}` };
}

export type { Row };
