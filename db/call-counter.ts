import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FinalizeRequestMiddleware, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { DEFAULT_BUDGET, itemsOf, RequestBudgetState, type RequestBudget } from './budget.js';
import { isThrottle } from './errors.js';

/** DynamoDB calls by operation name (BatchGetItem, Query, ...), one entry per HTTP request sent. */
export type CallCounts = Record<string, number>;

/** What one scope (a GraphQL request) cost: calls by operation and consumed capacity units. */
export interface ScopeUsage {
  readonly calls: CallCounts;
  /** Sum of the durations of the scope's calls, milliseconds (calls in parallel overlap). */
  dynamodbMs: number;
  readCapacityUnits: number;
  writeCapacityUnits: number;
  /** The request's budget: items read, fields resolved, response bytes, deadline, abort signal (budget.ts). */
  readonly budget: RequestBudgetState;
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** What the counter reports to listeners (metrics). */
export type CallEvent =
  | { kind: 'call'; operation: string }
  | { kind: 'retry'; operation: string; count: number }
  | { kind: 'throttle'; operation: string }
  | { kind: 'error'; operation: string; error: string };

const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const CAPACITY_OPERATIONS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/**
 * Counts the DynamoDB requests a client actually sends (retries included), by
 * operation, globally and per scope (one scope per GraphQL request, so
 * concurrent requests do not mix). Inside a scope it also asks DynamoDB for
 * ConsumedCapacity and adds it up. Tests assert on these counts instead of
 * timing anything.
 *
 * A scope also carries its request's budget (budget.ts): every call of the scope
 * is refused once the request is over a limit, past its deadline or ended; the
 * items each read returns or examines are charged to it; and the client sends
 * each call with the scope's abort signal (client.ts), so a request that fails
 * or ends stops the calls it has in flight.
 *
 * The scope is explicit, not ambient: a request's calls go through its own view
 * of the database (client.ts, forRequest), whose clients mark each command's
 * input with the scope (`bind`); the middleware finds it there. An
 * AsyncLocalStorage would find it without the view, but it installs promise
 * hooks for the whole process: a cost on every promise of every request (about
 * a twentieth of the gateway's CPU per request, measured by bench:graphql).
 */
export class CallCounter {
  private counts: CallCounts = {};
  private readonly listeners = new Set<(event: CallEvent) => void>();
  /** The scope of each command input sent through a request's view (bind). */
  private readonly scopeOfInput = new WeakMap<object, ScopeUsage>();

  /** Installs the middleware on a client. */
  attach(client: DynamoDBClient): void {
    const askCapacity: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      const operation = operationOf(context.commandName);
      // The initialize step sees the command's own input object (the document client marshals a copy later, at
      // serialize); the call's context, one per call, carries the scope on to the steps below.
      const scope = this.scopeOfInput.get(args.input);
      (context as ScopedContext)[SCOPE] = scope;
      // A request over its budget, past its deadline or ended makes no new call.
      scope?.budget.assertOpen();
      if (scope && CAPACITY_OPERATIONS.has(operation)) {
        (args.input as Record<string, unknown>).ReturnConsumedCapacity ??= 'TOTAL';
      }
      // Outside the SDK's retry loop: $metadata.attempts says how many tries the call took.
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
        const attempts = result.output.$metadata?.attempts ?? 1;
        if (attempts > 1) this.emit({ kind: 'retry', operation, count: attempts - 1 });
      } catch (error) {
        const e = error as { name?: string; $metadata?: { attempts?: number } };
        if ((e.$metadata?.attempts ?? 1) > 1) this.emit({ kind: 'retry', operation, count: e.$metadata!.attempts! - 1 });
        this.emit({ kind: 'error', operation, error: e.name ?? 'Error' });
        throw error;
      }
      // Throws when the items read take the request over its budget (the data is not used).
      scope?.budget.chargeItems(itemsOf(operation, result.output));
      return result;
    };
    const count: FinalizeRequestMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      const operation = operationOf(context.commandName);
      const scope = (context as ScopedContext)[SCOPE];
      // Each attempt (a retry too) is refused once the request may make no more calls: it is not sent, so not counted.
      scope?.budget.assertOpen();
      this.counts[operation] = (this.counts[operation] ?? 0) + 1;
      if (scope) scope.calls[operation] = (scope.calls[operation] ?? 0) + 1;
      this.emit({ kind: 'call', operation });
      const started = performance.now();
      const result = await next(args)
        .catch((error: unknown) => {
          if (isThrottle(error)) this.emit({ kind: 'throttle', operation });
          throw error;
        })
        .finally(() => {
          if (scope) scope.dynamodbMs += performance.now() - started;
        });
      if (scope) addCapacity(scope, operation, (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
      return result;
    };
    client.middlewareStack.add(askCapacity, { step: 'initialize', name: 'askConsumedCapacity', override: true });
    // Inside retryMiddleware (finalizeRequest, priority high): each retry is a real call and counts. A step and a
    // priority rather than `addRelativeTo` it: the SDK rebuilds a command's middleware list on every call, and a
    // relative entry costs more to place than one in a step.
    client.middlewareStack.add(count, { step: 'finalizeRequest', priority: 'low', name: 'callCounter', override: true });
  }

