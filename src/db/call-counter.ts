import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FinalizeRequestMiddleware, MetadataBearer } from '@smithy/types';

/** DynamoDB calls by operation name (BatchGetItem, Query, ...), one entry per HTTP request sent. */
type Middleware = FinalizeRequestMiddleware<object, MetadataBearer>;

export type CallCounts = Record<string, number>;

/**
 * Counts the DynamoDB requests a client actually sends (retries included), by
 * operation. Tests assert on these counts instead of timing anything; the server
 * reports them per GraphQL request.
 */
export class CallCounter {
  private counts: CallCounts = {};
  private readonly listeners = new Set<(operation: string) => void>();

  /** Installs the counting middleware on a client (idempotent per client). */
  attach(client: DynamoDBClient): void {
    const count: Middleware = (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      this.counts[operation] = (this.counts[operation] ?? 0) + 1;
      for (const listener of this.listeners) listener(operation);
      return next(args);
    };
    client.middlewareStack.addRelativeTo(
      count,
      // After retryMiddleware: each retry is a real call and counts.
      { relation: 'after', toMiddleware: 'retryMiddleware', name: 'callCounter', override: true },
    );
  }

  /** Calls since the last reset. */
  snapshot(): CallCounts {
    return { ...this.counts };
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.counts = {};
  }

  onCall(listener: (operation: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
