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
      throw new SeedAlreadyRunningError(String(Item?.owner ?? 'unknown'), String(Item?.since ?? 'unknown'));
    }
    this.timer = setInterval(() => void this.write(Date.now()).catch(() => undefined), this.leaseMs / 3);
    this.timer.unref();
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
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

  private async write(now: number): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
        TableName: this.db.tableName,
        Item: { ...SEED_LOCK_KEY, owner: this.owner, since: this.since, expires_at: now + this.leaseMs },
        // Free, expired, or already ours (renewal).
        ConditionExpression: 'attribute_not_exists(pk) OR expires_at < :now OR #owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':now': now, ':owner': this.owner },
      }),
    );
  }
}
