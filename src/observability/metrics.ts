import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallCounter } from '../db/call-counter.js';

/**
 * The signals operators watch, on GET /metrics (Prometheus text format): GraphQL
 * requests and latency by operation, errors by code, DynamoDB calls by operation,
 * retries and throttles, seed progress, and the process's own (memory, event loop).
 * One registry per gateway, so that several in one process (tests) do not clash.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation name and outcome', labelNames: ['operation', 'outcome'] as const, registers: [this.registry] });
  readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({ name: 'graphql_errors_total', help: 'Errors sent to clients, by code', labelNames: ['code'] as const, registers: [this.registry] });
  readonly dynamodbCalls = new Counter({ name: 'dynamodb_calls_total', help: 'DynamoDB requests sent (retries included), by operation', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly dynamodbRetries = new Counter({ name: 'dynamodb_retries_total', help: 'DynamoDB requests re-sent (SDK retries and unprocessed items or keys), by operation', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly dynamodbThrottles = new Counter({ name: 'dynamodb_throttles_total', help: 'DynamoDB throttling errors, by operation', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly dynamodbErrors = new Counter({ name: 'dynamodb_errors_total', help: 'DynamoDB calls that failed after retries, by operation and error', labelNames: ['operation', 'error'] as const, registers: [this.registry] });
  readonly seedRunning = new Gauge({ name: 'seed_running', help: '1 while a seed runs in this process', registers: [this.registry] });
  readonly seedItems = new Gauge({ name: 'seed_items_written', help: 'Items written by the running or last seed, by entity', labelNames: ['entity'] as const, registers: [this.registry] });
  readonly seedRejected = new Gauge({ name: 'seed_rows_rejected', help: 'Rows rejected by the running or last seed, by entity', labelNames: ['entity'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
