import { BatchWriteItemCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { Db } from '../db/client.js';
import { backoffDelay, describeError, isRetryable, isThrottle, sleep } from '../db/errors.js';
import { toAttributeMap } from './attribute-values.js';

/** DynamoDB's limit of write requests in one BatchWriteItem. */
export const BATCH_WRITE_LIMIT = 25;

/** Called once per request when it is known to be stored, or known to have failed. */
export type WriteOutcome = (error?: string) => void;

interface Pending {
  /** Marshalled once, when queued: retries send it as it is. */
  readonly request: WriteRequest;
  /** The item's table key, to match it with UnprocessedItems. */
  readonly id: string;
  readonly done: WriteOutcome;
}

export interface BatchWriterOptions {
  /** Batches in flight at once. */
  readonly concurrency?: number;
  /** Rounds per batch (first try included) before its remaining items are reported failed. */
  readonly maxRounds?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface BatchWriterStats {
  batches: number;
  /** Rounds re-sent because of UnprocessedItems or a retryable error. */
  retries: number;
  throttles: number;
  unprocessedItems: number;
}

/**
 * Writes items with BatchWriteItem in chunks of 25, a bounded number of batches in
 * flight. UnprocessedItems and retryable errors (throttling, 5xx, timeouts) are
 * re-sent with exponential backoff and full jitter until written or until
 * `maxRounds`; a batch DynamoDB rejects as invalid is split in halves so that only
 * the offending item fails. Every request's fate is reported through its callback:
 * nothing is dropped silently.
 */
export class BatchWriter {
  private buffer: Pending[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly maxRounds: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  readonly stats: BatchWriterStats = { batches: 0, retries: 0, throttles: 0, unprocessedItems: 0 };

  constructor(
    private readonly db: Db,
    options: BatchWriterOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
    this.maxRounds = options.maxRounds ?? 10;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
  }

  /** Queues a put; resolves once the queue has room (back-pressure for the reader). */
  put(item: Record<string, unknown>, done: WriteOutcome): Promise<void> {
    const attributes = toAttributeMap(item);
    return this.enqueue({ request: { PutRequest: { Item: attributes } }, id: keyId(attributes), done });
  }

  delete(key: Record<string, unknown>, done: WriteOutcome): Promise<void> {
    const attributes = toAttributeMap(key);
    return this.enqueue({ request: { DeleteRequest: { Key: attributes } }, id: keyId(attributes), done });
  }

  /** Sends what is buffered and waits for every batch in flight. */
  async flush(): Promise<void> {
    if (this.buffer.length > 0) await this.dispatch(this.buffer.splice(0));
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async enqueue(pending: Pending): Promise<void> {
    this.buffer.push(pending);
    if (this.buffer.length >= BATCH_WRITE_LIMIT) await this.dispatch(this.buffer.splice(0, BATCH_WRITE_LIMIT));
  }

  private async dispatch(batch: Pending[]): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const running = this.send(batch).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async send(batch: Pending[]): Promise<void> {
    let remaining = batch;
    let lastError = '';
    for (let round = 0; round < this.maxRounds && remaining.length > 0; round++) {
      if (round > 0) {
        this.stats.retries += 1;
        this.db.calls.recordRetry('BatchWriteItem');
        await sleep(backoffDelay(round, this.baseDelayMs, this.maxDelayMs));
      }
      this.stats.batches += 1;
      try {
        // The low-level client: the items are marshalled already (the document client would walk them again).
        const response = await this.db.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.db.tableName]: remaining.map((p) => p.request) } }),
        );
        const unprocessed = response.UnprocessedItems?.[this.db.tableName] ?? [];
        const left = new Set(unprocessed.map(requestId));
        const next: Pending[] = [];
        for (const pending of remaining) {
          if (left.has(pending.id)) next.push(pending);
          else pending.done();
        }
        this.stats.unprocessedItems += next.length;
        lastError = `${next.length} items still unprocessed`;
        remaining = next;
      } catch (error) {
        if (isThrottle(error)) this.stats.throttles += 1;
        if (isRetryable(error)) {
          lastError = describeError(error);
          continue;
        }
        if ((error as { name?: string }).name === 'ValidationException') {
          await this.isolateInvalid(remaining, error);
          return;
        }
        remaining.forEach((p) => p.done(describeError(error)));
        return;
      }
    }
    remaining.forEach((p) => p.done(`not written after ${this.maxRounds} attempts: ${lastError}`));
  }

  /** An invalid request fails the whole batch: split until the culprit stands alone. */
  private async isolateInvalid(batch: Pending[], error: unknown): Promise<void> {
    if (batch.length === 1) {
      batch[0]!.done(describeError(error));
      return;
    }
    const middle = Math.ceil(batch.length / 2);
    await Promise.all([this.send(batch.slice(0, middle)), this.send(batch.slice(middle))]);
  }
}

function requestId(request: WriteRequest): string {
  return keyId((request.PutRequest?.Item ?? request.DeleteRequest?.Key)!);
}

/** The table key of a marshalled item or key (pk and sk are strings: renderKey). */
function keyId(attributes: Record<string, AttributeValue>): string {
  return `${attributes.pk?.S ?? ''}\u0000${attributes.sk?.S ?? ''}`;
}
