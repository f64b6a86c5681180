import { shardOf, type KeyPair } from './key-layout.js';

/**
 * The audit trail and idempotency records of the actions (README, "Acting on a
 * disruption"): items of the same table, written in the same transaction as the
 * change they record. Their keys are derived from the keys of the records they
 * are about, so they follow any change of an entity's key layout.
 */
export const AUDIT_ENTITY = 'AuditEntry';
export const IDEMPOTENCY_ENTITY = 'IdempotencyRecord';

/** The index an audit entry is listed on under its disruption (Disruption.activity). */
export const ACTIVITY_INDEX = 'gsi1' as const;

/** Partition of the audit trail of one record: the record's own partition key, prefixed (a passenger and their disruption record share one). */
export const auditPartition = (subject: KeyPair) => `AUDIT#${subject.pk}`;

/** Partition of a disruption's activity (on ACTIVITY_INDEX): the disrupted flight's partition key, prefixed. */
export const activityPartition = (flight: KeyPair) => `ACTIVITY#${flight.pk}`;

/** An entry's sort key: when, then its id (entries of one record in time order). */
export const auditSortKey = (at: string, entryId: string) => `${at}#${entryId}`;

/** The record of one idempotency key of one caller. */
export const idempotencyKeyOf = (digest: string): KeyPair => ({ pk: `IDEMPOTENCY#${digest}`, sk: 'IDEMPOTENCY' });

/** The entity of a marker of a record changed through the API. */
export const CHANGED_ENTITY = 'ChangedRecord';
/** Shards of the changed-record markers: a busy desk writes them from many actions at once. */
export const CHANGED_SHARDS = 8;
/** The partition of one shard of the markers. */
export const changedPartition = (shardNumber: number) => `CHANGED#${shardNumber}`;

/**
 * The marker of a record changed (or created) through the API, written in the
 * action's transaction the first time the record changes: a seed reads these
 * (one Query per shard, as many items as records changed) to keep those records
 * instead of overwriting them, never a Scan.
 */
export function changedMarkerKey(record: KeyPair): KeyPair {
  return { pk: changedPartition(shardOf(`${record.pk}\u0000${record.sk}`, CHANGED_SHARDS)), sk: `${record.pk}\u0000${record.sk}` };
}
