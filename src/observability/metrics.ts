import type { Server } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallCounter } from '../../db/call-counter.js';
import { truncate } from './logger.js';
import { ERROR_CODES } from '../../db/gateway-error.js';

/** The value a label takes once its cap is reached. */
export const OTHER = 'other';

/**
 * The values one label may take, so that no client can add series without end:
 * each value is truncated (a 50,000-character operation name becomes 63
 * characters and "…"), the values in `known` are always kept, the first
 * `maxValues` other distinct values get their own series, and every later one
 * is counted as `other`. The set is per process and is never forgotten.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  private readonly known: ReadonlySet<string>;

  constructor(
    readonly maxValues: number,
    readonly maxLength = 64,
    known: Iterable<string> = [],
  ) {
    this.known = new Set([...known, OTHER]);
  }

  value(raw: unknown): string {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any label value is stringified, then bounded
    const v = truncate(String(raw ?? '') || 'unknown', this.maxLength);
    if (this.known.has(v) || this.seen.has(v)) return v;
    if (this.seen.size >= this.maxValues) return OTHER;
    this.seen.add(v);
    return v;
  }

  /** Distinct values admitted besides the known ones. */
  get size(): number {
    return this.seen.size;
  }
}

/** Caps on label values; see "Running it in production" in README.md. */
export interface MetricLimits {
  /** Longest label value, in characters (operation names, error codes, DynamoDB operations and error names). */
  readonly maxLabelLength: number;
  /** Distinct operation names with their own series; later ones are `other`. */
  readonly maxOperationNames: number;
  /** Distinct values of any other client- or database-influenced label (codes, DynamoDB operations, errors, entities). */
  readonly maxOtherLabelValues: number;
}

export const DEFAULT_METRIC_LIMITS: MetricLimits = { maxLabelLength: 64, maxOperationNames: 100, maxOtherLabelValues: 50 };

/** Limits from METRICS_MAX_OPERATION_NAMES (the others are not meant to be tuned). */
export function metricLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): MetricLimits {
  const value = env.METRICS_MAX_OPERATION_NAMES;
  if (value === undefined || value === '') return DEFAULT_METRIC_LIMITS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`METRICS_MAX_OPERATION_NAMES must be a positive integer, got ${JSON.stringify(value)}`);
  return { ...DEFAULT_METRIC_LIMITS, maxOperationNames: n };
}

export type Outcome = 'ok' | 'error';

