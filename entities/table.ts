import { Table } from 'dynamodb-toolbox';

/**
 * The one DynamoDB table every entity lives in. Attribute names are generic
 * (pk/sk, gsiNpk/gsiNsk) because each index is overloaded: every entity writes its
 * own prefixed values into the indexes its access patterns need (see README,
 * "Data model"). All GSIs project ALL attributes so that a list served by an
 * index needs no second read.
 */
export const GSI_NAMES = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6'] as const;
export type GsiName = (typeof GSI_NAMES)[number];

export const DEFAULT_TABLE_NAME = 'AirlineOps';

/** Name of the attribute dynamodb-toolbox writes the entity name into. */
export const ENTITY_ATTRIBUTE = '_et';
/** Keys of children materialised on a parent by the seed (relation name -> child keys). */
export const REFS_ATTRIBUTE = '_refs';
/** Daily relations of a parent (relation -> the day its `_refs` entry holds); its other days are on its day items (`DAY#<day>`). */
export const DAILY_ATTRIBUTE = '_daily';
/**
 * The record's version: 0 (or absent) as a seed loads it, one more with each
 * change made through the API (the mutations' `expectedVersion`, README "Acting
 * on a disruption"). Declared once here; every entity's item and GraphQL type has it.
 */
export const VERSION_ATTRIBUTE = 'version';
/**
 * Revision of the whole item: one more with every write through the API, the
 * record's or only its materialised keys (`_refs`, which concurrent actions on
 * other records edit). A transaction conditions each item on both.
 */
export const REVISION_ATTRIBUTE = '_rev';
/** A removed entry of a `_refs` list, in place (the other entries keep their indexes); readers skip it, a seed compacts the list. */
export const TOMBSTONE = '';
/** The version of a stored item (absent: 0, as seeded). */
export const versionOf = (item: Readonly<Record<string, unknown>> | undefined | null): number =>
  typeof item?.[VERSION_ATTRIBUTE] === 'number' ? item[VERSION_ATTRIBUTE] : 0;
/** The sort key of a parent's day item. */
export const dayItemSortKey = (day: string) => `DAY#${day}`;

export const airlineTable = new Table({
  // The real name comes from TABLE_NAME at run time (see src/config.ts); commands
  // receive it through `tableName` so that tests can use one table per file.
  name: () => process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME,
  partitionKey: { name: 'pk', type: 'string' },
  sortKey: { name: 'sk', type: 'string' },
  entityAttributeSavedAs: ENTITY_ATTRIBUTE,
  indexes: {
    gsi1: { type: 'global', partitionKey: { name: 'gsi1pk', type: 'string' }, sortKey: { name: 'gsi1sk', type: 'string' } },
    gsi2: { type: 'global', partitionKey: { name: 'gsi2pk', type: 'string' }, sortKey: { name: 'gsi2sk', type: 'string' } },
    gsi3: { type: 'global', partitionKey: { name: 'gsi3pk', type: 'string' }, sortKey: { name: 'gsi3sk', type: 'string' } },
    gsi4: { type: 'global', partitionKey: { name: 'gsi4pk', type: 'string' }, sortKey: { name: 'gsi4sk', type: 'string' } },
    // Entity listing: every item of a listable entity, write-sharded (see listShards).
    gsi5: { type: 'global', partitionKey: { name: 'gsi5pk', type: 'string' }, sortKey: { name: 'gsi5sk', type: 'string' } },
    // Time-ordered collections under a place (departures from an airport by time), for
    // reads bounded by a time window rather than by everything the place ever held.
    gsi6: { type: 'global', partitionKey: { name: 'gsi6pk', type: 'string' }, sortKey: { name: 'gsi6sk', type: 'string' } },
  },
});

export type AirlineTable = typeof airlineTable;

/** Attribute names the table itself uses; a user's CSV column may not take them. */
export const RESERVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'pk',
  'sk',
  ...GSI_NAMES.flatMap((g) => [`${g}pk`, `${g}sk`]),
  ENTITY_ATTRIBUTE,
  REFS_ATTRIBUTE,
  DAILY_ATTRIBUTE,
  VERSION_ATTRIBUTE,
  REVISION_ATTRIBUTE,
  '_ct',
  '_md',
]);
