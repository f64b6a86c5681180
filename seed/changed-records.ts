import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CHANGED_SHARDS, changedMarkerKey, changedPartition, entityByName, versionOf, type AnyEntityModel, type KeyPair } from '../entities/index.js';
import type { Db } from '../db/client.js';
import { readItems } from '../db/transact.js';
import { rowOf } from '../db/changeset.js';
import type { StoredItem } from '../db/nodes.js';

const keyString = (key: KeyPair) => `${key.pk}\u0000${key.sk}`;

/** The id of a stored record of an entity (its key columns), or its table key when the entity is unknown. */
const idOf = (entity: string, item: StoredItem): string => {
  try {
    return entityByName(entity).keyId(item as Record<string, string>);
  } catch {
    return `${String(item.pk)} ${String(item.sk)}`;
  }
};

/** A record a seed found changed through the API. */
export interface KeptRecord {
  readonly entity: string;
  readonly id: string;
  readonly version: number;
  /** `kept` (the seed left it as the API made it) or `replaced` (--overwrite-changes). */
  readonly outcome: 'kept' | 'replaced';
}

/**
 * The records changed (or created) through the API, as a seed finds them
 * before it loads: the markers the actions write (entities/audit.ts
 * changedMarkerKey: one Query per shard, as many items as records changed, never
 * a Scan), then the records themselves by key. A record whose version is above
 * 0 is kept, and its stored row (not the export's) is what its parents list,
 * unless the seed overwrites changes.
 */
export class ChangedRecords {
  readonly kept: KeptRecord[] = [];
  private readonly seen = new Set<string>();

  private constructor(
    private readonly items: ReadonlyMap<string, { entity: string; item: StoredItem }>,
    private readonly markers: readonly KeyPair[],
    readonly overwrite: boolean,
  ) {}

  static async read(db: Db, overwrite: boolean): Promise<ChangedRecords> {
    const markers: StoredItem[] = [];
    await Promise.all(
      Array.from({ length: CHANGED_SHARDS }, async (_, shard) => {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await db.doc.send(
            new QueryCommand({
              TableName: db.tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': changedPartition(shard) },
              ExclusiveStartKey: start,
            }),
          );
          markers.push(...(page.Items ?? []));
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    );
    const keys = markers.map((m) => ({ pk: String(m.recordPk), sk: String(m.recordSk) }));
    const found = await readItems(db, keys);
    const items = new Map<string, { entity: string; item: StoredItem }>();
    markers.forEach((marker, i) => {
      const item = found.get(keyString(keys[i]!));
      if (item && versionOf(item) > 0) items.set(keyString(keys[i]!), { entity: String(marker.entity), item });
    });
    return new ChangedRecords(items, keys, overwrite);
  }

  get size(): number {
    return this.items.size;
  }

  /**
   * Whether the seed must keep this record instead of writing the export's row:
   * it was changed through the API and changes are not overwritten. Returns the
   * stored row, which the record's parents then list.
   */
  keep(model: AnyEntityModel, key: KeyPair): Record<string, unknown> | undefined {
    const changed = this.items.get(keyString(key));
    if (!changed || changed.entity !== model.name) return undefined;
    this.seen.add(keyString(key));
    const row = rowOf(model, changed.item);
    this.kept.push({
      entity: model.name,
      id: model.keyId(row as Record<string, string>),
      version: versionOf(changed.item),
      outcome: this.overwrite ? 'replaced' : 'kept',
    });
    return this.overwrite ? undefined : row;
  }

  /** The kept records of an entity the export does not have (created through the API, a rebooking's booking): their parents list them too. */
  *unseen(model: AnyEntityModel): Generator<Record<string, unknown>> {
    if (this.overwrite) return;
    for (const [id, { entity, item }] of this.items) {
      if (entity !== model.name || this.seen.has(id)) continue;
      this.seen.add(id);
      this.kept.push({ entity, id: model.keyId(item as Record<string, string>), version: versionOf(item), outcome: 'kept' });
      yield rowOf(model, item);
    }
  }

  /**
   * With overwrite: the records created through the API that the export does not
   * have (their parents no longer list them), and every marker. Deleted by the seed.
   */
  toDelete(): KeyPair[] {
    if (!this.overwrite) return [];
    const created = [...this.items].filter(([id]) => !this.seen.has(id));
    for (const [, { entity, item }] of created) this.kept.push({ entity, id: idOf(entity, item), version: versionOf(item), outcome: 'replaced' });
    return [...created.map(([, { item }]) => ({ pk: String(item.pk), sk: String(item.sk) })), ...this.markers.map(changedMarkerKey)];
  }
}
