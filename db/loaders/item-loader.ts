import DataLoader from 'dataloader';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyPair } from '../../entities/index.js';
import { processDb, type Db } from '../client.js';
import { BATCH_GET_LIMIT, keyString, SharedBatchGet, sharedBatchGet, type BatchGetOptions, type StoredItem } from './shared-batch-get.js';

export { BATCH_GET_LIMIT, UnprocessedKeysError, type StoredItem } from './shared-batch-get.js';

export interface ItemLoaderOptions extends BatchGetOptions {
  /**
   * Naive mode for benchmarks: one GetItem per key and no batching, the way a
   * resolver without DataLoader reads.
   */
  readonly naive?: boolean;
  /** Each request's batches on their own BatchGetItem calls, not coalesced with other requests' (see shared-batch-get.ts). */
  readonly unshared?: boolean;
}

/**
 * The per-request loader of items by primary key, for every entity at once: the
 * keys of one tick (flights, bookings and bags of 50 passengers, say) become one
 * BatchGetItem of up to 100 keys, because all entities live in one table, and
 * the batches of concurrent requests share calls (shared-batch-get.ts).
 * Results come back in key order, `null` for a missing item; keys DynamoDB leaves
 * unprocessed are re-requested with backoff, and if they stay unprocessed the
 * load fails rather than pretending the item does not exist.
 */
export function createItemLoader(db: Db, options: ItemLoaderOptions = {}): DataLoader<KeyPair, StoredItem | null, string> {
  if (options.naive) {
    return new DataLoader(async (keys: readonly KeyPair[]) => Promise.all(keys.map((key) => getOne(db, key))), {
      cacheKeyFn: keyString,
      batch: false,
      cache: false,
    });
  }
  // The batcher is the process's (its calls are no single request's); each load is charged to this view's request.
  const batcher = options.unshared ? new SharedBatchGet(processDb(db), options) : sharedBatchGet(db, options);
  return new DataLoader(async (keys: readonly KeyPair[]) => batcher.load(keys, db.usage), { cacheKeyFn: keyString, maxBatchSize: BATCH_GET_LIMIT });
}

async function getOne(db: Db, key: KeyPair): Promise<StoredItem | null> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }));
  return Item ?? null;
}
