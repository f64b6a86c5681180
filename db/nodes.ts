import type { AnyEntityModel, Columns, EntityModel, KindValue } from '../entities/index.js';
import { ENTITY_ATTRIBUTE, REFS_ATTRIBUTE, RESERVED_ATTRIBUTES, TOMBSTONE, versionOf } from '../entities/index.js';
import { camelCase, type CamelCase } from '../entities/naming.js';

/** The stored item behind a node, for resolvers that follow links. */
export const ITEM = Symbol('item');

export type StoredItem = Record<string, unknown>;

/**
 * What a GraphQL object of an entity is: its columns in camelCase, typed by the
 * entity's declared kinds (key columns always present, the rest optional), plus
 * `attributes` (the whole item as loaded).
 */
export type Node<C extends Columns = Columns, K extends keyof C & string = never> = {
  -readonly [P in keyof C & string as CamelCase<P>]?: KindValue[C[P]];
} & {
  -readonly [P in K as CamelCase<P>]: KindValue[C[P]];
} & {
  attributes: Record<string, unknown>;
  /** The record's version (0 as seeded; one more with each change through the API). */
  version: number;
  readonly [ITEM]: StoredItem;
};

export type NodeOf<M> = M extends EntityModel<infer C, infer K, infer _P> ? Node<C, K> : never;

/** Builds the GraphQL object of an entity from its stored item. */
export function toNode<M extends AnyEntityModel>(model: M, item: StoredItem): NodeOf<M> {
  const node: Record<string | symbol, unknown> = { [ITEM]: item, version: versionOf(item) };
  // Few queries ask for `attributes`: built when read, once.
  let attributes: Record<string, unknown> | undefined;
  Object.defineProperty(node, 'attributes', { enumerable: true, get: () => (attributes ??= attributesOf(item)) });
  for (const [column, field] of fieldsOf(model)) node[field] = item[column];
  return node as NodeOf<M>;
}

const FIELDS = new WeakMap<AnyEntityModel, ReadonlyArray<readonly [string, string]>>();

/** An entity's columns and their GraphQL field names, computed once per entity (toNode runs for every item read). */
function fieldsOf(model: AnyEntityModel): ReadonlyArray<readonly [string, string]> {
  let fields = FIELDS.get(model);
  if (!fields) FIELDS.set(model, (fields = Object.keys(model.columns).map((column) => [column, camelCase(column)] as const)));
  return fields;
}

/** The item as loaded: every CSV column (declared or not), without the table's own key attributes. */
export function attributesOf(item: StoredItem): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => !RESERVED_ATTRIBUTES.has(name) && name !== ENTITY_ATTRIBUTE && name !== REFS_ATTRIBUTE),
  );
}

/** The materialised child keys a parent carries for a relation, or undefined (fall back to a Query). */
export function refsOf(node: { [ITEM]: StoredItem }, relation: string): string[] | undefined {
  const refs = node[ITEM][REFS_ATTRIBUTE] as Record<string, string[]> | undefined;
  // An entry an action removed is a tombstone in place (entities/table.ts TOMBSTONE).
  return refs?.[relation]?.filter((id) => id !== TOMBSTONE);
}
