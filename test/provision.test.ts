import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { GSI_NAMES } from '../entities/index.js';
import { provisionTable } from '../seed/provision.js';
import { testDb } from './helpers.js';

describe('provisionTable', () => {
  const db = testDb('provision');
  afterAll(async () => {
    await db.client.send(new DeleteTableCommand({ TableName: db.tableName })).catch(() => undefined);
    db.destroy();
  });

  it('creates the table with its GSIs, on-demand, and is idempotent', async () => {
    const first = await provisionTable(db);
    expect(first).toMatchObject({ created: true, addedIndexes: [] });
    const second = await provisionTable(db);
    expect(second).toMatchObject({ created: false, addedIndexes: [] });

    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual([...GSI_NAMES]);
    for (const gsi of Table?.GlobalSecondaryIndexes ?? []) {
      expect(gsi.Projection?.ProjectionType).toBe('ALL');
      expect(gsi.IndexStatus).toBe('ACTIVE');
    }
  });

  it('adds the GSIs an existing table lacks', async () => {
    const bare = testDb('bare');
    await bare.client.send(
      new CreateTableCommand({
        TableName: bare.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const result = await provisionTable(bare);
    expect(result).toMatchObject({ created: false, addedIndexes: [...GSI_NAMES] });
    await bare.client.send(new DeleteTableCommand({ TableName: bare.tableName }));
    bare.destroy();
  });

  it('refuses a table of the same name with another key schema', async () => {
    const other = testDb('otherkey');
    await other.client.send(
      new CreateTableCommand({
        TableName: other.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await expect(provisionTable(other)).rejects.toThrow(/exists with key \(id, undefined\).*TABLE_NAME/);
    await other.client.send(new DeleteTableCommand({ TableName: other.tableName }));
    other.destroy();
  });
});
