import { Entity, item, list, map, boolean, number, string, record } from 'dynamodb-toolbox';
import { type ColumnKind, type Columns, type KindValue, type Row } from './kinds.js';
import { airlineTable, DAILY_ATTRIBUTE, REFS_ATTRIBUTE, REVISION_ATTRIBUTE, VERSION_ATTRIBUTE, type GsiName } from './table.js';
import { keyCondition, renderKey, type KeyCondition, type KeyLayout, type KeyPair, type KeyValues } from './key-layout.js';

export * from './key-layout.js';

/** What a link can point at: an entity, or the derived Aircraft item (entities/aircraft.ts). */
export interface LinkTarget {
  readonly name: string;
  readonly typeName: string;
  /** Its one key column: a link's column holds that key's value. */
  readonly key: readonly string[];
}

/**
 * A link: this entity's column names a row of another (`flight_id` -> Flights).
 * Declared once, it gives the GraphQL field that follows it (`field`, nullable)
 * and, with `inverse`, the target's field back to this entity's rows.
 */
export interface LinkDeclaration<N extends string = string> {
  /** This entity's GraphQL field (to one, nullable). */
  readonly field: string;
  /** The target (a thunk: a link may point at its own entity, and imports may cycle). */
  readonly to: () => LinkTarget;
  readonly column: N;
  readonly description?: string;
  readonly inverse?: InverseDeclaration<N>;
  /**
   * Columns of the target's row copied onto this row as it is loaded (this
   * entity's column -> the target's column): a fact this entity's keys need
   * that only the target's row holds (a what-if scenario's day is its flight's
   * departure day: the scenario names its flight by id only, and the contract
   * gives an id no meaning). The target then loads first, so the children of
   * such a link cannot be materialised on it: its inverse is read by `pattern`.
   * A row whose target is not in the load gets nothing copied.
   */
  readonly copies?: Readonly<Partial<Record<N, string>>>;
}

export type InverseDeclaration<N extends string = string> =
  | {
      /**
       * Many rows name one target. The seed materialises their keys on the target
       * (`_refs.<as>`), so the list is a BatchGetItem; `pattern` (one of this
       * entity's patterns, taking the target's key) lists them when it does not.
       */
      readonly cardinality: 'many';
      /** Relation name on the target: its `_refs` entry and its GraphQL field. */
      readonly as: string;
      readonly pattern: string;
      /** The target's GraphQL field: every row (`list`), a connection (`page`), or none (the desk reads it). */
      readonly graphql: 'list' | 'page' | 'none';
      /** The list's order (by this column), when not the order the keys were materialised in. */
      readonly orderBy?: N;
      readonly description?: string;
      /**
       * The rows follow history (an aircraft flies every day; a crew member has
       * duties every day): the target's own item holds the keys of one day only,
       * the latest day of the load (its operating day), and each other day is on
       * a day item (`<target pk>`, `DAY#<yyyy-mm-dd>`), so no item grows with the
       * days the table keeps. A row is listed on each day its [start, end] covers,
       * at most MAX_LISTED_DAYS. The GraphQL field takes `from`/`to`, by default
       * that day; `pattern` (target key, from, to) reads them when nothing was
       * materialised (the child file was not part of the load).
       */
      readonly window?: {
        readonly start: N;
        readonly end?: N;
        /** When `pattern` ranges over `start`: the longest a row lasts, so rows begun before the window and still running are read. */
        readonly lookbackHours?: number;
      };
      /** Only these rows are listed (and materialised), e.g. the open work orders: `pattern` reads the same subset. */
      readonly only?: ColumnValues<Columns>;
    }
  | {
      /** At most one row names a target, by this entity's own key: read by key, nothing to materialise. */
      readonly cardinality: 'one';
      readonly as: string;
      readonly description?: string;
    };

/** A materialised relation, as the seed sees it: children's keys on the parent under `_refs.<as>`. */
export interface BelongsTo {
  readonly parent: LinkTarget;
  /** The child's column holding the parent's key. */
  readonly column: string;
  /** Relation name on the parent (`_refs.<as>`). */
  readonly as: string;
  /** Only the rows with these values are materialised. */
  readonly only?: ColumnValues<Columns>;
  /** Materialised per day (on day items), by these columns of the child. */
  readonly daily?: { readonly start: string; readonly end?: string };
}

/** The most days one row is listed on in a daily relation (an open-ended window: its first week). */
export const MAX_LISTED_DAYS = 7;

