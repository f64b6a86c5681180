import type DataLoader from 'dataloader';
import type { KeyCondition } from '../../entities/access-patterns.js';
import type { KeyPair } from '../../entities/index.js';
import type { Db } from '../client.js';
import { createItemLoader, type ItemLoaderOptions, type StoredItem } from './item-loader.js';
import { createQueryLoader } from './query-loader.js';

export type { StoredItem } from './item-loader.js';
export { BATCH_GET_LIMIT, UnprocessedKeysError } from './item-loader.js';

/** The DataLoaders of one GraphQL request (created per request: their caches must not outlive it). */
export interface Loaders {
  /** Any item of any entity by primary key: BatchGetItem of up to 100 mixed keys. */
  readonly items: DataLoader<KeyPair, StoredItem | null, string>;
  /** One-to-many collections by key condition, deduplicated. */
  readonly queries: DataLoader<KeyCondition, StoredItem[], string>;
}

export function createLoaders(db: Db, options: ItemLoaderOptions = {}): Loaders {
  return { items: createItemLoader(db, options), queries: createQueryLoader(db) };
}
