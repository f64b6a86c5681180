import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../db/embedded.js';

/**
 * The launcher's schema cache (db/loopback/LoopbackSchemaCache.java) must not
 * change what DynamoDB Local answers, only how fast. The same script of table
 * changes (indexes added and dropped, TTL, a table dropped and created again with
 * other keys, and again as it first was) runs on one instance with the cache and
 * one without, and every answer is compared. Each step would read a stale schema
 * if the cache kept one: an index that is not written to, a key that is not
 * checked, a dropped index still answering.
 */
describe('DynamoDB Local with the schema cache answers as without it', () => {
  let cached: EmbeddedDynamoDb;
  let plain: EmbeddedDynamoDb;
  beforeAll(async () => {
    [cached, plain] = await Promise.all([startEmbeddedDynamoDb({ schemaCache: true }), startEmbeddedDynamoDb({ schemaCache: false })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([cached?.stop(), plain?.stop()]);
  });

  it('reports the cache on, and off when asked', () => {
    expect(cached.schemaCache).toBe('on');
    expect(plain.schemaCache).toMatch(/^skipped: turned off/);
  });

  it('gives the same answers through a script of schema changes', async () => {
    const [withCache, without] = await Promise.all([script(cached.endpoint), script(plain.endpoint)]);
    expect(withCache).toEqual(without);
    // The script's own expectations, so that two equally broken instances do not pass.
    expect(withCache).toMatchObject({
      indexedAfterCreate: ['b'],
      afterDrop: 'ValidationException',
      ttl: 'ENABLED:expires',
      otherKeys: { put: 'ok', oldKeyPut: 'ValidationException', get: 'x' },
      recreated: { get: 'a2', indexed: ['c'] },
    });
  }, 120_000);
});

const S = (s: string) => ({ S: s });

async function script(endpoint: string) {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  const TableName = 'schema_cache_script';
  const keyAttributes: AttributeDefinition[] = [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ];
  const gsi: GlobalSecondaryIndex = {
    IndexName: 'byG',
    KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
    Projection: { ProjectionType: 'ALL' },
  };
  const create = (withIndex: boolean) =>
    client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: withIndex ? [...keyAttributes, { AttributeName: 'g', AttributeType: 'S' }] : keyAttributes,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        ...(withIndex ? { GlobalSecondaryIndexes: [gsi] } : {}),
      }),
    );
  const indexActive = async (present: boolean) => {
    for (;;) {
      const table = (await client.send(new DescribeTableCommand({ TableName }))).Table!;
      const index = table.GlobalSecondaryIndexes?.find((g) => g.IndexName === gsi.IndexName);
      if (present ? index?.IndexStatus === 'ACTIVE' : !index) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const queryIndex = async () => {
    try {
      const out = await client.send(
        new QueryCommand({ TableName, IndexName: gsi.IndexName, KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G') } }),
      );
      return (out.Items ?? []).map((i) => i.sk!.S).sort();
    } catch (error) {
      return (error as Error).name;
    }
  };
  const put = async (item: Record<string, { S: string }>) => {
    try {
      await client.send(new PutItemCommand({ TableName, Item: item }));
      return 'ok';
    } catch (error) {
      return (error as Error).name;
    }
  };
  try {
    await create(false);
    // Cached while the table has no index: then an index is added, and must be written to.
    await put({ pk: S('p'), sk: S('a'), g: S('G') });
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: [...keyAttributes, { AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: gsi }],
      }),
    );
    await indexActive(true);
    await put({ pk: S('p'), sk: S('b'), g: S('G') });
    // The backfill indexes 'a' as well; 'b' is there only if the put saw the new schema.
    const indexedAfterCreate = (await queryIndex()) as string[];
    const indexedAfterCreateNew = Array.isArray(indexedAfterCreate) ? indexedAfterCreate.filter((sk) => sk === 'b') : indexedAfterCreate;

    await client.send(new UpdateTableCommand({ TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: gsi.IndexName } }] }));
    await indexActive(false);
    const afterDrop = await queryIndex();
    const putAfterDrop = await put({ pk: S('p'), sk: S('c'), g: S('G') });

    await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    const ttlDescription = (await client.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription!;
    const ttl = `${ttlDescription.TimeToLiveStatus}:${ttlDescription.AttributeName}`;
    const putAfterTtl = await put({ pk: S('p'), sk: S('d') });

    // Dropped and created again with other keys: the old key must no longer do.
    await client.send(new DeleteTableCommand({ TableName }));
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const otherKeys = {
      put: await put({ id: S('x') }),
      oldKeyPut: await put({ pk: S('p'), sk: S('a') }),
      get: (await client.send(new GetItemCommand({ TableName, Key: { id: S('x') } }))).Item?.id?.S,
    };

    // And once more with an index from the start (a schema seen before, in another table's life).
    await client.send(new DeleteTableCommand({ TableName }));
    await create(true);
    await put({ pk: S('p'), sk: S('a2') });
    await put({ pk: S('p'), sk: S('c'), g: S('G') });
    const recreated = {
      get: (await client.send(new GetItemCommand({ TableName, Key: { pk: S('p'), sk: S('a2') } }))).Item?.sk?.S,
      indexed: await queryIndex(),
    };
    return { indexedAfterCreate: indexedAfterCreateNew, afterDrop, putAfterDrop, ttl, putAfterTtl, otherKeys, recreated };
  } finally {
    await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    client.destroy();
  }
}
