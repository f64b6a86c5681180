import { Entity, item, list, map, boolean, number, string, record } from 'dynamodb-toolbox';
import { type ColumnKind, type Columns, type Row } from './kinds.js';
import { airlineTable, GSI_NAMES, REFS_ATTRIBUTE, type GsiName } from './table.js';

export interface KeyPair {
  pk: string;
  sk: string;
}

/**
 * A child entity declares which parent item should carry the list of its keys:
 * the seed sees every row before it writes the parents, so "the bookings of 50
 * passengers" becomes one BatchGetItem of known keys instead of 50 Queries.
 */
export interface BelongsTo {
  /** Parent entity name, or 'Aircraft' for the derived per-registration item. */
  readonly parent: string;
  /** The child's column holding the parent's key. */
  readonly column: string;
  /** Relation name on the parent (`_refs.<as>`). */
  readonly as: string;
}

export interface EntityDefinition<C extends Columns, K extends keyof C & string> {
  /** The contract's entity name (the original table's name), e.g. `Passengers`. */
  readonly name: string;
  /** GraphQL object type name, e.g. `Passenger`. */
  readonly typeName: string;
  /** CSV file name in a data directory. */
  readonly file: string;
  /** Declared columns in contract order; kinds drive conversion and GraphQL types. */
  readonly columns: C;
  /** Key columns (required in every row). */
  readonly key: readonly K[];
  readonly primaryKey: (key: Readonly<Record<K, string>>) => KeyPair;
  /** Index keys; return undefined to keep the item out of a (sparse) index. */
  readonly indexes?: Partial<Record<GsiName, (row: Row<C>) => KeyPair | undefined>>;
  readonly belongsTo?: readonly BelongsTo[];
}

export interface EntityModel<C extends Columns = Columns, K extends keyof C & string = keyof C & string>
  extends EntityDefinition<C, K> {
  /** The dynamodb-toolbox entity (parsing, key computation, `_et`). */
  readonly entity: Entity;
  /** Key column values joined by `|`: how a child is named in its parent's `_refs`. */
  keyId(row: Readonly<Partial<Record<K, string>>>): string;
  /** Inverse of keyId. */
  keyFromId(id: string): Record<K, string>;
}

export type AnyEntityModel = EntityModel<Columns, string>;
export type RowOf<M> = M extends EntityModel<infer C, string> ? Row<C> : never;

/** Builds the toolbox attribute schema of one column. */
function columnSchema(kind: ColumnKind, isKey: boolean) {
  switch (kind) {
    case 'string':
    case 'datetime':
      return isKey ? string().key() : string().optional();
    case 'number':
    case 'integer':
      return number().optional();
    case 'flag':
      return boolean().optional();
    case 'list':
      return list(string()).optional();
  }
}

export function defineEntity<const C extends Columns, const K extends keyof C & string>(
  definition: EntityDefinition<C, K>,
): EntityModel<C, K> {
  const attributes: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(definition.columns)) {
    attributes[column] = columnSchema(kind, (definition.key as readonly string[]).includes(column));
  }
  attributes[REFS_ATTRIBUTE] = record(string(), list(string())).optional();
  for (const gsi of GSI_NAMES) {
    const compute = definition.indexes?.[gsi];
    if (!compute) continue;
    attributes[`${gsi}pk`] = string().optional().link((row: unknown) => compute(row as Row<C>)?.pk);
    attributes[`${gsi}sk`] = string().optional().link((row: unknown) => compute(row as Row<C>)?.sk);
  }

  const entity = new Entity({
    name: definition.name,
    table: airlineTable,
    // The attribute map is assembled from `columns`, so its static type is lost
    // here; Row<C> carries the column types instead.
    schema: item(attributes as never),
    computeKey: (key: Record<K, string>) => definition.primaryKey(key),
    timestamps: false,
  } as never) as unknown as Entity;

  return {
    ...definition,
    entity,
    keyId: (row) => definition.key.map((k) => row[k] ?? '').join('|'),
    keyFromId: (id) => {
      const parts = id.split('|');
      return Object.fromEntries(definition.key.map((k, i) => [k, parts[i] ?? ''])) as Record<K, string>;
    },
  };
}

/** Joins key parts with `#`; an absent part becomes `-` so prefixes stay aligned. */
export function k(...parts: Array<string | number | boolean | undefined>): string {
  return parts.map((p) => (p === undefined || p === '' ? '-' : typeof p === 'boolean' ? (p ? 'Y' : 'N') : String(p))).join('#');
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

// `map` and `boolean` are re-exported for derived entities that build schemas by hand.
export { map, boolean };
