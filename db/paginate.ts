import type { KeyCondition } from '../entities/access-patterns.js';
import { DEFAULT_BUDGET } from './budget.js';
import type { Db } from './client.js';
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
 * `hasNextPage` is exact. The cursor position is the key of the last item
 * returned (not DynamoDB's LastEvaluatedKey, which may lie beyond it).
 *
 * With a residual filter it keeps reading until the page is full, the list is
 * exhausted, or it has examined `maxScanned` items (the scan budget: DynamoDB's
 * Limit counts items examined, before the filter, so the page never examines
 * more). A page cut short by its scan budget returns what it found, possibly
 * nothing, with `hasNextPage: true` and a position right after the last item
 * examined: the next page goes on from there, and no item is read twice. The
 * budget defaults to the request's (PAGE_MAX_SCANNED).
 */
export async function readPage(db: Db, source: ListSource, first: number, after?: ListPosition, maxScanned = scanBudget(db)): Promise<ListPage> {
  const want = first + 1;
  const collected: Array<{ item: Record<string, unknown>; condition: number }> = [];
  let condition = after?.condition ?? 0;
  let startKey: Record<string, unknown> | undefined = after?.lastKey;
  let scanned = 0;
  while (condition < source.conditions.length && collected.length < want) {
    if (source.filter && scanned >= maxScanned) {
      // Out of scan budget: what was found, and where to go on.
      return {
        items: collected.map((c) => c.item),
        hasNextPage: true,
        next: { condition, lastKey: startKey ? stringKey(startKey) : undefined },
      };
    }
    const missing = want - collected.length;
    const page = await queryPage(db, source.conditions[condition]!, {
      // A filtered read over-fetches (most of what it reads may not match), within the scan budget.
      limit: source.filter ? Math.min(Math.max(missing * 4, 100), maxScanned - scanned) : missing,
      startKey,
      filter: source.filter,
    });
    scanned += page.scanned;
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

/** The scan budget of a filtered page: the request's, or the default outside a request. */
function scanBudget(db: Db): number {
  return db.usage?.budget.limits.maxScannedPerPage ?? DEFAULT_BUDGET.maxScannedPerPage;
}

const stringKey = (key: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(key).map(([k, v]) => [k, String(v)]));

/** The ExclusiveStartKey that resumes a Query right after `item`: table keys plus the index keys. */
export function exclusiveStartKey(condition: KeyCondition, item: Record<string, unknown>): Record<string, string> {
  const names = new Set(['pk', 'sk', ...Object.values(keyAttributes(condition.index))]);
  return Object.fromEntries([...names].map((n) => [n, String(item[n])]));
}
