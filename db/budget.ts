import { setMaxListeners } from 'node:events';
import { GatewayError } from './gateway-error.js';

/**
 * What one GraphQL request may cost while it runs. The query limits
 * (src/graphql/limits.ts) refuse a document before it runs, from an estimate;
 * the budget is the hard cap on what running it actually does: DynamoDB items
 * read, fields resolved, response bytes, and time. Over any of them the request
 * fails with one error, and everything it still has in flight is aborted.
 */
export interface RequestBudget {
  /** Deadline of a request, from the moment its body is read (REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  /**
   * Items DynamoDB reads for a request: examined by a Query (ScannedCount, so
   * items a FilterExpression dropped count too) and returned by GetItem and
   * BatchGetItem (REQUEST_MAX_ITEMS).
   */
  readonly maxItemsRead: number;
  /**
   * Resolver work (REQUEST_MAX_RESOLVER_CALLS): each field resolved, default
   * resolvers included, and each object a resolver builds from a stored item
   * (a flight's 346 bookings, even from the request's cache, count 346, before
   * they are built).
   */
  readonly maxResolverCalls: number;
  /** Size of the response's JSON, counted as it is built (REQUEST_MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes: number;
  /**
   * Items one page of a filtered list examines before it returns what it has
   * found, with `hasNextPage: true` and a cursor to go on (PAGE_MAX_SCANNED).
   */
  readonly maxScannedPerPage: number;
}

/**
 * Defaults far above what the README's examples and the desk's whole disruption
 * view use (the heaviest, every part of the disruption view at once, reads
 * about 1,450 items, does about 4,700 units of resolver work and answers about
 * 100 kB: test/budget.test.ts measures them), and far below what hurts the
 * process: 30,000 units of resolver work cost about 1.5 s of CPU and 150 MB.
 */
export const DEFAULT_BUDGET: RequestBudget = {
  requestTimeoutMs: 10_000,
  maxItemsRead: 50_000,
  maxResolverCalls: 30_000,
  maxResponseBytes: 10_000_000,
  maxScannedPerPage: 1_000,
};

/** The environment variable of each budget limit. */
export const BUDGET_ENV: Record<keyof RequestBudget, string> = {
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  maxItemsRead: 'REQUEST_MAX_ITEMS',
  maxResolverCalls: 'REQUEST_MAX_RESOLVER_CALLS',
  maxResponseBytes: 'REQUEST_MAX_RESPONSE_BYTES',
  maxScannedPerPage: 'PAGE_MAX_SCANNED',
};

export type BudgetLimit = Exclude<keyof RequestBudget, 'maxScannedPerPage'>;

/** `extensions.code` of a request over its budget. */
export const BUDGET_EXCEEDED = 'REQUEST_BUDGET_EXCEEDED';
/** `extensions.code` of a request over its deadline. */
export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

/**
 * A request went over its budget or its deadline. Its code is
 * REQUEST_BUDGET_EXCEEDED (HTTP 400: the query asks for too much; ask for
 * less) or REQUEST_TIMEOUT (HTTP 504); `extensions.limit` names the limit and
 * `extensions.max` its value.
 *
 * One instance per request, thrown by everything that refuses to go on (each
 * field, each DynamoDB call, each load). It is a GatewayError with a path, so
 * graphql-js takes it as already located and does not build a new error for
 * each of the thousands of fields a fanned-out query then refuses.
 */
export class RequestLimitError extends GatewayError {
  declare readonly code: typeof BUDGET_EXCEEDED | typeof REQUEST_TIMEOUT;
  readonly httpStatus: number;

  constructor(
    readonly limit: BudgetLimit,
    readonly max: number,
  ) {
    const timeout = limit === 'requestTimeoutMs';
    super(timeout ? REQUEST_TIMEOUT : BUDGET_EXCEEDED, describeLimit(limit, max), { limit, max }, { path: [] });
    this.name = 'RequestLimitError';
    this.httpStatus = timeout ? 504 : 400;
  }
}

function describeLimit(limit: BudgetLimit, max: number): string {
  const n = max.toLocaleString('en-US');
  switch (limit) {
    case 'requestTimeoutMs':
      return `the request did not complete within its deadline of ${n} ms; its database calls were stopped`;
    case 'maxItemsRead':
      return `the request would read more than ${n} items from the database: ask for fewer or smaller lists`;
    case 'maxResolverCalls':
      return `the request would resolve more than ${n} fields and objects: ask for fewer or less nested lists`;
    case 'maxResponseBytes':
      return `the response would be larger than ${n} bytes: ask for fewer or smaller lists`;
  }
}

/** Resolver work a request does in one turn of the event loop before it lets others in (RequestBudgetState.pace). */
export const PACE_UNITS = 1_000;

/** Thrown into calls a request makes after its response was sent (or its client went away). */
export class RequestEndedError extends Error {
  constructor() {
    super('the request has ended: no further database calls are made for it');
    this.name = 'RequestEndedError';
  }
}

/**
 * The one instance every ended request aborts with: every request ends, and
 * a new Error (its stack captured) for each cost a visible share of a simple
 * query's CPU; the error says nothing about a particular request, and no client
 * ever sees it (the response has been sent).
 */
const REQUEST_ENDED = new RequestEndedError();

/**
 * The per-request state behind the budget: counters, the deadline, and what
 * stops the request's work in flight when it fails or ends: the abort signal
 * its own DynamoDB calls are sent with, and the listeners of work it waits on
 * (onStop: a read shared with other requests). The AbortController is made only
 * when a call asks for its signal: a request whose reads all go through the
 * shared BatchGetItem (a simple query) never needs one, and controllers, their
 * signals and their listeners are a visible share of such a request's CPU.
 */
