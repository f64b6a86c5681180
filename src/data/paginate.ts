import type { KeyCondition } from '../../entities/access-patterns.js';
import type { Db } from '../db/client.js';
import { keyAttributes, queryPage } from './query.js';

/** A residual condition on non-key attributes (a FilterExpression). */
export interface ResidualFilter {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/**
 * Where a list comes from: key conditions walked in order (several when a list
 * spans shards or partitions), and optionally a residual filter for the filter
 * combinations no key condition expresses.
 */
export interface ListSource {
  readonly conditions: readonly KeyCondition[];
  readonly filter?: ResidualFilter | undefined;
}

/** Where the next page starts: the condition and the key of the last item returned. */
export interface ListPosition {
  readonly condition: number;
  readonly lastKey?: Record<string, string> | undefined;
}

export interface ListPage {
  readonly items: Record<string, unknown>[];
  readonly hasNextPage: boolean;
  readonly next: ListPosition | undefined;
}

/**
 * Reads one page of `first` items. It asks for one more than it returns, so
 * `hasNextPage` is exact, and with a residual filter it keeps reading until the
 * page is full or the list is exhausted: a page is never short because a filter
 * ran after DynamoDB's Limit. The cursor position is the key of the last item
 * returned (not DynamoDB's LastEvaluatedKey, which may lie beyond it).
 */
export async function readPage(db: Db, source: ListSource, first: number, after?: ListPosition): Promise<ListPage> {
  const want = first + 1;
  const collected: Array<{ item: Record<string, unknown>; condition: number }> = [];
  let condition = after?.condition ?? 0;
  let startKey: Record<string, unknown> | undefined = after?.lastKey;
  while (condition < source.conditions.length && collected.length < want) {
    const missing = want - collected.length;
    const page = await queryPage(db, source.conditions[condition]!, {
      // A filtered read over-fetches: most of what it reads may not match.
      limit: source.filter ? Math.max(missing * 4, 100) : missing,
      startKey,
      filter: source.filter,
    });
    for (const item of page.items) collected.push({ item, condition });
    if (page.lastKey) startKey = page.lastKey;
    else {
      condition += 1;
      startKey = undefined;
    }
  }
  const returned = collected.slice(0, first);
  const last = returned.at(-1);
  const hasNextPage = collected.length > first;
  return {
    items: returned.map((c) => c.item),
    hasNextPage,
    next: last && hasNextPage ? { condition: last.condition, lastKey: exclusiveStartKey(source.conditions[last.condition]!, last.item) } : undefined,
  };
}

/** The ExclusiveStartKey that resumes a Query right after `item`: table keys plus the index keys. */
export function exclusiveStartKey(condition: KeyCondition, item: Record<string, unknown>): Record<string, string> {
  const names = new Set(['pk', 'sk', ...Object.values(keyAttributes(condition.index))]);
  return Object.fromEntries([...names].map((n) => [n, String(item[n])]));
}
