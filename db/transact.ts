import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { REFS_ATTRIBUTE, REVISION_ATTRIBUTE, TOMBSTONE, VERSION_ATTRIBUTE, type KeyPair } from '../entities/index.js';
import type { Db } from './client.js';
import type { StoredItem } from './nodes.js';
import { BATCH_GET_LIMIT } from './loaders/index.js';
import { backoffDelay, sleep } from './errors.js';

/** DynamoDB's limit of actions in one TransactWriteItems. */
export const TRANSACTION_LIMIT = 100;

const keyString = (key: KeyPair) => `${key.pk}\u0000${key.sk}`;

/**
 * One item of a transaction.
 * - `change`: the item as read (`before`, null for a new item) and as it must be
 *   (`after`, the whole item, index keys included). A new item is put on
 *   condition that it does not exist; an existing one is updated attribute by
 *   attribute (only what differs), on condition that its version and revision
 *   are still the ones read. Its revision goes up by one.
 * - `create`: a new item (an audit entry, an idempotency record), on condition
 *   that it does not exist (or `condition`, e.g. an expired record).
 * - `add`: a counter, added to without a condition (commutative: the table's item counts).
 * - `put`: an item whose every write is the same (a marker), without a condition.
 */
export type ItemWrite =
  | { readonly type: 'change'; readonly key: KeyPair; readonly before: StoredItem | null; readonly after: StoredItem }
  | {
      readonly type: 'create';
      readonly key: KeyPair;
      readonly item: StoredItem;
      readonly condition?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
    }
  | { readonly type: 'add'; readonly key: KeyPair; readonly path: readonly [string, string]; readonly by: number }
  | { readonly type: 'put'; readonly key: KeyPair; readonly item: StoredItem }
  | {
      readonly type: 'lists';
      readonly key: KeyPair;
      readonly before: StoredItem;
      /** Child ids appended to `_refs.<relation>`. */
      readonly appends: Readonly<Record<string, readonly string[]>>;
      /** Entries cleared in place (set to TOMBSTONE), each at the index it was read at. */
      readonly clears: ReadonlyArray<{ relation: string; index: number; id: string }>;
    };

/** Why DynamoDB cancelled a transaction, item by item (its CancellationReasons, in the order of the writes). */
export interface CancellationReason {
  /** `None` (this item was fine), `ConditionalCheckFailed`, `TransactionConflict`, `ThrottlingError`, `ValidationError`, ... */
  readonly code: string;
  readonly message?: string | undefined;
  /** The item as it is now, for a failed condition. */
  readonly item?: StoredItem | undefined;
}

/** A cancelled transaction: nothing of it was written. */
export class TransactionCancelledError extends Error {
  override readonly name = 'TransactionCancelledError';
  constructor(readonly reasons: readonly CancellationReason[]) {
    super(`transaction cancelled: ${reasons.map((r) => r.code).join(', ')}`);
  }

  /** Whether only races with other writers cancelled it (a failed condition or a conflict): worth building again. */
  get raced(): boolean {
    return this.reasons.every((r) => r.code === 'None' || r.code === 'ConditionalCheckFailed' || r.code === 'TransactionConflict');
  }
}

/** The same ClientRequestToken was sent with other parameters within DynamoDB's 10 minutes: another request holds the key. */
export class TokenInUseError extends Error {
  override readonly name = 'TokenInUseError';
}

export interface TransactResult {
  /** Write capacity units the transaction consumed (DynamoDB counts each item twice in a transaction). */
  readonly writeUnits: number;
}

/**
 * Reads items by key with strongly consistent reads (what a transaction is
 * built from must be the latest), in BatchGetItem calls of 100, retrying
 * unprocessed keys. Missing items are null.
 */
