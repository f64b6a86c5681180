import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';

export const SEED_LOCK_KEY = { pk: 'META', sk: 'SEEDLOCK' } as const;

export class SeedAlreadyRunningError extends Error {
  readonly code = 'SEED_ALREADY_RUNNING';
  override readonly name = 'SeedAlreadyRunningError';
  constructor(
    readonly holder: string,
    readonly since: string,
  ) {
    super(`a seed of this table is already running (${holder}, since ${since}); wait for it to finish`);
  }
}

/** The seeder no longer holds the lease: it stops writing at once. */
export class SeedLeaseLostError extends Error {
  readonly code = 'SEED_LEASE_LOST';
  override readonly name = 'SeedLeaseLostError';
}

export interface SeedLockOptions {
  /** How long a lease runs without renewal (default 60 s). */
  readonly leaseMs?: number;
  /** How often the holder renews it (default a sixth of the lease; after a failed renewal, within a second). */
  readonly renewEveryMs?: number;
}

/**
 * Owner ids this process issued and then stopped holding (released, or lost).
 * A lock item still naming one of them is known to be abandoned, because the
 * process that wrote it says so: a release that could not reach the database
 * does not block this process's next seed for a whole lease. This is a random
 * token, never a pid: a lock of any other process is only ever waited out.
 */
const abandonedHere = new Set<string>();

/**
 * A lease in the table itself (one item, SEED_LOCK_KEY), so that the CLI and the
 * servers (any number of processes, on any machines) never seed one table at
 * once.
 *
 * - Taken with a conditional PutItem: the item is absent, or its lease has
 *   expired (`expires_at` in the past), or it names an owner this very process
 *   abandoned. A live lease is never taken over, whatever its owner's pid.
 * - Renewed every `renewEveryMs` (10 s of a 60 s lease; within a second after a
 *   failure) with a conditional UpdateItem (`owner` is still us). When that condition fails, someone else holds the lease: the lock is
 *   lost, and `assertHeld` throws from then on. It also throws once the lease is
 *   close to expiring without a renewal getting through (the database is
 *   unreachable), since another seeder may then take it.
 * - Released with a conditional DeleteItem.
 *
 * The seed checks `assertHeld` before every write it sends.
 */
export class SeedLock {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly since = new Date().toISOString();
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Our expiry as last written: the lease is ours until then, and no longer. */
  private expiresAt = 0;
  private lost: SeedLeaseLostError | undefined;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    options: SeedLockOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.leaseMs / 6);
  }

  async acquire(): Promise<void> {
    const now = Date.now();
    try {
      await this.take(now);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tableName, Key: SEED_LOCK_KEY, ConsistentRead: true }));
      const holder = String(Item?.owner ?? 'unknown');
      const since = String(Item?.since ?? 'unknown');
      if (!Item || !abandonedHere.has(holder)) throw new SeedAlreadyRunningError(holder, since);
      // Ours, from an earlier seed of this process whose release did not get through.
      await this.take(now, holder).catch((e: unknown) => {
        if ((e as Error).name === 'ConditionalCheckFailedException') throw new SeedAlreadyRunningError(holder, since);
        throw e;
      });
    }
    this.expiresAt = now + this.leaseMs;
    this.schedule(this.renewEveryMs);
  }

  /** The next renewal: a timer chain, so that renewals never overlap. */
  private schedule(delayMs: number): void {
    if (this.lost) return;
    this.timer = setTimeout(() => {
      void this.renew().then(() => this.schedule(this.lastRenewalError ? Math.min(1_000, this.renewEveryMs) : this.renewEveryMs));
    }, delayMs);
    this.timer.unref();
  }

  private lastRenewalError: string | undefined;

  /**
   * Throws SeedLeaseLostError unless the lease is certainly still ours: not taken
   * by someone else, and not within a sixth of its length of expiring.
   */
  assertHeld(): void {
    if (this.lost) throw this.lost;
    if (Date.now() >= this.expiresAt - this.leaseMs / 6) {
      this.lose(
        `its lease, to ${new Date(this.expiresAt).toISOString()}, could not be renewed in time` +
          (this.lastRenewalError ? ` (last renewal: ${this.lastRenewalError})` : ''),
      );
      throw this.lost!;
    }
  }

  /** Renews now (the timer calls it); a failed condition means the lease is lost. */
  async renew(): Promise<void> {
    if (this.lost || this.renewing) return this.renewing;
    this.renewing = (async () => {
      const now = Date.now();
      try {
        // Its own timeout, longer than the client's: a database busy with the seed's own batches answers late, not never.
        await this.db.doc.send(
          new UpdateCommand({
            TableName: this.db.tableName,
            Key: SEED_LOCK_KEY,
            UpdateExpression: 'SET expires_at = :expires, renewed_at = :renewed',
            ConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': this.owner, ':expires': now + this.leaseMs, ':renewed': new Date(now).toISOString() },
          }),
          { requestTimeout: Math.max(5_000, Math.floor(this.leaseMs / 4)) },
        );
        if (!this.lost) this.expiresAt = now + this.leaseMs;
        this.lastRenewalError = undefined;
      } catch (error) {
        this.lastRenewalError = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 80);
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          const { Item } = await this.db.doc
            .send(new GetCommand({ TableName: this.db.tableName, Key: SEED_LOCK_KEY, ConsistentRead: true }))
            .catch(() => ({ Item: undefined }));
          this.lose(Item ? `the lock is now held by ${String(Item.owner)} (since ${String(Item.since)})` : 'the lock item was deleted');
        }
        // Other errors (the database unreachable): tried again at the next tick; assertHeld stops the writes if the lease runs out.
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }

  async release(): Promise<void> {
    clearTimeout(this.timer);
    await this.renewing;
    abandonedHere.add(this.owner);
    this.lost ??= new SeedLeaseLostError('the seed stopped writing: it has released the seed lock');
    // Conditional: a lease that someone else has taken meanwhile stays theirs.
    await this.db.doc
      .send(
        new DeleteCommand({
          TableName: this.db.tableName,
          Key: SEED_LOCK_KEY,
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': this.owner },
        }),
      )
      .catch(() => undefined);
  }

  private lose(why: string): void {
    if (this.lost) return;
    clearTimeout(this.timer);
    abandonedHere.add(this.owner);
    this.lost = new SeedLeaseLostError(
      `the seed stopped writing: it no longer holds the table's seed lock (${why}); ` + 'run it again once no other seed runs',
    );
  }

  /** Takes the lease: absent, expired, or (takeOver) held by that abandoned owner of this process. */
  private async take(now: number, takeOver?: string): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
        TableName: this.db.tableName,
        Item: { ...SEED_LOCK_KEY, owner: this.owner, since: this.since, expires_at: now + this.leaseMs },
        ConditionExpression: takeOver ? '#owner = :abandoned' : 'attribute_not_exists(pk) OR attribute_not_exists(expires_at) OR expires_at < :now',
        ExpressionAttributeNames: takeOver ? { '#owner': 'owner' } : undefined,
        ExpressionAttributeValues: takeOver ? { ':abandoned': takeOver } : { ':now': now },
      }),
    );
  }
}
