import type { BaseContext, GraphQLRequestListener } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, isLeafType, isListType, OperationTypeNode, type GraphQLOutputType } from 'graphql';
import { RequestLimitError, type RequestBudgetState } from '../../db/budget.js';
import type { ScopeUsage } from '../../db/call-counter.js';

/** What the budget needs of a request's context: its usage scope (server.ts), and whether usage is reported. */
export interface BudgetScopeContext {
  readonly usage?: ScopeUsage;
  readonly reportUsage?: boolean;
}

/** What `extensions.budget` reports (with X-DynamoDB-Stats, or outside production). */
export interface BudgetReport {
  readonly itemsRead: number;
  readonly resolverCalls: number;
  readonly responseBytes: number;
  readonly elapsedMs: number;
  readonly limits: {
    readonly requestTimeoutMs: number;
    readonly maxItemsRead: number;
    readonly maxResolverCalls: number;
    readonly maxResponseBytes: number;
    readonly maxScannedPerPage: number;
  };
}

/**
 * The run-time side of a request's budget, as Apollo request hooks:
 *
 * - every field resolved (default resolvers included) counts against
 *   maxResolverCalls (with the objects the Reader builds, reader.ts), and
 *   what it adds to the response's JSON against
 *   maxResponseBytes; both are checked as the response is built, so a query
 *   that fans out (`flight { bookings { flight { bookings ...`) stops long
 *   before it holds gigabytes. The deadline is checked at every field too: a
 *   request running from cached data never waits on a timer;
 * - once the request is over a limit, every further field fails at once with
 *   the same error, nothing more is resolved, its DynamoDB calls in flight are
 *   aborted (the scope's signal), and the response is that one error, with
 *   `data: null`: REQUEST_BUDGET_EXCEEDED (HTTP 400) or REQUEST_TIMEOUT (HTTP
 *   504), `extensions.limit` naming the limit and `extensions.max` its value;
 * - mutations (the admin seed) are released from the deadline and the read
 *   budget: a load takes longer than a query, one at a time, for admins.
 */
export function budgetListener(context: BudgetScopeContext): GraphQLRequestListener<BaseContext> {
  const usage = context.usage;
  if (!usage?.budget) return {};
  const budget = usage.budget;
  const started = performance.now();
  return {
    async didResolveOperation({ operation }) {
      if (operation?.operation === OperationTypeNode.MUTATION) budget.release();
    },

    async executionDidStart() {
      const limits = budget.limits;
      // One pair of size counters per request, not one closure per field.
      const sizers = valueSizers(budget);
      return {
        willResolveField({ info }) {
          // The same error instance every time (a located GraphQLError: nothing is allocated per refused field).
          if (budget.failure) throw budget.failure;
          if (performance.now() > budget.deadline) throw budget.fail(new RequestLimitError('requestTimeoutMs', limits.requestTimeoutMs));
          if (++budget.resolverCalls > limits.maxResolverCalls) throw budget.fail(new RequestLimitError('maxResolverCalls', limits.maxResolverCalls));
          // `"key":` and a separator; the value is added when it is known.
          budget.responseBytes += String(info.path.key).length + 4;
          if (budget.responseBytes > limits.maxResponseBytes) throw budget.fail(new RequestLimitError('maxResponseBytes', limits.maxResponseBytes));
          const kind = kindOf(info.returnType);
          return kind === 'leaf' ? sizers.leaf : kind === 'list' ? sizers.list : undefined;
        },
      };
    },

    async didEncounterErrors({ errors }) {
      // Every field refused after the failure carries the same error, and calls in flight end as AbortErrors: one error says it all.
      if (budget.failure) (errors as GraphQLError[]).splice(0, errors.length, budget.failure);
    },

    async willSendResponse({ response }) {
      if (response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      const failure = budget.failure;
      if (failure) {
        response.body.singleResult = {
          data: null,
          errors: [{ message: failure.message, extensions: extensionsOf(failure) }],
          ...(result.extensions ? { extensions: result.extensions } : {}),
        };
        response.http.status = failure.httpStatus;
      }
      if (context.reportUsage) {
        const report: BudgetReport = {
          itemsRead: budget.itemsRead,
          resolverCalls: budget.resolverCalls,
          responseBytes: budget.responseBytes,
          elapsedMs: Math.round((performance.now() - started) * 100) / 100,
          limits: budget.limits,
        };
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, budget: report };
      }
    },
  };
}

function extensionsOf(failure: RequestLimitError): Record<string, unknown> {
  return { code: failure.code, limit: failure.limit, max: failure.max };
}

type DidResolve = (error: Error | null, result?: unknown) => void;

type ValueKind = 'leaf' | 'list' | 'object';

/** What a field's type is, for the size count; computed once per type (the schema's types live as long as the server). */
const kinds = new WeakMap<GraphQLOutputType, ValueKind>();

function kindOf(type: GraphQLOutputType): ValueKind {
  let kind = kinds.get(type);
  if (kind === undefined) {
    const nullable = getNullableType(type);
    kind = isLeafType(getNamedType(nullable)) ? 'leaf' : isListType(nullable) ? 'list' : 'object';
    kinds.set(type, kind);
  }
  return kind;
}

/**
 * What adds the JSON size of a field's value once it is resolved: a leaf's
 * value (a string, a number, a JSON object), or the brackets and separators of
 * a list's items. Objects add nothing themselves: their fields count.
 */
function valueSizers(budget: RequestBudgetState): { leaf: DidResolve; list: DidResolve } {
  const check = () => {
    if (budget.responseBytes > budget.limits.maxResponseBytes) budget.fail(new RequestLimitError('maxResponseBytes', budget.limits.maxResponseBytes));
  };
  return {
    leaf: (error, result) => {
      if (!error) budget.responseBytes += jsonSize(result);
      check();
    },
    list: (error, result) => {
      if (!error && Array.isArray(result)) budget.responseBytes += 2 + 3 * result.length;
      check();
    },
  };
}

/** Length of a value as JSON (UTF-16 units, quotes included; close to its bytes). */
function jsonSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      return value === null ? 4 : (JSON.stringify(value)?.length ?? 4);
    default:
      return 4;
  }
}
