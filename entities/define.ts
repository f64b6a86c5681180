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
  /**
   * Columns that are personal data (a person's name, PNR, traveler id,
   * nationality, profession, preferences, seat, SSR codes, notes): only the
   * roles that may read personal data see them (README, "Security").
   */
  readonly personal?: readonly (keyof C & string)[];
}

export interface EntityModel<C extends Columns = Columns, K extends keyof C & string = keyof C & string> extends EntityDefinition<C, K> {
  /** The dynamodb-toolbox entity (parsing, key computation, `_et`). */
  readonly entity: Entity;
  /** The key value (one key column), or the escaped key values joined by `|`: how a child is named in its parent's `_refs`. */
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

export function defineEntity<const C extends Columns, const K extends keyof C & string>(definition: EntityDefinition<C, K>): EntityModel<C, K> {
  const attributes: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(definition.columns)) {
    attributes[column] = columnSchema(kind, (definition.key as readonly string[]).includes(column));
  }
  attributes[REFS_ATTRIBUTE] = record(string(), list(string())).optional();
  for (const gsi of GSI_NAMES) {
    const compute = definition.indexes?.[gsi];
    if (!compute) continue;
    attributes[`${gsi}pk`] = string()
      .optional()
      .link((row: unknown) => compute(row as Row<C>)?.pk);
    attributes[`${gsi}sk`] = string()
      .optional()
      .link((row: unknown) => compute(row as Row<C>)?.sk);
  }

  const entity = new Entity({
    name: definition.name,
    table: airlineTable,
    // The attribute map is assembled from `columns`, so its static type is lost
    // here; Row<C> carries the column types instead.
    schema: item(attributes as never),
    computeKey: (key: Record<K, string>) => definition.primaryKey(key),
    timestamps: false,
  } as never);

  return {
    ...definition,
    entity,
    keyId: (row) => keyIdOf(definition.key, row),
    keyFromId: (id) => keyFromIdOf(definition.key, id),
  };
}

/**
 * The id of a row: its one key value as is, or (composite keys) the values with
 * `\` and `|` escaped, joined by `|`, so that an id maps back to exactly one key.
 */
function keyIdOf<K extends string>(key: readonly K[], row: Readonly<Partial<Record<K, string>>>): string {
  if (key.length === 1) return row[key[0]!] ?? '';
  return key.map((column) => (row[column] ?? '').replace(/[\\|]/g, (c) => `\\${c}`)).join('|');
}

/**
 * Inverse of keyIdOf. One key column: the whole id is its value (`ID|x` is the id
 * `ID|x`, never `ID`). Composite: split on unescaped `|`; an id with the wrong
 * number of parts or a dangling escape gives a key no item has (it is not found).
 */
function keyFromIdOf<K extends string>(key: readonly K[], id: string): Record<K, string> {
  if (key.length === 1) return { [key[0]!]: id } as Record<K, string>;
  const parts: string[] = [''];
  let malformed = false;
  for (let i = 0; i < id.length; i++) {
    const c = id[i]!;
    if (c === '\\') {
      const next = id[i + 1];
      if (next === '\\' || next === '|') {
        parts[parts.length - 1] += next;
        i += 1;
      } else {
        malformed = true;
        parts[parts.length - 1] += c;
      }
    } else if (c === '|') {
      parts.push('');
    } else {
      parts[parts.length - 1] += c;
    }
  }
  if (parts.length !== key.length) malformed = true;
  // A malformed id keeps its whole text in the first column: no stored key looks like that.
  if (malformed) return Object.fromEntries(key.map((column, i) => [column, i === 0 ? id : ''])) as Record<K, string>;
  return Object.fromEntries(key.map((column, i) => [column, parts[i]!])) as Record<K, string>;
}

/**
 * Joins key parts with `#`; an absent part becomes `-` so prefixes stay aligned.
 * A part's own `\`, `#`, and a lone `-`, are escaped (`\\`, `\#`, `\-`): the
 * value `A#B` and the parts `A`, `B` make different keys, and `k(...) + '#'` is a
 * begins_with prefix of exactly the keys whose leading parts are those values.
 * Values without these characters (the sample's) give the same keys as before.
 */
export function k(...parts: Array<string | number | boolean | undefined>): string {
  return parts.map(keyPart).join('#');
}

function keyPart(p: string | number | boolean | undefined): string {
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

// `map` and `boolean` are re-exported for derived entities that build schemas by hand.
export { map, boolean };
