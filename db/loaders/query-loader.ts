import DataLoader from 'dataloader';
import type { KeyCondition } from '../../entities/access-patterns.js';
import type { Db } from '../client.js';
import { queryAll } from '../query.js';
import type { StoredItem } from './item-loader.js';

/**
 * Per-request cache of one-to-many Queries: the same collection asked for twice
 * in one request (two aliases, a parent reached by two paths) is read once.
 * Queries cannot be batched by DynamoDB, so this loader only deduplicates; the
 * seed's materialised keys (`_refs`) are what keeps most links off this path.
 */
export function createQueryLoader(db: Db): DataLoader<KeyCondition, StoredItem[], string> {
  return new DataLoader((conditions) => Promise.all(conditions.map((c) => queryAll(db, c))), {
    cacheKeyFn: (c) => JSON.stringify([c.index, c.partition, c.beginsWith, c.between]),
  });
}
