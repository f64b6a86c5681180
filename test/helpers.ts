import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDb, type Db } from '../src/db/client.js';
import { provisionTable } from '../seed/provision.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const SAMPLE_DIR = path.join(REPO_ROOT, 'seed', 'data');

export function endpoint(): string {
  return inject('dynamodbEndpoint');
}

/** A client on the test DynamoDB Local for a fresh table name (not created). */
export function testDb(label: string, options: Partial<Parameters<typeof createDb>[0]> = {}, extra: Parameters<typeof createDb>[1] = {}): Db {
  return createDb(
    { endpoint: endpoint(), region: 'us-east-1', tableName: `t_${label}_${randomUUID().slice(0, 8)}`, ...options },
    extra,
  );
}

/** A provisioned table for one test file; `drop` deletes it. */
export async function provisionedDb(label: string): Promise<Db & { drop(): Promise<void> }> {
  const db = testDb(label);
  await provisionTable(db);
  return Object.assign(db, {
    drop: async () => {
      await db.client.send(new DeleteTableCommand({ TableName: db.tableName })).catch(() => undefined);
      db.destroy();
    },
  });
}
