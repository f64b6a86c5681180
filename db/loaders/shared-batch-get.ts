import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import type { KeyPair } from '../../entities/index.js';
import type { ScopeUsage } from '../call-counter.js';
import { processDb, type Db } from '../client.js';
import { backoffDelay, sleep } from '../errors.js';
import { nativeItem, readWireOutput } from '../wire-output.js';

/** DynamoDB's limit of keys in one BatchGetItem. */
export const BATCH_GET_LIMIT = 100;

export type StoredItem = Record<string, unknown>;

export interface BatchGetOptions {
  /** Rounds for UnprocessedKeys before the read fails (throttling is the SDK's retry). */
  readonly maxRounds?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** Thrown when DynamoDB keeps some keys unprocessed: never confused with "not found". */
export class UnprocessedKeysError extends Error {
  readonly code = 'DYNAMODB_UNPROCESSED_KEYS';
  constructor(readonly count: number) {
    super(`DynamoDB left ${count} keys unprocessed after repeated retries (throttled)`);
  }
}

/** A table key as DynamoDB's JSON holds it. */
type WireKey = { pk: { S: string }; sk: { S: string } };

/** What BatchGetItem answers, as DynamoDB's JSON (the parts read here). */
interface WireBatchGetOutput {
  Responses?: Record<string, Array<Record<string, unknown>>>;
  UnprocessedKeys?: Record<string, { Keys?: WireKey[] }>;
  ConsumedCapacity?: Array<{ CapacityUnits?: number }>;
}

export const keyString = (key: KeyPair) => `${key.pk}\u0000${key.sk}`;

/** One request's DataLoader batch waiting for the next shared BatchGetItem. */
interface Ask {
  readonly keys: readonly KeyPair[];
  readonly scope: ScopeUsage | undefined;
  readonly resolve: (items: Array<StoredItem | null>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Point reads of every request of the process, coalesced: the DataLoader
 * batches of all requests that reach the database in the same turn of the event
 * loop go out as one BatchGetItem of up to 100 distinct keys. Under load, many
 * requests are parsed and resolved in one turn; one call for all of them saves
 * the SDK's per-call work (middleware, signing, HTTP, parsing), which costs more
 * than the rest of a simple query, and the database's. Alone, a request waits
 * for nothing: the call leaves at the end of the current turn (setImmediate).
 *
 * Each request still sees its own read: the call is counted in each request's
 * usage (one BatchGetItem for its batch, its share of the read units by keys,
 * the items it asked for charged to its budget), each waits only while its own
 * request is open (its abort signal rejects it at once), and the call itself is
 * aborted only when every request waiting for it has gone.
 */
/**
 * Shared calls in flight before new asks wait for one to return. Under load,
 * the asks that arrive while a call is out then leave together: about 0.13
 * calls per simple query instead of 0.19 at 16 connections (bench:graphql),
 * each call costing the SDK's fixed work once (about 0.9 ms of CPU on the
 * project's machine) and the database's.
 */
const MAX_IN_FLIGHT = 1;
/** Longest an ask waits for the call in flight before it is sent anyway, ms: the most this adds to a read's latency. */
const MAX_WAIT_MS = 2;

export class SharedBatchGet {
  private waiting: Ask[] = [];
  private scheduled = false;
  /** Shared calls sent and not yet answered. */
  private inFlight = 0;
  /** Set while asks wait for the call in flight: sends them anyway after MAX_WAIT_MS. */
  private waitTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: BatchGetOptions = {},
  ) {}

  /** The items of `keys`, in order, null where none is stored; the read is charged to `scope` (a request's usage). */
  load(keys: readonly KeyPair[], scope?: ScopeUsage): Promise<Array<StoredItem | null>> {
    scope?.budget.assertOpen();
    return new Promise((resolve, reject) => {
      const budget = scope?.budget;
      if (budget) {
        // The budget stops with its own error (a limit, or the request's end): the request reports that one.
        const off = budget.onStop(reject);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the call failed with, an Error from the SDK or the budget
        this.waiting.push({ keys, scope, resolve: (items) => (off(), resolve(items)), reject: (error: unknown) => (off(), reject(error)) });
      } else this.waiting.push({ keys, scope, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Sends what waits at the end of this turn when no shared call is in flight;
   * otherwise the asks wait for that call to return, and go out together then
   * (group commit), or after MAX_WAIT_MS if it takes longer.
   */
  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    if (this.inFlight < MAX_IN_FLIGHT) {
      this.scheduled = true;
      setImmediate(() => this.dispatch());
    } else {
      this.waitTimer ??= setTimeout(() => this.dispatch(), MAX_WAIT_MS);
    }
  }

  /**
   * Packs the asks of this turn into calls of at most 100 distinct keys. A call
   * carries at most one ask of each request, so that a request alone reads
   * exactly as its DataLoader batches say (its calls do not depend on timing).
   */
  private dispatch(): void {
    this.scheduled = false;
    clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    const groups: Array<{ asks: Ask[]; keys: Map<string, KeyPair>; scopes: Set<ScopeUsage> }> = [];
    for (const ask of this.waiting) {
      const names = ask.keys.map(keyString);
      const fits = (g: (typeof groups)[number]) =>
        !(ask.scope && g.scopes.has(ask.scope)) && g.keys.size + names.filter((n) => !g.keys.has(n)).length <= BATCH_GET_LIMIT;
      let group = groups.find(fits);
      if (!group) groups.push((group = { asks: [], keys: new Map(), scopes: new Set() }));
      group.asks.push(ask);
      if (ask.scope) group.scopes.add(ask.scope);
      names.forEach((name, i) => group.keys.set(name, ask.keys[i]!));
    }
    this.waiting = [];
    for (const group of groups) {
      this.inFlight += 1;
      void this.send(group.asks, [...group.keys.values()]).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async send(asks: Ask[], keys: KeyPair[]): Promise<void> {
    // The call is nobody's in particular: it goes through the process's database (no request's view), and is
    // charged to each request below.
    const budgets = asks.flatMap((a) => (a.scope && !a.scope.budget.isReleased ? [a.scope.budget] : []));
    let abort: AbortController | undefined;
    const offs: Array<() => void> = [];
    if (budgets.length === asks.length && budgets.length > 0) {
      const controller = (abort = new AbortController());
      const onStop = () => budgets.every((b) => b.stopped) && controller.abort(budgets[0]!.stopped);
      for (const b of budgets) offs.push(b.onStop(onStop));
    }
    const started = performance.now();
    try {
      const { items, calls, units } = await this.fetch(keys, abort?.signal);
      const ms = performance.now() - started;
      for (const ask of asks) {
        const found = ask.keys.map((k) => items.get(keyString(k)) ?? null);
        if (ask.scope) {
          ask.scope.calls.BatchGetItem = (ask.scope.calls.BatchGetItem ?? 0) + calls;
          ask.scope.dynamodbMs += ms;
          ask.scope.readCapacityUnits += (units * ask.keys.length) / keys.length;
        }
        try {
          ask.scope?.budget.chargeItems(found.filter((i) => i !== null).length);
          ask.resolve(found);
        } catch (error) {
          ask.reject(error);
        }
      }
    } catch (error) {
      for (const ask of asks) ask.reject(error);
    } finally {
      for (const off of offs) off();
    }
  }

  private async fetch(keys: KeyPair[], signal: AbortSignal | undefined): Promise<{ items: Map<string, StoredItem>; calls: number; units: number }> {
    const items = new Map<string, StoredItem>();
    let pending: WireKey[] = keys.map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
    const maxRounds = this.options.maxRounds ?? 8;
    const table = this.db.tableName;
    let calls = 0;
    let units = 0;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= maxRounds) throw new UnprocessedKeysError(pending.length);
      if (round > 0) {
        this.db.calls.recordRetry('BatchGetItem');
        await sleep(backoffDelay(round, this.options.baseDelayMs ?? 25, this.options.maxDelayMs ?? 1_000), signal);
      }
      calls += 1;
      // The low-level command, its answer read as DynamoDB's JSON (db/wire-output.ts): the SDK's deserializer and
      // the document client's unmarshalling were most of this call's CPU.
      const command = new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending } }, ReturnConsumedCapacity: 'TOTAL' });
      readWireOutput(command);
      const response = (await this.db.client.send(command, signal ? { abortSignal: signal } : undefined)) as WireBatchGetOutput;
      for (const stored of response.Responses?.[table] ?? []) {
        const item = nativeItem(stored);
        items.set(keyString(item as unknown as KeyPair), item);
      }
      for (const c of response.ConsumedCapacity ?? []) units += c.CapacityUnits ?? 0;
      pending = response.UnprocessedKeys?.[table]?.Keys ?? [];
    }
    return { items, calls, units };
  }
}

const shared = new WeakMap<Db, SharedBatchGet>();

/** The process's shared batcher of one database (one per Db: its clients and table); a request's view shares its process's. */
export function sharedBatchGet(view: Db, options?: BatchGetOptions): SharedBatchGet {
  const db = processDb(view);
  let batcher = shared.get(db);
  if (!batcher) shared.set(db, (batcher = new SharedBatchGet(db, options)));
  return batcher;
}
