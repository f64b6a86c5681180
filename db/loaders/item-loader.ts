import DataLoader from 'dataloader';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyPair } from '../../entities/index.js';
import type { Db } from '../client.js';
import { backoffDelay, sleep } from '../errors.js';

/** DynamoDB's limit of keys in one BatchGetItem. */
export const BATCH_GET_LIMIT = 100;

export type StoredItem = Record<string, unknown>;

export interface ItemLoaderOptions {
  /** Rounds for UnprocessedKeys before the read fails (throttling is the SDK's retry). */
  readonly maxRounds?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /**
   * Naive mode for benchmarks: one GetItem per key and no batching, the way a
   * resolver without DataLoader reads.
   */
  readonly naive?: boolean;
}

/** Thrown when DynamoDB keeps some keys unprocessed: never confused with "not found". */
export class UnprocessedKeysError extends Error {
  readonly code = 'DYNAMODB_UNPROCESSED_KEYS';
  constructor(readonly count: number) {
    super(`DynamoDB left ${count} keys unprocessed after repeated retries (throttled)`);
  }
}

const keyString = (key: KeyPair) => `${key.pk}\u0000${key.sk}`;

/**
 * The per-request loader of items by primary key, for every entity at once: the
 * keys of one tick (flights, bookings and bags of 50 passengers, say) become one
 * BatchGetItem of up to 100 keys, because all entities live in one table.
 * Results come back in key order, `null` for a missing item; keys DynamoDB leaves
 * unprocessed are re-requested with backoff, and if they stay unprocessed the
 * load fails rather than pretending the item does not exist.
 */
export function createItemLoader(db: Db, options: ItemLoaderOptions = {}): DataLoader<KeyPair, StoredItem | null, string> {
  const batchLoad = options.naive
    ? async (keys: readonly KeyPair[]) => Promise.all(keys.map((key) => getOne(db, key)))
    : async (keys: readonly KeyPair[]) => batchGet(db, keys, options);
  return new DataLoader(batchLoad, {
    cacheKeyFn: keyString,
    maxBatchSize: BATCH_GET_LIMIT,
    ...(options.naive ? { batch: false, cache: false } : {}),
  });
}

async function getOne(db: Db, key: KeyPair): Promise<StoredItem | null> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }));
  return Item ?? null;
}

async function batchGet(db: Db, keys: readonly KeyPair[], options: ItemLoaderOptions): Promise<Array<StoredItem | null>> {
  const found = new Map<string, StoredItem>();
  let pending: Array<Record<string, unknown>> = keys.map((k) => ({ pk: k.pk, sk: k.sk }));
  const maxRounds = options.maxRounds ?? 8;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= maxRounds) throw new UnprocessedKeysError(pending.length);
    if (round > 0) {
      db.calls.recordRetry('BatchGetItem');
      // A request that fails or ends meanwhile stops waiting.
      await sleep(backoffDelay(round, options.baseDelayMs ?? 25, options.maxDelayMs ?? 1_000), db.calls.current()?.budget.signal);
    }
    const response = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending } } }));
    for (const item of response.Responses?.[db.tableName] ?? []) {
      found.set(keyString(item as KeyPair), item);
    }
    pending = (response.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
  }
  return keys.map((key) => found.get(keyString(key)) ?? null);
}
