import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DeleteCommand, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../src/db/client.js';

export const SEED_LOCK_KEY = { pk: 'META', sk: 'SEEDLOCK' } as const;

export class SeedAlreadyRunningError extends Error {
  readonly code = 'SEED_ALREADY_RUNNING';
  override readonly name = 'SeedAlreadyRunningError';
  constructor(readonly holder: string, readonly since: string) {
    super(`a seed of this table is already running (${holder}, since ${since}); wait for it to finish`);
  }
}

/**
 * A lease in the table itself, taken with a conditional PutItem, so that the CLI
 * and the server (any number of processes) never seed one table at once. The
 * lease expires unless renewed, so a crashed seeder does not block the next one
 * for longer than `leaseMs`.
 */
/** Owners of the locks this process holds right now. */
const heldHere = new Set<string>();

export class SeedLock {
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly leaseMs = 60_000,
  ) {}

  async acquire(): Promise<void> {
    const now = Date.now();
    try {
      await this.write(now);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tableName, Key: SEED_LOCK_KEY }));
      const holder = String(Item?.owner ?? 'unknown');
      if (!isStale(holder)) throw new SeedAlreadyRunningError(holder, String(Item?.since ?? 'unknown'));
      // Its seeder is gone (a crash, or a database failure that kept it from releasing): take over.
      await this.write(now, holder).catch((e: unknown) => {
        if ((e as Error).name === 'ConditionalCheckFailedException') throw new SeedAlreadyRunningError(holder, String(Item?.since ?? 'unknown'));
        throw e;
      });
    }
    heldHere.add(this.owner);
    this.timer = setInterval(() => void this.write(Date.now()).catch(() => undefined), this.leaseMs / 3);
    this.timer.unref();
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    heldHere.delete(this.owner);
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

  private since = new Date().toISOString();

  /** Takes or renews the lease: free, expired, ours, or (takeOver) held by that stale owner. */
  private async write(now: number, takeOver?: string): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
        TableName: this.db.tableName,
        Item: { ...SEED_LOCK_KEY, owner: this.owner, since: this.since, expires_at: now + this.leaseMs },
        ConditionExpression: takeOver
          ? '#owner = :stale'
          : 'attribute_not_exists(pk) OR expires_at < :now OR #owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: takeOver ? { ':stale': takeOver } : { ':now': now, ':owner': this.owner },
      }),
    );
  }
}

/**
 * A lock is stale when its owner ran on this host and is gone: another process
 * that no longer exists, or this process when it holds no lock any more. Owners on
 * other hosts are only ever waited out (their lease expires).
 */
function isStale(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (pid === process.pid) return !heldHere.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
