import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A fault a test injects on purpose between the gateway and DynamoDB Local. */
export interface FaultPlan {
  /** Operation name (BatchWriteItem, BatchGetItem, Query ...). */
  readonly operation: string;
  /**
   * Decides per call (0-based index among calls of that operation):
   * 'throttle' throws ProvisionedThroughputExceededException, 'unprocessed' sends
   * only the first half of a batch and returns the rest as unprocessed, 'error500'
   * throws an InternalServerError, 'pass' lets it through.
   */
  readonly decide: (call: number) => 'throttle' | 'unprocessed' | 'error500' | 'pass';
}

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} (injected by the test)`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

/**
 * Installs the plan as SDK middleware before the SDK's own retry logic, so that
 * the gateway's retry (not the SDK's) must cope. Returns how many faults fired.
 */
export function injectFaults(client: DynamoDBClient, plan: FaultPlan): { fired: () => number } {
  let calls = 0;
  let fired = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      if (operation !== plan.operation) return next(args);
      const decision = plan.decide(calls++);
      if (decision === 'pass') return next(args);
      fired += 1;
      if (decision === 'throttle') throw awsError('ProvisionedThroughputExceededException', 400);
      if (decision === 'error500') throw awsError('InternalServerError', 500);
      const input = args.input as {
        RequestItems: Record<string, unknown[] | { Keys: unknown[] }>;
      };
      const [table, requests] = Object.entries(input.RequestItems)[0]!;
      if (Array.isArray(requests)) {
        // BatchWriteItem: write half, hand the rest back as UnprocessedItems.
        if (requests.length < 2) return next(args);
        const half = Math.ceil(requests.length / 2);
        const result = await next({ ...args, input: { ...input, RequestItems: { [table]: requests.slice(0, half) } } });
        (result.output as { UnprocessedItems?: unknown }).UnprocessedItems = { [table]: requests.slice(half) };
        return result;
      }
      // BatchGetItem: read half the keys, hand the rest back as UnprocessedKeys.
      const keys = requests.Keys;
      if (keys.length < 2) return next(args);
      const half = Math.ceil(keys.length / 2);
      const result = await next({
        ...args,
        input: { ...input, RequestItems: { [table]: { ...requests, Keys: keys.slice(0, half) } } },
      });
      (result.output as { UnprocessedKeys?: unknown }).UnprocessedKeys = { [table]: { ...requests, Keys: keys.slice(half) } };
      return result;
    },
    { step: 'initialize', name: 'testFaultInjection' },
  );
  return { fired: () => fired };
}