export class RequestBudgetState {
  itemsRead = 0;
  resolverCalls = 0;
  responseBytes = 0;
  /** Set once the request is over a limit; every later call fails with it. */
  failure: RequestLimitError | undefined;
  /** performance.now() past which the request is over its deadline. */
  deadline: number;
  private controller: AbortController | undefined;
  private stopListeners: Set<(reason: Error) => void> | undefined;
  /** Why the request stopped (its failure, or its end), once it has. */
  private stopReason: Error | undefined;
  /** resolverCalls when the current turn of the event loop began for this request. */
  private turnStart = 0;
  private nextTurn: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private released = false;

  constructor(readonly limits: RequestBudget) {
    this.deadline = performance.now() + limits.requestTimeoutMs;
    // The timer aborts calls in flight; code that runs without waiting on a call checks `deadline` itself.
    this.timer = setTimeout(() => this.fail(new RequestLimitError('requestTimeoutMs', limits.requestTimeoutMs)), limits.requestTimeoutMs);
    this.timer.unref();
  }

  /** Aborts when the request fails or ends: passed to every DynamoDB call of the request. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // Every DynamoDB call of the request listens on this one signal (dozens at once in a desk view): not a leak,
      // and bounded by the request's calls, so Node's warning at 10 listeners does not apply.
      setMaxListeners(0, this.controller.signal);
      if (this.stopReason) this.controller.abort(this.stopReason);
    }
    return this.controller.signal;
  }

  /** Why the request stopped (over a limit, or ended), once it has: what work still waiting for it is rejected with. */
  get stopped(): Error | undefined {
    return this.stopReason;
  }

  /**
   * Calls `listener` once, with the reason, when the request stops (at once if
   * it has); returns what removes it, for work that finishes first.
   */
  onStop(listener: (reason: Error) => void): () => void {
    if (this.stopReason) {
      listener(this.stopReason);
      return () => {};
    }
    const listeners = (this.stopListeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** The request goes over a limit: recorded once, and whatever it has in flight is aborted. */
  fail(error: RequestLimitError): RequestLimitError {
    if (!this.failure) {
      this.failure = error;
      this.stopTimer();
      this.stop(error);
    }
    return this.failure;
  }

  private stop(reason: Error): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.controller?.abort(reason);
    const listeners = this.stopListeners;
    this.stopListeners = undefined;
    for (const listener of listeners ?? []) listener(reason);
  }

  /**
   * Throws when the request may make no more calls: it failed, passed its
   * deadline, or ended. Checked before every DynamoDB call and every field.
   */
  assertOpen(): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw REQUEST_ENDED;
    if (performance.now() > this.deadline) throw this.fail(new RequestLimitError('requestTimeoutMs', this.limits.requestTimeoutMs));
  }

  /**
   * Undefined while the request has done less than PACE_UNITS of resolver work
   * in this turn of the event loop; past it, a promise of the next turn (the
   * same one for every caller). A query answered from the request's cache runs
   * on microtasks alone, which would hold the event loop until it is done:
   * pacing lets health checks, timers and other requests in between.
   */
  pace(): Promise<void> | undefined {
    if (this.resolverCalls - this.turnStart < PACE_UNITS) return undefined;
    this.nextTurn ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        this.nextTurn = undefined;
        this.turnStart = this.resolverCalls;
        resolve();
      }),
    );
    return this.nextTurn;
  }

  /** Adds resolver work (a field, or objects about to be built); throws when the request is over maxResolverCalls. */
  chargeResolverWork(count: number): void {
    this.assertOpen();
    this.resolverCalls += count;
    if (this.resolverCalls > this.limits.maxResolverCalls) throw this.fail(new RequestLimitError('maxResolverCalls', this.limits.maxResolverCalls));
  }

  /** Adds items DynamoDB read; throws when the request is over maxItemsRead. */
  chargeItems(count: number): void {
    this.itemsRead += count;
    if (!this.released && this.itemsRead > this.limits.maxItemsRead) throw this.fail(new RequestLimitError('maxItemsRead', this.limits.maxItemsRead));
  }

  /**
   * The request is exempt from the deadline, the read budget and the abort at
   * its end (the admin seed mutation: a load takes longer than a query, and it
   * must not stop halfway because its client went away).
   */
  release(): void {
    this.released = true;
    this.deadline = Infinity;
    this.stopTimer();
  }

  get isReleased(): boolean {
    return this.released;
  }

  /**
   * The response has been sent (or the client went away): the deadline timer
   * stops, and anything of the request still running is aborted and may start
   * no new call.
   */
  end(): void {
    if (this.ended) return;
    this.stopTimer();
    if (this.released) return;
    this.ended = true;
    this.stop(REQUEST_ENDED);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Items a DynamoDB read returned or examined, from its output (marshalled or not). */
export function itemsOf(operation: string, output: unknown): number {
  const o = (output ?? {}) as { ScannedCount?: number; Count?: number; Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
  switch (operation) {
    case 'Query':
    case 'Scan':
      return o.ScannedCount ?? o.Count ?? o.Items?.length ?? 0;
    case 'GetItem':
      return o.Item ? 1 : 0;
    case 'BatchGetItem':
      return Object.values(o.Responses ?? {}).reduce((n, items) => n + (Array.isArray(items) ? items.length : 0), 0);
    default:
      return 0;
  }
}
