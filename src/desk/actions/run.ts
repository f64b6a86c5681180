import { createHash, randomUUID } from 'node:crypto';
import {
  ACTIVITY_INDEX,
  activityPartition,
  AUDIT_ENTITY,
  auditPartition,
  CHANGED_ENTITY,
  changedMarkerKey,
  auditSortKey,
  DAILY_ATTRIBUTE,
  ENTITY_ATTRIBUTE,
  IDEMPOTENCY_ENTITY,
  idempotencyKeyOf,
  REFS_ATTRIBUTE,
  REVISION_ATTRIBUTE,
  VERSION_ATTRIBUTE,
  versionOf,
  entityByName,
  type AnyEntityModel,
  type KeyPair,
} from '../../../entities/index.js';
import type { Db } from '../../../db/client.js';
import { ChangeSet, rowOf, type RecordChange } from '../../../db/changeset.js';
import { GatewayError } from '../../../db/gateway-error.js';
import { attributesOf, type StoredItem } from '../../../db/nodes.js';
import { backoffDelay, sleep } from '../../../db/errors.js';
import { readItems, itemAt, transact, TokenInUseError, TransactionCancelledError, type ItemWrite } from '../../../db/transact.js';

/** How long an idempotency key is remembered. */
export const IDEMPOTENCY_HOURS = 24;

/** Transactions an action builds again when other writers raced it (its own record unchanged) before it gives up. */
const MAX_ATTEMPTS = 12;

/** Who acts: the token's subject and role. */
export interface Actor {
  readonly sub: string;
  /** The caller's role (src/auth/roles.ts; the GraphQL layer checks it may act). */
  readonly role: string | undefined;
}

/** What an action needs to run. */
export interface ActionContext {
  readonly db: Db;
  readonly actor: Actor;
}