  /**
   * A new scope: calls of commands bound to it (`bind`, which a request's view
   * of the database does for every command it sends) are added to it, and are
   * bound by `budget` (unset limits: DEFAULT_BUDGET). The deadline runs from
   * now; whoever opens the scope calls `usage.budget.end()` when its request is
   * over.
   */
  open(budget: Partial<RequestBudget> = {}): ScopeUsage {
    return {
      calls: {},
      dynamodbMs: 0,
      readCapacityUnits: 0,
      writeCapacityUnits: 0,
      budget: new RequestBudgetState(budgetOf(budget)),
    };
  }

  /** Charges the command whose input this is to `usage` when it is sent (client.ts, forRequest). */
  bind(input: object, usage: ScopeUsage): void {
    this.scopeOfInput.set(input, usage);
  }

  /** Calls since the last reset, over all scopes. */
  snapshot(): CallCounts {
    return { ...this.counts };
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.counts = {};
  }

  /** Retries made above the SDK (UnprocessedItems / UnprocessedKeys rounds) are reported here. */
  recordRetry(operation: string, count = 1): void {
    this.emit({ kind: 'retry', operation, count });
  }

  onEvent(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: CallEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A full budget from a partial one (QueryLimits carries the budget's fields too): unset or invalid limits take the default. */
function budgetOf(partial: Partial<RequestBudget>): RequestBudget {
  const pick = (name: keyof RequestBudget) => {
    const value = partial[name];
    return typeof value === 'number' && value > 0 ? value : DEFAULT_BUDGET[name];
  };
  return {
    requestTimeoutMs: pick('requestTimeoutMs'),
    maxItemsRead: pick('maxItemsRead'),
    maxResolverCalls: pick('maxResolverCalls'),
    maxResponseBytes: pick('maxResponseBytes'),
    maxScannedPerPage: pick('maxScannedPerPage'),
  };
}

/** Where a call's scope travels from its input (initialize step) to its attempts (finalizeRequest step). */
const SCOPE = Symbol('gatewayScope');
type ScopedContext = Record<typeof SCOPE, ScopeUsage | undefined>;

// eslint-disable-next-line @typescript-eslint/no-base-to-string -- the SDK's commandName, a string when present
const operationOf = (commandName: unknown) => String(commandName ?? 'Unknown').replace(/Command$/, '');

function addCapacity(scope: ScopeUsage, operation: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
  for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
    const units = c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0);
    if (WRITE_OPERATIONS.has(operation)) scope.writeCapacityUnits += units;
    else scope.readCapacityUnits += units;
  }
}