/** The UTC days (YYYY-MM-DD) a row of a daily relation is listed on: those it covers from `start` to `end`, exclusive (or its start day only), at most MAX_LISTED_DAYS. */
export function daysListed(start: unknown, end: unknown): string[] {
  if (typeof start !== 'string' || start.length < 10) return [];
  const first = Date.parse(`${start.slice(0, 10)}T00:00:00Z`);
  // Half-open, [start, end): a window that ends at midnight does not cover the day that begins then.
  const endsAt = typeof end === 'string' && end > start ? Date.parse(end) - 1000 : Number.NaN;
  const last = Number.isFinite(endsAt) ? Date.parse(`${new Date(endsAt).toISOString().slice(0, 10)}T00:00:00Z`) : first;
  if (!Number.isFinite(first)) return [];
  const days: string[] = [];
  for (let t = first; t <= last && days.length < MAX_LISTED_DAYS; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Values of columns, one or a list each (a sparse index's rule). */
export type ColumnValues<C extends Columns> = { readonly [K in keyof C]?: KindValue[C[K]] | readonly KindValue[C[K]][] };

/** Whether a row's column has one of the values (strings compared trimmed and upper-cased). */
export function matchesAny(row: Record<string, unknown>, values: Record<string, unknown>): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);
  return Object.entries(values).some(([column, allowed]) =>
    (Array.isArray(allowed) ? allowed : [allowed]).some((a) => norm(a) === norm(row[column])),
  );
}

/** Whether a row belongs in a sparse index by its declared rule. */
function acceptedBy<C extends Columns>(declaration: IndexDeclaration<C>, row: Record<string, unknown>): boolean {
  if (declaration.only && !matchesAny(row, declaration.only)) return false;
  if (declaration.except && matchesAny(row, declaration.except)) return false;
  return (declaration.requires ?? []).every((column) => row[column] !== undefined && row[column] !== '');
}

/** Functions from what a caller knows to the key values of one index (see KeyValues). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each pattern declares its own parameters
export type PatternDeclarations<C extends Columns> = Readonly<Record<string, (...args: any[]) => KeyValues<C>>>;

/**
 * One index of an entity: its key layout, and the access patterns that read it,
 * side by side. An index no pattern reads is not declared, so not written.
 */
export interface IndexDeclaration<C extends Columns, P extends PatternDeclarations<C> = PatternDeclarations<C>> extends KeyLayout<keyof C & string> {
  /**
   * Sparse beyond "every partition column has a value": an entry only for rows
   * whose column has one of these values (strings compared upper-cased) ...
   */
  readonly only?: ColumnValues<C>;
  /** ... or none of these. */
  readonly except?: ColumnValues<C>;
  /** ... and that have these (sort-key) columns. */
  readonly requires?: readonly (keyof C & string)[];
  readonly patterns: P;
}

/** The item's own key: layout, and the patterns that read the table itself (none for an item read only by key). */
export interface TableKeyDeclaration<C extends Columns, P extends PatternDeclarations<C> = PatternDeclarations<C>> extends KeyLayout<
  keyof C & string
> {
  readonly patterns?: P;
}

export type IndexDeclarations<C extends Columns> = { readonly [G in GsiName]?: IndexDeclaration<C> };

export interface EntityDefinition<
  C extends Columns,
  K extends keyof C & string,
  T extends TableKeyDeclaration<C> = TableKeyDeclaration<C>,
  I extends IndexDeclarations<C> = IndexDeclarations<C>,
> {
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
  /** The table's own key layout (built from the key columns). */
  readonly table: T;
  /** The GSIs this entity writes, each with the patterns that read it. */
  readonly indexes?: I;
  /** Links to the rows this entity's columns name (README, "Data model"). */
  readonly links?: readonly LinkDeclaration<keyof C & string>[];
  /**
   * Columns that are personal data (a person's name, PNR, traveler id,
   * nationality, profession, preferences, seat, SSR codes, notes): only the
   * roles that may read personal data see them (README, "Security").
   */
  readonly personal?: readonly (keyof C & string)[];
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** A declared pattern, bound to its entity: its arguments to a key condition. */
type Compiled<P> = {
  readonly [N in keyof P]: P[N] extends (...args: infer A) => unknown ? (...args: A) => KeyCondition<AnyEntityModel> : never;
};

/** Every pattern of an entity's table key and indexes, by name. */
export type PatternsOf<T, I> = Compiled<T extends { patterns: infer P } ? P : object> &
  UnionToIntersection<{ [G in keyof I]-?: I[G] extends { patterns: infer P } ? Compiled<P> : never }[keyof I]>;

export interface EntityModel<C extends Columns = Columns, K extends keyof C & string = keyof C & string, P = unknown> extends Omit<
  EntityDefinition<C, K>,
  'table' | 'indexes'
> {
  /** The key layouts of the table and of each GSI the entity writes (the declarations, without their patterns). */
  readonly layouts: Readonly<Partial<Record<GsiName | 'table', KeyLayout<keyof C & string>>>>;
  /** The dynamodb-toolbox entity (parsing, key computation, `_et`). */
  readonly entity: Entity;
  /** The item's key (from `table`). */
  primaryKey(key: Readonly<Record<K, string>>): KeyPair;
  /** The row's GSI keys (absent: not in that index). */
  indexKeys(row: Row<C>): Partial<Record<GsiName, KeyPair>>;
  /** The access patterns of this entity, bound to it. */
  readonly patterns: P;
  /** The links whose children the seed materialises on the parent (derived from `links`). */
  readonly belongsTo: readonly BelongsTo[];
  /** The key value (one key column), or the escaped key values joined by `|`: how a child is named in its parent's `_refs`. */
  keyId(row: Readonly<Partial<Record<K, string>>>): string;
  /** Inverse of keyId. */
  keyFromId(id: string): Record<K, string>;
}

export type AnyEntityModel = EntityModel<Columns, string, unknown>;
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

export function defineEntity<
  const C extends Columns,
  const K extends keyof C & string,
  const T extends TableKeyDeclaration<C>,
  const I extends IndexDeclarations<C> = object,
>(definition: EntityDefinition<C, K, T, I>): EntityModel<C, K, PatternsOf<T, I>> {
  const indexes = Object.entries((definition.indexes ?? {}) as IndexDeclarations<C>) as Array<[GsiName, IndexDeclaration<C>]>;
  for (const [gsi, declaration] of indexes) {
    if (Object.keys(declaration.patterns).length === 0) throw new Error(`${definition.name}.${gsi}: an index no access pattern reads is not written`);
  }
  const indexKey = (declaration: IndexDeclaration<C>, row: Row<C>) =>
    acceptedBy(declaration, row as Record<string, unknown>) ? renderKey(declaration, row as Partial<Record<keyof C & string, unknown>>) : undefined;

  const attributes: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(definition.columns)) {
    attributes[column] = columnSchema(kind, (definition.key as readonly string[]).includes(column));
  }
  attributes[REFS_ATTRIBUTE] = record(string(), list(string())).optional();
  attributes[DAILY_ATTRIBUTE] = record(string(), string()).optional();
  attributes[VERSION_ATTRIBUTE] = number().optional();
  attributes[REVISION_ATTRIBUTE] = number().optional();
  for (const [gsi, declaration] of indexes) {
    attributes[`${gsi}pk`] = string()
      .optional()
      .link((row: unknown) => indexKey(declaration, row as Row<C>)?.pk);
    attributes[`${gsi}sk`] = string()
      .optional()
      .link((row: unknown) => indexKey(declaration, row as Row<C>)?.sk);
  }
  const primaryKey = (key: Readonly<Record<K, string>>): KeyPair => renderKey(definition.table, key as Partial<Record<keyof C & string, unknown>>)!;

  const entity = new Entity({
    name: definition.name,
    table: airlineTable,
    // The attribute map is assembled from `columns`, so its static type is lost
    // here; Row<C> carries the column types instead.
    schema: item(attributes as never),
    computeKey: primaryKey,
    timestamps: false,
  } as never);

  const { table, indexes: _declared, ...rest } = definition;
  let belongsTo: EntityModel<C, K>['belongsTo'] | undefined;
  const model: EntityModel<C, K, PatternsOf<T, I>> = {
    ...rest,
    layouts: Object.fromEntries([
      ['table', { pk: table.pk, sk: table.sk }],
      ...indexes.map(([gsi, d]) => [gsi, { pk: d.pk, sk: d.sk }]),
    ]) as EntityModel<C, K>['layouts'],
    entity,
    primaryKey,
    indexKeys: (row) => {
      const keys: Record<string, KeyPair> = {};
      for (const [gsi, d] of indexes) {
        const key = indexKey(d, row);
        if (key) keys[gsi] = key;
      }
      return keys;
    },
    keyId: (row) => keyIdOf(definition.key, row),
    keyFromId: (id) => keyFromIdOf(definition.key, id),
    patterns: {} as PatternsOf<T, I>,
    // Computed on first use (a link's target is a thunk: imports may cycle), then kept: the seed asks for it per row.
    get belongsTo() {
      return (belongsTo ??= (definition.links ?? []).flatMap((link) =>
        // A link that copies from its target loads after it (LinkDeclaration.copies): nothing to materialise there.
        link.inverse?.cardinality === 'many' && !link.copies
          ? [
              {
                parent: link.to(),
                column: link.column,
                as: link.inverse.as,
                ...(link.inverse.only ? { only: link.inverse.only } : {}),
                ...(link.inverse.window ? { daily: link.inverse.window } : {}),
              },
            ]
          : [],
      ));
    },
  };
  const bound: Record<string, unknown> = {};
  const bind = (index: GsiName | 'table', declaration: TableKeyDeclaration<C>) => {
    for (const [name, pattern] of Object.entries(declaration.patterns ?? {})) {
      bound[name] = (...args: unknown[]) => keyCondition<C, AnyEntityModel>(model, index, declaration, pattern(...args));
    }
  };
  bind('table', definition.table);
  for (const [gsi, declaration] of indexes) bind(gsi, declaration);
  Object.assign(model.patterns as object, bound);
  for (const link of definition.links ?? []) {
    if (link.inverse?.cardinality === 'many' && !(link.inverse.pattern in bound)) {
      throw new Error(`${definition.name}.${link.field}: inverse pattern ${link.inverse.pattern} is not one of its patterns`);
    }
  }
  return model;
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

// `map` and `boolean` are re-exported for derived entities that build schemas by hand.
export { map, boolean };
