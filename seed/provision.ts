import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type StreamSpecification,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { airlineTable, GSI_NAMES } from '../entities/index.js';
import type { Db } from '../db/client.js';
import { sleep } from '../db/errors.js';

export interface ProvisionResult {
  readonly tableName: string;
  /** True when this call created the table. */
  readonly created: boolean;
  /** GSIs this call added to an existing table. */
  readonly addedIndexes: string[];
  readonly pointInTimeRecovery: 'enabled' | 'not requested' | `unavailable: ${string}`;
}

/**
 * The table's key schema, GSIs, billing and stream, derived from the toolbox Table
 * definition: what provisioning creates, and what `npm run export:cloudformation`
 * writes (seed/export-cloudformation.ts), so that the two cannot differ.
 */
export function tableShape() {
  const pk = airlineTable.partitionKey.name;
  const sk = airlineTable.sortKey!.name;
  const indexes: GlobalSecondaryIndex[] = GSI_NAMES.map((name) => {
    const index = airlineTable.indexes[name];
    return {
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      // ALL: a list served by an index needs no second read of the table.
      Projection: { ProjectionType: 'ALL' },
    };
  });
  const attributes: AttributeDefinition[] = [pk, sk, ...indexes.flatMap((i) => i.KeySchema!.map((k) => k.AttributeName!))].map((AttributeName) => ({
    AttributeName,
    AttributeType: 'S',
  }));
  // On-demand: the seed's bursts and a desk's spikes need no capacity planning. No stream: nothing consumes one.
  const billingMode = 'PAY_PER_REQUEST' as const;
  const streamSpecification = undefined as StreamSpecification | undefined;
  return { pk, sk, indexes, attributes, billingMode, streamSpecification };
}

/**
 * Creates the table and its GSIs (on-demand billing) unless it exists, adds any
 * GSI an existing table lacks, and waits until the table and every index are
 * ACTIVE. Safe to run any number of times.
 */
export async function provisionTable(db: Db, options: { pointInTimeRecovery?: boolean; timeoutMs?: number } = {}): Promise<ProvisionResult> {
  const shape = tableShape();
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let created = false;
  let description = await describe(db);
  if (!description) {
    try {
      await db.client.send(
        new CreateTableCommand({
          TableName: db.tableName,
          BillingMode: shape.billingMode,
          ...(shape.streamSpecification ? { StreamSpecification: shape.streamSpecification } : {}),
          AttributeDefinitions: shape.attributes,
          KeySchema: [
            { AttributeName: shape.pk, KeyType: 'HASH' },
            { AttributeName: shape.sk, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: shape.indexes,
        }),
      );
      created = true;
    } catch (error) {
      // Another process created it between our describe and create: reuse it.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
    description = await waitUntilActive(db, deadline);
  } else {
    assertKeySchema(description, shape.pk, shape.sk);
    description = await waitUntilActive(db, deadline);
  }

  // DynamoDB adds one GSI per UpdateTable call, each after the previous is ACTIVE.
  const addedIndexes: string[] = [];
  for (const index of shape.indexes) {
    if (description.GlobalSecondaryIndexes?.some((g) => g.IndexName === index.IndexName)) continue;
    await db.client.send(
      new UpdateTableCommand({
        TableName: db.tableName,
        AttributeDefinitions: shape.attributes.filter((a) => index.KeySchema!.some((k) => k.AttributeName === a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    addedIndexes.push(index.IndexName!);
    description = await waitUntilActive(db, deadline);
  }

  let pointInTimeRecovery: ProvisionResult['pointInTimeRecovery'] = 'not requested';
  if (options.pointInTimeRecovery) {
    try {
      await db.client.send(
        new UpdateContinuousBackupsCommand({
          TableName: db.tableName,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      pointInTimeRecovery = 'enabled';
    } catch (error) {
      pointInTimeRecovery = `unavailable: ${(error as Error).message}`;
    }
  }
  return { tableName: db.tableName, created, addedIndexes, pointInTimeRecovery };
}

async function describe(db: Db): Promise<TableDescription | undefined> {
  try {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    return Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function waitUntilActive(db: Db, deadline: number): Promise<TableDescription> {
  for (;;) {
    const table = await describe(db);
    const ready = table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (table && ready) return table;
    if (Date.now() > deadline) {
      throw new Error(`table ${db.tableName} is not ACTIVE yet (status ${table?.TableStatus ?? 'missing'}); try again later`);
    }
    await sleep(500);
  }
}

function assertKeySchema(table: TableDescription, pk: string, sk: string): void {
  const hash = table.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  const range = table.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  if (hash !== pk || range !== sk) {
    throw new Error(
      `table ${table.TableName} exists with key (${hash}, ${range}) but this gateway needs (${pk}, ${sk}); ` + 'set TABLE_NAME to another table',
    );
  }
}