/** One attribute of one record, before and after an action. */
export interface AttributeChange {
  readonly entity: string;
  readonly id: string;
  readonly attribute: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** One entry of the audit trail: one successful action. */
export interface AuditEntry {
  readonly entryId: string;
  readonly at: string;
  readonly mutation: string;
  readonly sub: string;
  readonly role: string | undefined;
  readonly idempotencyKey: string | undefined;
  /** The record the action was asked about (its `expectedVersion`). */
  readonly entity: string;
  readonly id: string;
  readonly changes: AttributeChange[];
}

/** What an action writes: built from fresh reads, each attempt anew. */
export interface ActionPlan {
  /** The record whose version the caller names: its item as read. */
  readonly subject: { readonly model: AnyEntityModel; readonly item: StoredItem };
  readonly changes: ChangeSet;
  /** Other writes (the table's item counts). */
  readonly extra?: readonly ItemWrite[];
  /** The disrupted flight whose activity lists this action (its key). */
  readonly activityOf?: KeyPair | undefined;
}

/** A changed record as an action answers it. */
export interface ChangedRecord {
  readonly entity: string;
  readonly item: StoredItem;
}

export interface ActionResult {
  readonly records: readonly ChangedRecord[];
  readonly auditEntry: AuditEntry;
  /** True when this is the answer of an earlier request with the same idempotency key (nothing was written). */
  readonly replayed: boolean;
  /** Write capacity units the transaction consumed (0 for a replay). */
  readonly writeUnits: number;
  /** Transactions tried (more than 1 when other writers raced it). */
  readonly attempts: number;
}

export interface ActionRequest {
  readonly mutation: string;
  /** The input as the client sent it (an idempotency key is bound to it). */
  readonly input: Readonly<Record<string, unknown>>;
  readonly expectedVersion: number;
  readonly idempotencyKey?: string | null | undefined;
  /** Reads what the action needs and plans its writes; throws `refused` or a CONFLICT. */
  readonly plan: () => Promise<ActionPlan>;
}

/** BAD_USER_INPUT: the action was refused, with its reasons. */
export function refused(mutation: string, reasons: readonly string[]): GatewayError {
  return new GatewayError('BAD_USER_INPUT', `${mutation} refused: ${reasons.join('; ')}`, { reasons: [...reasons] });
}

/** CONFLICT: the record is not at the version the caller expected. */
export function staleVersion(model: AnyEntityModel, item: StoredItem, expected: number): GatewayError {
  const currentVersion = versionOf(item);
  return new GatewayError(
    'CONFLICT',
    `${model.typeName} ${model.keyId(item as Record<string, string>)} is at version ${currentVersion}, not ${expected}: it was changed meanwhile; read it again and retry`,
    { currentVersion, current: { ...attributesOf(item), version: currentVersion } },
  );
}

/** Refuses an action on a record at another version than the caller's. */
export function expectVersion(model: AnyEntityModel, item: StoredItem, expected: number): void {
  if (versionOf(item) !== expected) throw staleVersion(model, item, expected);
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Canonical JSON (sorted keys): the same input, whatever the order its fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The attributes that differ between two items of a record (declared columns and the version). */
function attributeChanges(change: RecordChange): AttributeChange[] {
  const { model, before, after } = change;
  const id = model.keyId(after as Record<string, string>);
  const a = rowOf(model, after);
  const b = before ? rowOf(model, before) : {};
  const columns = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((c) => JSON.stringify(a[c]) !== JSON.stringify(b[c]));
  const changes = columns.map((attribute) => ({ entity: model.name, id, attribute, before: b[attribute] ?? null, after: a[attribute] ?? null }));
  changes.push({ entity: model.name, id, attribute: VERSION_ATTRIBUTE, before: before ? versionOf(before) : null, after: versionOf(after) });
  return changes;
}

/** A record as kept in an answer and an idempotency record: without the table's bookkeeping. */
function answerItem(item: StoredItem): StoredItem {
  const { [REFS_ATTRIBUTE]: _refs, [DAILY_ATTRIBUTE]: _daily, [REVISION_ATTRIBUTE]: _rev, ...rest } = item;
  return rest;
}

interface IdempotencyRecord {
  readonly inputHash: string;
  readonly expiresAt: number;
  readonly result: string;
}

/**
 * Runs one action: one TransactWriteItems holding every item it changes (each
 * conditioned on the version and revision it was read at), its audit entry,
 * and with an idempotency key, the key's record (ClientRequestToken from the
 * key). Nothing is half-written. A transaction cancelled because another writer
 * changed an item meanwhile is planned again from fresh reads, unless the
 * caller's own record moved on: that is CONFLICT, with the current version.
 */
export async function runAction(ctx: ActionContext, request: ActionRequest): Promise<ActionResult> {
  const { db, actor } = ctx;
  const key = request.idempotencyKey ?? undefined;
  const inputHash = sha(canonical({ mutation: request.mutation, input: request.input }));
  const idemKey = key !== undefined ? idempotencyKeyOf(sha(`${actor.sub}\u0000${key}`)) : undefined;

  const replay = async (): Promise<ActionResult | undefined> => {
    if (!idemKey) return undefined;
    const record = itemAt(await readItems(db, [idemKey]), idemKey) as (StoredItem & IdempotencyRecord) | null;
    if (!record || record.expiresAt * 1000 < Date.now()) return undefined;
    if (record.inputHash !== inputHash) {
      throw new GatewayError(
        'CONFLICT',
        `idempotency key ${JSON.stringify(key)} was used within the last ${IDEMPOTENCY_HOURS} h for another input; use a new key for a new action`,
        { idempotencyKey: key },
      );
    }
    const stored = JSON.parse(record.result) as { records: ChangedRecord[]; auditEntry: AuditEntry };
    return { ...stored, replayed: true, writeUnits: 0, attempts: 0 };
  };

  const earlier = await replay();
  if (earlier) return earlier;

  const entryId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const plan = await request.plan();
    expectVersion(plan.subject.model, plan.subject.item, request.expectedVersion);
    await plan.changes.resolveRefs(db);
    const at = new Date().toISOString();
    const records = plan.changes.records();
    const subjectKey = { pk: String(plan.subject.item.pk), sk: String(plan.subject.item.sk) };
    const auditEntry: AuditEntry = {
      entryId,
      at,
      mutation: request.mutation,
      sub: actor.sub,
      role: actor.role,
      idempotencyKey: key,
      entity: plan.subject.model.name,
      id: plan.subject.model.keyId(plan.subject.item as Record<string, string>),
      changes: records.flatMap(attributeChanges),
    };
    const auditKey = { pk: auditPartition(subjectKey), sk: auditSortKey(at, entryId) };
    const auditItem: StoredItem = {
      ...auditKey,
      [ENTITY_ATTRIBUTE]: AUDIT_ENTITY,
      ...auditEntry,
      ...(plan.activityOf ? { [`${ACTIVITY_INDEX}pk`]: activityPartition(plan.activityOf), [`${ACTIVITY_INDEX}sk`]: auditKey.sk } : {}),
    };
    const answer = { records: records.map((r) => ({ entity: r.model.name, item: answerItem(r.after) })), auditEntry };
    // The first change of a record marks it, for the seed to keep it (seed/changed-records.ts).
    const markers: ItemWrite[] = records
      .filter((r) => !r.before || versionOf(r.before) === 0)
      .map((r) => ({
        type: 'put',
        key: changedMarkerKey(r.key),
        item: { [ENTITY_ATTRIBUTE]: CHANGED_ENTITY, entity: r.model.name, recordPk: r.key.pk, recordSk: r.key.sk },
      }));
    const writes: ItemWrite[] = [...plan.changes.writes(), ...(plan.extra ?? []), ...markers, { type: 'create', key: auditKey, item: auditItem }];
    if (idemKey) {
      writes.push({
        type: 'create',
        key: idemKey,
        item: {
          [ENTITY_ATTRIBUTE]: IDEMPOTENCY_ENTITY,
          mutation: request.mutation,
          inputHash,
          expiresAt: Math.floor(Date.now() / 1000) + IDEMPOTENCY_HOURS * 3600,
          result: JSON.stringify(answer),
        },
        condition: { expression: '#expiresAt < :now', names: { '#expiresAt': 'expiresAt' }, values: { ':now': Math.floor(Date.now() / 1000) } },
      });
    }
    const subjectIndex = writes.findIndex((w) => w.key.pk === subjectKey.pk && w.key.sk === subjectKey.sk);
    try {
      // From the idempotency key, per request and attempt: an SDK retry of this very call is applied once, and two
      // requests with the same key never reuse each other's token (the idempotency record decides between them).
      const token = idemKey ? sha(`${idemKey.pk}\u0000${inputHash}\u0000${entryId}\u0000${attempt}`).slice(0, 36) : undefined;
      const release = await sharedItems.acquire(
        writes.filter((w) => w.type === 'lists' || w.type === 'add').map((w) => `${w.key.pk}\u0000${w.key.sk}`),
      );
      let writeUnits: number;
      try {
        ({ writeUnits } = await transact(db, writes, token));
      } finally {
        release();
      }
      return { ...answer, replayed: false, writeUnits, attempts: attempt };
    } catch (error) {
      if (error instanceof TokenInUseError) {
        // Another request with the same key and input is writing this very action: its answer is ours.
        for (let wait = 0; wait < 10; wait++) {
          await sleep(50 * (wait + 1));
          const theirs = await replay();
          if (theirs) return theirs;
        }
        throw new GatewayError('CONFLICT', `idempotency key ${JSON.stringify(key)} is in use by a request still running; retry later`, {
          idempotencyKey: key,
        });
      }
      if (!(error instanceof TransactionCancelledError)) throw error;
      const mine = error.reasons[subjectIndex];
      if (mine?.code === 'ConditionalCheckFailed' && mine.item && versionOf(mine.item) !== request.expectedVersion) {
        throw staleVersion(plan.subject.model, mine.item, request.expectedVersion);
      }
      const idemReason = idemKey ? error.reasons[writes.length - 1] : undefined;
      if (idemReason?.code === 'ConditionalCheckFailed') {
        const theirs = await replay();
        if (theirs) return theirs;
      }
      if (!error.raced) throw cancelled(error);
      if (attempt >= MAX_ATTEMPTS) {
        throw new GatewayError(
          'CONFLICT',
          `${request.mutation}: the records it changes kept changing under concurrent actions (${attempt} attempts); retry`,
          {
            currentVersion: versionOf(plan.subject.item),
          },
        );
      }
      await sleep(backoffDelay(attempt, 10, 400));
    }
  }
}

/**
 * Items many actions write at once (a disrupted flight's lists, the table's
 * counts): in this process, the transactions that write one of them are sent
 * one after the other, so that they do not cancel each other
 * (TransactionConflict) and retry. Their list edits never move an entry, so a
 * transaction that waited its turn is still valid. Other processes are kept
 * apart by the transactions' conditions, as always.
 */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for every key (in sorted order: no two holders wait on each other); the release lets the next holder of each go. */
  async acquire(keys: readonly string[]): Promise<() => void> {
    const releases: Array<() => void> = [];
    for (const key of [...new Set(keys)].sort()) {
      const previous = this.tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => mine);
      this.tails.set(key, tail);
      await previous;
      releases.push(() => {
        release();
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
    }
    return () => releases.forEach((r) => r());
  }
}

const sharedItems = new KeyedQueue();

/** A transaction DynamoDB refused for another reason than a race: throttled (retry later), or a bug. */
function cancelled(error: TransactionCancelledError): Error {
  if (error.reasons.some((r) => r.code === 'ThrottlingError' || r.code === 'ProvisionedThroughputExceeded')) {
    return new GatewayError('SERVICE_UNAVAILABLE', 'DynamoDB is throttling this action; retry in a moment');
  }
  return error;
}

/** The entity of an audit trail's `entity` argument: its contract name (`Passengers`) or its type name (`Passenger`). */
export function auditedEntity(name: string): AnyEntityModel | undefined {
  try {
    return entityByName(name);
  } catch {
    return undefined;
  }
}