/**
 * The signals operators watch, on GET /metrics (Prometheus text format): GraphQL
 * requests and latency by operation, errors by code, DynamoDB calls by operation,
 * retries and throttles, seed progress, and the process's own (memory, event loop).
 * One registry per gateway, so that several in one process (tests) do not clash.
 *
 * Every label is bounded (BoundedLabel), whoever records it: `outcome` is ok or
 * error, the others are truncated and capped, so /metrics stays small however
 * many distinct operation names clients send.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly limits: MetricLimits;
  readonly labels: {
    readonly operation: BoundedLabel;
    readonly outcome: BoundedLabel;
    readonly code: BoundedLabel;
    readonly dynamodbOperation: BoundedLabel;
    readonly dynamodbError: BoundedLabel;
    readonly entity: BoundedLabel;
  };
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly dynamodbCalls: Counter<'operation'>;
  readonly dynamodbRetries: Counter<'operation'>;
  readonly dynamodbThrottles: Counter<'operation'>;
  readonly dynamodbErrors: Counter<'operation' | 'error'>;
  readonly seedRunning: Gauge;
  readonly seedItems: Gauge<'entity'>;
  readonly seedRejected: Gauge<'entity'>;
  readonly httpConnections: Gauge;
  readonly httpDropped: Counter;
  private readonly servers = new Set<Server>();

  constructor(limits: Partial<MetricLimits> = metricLimitsFromEnv()) {
    this.limits = { ...DEFAULT_METRIC_LIMITS, ...limits };
    const { maxLabelLength: length, maxOperationNames, maxOtherLabelValues: other } = this.limits;
    const dynamodbOperation = new BoundedLabel(other, length);
    this.labels = {
      operation: new BoundedLabel(maxOperationNames, length, ['anonymous']),
      outcome: new BoundedLabel(0, length, ['ok', 'error']),
      code: new BoundedLabel(other, length, ERROR_CODES),
      dynamodbOperation,
      dynamodbError: new BoundedLabel(other, length),
      entity: new BoundedLabel(other, length),
    };
    const { operation, outcome, code, dynamodbError, entity } = this.labels;
    const registers = [this.registry];
    this.requests = bounded(
      new Counter({
        name: 'graphql_requests_total',
        help: 'GraphQL requests by operation name and outcome',
        labelNames: ['operation', 'outcome'] as const,
        registers,
      }),
      { operation, outcome },
    );
    this.duration = bounded(
      new Histogram({
        name: 'graphql_request_duration_seconds',
        help: 'GraphQL request latency by operation name',
        labelNames: ['operation'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers,
      }),
      { operation },
    );
    this.errors = bounded(
      new Counter({ name: 'graphql_errors_total', help: 'Errors sent to clients, by code', labelNames: ['code'] as const, registers }),
      { code },
    );
    const ddb = { operation: dynamodbOperation };
    this.dynamodbCalls = bounded(
      new Counter({
        name: 'dynamodb_calls_total',
        help: 'DynamoDB requests sent (retries included), by operation',
        labelNames: ['operation'] as const,
        registers,
      }),
      ddb,
    );
    this.dynamodbRetries = bounded(
      new Counter({
        name: 'dynamodb_retries_total',
        help: 'DynamoDB requests re-sent (SDK retries and unprocessed items or keys), by operation',
        labelNames: ['operation'] as const,
        registers,
      }),
      ddb,
    );
    this.dynamodbThrottles = bounded(
      new Counter({
        name: 'dynamodb_throttles_total',
        help: 'DynamoDB throttling errors, by operation',
        labelNames: ['operation'] as const,
        registers,
      }),
      ddb,
    );
    this.dynamodbErrors = bounded(
      new Counter({
        name: 'dynamodb_errors_total',
        help: 'DynamoDB calls that failed after retries, by operation and error',
        labelNames: ['operation', 'error'] as const,
        registers,
      }),
      { operation: dynamodbOperation, error: dynamodbError },
    );
    this.seedRunning = new Gauge({ name: 'seed_running', help: '1 while a seed runs in this process', registers });
    this.seedItems = bounded(
      new Gauge({
        name: 'seed_items_written',
        help: 'Items written by the running or last seed, by entity',
        labelNames: ['entity'] as const,
        registers,
      }),
      { entity },
    );
    this.seedRejected = bounded(
      new Gauge({
        name: 'seed_rows_rejected',
        help: 'Rows rejected by the running or last seed, by entity',
        labelNames: ['entity'] as const,
        registers,
      }),
      { entity },
    );
    const servers = this.servers;
    this.httpConnections = new Gauge({
      name: 'http_connections_open',
      help: 'HTTP connections open (the cap is HTTP_MAX_CONNECTIONS)',
      registers,
      async collect() {
        let open = 0;
        for (const server of servers) open += await new Promise<number>((resolve) => server.getConnections((error, n) => resolve(error ? 0 : n)));
        this.set(open);
      },
    });
    this.httpDropped = new Counter({
      name: 'http_connections_dropped_total',
      help: 'Connections closed on arrival because HTTP_MAX_CONNECTIONS were open',
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a server's open connections and those it drops over its maxConnections. */
  watchServer(server: Server): () => void {
    const onDrop = () => this.httpDropped.inc();
    this.servers.add(server);
    server.on('drop', onDrop);
    return () => {
      this.servers.delete(server);
      server.off('drop', onDrop);
    };
  }

  /** One GraphQL request: its operation name (null or undefined: anonymous), outcome and duration. */
  recordRequest(operationName: string | null | undefined, outcome: Outcome, seconds: number): void {
    const operation = operationName ?? 'anonymous';
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation }, seconds);
  }

  /** One error sent to a client, by its extensions.code. */
  recordError(code: string): void {
    this.errors.inc({ code });
  }

  /** Feeds the DynamoDB counters from a client's call counter. */
  watch(calls: CallCounter): () => void {
    return calls.onEvent((event) => {
      if (event.kind === 'call') this.dynamodbCalls.inc({ operation: event.operation });
      else if (event.kind === 'retry') this.dynamodbRetries.inc({ operation: event.operation }, event.count);
      else if (event.kind === 'throttle') this.dynamodbThrottles.inc({ operation: event.operation });
      else this.dynamodbErrors.inc({ operation: event.operation, error: event.error });
    });
  }
}

type LabelArgs = Record<string, string | number>;
const RECORDING_METHODS = ['inc', 'dec', 'set', 'observe', 'startTimer', 'labels'] as const;

/**
 * Passes every label value a metric records through its BoundedLabel: the
 * metric's recording methods (inc, dec, set, observe, startTimer, labels) are
 * wrapped on the instance, so callers elsewhere (the seed runner) are bounded too.
 */
function bounded<M extends Counter<string> | Gauge<string> | Histogram<string>>(metric: M, caps: Record<string, BoundedLabel>): M {
  const labelNames = (metric as unknown as { labelNames: readonly string[] }).labelNames;
  const bound = (labels: LabelArgs): LabelArgs => {
    const out: LabelArgs = { ...labels };
    for (const [name, cap] of Object.entries(caps)) if (out[name] !== undefined) out[name] = cap.value(out[name]);
    return out;
  };
  const target = metric as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  for (const method of RECORDING_METHODS) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function (this: unknown, ...args: unknown[]) {
      const [first, ...rest] = args;
      if (first !== null && typeof first === 'object') return original.call(metric, bound(first as LabelArgs), ...rest);
      if (method === 'labels' && args.length > 0) {
        // Positional values, in labelNames order.
        const named = bound(Object.fromEntries(labelNames.map((n, i) => [n, args[i] as string])));
        return original.call(metric, ...labelNames.map((n) => named[n]));
      }
      return original.call(metric, ...args);
    };
  }
  return metric;
}
