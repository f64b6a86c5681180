import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ENTITIES, ENTITY_ATTRIBUTE } from '../entities/index.js';
import type { Db } from '../db/client.js';

/**
 * Visits every item of the table (parallel Scan segments, only the named
 * attributes). Used by the seed alone, for --reset and for the recount it stores
 * for `tableStats`: never by the API.
 */
export async function scanAll(
  db: Db,
  attributes: readonly string[],
  visit: (item: Record<string, unknown>) => void | Promise<void>,
  segments = 4,
): Promise<void> {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new ScanCommand({
            TableName: db.tableName,
            Segment: segment,
            TotalSegments: segments,
            ProjectionExpression: Object.keys(names).join(', '),
            ExpressionAttributeNames: names,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) await visit(item);
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
}

/**
 * Items per entity (the 16, plus the derived Aircraft items), counted by one
 * parallel Scan of the entity attribute. Bookkeeping items (stats, seed lock) and
 * anything that is not the gateway's are left out.
 */
export async function countByEntity(db: Db): Promise<Record<string, number>> {
  const counted = new Set([...ENTITIES.map((m) => m.name), 'Aircraft']);
  const counts: Record<string, number> = {};
  await scanAll(db, [ENTITY_ATTRIBUTE], (item) => {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an item's entity name, a string unless the table was written by someone else
    const name = String(item[ENTITY_ATTRIBUTE] ?? '');
    if (counted.has(name)) counts[name] = (counts[name] ?? 0) + 1;
  });
  return counts;
}
