import type { AnyEntityModel } from './define.js';
import type { KeyCondition as KeyConditionOf } from './key-layout.js';
import { MODELS } from './index.js';
import { PASSENGER_LIST_SHARDS } from './passengers.js';

/** A key condition on the table or one GSI, bound to the entity it selects. */
export type KeyCondition = KeyConditionOf<AnyEntityModel>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * Every list access pattern of the API, by name. Each is declared in its
 * entity's definition next to the index it reads (entities/<name>.ts); this is
 * the one list the executor (db/query.ts), the tests and the README's
 * access-pattern table read. A test checks that no two entities declare the same name.
 */
export type AccessPatterns = UnionToIntersection<(typeof MODELS)[number]['patterns']>;

export const ACCESS_PATTERNS: AccessPatterns = Object.assign({}, ...MODELS.map((model) => model.patterns)) as AccessPatterns;

/** Every passenger: one key condition per listing shard, walked in order. */
export const allPassengers = (): KeyCondition[] =>
  Array.from({ length: PASSENGER_LIST_SHARDS }, (_, shard) => ACCESS_PATTERNS.passengerListShard(shard));

export type AccessPatternName = keyof typeof ACCESS_PATTERNS;
