import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ScopeUsage } from '../../db/call-counter.js';
import type { LoadProgress } from '../admin/startup-load.js';
import { truncate, type Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { GatewayContext } from './context.js';

export interface RequestContext extends GatewayContext {
  readonly usage: ScopeUsage;
  readonly reportUsage: boolean;
  readonly startedAt: number;
  /** Set while `npm start` loads the sample: the response then says its data may be incomplete (`extensions.loading`). */
  readonly loading: LoadProgress | undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Longest operation name a log line carries; a longer one is truncated and its length logged as `operationLength`. */
export const LOG_MAX_OPERATION = 128;

/**
 * Per request: the request id on every error, the DynamoDB usage in
 * `extensions.dynamodb` when asked, one structured log line (operation, duration,
 * DynamoDB calls and capacity, error codes; a long operation name truncated), the
 * unexpected errors logged with their detail (which clients never see), and the
 * metrics (with bounded labels).
 */
export function requestPlugin(logger: Logger, metrics: GatewayMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (!(original instanceof Error) || error.extensions?.code) continue;
            logger.error({ requestId: contextValue.requestId, err: original, path: error.path }, 'resolver error');
          }
        },
        async willSendResponse({ contextValue, response, operationName, errors }) {
          const u = contextValue.usage;
          const totalCalls = Object.values(u.calls).reduce((a, b) => a + b, 0);
          const usage = {
            calls: u.calls,
            totalCalls,
            callMs: round(u.dynamodbMs),
            consumedCapacity: { readUnits: round(u.readCapacityUnits), writeUnits: round(u.writeCapacityUnits) },
          };
          const codes: string[] = [];
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.errors = result.errors?.map((e) => {
              // eslint-disable-next-line @typescript-eslint/no-base-to-string -- extensions.code is a string by convention; the metric label is bounded anyway
              codes.push(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
              return { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } };
            });
            if (contextValue.reportUsage) result.extensions = { ...result.extensions, dynamodb: usage };
            if (contextValue.loading) result.extensions = { ...result.extensions, loading: loadingNotice(contextValue.loading) };
          }
          const seconds = (performance.now() - contextValue.startedAt) / 1000;
          const operation = operationName ?? 'anonymous';
          // The metrics truncate and cap the labels (a client picks the operation name).
          metrics.recordRequest(operation, codes.length || errors?.length ? 'error' : 'ok', seconds);
          for (const code of codes) metrics.recordError(code);
          logger.info(
            {
              requestId: contextValue.requestId,
              // Who called: the token's sub and role, never the token.
              caller: contextValue.caller.sub,
              role: contextValue.caller.role,
              operation: truncate(operation, LOG_MAX_OPERATION),
              ...(operation.length > LOG_MAX_OPERATION ? { operationLength: operation.length } : {}),
              durationMs: round(seconds * 1000),
              status: response.http.status ?? 200,
              errors: codes,
              dynamodb: usage,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** What a response answered during the start-up load says about it. */
function loadingNotice(progress: LoadProgress): Record<string, unknown> {
  const rows = `${progress.rowsLoaded.toLocaleString('en-US')} of ${progress.rowsTotal.toLocaleString('en-US')} rows`;
  return {
    message: `the sample is still loading (${rows}): this answer may be incomplete until GET /health/ready answers 200`,
    rowsLoaded: progress.rowsLoaded,
    rowsTotal: progress.rowsTotal,
    entitiesLoaded: progress.entitiesLoaded,
    entitiesTotal: progress.entitiesTotal,
  };
}
