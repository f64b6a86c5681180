import { BatchGetItemCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionedDb } from './helpers.js';
import { nativeItem, readWireOutput } from '../db/wire-output.js';

/**
 * The shared BatchGetItem reads DynamoDB's JSON itself (db/wire-output.ts): its
 * items must be what the document client would have given, every kind of value
 * included, and its errors the SDK's own.
 */
describe('a response read as DynamoDB sent it', () => {
  let db: Awaited<ReturnType<typeof provisionedDb>>;
  const item = {
    pk: 'WIRE#1',
    sk: 'ITEM',
    text: 'Ünïcödé "quoted" \\ back',
    count: 42,
    ratio: -0.125,
    yes: true,
    nothing: null,
    bytes: new Uint8Array([0, 1, 2, 250, 255]),
    tags: new Set(['a', 'b']),
    numbers: new Set([1, 2.5]),
    blobs: new Set([new Uint8Array([9, 8]), new Uint8Array([7])]),
    list: ['x', 3, { deep: new Uint8Array([5]) }, [false]],
    map: { nested: { B: 'not binary: a plain attribute named B', when: '2026-03-15T10:00:00Z' }, empty: {} },
  };

  beforeAll(async () => {
    db = await provisionedDb('wire');
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item }));
  });
  afterAll(() => db.drop());

  it('gives the items the document client gives', async () => {
    const key = { pk: item.pk, sk: item.sk };
    const viaDoc = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: [key] } } }));
    const command = new BatchGetItemCommand({ RequestItems: { [db.tableName]: { Keys: [{ pk: { S: key.pk }, sk: { S: key.sk } }] } } });
    readWireOutput(command);
    // What middleware above the deserializer sees of the answer (the call counter, read logs).
    let seenAbove: Record<string, unknown> | undefined;
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        seenAbove = result.output as Record<string, unknown>;
        return result;
      },
      { step: 'initialize', name: 'seeOutput' },
    );
    const output = await db.client.send(command);
    const fromWire = output.Responses![db.tableName]!.map((stored) => nativeItem(stored));
    expect(fromWire).toEqual(viaDoc.Responses![db.tableName]);
    expect(fromWire[0]).toEqual(item);
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect((seenAbove?.Responses as Record<string, unknown[]>)[db.tableName]).toHaveLength(1);
  });

  it('leaves an error response to the SDK: the same typed error', async () => {
    const command = new BatchGetItemCommand({ RequestItems: { no_such_table_here: { Keys: [{ pk: { S: 'a' }, sk: { S: 'b' } }] } } });
    readWireOutput(command);
    await expect(db.client.send(command)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