export async function readItems(db: Db, keys: readonly KeyPair[]): Promise<Map<string, StoredItem | null>> {
  const found = new Map<string, StoredItem | null>(keys.map((k) => [keyString(k), null]));
  const unique = [...new Map(keys.map((k) => [keyString(k), { pk: k.pk, sk: k.sk }])).values()];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    let pending: Array<Record<string, unknown>> = unique.slice(i, i + BATCH_GET_LIMIT);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= 8) throw new Error(`DynamoDB left ${pending.length} keys unprocessed after repeated retries (throttled)`);
      if (round > 0) await sleep(backoffDelay(round, 25, 1_000));
      const response = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of response.Responses?.[db.tableName] ?? []) found.set(keyString(item as KeyPair), item);
      pending = (response.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
  }
  return found;
}

/** The item of a key in what readItems returned. */
export const itemAt = (items: ReadonlyMap<string, StoredItem | null>, key: KeyPair): StoredItem | null => items.get(keyString(key)) ?? null;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** An item of a cancellation reason: the SDK hands it over in DynamoDB's wire format. */
function plainItem(item: Record<string, unknown>): StoredItem {
  try {
    return unmarshall(item as Record<string, AttributeValue>) as StoredItem;
  } catch {
    return item;
  }
}

/** Placeholders of one expression. */
class Expression {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private n = 0;
  name(attribute: string): string {
    const existing = Object.entries(this.names).find(([, v]) => v === attribute)?.[0];
    if (existing) return existing;
    const placeholder = `#a${this.n++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }
  value(value: unknown): string {
    const placeholder = `:v${this.n++}`;
    this.values[placeholder] = value;
    return placeholder;
  }
}

/** `attribute = before's value`, or absent when the item had none. */
function unchanged(e: Expression, attribute: string, before: StoredItem): string {
  const value = before[attribute];
  return value === undefined ? `attribute_not_exists(${e.name(attribute)})` : `${e.name(attribute)} = ${e.value(value)}`;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

function toTransactItem(tableName: string, write: ItemWrite): TransactItem {
  const e = new Expression();
  if (write.type === 'add') {
    return {
      Update: {
        TableName: tableName,
        Key: write.key,
        UpdateExpression: `ADD ${e.name(write.path[0])}.${e.name(write.path[1])} ${e.value(write.by)}`,
        ExpressionAttributeNames: e.names,
        ExpressionAttributeValues: e.values,
      },
    };
  }
  if (write.type === 'lists') return listEdits(tableName, write, e);
  if (write.type === 'put') return { Put: { TableName: tableName, Item: { ...write.item, ...write.key } } };
  if (write.type === 'create') {
    const condition = `attribute_not_exists(${e.name('pk')})${write.condition ? ` OR (${write.condition.expression})` : ''}`;
    return {
      Put: {
        TableName: tableName,
        Item: { ...write.item, ...write.key },
        ConditionExpression: condition,
        ExpressionAttributeNames: { ...e.names, ...write.condition?.names },
        ...(write.condition ? { ExpressionAttributeValues: write.condition.values } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }
  const { before, after } = write;
  if (!before) {
    return {
      Put: {
        TableName: tableName,
        Item: { ...after, ...write.key, [REVISION_ATTRIBUTE]: 1 },
        ConditionExpression: `attribute_not_exists(${e.name('pk')})`,
        ExpressionAttributeNames: e.names,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }
  const sets: string[] = [];
  const removes: string[] = [];
  for (const [attribute, value] of Object.entries(after)) {
    if (attribute === 'pk' || attribute === 'sk' || attribute === REVISION_ATTRIBUTE) continue;
    if (value === undefined) continue;
    if (!same(before[attribute], value)) sets.push(`${e.name(attribute)} = ${e.value(value)}`);
  }
  for (const attribute of Object.keys(before)) {
    if (attribute === 'pk' || attribute === 'sk' || attribute === REVISION_ATTRIBUTE) continue;
    if (after[attribute] === undefined) removes.push(e.name(attribute));
  }
  const revision = typeof before[REVISION_ATTRIBUTE] === 'number' ? before[REVISION_ATTRIBUTE] : 0;
  const condition = [`attribute_exists(${e.name('pk')})`, unchanged(e, VERSION_ATTRIBUTE, before), unchanged(e, REVISION_ATTRIBUTE, before)].join(
    ' AND ',
  );
  sets.push(`${e.name(REVISION_ATTRIBUTE)} = ${e.value(revision + 1)}`);
  return {
    Update: {
      TableName: tableName,
      Key: write.key,
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: e.names,
      ExpressionAttributeValues: e.values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * The list edits of a parent (its `_refs`), on condition that its version is the
 * one read, that every entry cleared is still at its index, and that no id
 * appended is there already. Concurrent actions editing other entries of the
 * same lists (other passengers of the same flight) do not invalidate it: they
 * never move an entry. Its revision goes up, so a writer of the whole item sees it.
 */
function listEdits(tableName: string, write: Extract<ItemWrite, { type: 'lists' }>, e: Expression): TransactItem {
  // Named only when used: DynamoDB refuses an expression name it does not use.
  const refs = () => e.name(REFS_ATTRIBUTE);
  const sets: string[] = [];
  const conditions = [`attribute_exists(${e.name('pk')})`, unchanged(e, VERSION_ATTRIBUTE, write.before)];
  for (const [relation, ids] of Object.entries(write.appends)) {
    const path = `${refs()}.${e.name(relation)}`;
    sets.push(`${path} = list_append(${path}, ${e.value([...ids])})`);
    conditions.push(`attribute_exists(${path})`, ...ids.map((id) => `NOT contains(${path}, ${e.value(id)})`));
  }
  for (const clear of write.clears) {
    const path = `${refs()}.${e.name(clear.relation)}[${clear.index}]`;
    sets.push(`${path} = ${e.value(TOMBSTONE)}`);
    conditions.push(`${path} = ${e.value(clear.id)}`);
  }
  const rev = e.name(REVISION_ATTRIBUTE);
  sets.push(`${rev} = if_not_exists(${rev}, ${e.value(0)}) + ${e.value(1)}`);
  return {
    Update: {
      TableName: tableName,
      Key: write.key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: e.names,
      ExpressionAttributeValues: e.values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Writes every item of an action in one TransactWriteItems: all of it or
 * nothing. `token` becomes the ClientRequestToken (a retried call with the same
 * token and the same items is applied once). A cancelled transaction throws
 * TransactionCancelledError with DynamoDB's reason for each item.
 */
export async function transact(db: Db, writes: readonly ItemWrite[], token?: string): Promise<TransactResult> {
  if (writes.length === 0) throw new Error('a transaction needs at least one item');
  if (writes.length > TRANSACTION_LIMIT) throw new Error(`a transaction holds at most ${TRANSACTION_LIMIT} items, this one ${writes.length}`);
  const seen = new Set<string>();
  for (const w of writes) {
    const k = keyString(w.key);
    if (seen.has(k)) throw new Error(`a transaction may not write one item twice (${w.key.pk} ${w.key.sk})`);
    seen.add(k);
  }
  try {
    const response = await db.doc.send(
      new TransactWriteCommand({
        TransactItems: writes.map((w) => toTransactItem(db.tableName, w)),
        ReturnConsumedCapacity: 'TOTAL',
        ...(token ? { ClientRequestToken: token } : {}),
      }),
    );
    const writeUnits = (response.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.WriteCapacityUnits ?? c.CapacityUnits ?? 0), 0);
    return { writeUnits };
  } catch (error) {
    const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string; Message?: string; Item?: Record<string, AttributeValue> }> };
    if (e?.name === 'TransactionCanceledException') {
      throw new TransactionCancelledError(
        (e.CancellationReasons ?? []).map((r) => ({
          code: r.Code ?? 'Unknown',
          message: r.Message,
          item: r.Item ? plainItem(r.Item) : undefined,
        })),
      );
    }
    if (e?.name === 'IdempotentParameterMismatchException') throw new TokenInUseError('the idempotency key is in use by another request');
    throw error;
  }
}
