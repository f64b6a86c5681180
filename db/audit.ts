import { ACTIVITY_INDEX, activityPartition, auditPartition, type KeyPair } from '../entities/index.js';
import type { KeyCondition } from '../entities/access-patterns.js';
import type { StoredItem } from './nodes.js';
import { pageSize, type Connection } from './page.js';
import { readPage, type ListPosition } from './paginate.js';
import type { PageRequest, Reader } from './reader.js';
import { badInput } from './gateway-error.js';

/** The key condition of a record's audit trail (one Query on the table). */
export const auditTrailCondition = (record: KeyPair): KeyCondition => ({
  entity: undefined as never,
  index: 'table',
  partition: auditPartition(record),
});

/** The key condition of a disrupted flight's activity (one Query on ACTIVITY_INDEX). */
export const activityCondition = (flight: KeyPair): KeyCondition => ({
  entity: undefined as never,
  index: ACTIVITY_INDEX,
  partition: activityPartition(flight),
});

/**
 * A page of audit entries of one key condition, oldest first, with the
 * request's signed cursors (bound to `listName`): one Query per page.
 */
export async function auditPage(reader: Reader, listName: string, condition: KeyCondition, page: PageRequest): Promise<Connection<StoredItem>> {
  const first = pageSize(page.first);
  let after: ListPosition | undefined;
  if (page.after !== undefined && page.after !== null) {
    const position = reader.cursors.decode<ListPosition>(listName, page.after);
    const valid =
      position !== null &&
      typeof position === 'object' &&
      position.condition === 0 &&
      (position.lastKey === undefined ||
        (typeof position.lastKey === 'object' && Object.values(position.lastKey).every((v) => typeof v === 'string')));
    if (!valid) throw badInput('`after` is not a cursor this server issued for this list (invalid position)', 'after');
    after = position;
  }
  const result = await readPage(reader.db, { conditions: [condition] }, first, after);
  return {
    nodes: result.items,
    pageInfo: { hasNextPage: result.hasNextPage, endCursor: result.next ? reader.cursors.encode(listName, result.next) : null },
  };
}
