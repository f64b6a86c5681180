import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyCondition } from '../entities/access-patterns.js';
import { airlineTable } from '../entities/index.js';
import type { Db } from './client.js';

export interface QueryPageOptions {
  /** Items per page (DynamoDB's Limit). */
  readonly limit?: number;
  readonly startKey?: Record<string, unknown> | undefined;
  /** Sort-key order; false for newest/last first. */
  readonly ascending?: boolean;
  /** A FilterExpression on non-key attributes (runs after Limit: see paginate.ts). */
  readonly filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> } | undefined;
}

export interface QueryPage {
  readonly items: Record<string, unknown>[];
  readonly lastKey: Record<string, unknown> | undefined;
  /** Items DynamoDB examined (ScannedCount): with a FilterExpression, more than it returned. */
  readonly scanned: number;
}

/** The key attribute names of the table or one of its GSIs. */
export function keyAttributes(index: KeyCondition['index']): { pk: string; sk: string } {
  if (index === 'table') return { pk: airlineTable.partitionKey.name, sk: airlineTable.sortKey!.name };
  const gsi = airlineTable.indexes[index];
  return { pk: gsi.partitionKey.name, sk: gsi.sortKey.name };
}

/**
 * One Query page for a key condition. The condition alone selects one entity, so
 * there is no FilterExpression and a page is never short because of one.
 */
export async function queryPage(db: Db, condition: KeyCondition, options: QueryPageOptions = {}): Promise<QueryPage> {
  const { pk, sk } = keyAttributes(condition.index);
  const names: Record<string, string> = { '#pk': pk };
  const values: Record<string, unknown> = { ':pk': condition.partition };
  let expression = '#pk = :pk';
  if (condition.beginsWith !== undefined) {
    names['#sk'] = sk;
    values[':prefix'] = condition.beginsWith;
    expression += ' AND begins_with(#sk, :prefix)';
  } else if (condition.between) {
    names['#sk'] = sk;
    values[':from'] = condition.between[0];
    values[':to'] = condition.between[1];
    expression += ' AND #sk BETWEEN :from AND :to';
  }
  const filter = options.filter;
  const response = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      ...(condition.index === 'table' ? {} : { IndexName: condition.index }),
      KeyConditionExpression: expression,
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ExpressionAttributeNames: { ...names, ...filter?.names },
      ExpressionAttributeValues: { ...values, ...filter?.values },
      ...(options.limit ? { Limit: options.limit } : {}),
      ...(options.startKey ? { ExclusiveStartKey: options.startKey } : {}),
      ScanIndexForward: options.ascending ?? true,
    }),
  );
  const items = response.Items ?? [];
  return { items, lastKey: response.LastEvaluatedKey, scanned: response.ScannedCount ?? items.length };
}

/**
 * Every item matching a key condition (all pages). For bounded collections only:
 * inside a request, the items it reads are charged to the request's budget
 * (REQUEST_MAX_ITEMS), which stops it.
 */
export async function queryAll(db: Db, condition: KeyCondition): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryPage(db, condition, { startKey });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}
