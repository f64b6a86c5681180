import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  type GraphQLError,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { cachedComplexity } from './cost-cache.js';
import { BUDGET_ENV, DEFAULT_BUDGET, type RequestBudget } from '../../db/budget.js';
import { budgetListener } from './budget-plugin.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../db/page.js';
import { listBound } from './list-bounds.js';
import { overLimit, type DocumentLimit } from './limit-error.js';
import { tokenLimitPlugin } from './token-limit.js';
import { validationErrorsPlugin } from './validation-errors.js';

/**
 * Limits on what one GraphQL document may ask (checked before it runs), and the
 * budget of running it (RequestBudget: enforced while it runs, db/budget.ts;
 * unset budget fields take DEFAULT_BUDGET). The defaults are far above what a
 * front end sends.
 */
export interface QueryLimits extends Partial<RequestBudget> {
  /** Nesting depth of data fields (the whole disruption view is 5); introspection has its own. */
  readonly maxDepth: number;
  /**
   * Nesting depth of introspection (`__schema`, `__type` and what is under
   * them). graphql-js's full introspection query is 15 deep (its TypeRef
   * fragment nests `ofType` nine times), over maxDepth: 20 leaves room for
   * tools that ask for a few more `ofType` levels.
   */
  readonly maxIntrospectionDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens in a document (the whole disruption view is about 600). */
  readonly maxTokens: number;
  readonly maxDirectives: number;
  /** Estimated cost of the data fields (see costEstimator); the deep flight query with 50 passengers is about 1,500. */
  readonly maxCost: number;
  /** "Did you mean ...?" hints leak the schema; off in production. */
  readonly fieldSuggestions: boolean;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxIntrospectionDepth: 20,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
  maxCost: 25_000,
  fieldSuggestions: true,
  ...DEFAULT_BUDGET,
};

/**
 * Limits from QUERY_MAX_DEPTH, QUERY_MAX_INTROSPECTION_DEPTH, QUERY_MAX_ALIASES,
 * QUERY_MAX_TOKENS, QUERY_MAX_DIRECTIVES, QUERY_MAX_COST and NODE_ENV, and the
 * request budget from REQUEST_TIMEOUT_MS, REQUEST_MAX_ITEMS,
 * REQUEST_MAX_RESOLVER_CALLS, REQUEST_MAX_RESPONSE_BYTES and PAGE_MAX_SCANNED.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const int = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
    return n;
  };
  return {
    maxDepth: int('QUERY_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
    maxIntrospectionDepth: int('QUERY_MAX_INTROSPECTION_DEPTH', DEFAULT_LIMITS.maxIntrospectionDepth),
    maxAliases: int('QUERY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
    maxTokens: int('QUERY_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
    maxDirectives: int('QUERY_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
    maxCost: int('QUERY_MAX_COST', DEFAULT_LIMITS.maxCost),
    fieldSuggestions: env.NODE_ENV !== 'production',
    requestTimeoutMs: int(BUDGET_ENV.requestTimeoutMs, DEFAULT_BUDGET.requestTimeoutMs),
    maxItemsRead: int(BUDGET_ENV.maxItemsRead, DEFAULT_BUDGET.maxItemsRead),
    maxResolverCalls: int(BUDGET_ENV.maxResolverCalls, DEFAULT_BUDGET.maxResolverCalls),
    maxResponseBytes: int(BUDGET_ENV.maxResponseBytes, DEFAULT_BUDGET.maxResponseBytes),
    maxScannedPerPage: int(BUDGET_ENV.maxScannedPerPage, DEFAULT_BUDGET.maxScannedPerPage),
  };
}

/**
 * Cost of a field: 1 plus its children, times the number of items it can return.
 * A field with `first` returns up to `first` items (a connection: its `nodes`
 * are then not counted again); another list counts the items its relation can
 * hold (LIST_BOUNDS in list-bounds.ts: a flight's bookings 600, its crew 40, a
 * passenger's bags 10 ...), so nested lists multiply by real sizes. So
 * `passengers(first: 100) { nodes { flight { passengers(first: 100) ... } } }`
 * costs 100 x 100 x ...: nested pages multiply, which is what they do to the
 * database, and `flight { bookings { flight { bookings { ... } } } }` costs
 * 600 x 600 x ...
 *
 * Meta fields (`__schema`, `__type`, `__typename`) cost nothing, and neither does
 * anything under them: they are answered from the schema in memory, never from
 * DynamoDB, and priced as data (a list counted as a hundred items, nested
 * lists multiplying) the standard introspection query costs about 50,000 and
 * was refused, so no tool (Sandbox, codegen, IDE plugins) could read the schema.
 * Introspection is bounded by depth instead (depthLimitRule, and graphql-js's
 * own MaxIntrospectionDepthRule). A document mixing both pays for its data part.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Names starting with `__` are reserved for introspection (so never a field of ours).
  if (field.name.startsWith('__')) return 0;
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return 1 + first * childComplexity;
  }
  // A connection's `nodes` were counted by its `first`.
  if (isListType(getNullableType(field.type)) && field.name !== 'nodes') return 1 + listBound(getNamedType(type).name, field.name) * childComplexity;
  return 1 + childComplexity;
};

/** Introspection fields: they and everything under them are introspection. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

interface Depths {
  /** Deepest path of data fields (`__typename` included, as graphql-armor counted it). */
  readonly data: number;
  /** Deepest path through `__schema` or `__type`, counted from the operation (so `__schema` is 1). */
  readonly introspection: number;
}

const NONE: Depths = { data: 0, introspection: 0 };

/**
 * Depths below a selection set, counting fields only: fragments (named or
 * inline) add no level, so how a client factors a query does not change its
 * depth. A fragment's depths are computed once per document (and per side:
 * inside introspection or not); a cycle is cut here and refused by graphql-js's
 * NoFragmentCyclesRule.
 */
function depthsOf(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  inIntrospection: boolean,
  memo: Map<string, Depths>,
  active: Set<string>,
): Depths {
  let data = 0;
  let introspection = 0;
  for (const selection of selectionSet.selections) {
    let child: Depths;
    if (selection.kind === Kind.FIELD) {
      const intro = inIntrospection || INTROSPECTION_ROOTS.has(selection.name.value);
      const below = selection.selectionSet ? depthsOf(context, selection.selectionSet, intro, memo, active) : NONE;
      child = intro
        ? { data: 0, introspection: 1 + below.introspection }
        : { data: 1 + below.data, introspection: below.introspection > 0 ? 1 + below.introspection : 0 };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      child = depthsOf(context, selection.selectionSet, inIntrospection, memo, active);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // An unknown fragment is refused by KnownFragmentNamesRule, a cycle by NoFragmentCyclesRule.
      if (!fragment || active.has(name)) continue;
      const key = `${inIntrospection ? 'i' : 'd'}:${name}`;
      let depths = memo.get(key);
      if (!depths) {
        active.add(name);
        depths = depthsOf(context, fragment.selectionSet, inIntrospection, memo, active);
        active.delete(name);
        memo.set(key, depths);
      }
      child = depths;
    }
    data = Math.max(data, child.data);
    introspection = Math.max(introspection, child.introspection);
  }
  return { data, introspection };
}

/**
 * Depth limits, one for data and one for introspection. Introspection is
 * measured apart because the standard introspection query is legitimately
 * deeper than any data query (15: `ofType` nested nine times to unwrap types
 * like `[String!]!`), and graphql-armor's maxDepth, which this replaces, skipped
 * `__schema` altogether (unbounded) while counting `__type` as data. The
 * introspection bound keeps `__type { fields { type { ofType ... } } } }`
 * chains short; graphql-js's MaxIntrospectionDepthRule (in the specified rules)
 * additionally refuses `fields`/`interfaces`/`possibleTypes`/`inputFields`
 * nested three deep, which is what would make an introspection answer grow
 * exponentially (GATEWAY_SPECIFIED_RULES reports it as this limit). The
 * messages keep graphql-armor's wording.
 */
export function depthLimitRule(limits: Pick<QueryLimits, 'maxDepth' | 'maxIntrospectionDepth'>): ValidationRule {
  return (context) => {
    const memo = new Map<string, Depths>();
    return {
      OperationDefinition(operation) {
        const { data, introspection } = depthsOf(context, operation.selectionSet, false, memo, new Set());
        if (data > limits.maxDepth) {
          context.reportError(overLimit('maxDepth', `Query depth limit of ${limits.maxDepth} exceeded, found ${data}.`, {}, { nodes: [operation] }));
        }
        if (introspection > limits.maxIntrospectionDepth) {
          context.reportError(
            overLimit(
              'maxIntrospectionDepth',
              `Introspection depth limit of ${limits.maxIntrospectionDepth} exceeded, found ${introspection}.`,
              {},
              { nodes: [operation] },
            ),
          );
        }
      },
    };
  };
}

/** graphql-armor words each refusal as a syntax error ("Syntax Error: Aliases limit of 30 exceeded, found 60."): it is a limit. */
const ARMOR_PREFIX = 'Syntax Error: ';

/**
 * How an armor rule refuses a document: it reports the limit, as a GatewayError,
 * to the validation (instead of armor's own untyped error).
 */
function reportedAs(limit: DocumentLimit) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = error.message.startsWith(ARMOR_PREFIX) ? error.message.slice(ARMOR_PREFIX.length) : error.message;
        context?.reportError(overLimit(limit, message));
      },
    ],
  };
}

/**
 * Everything that refuses a document before it runs, each refusal a
 * BAD_USER_INPUT GatewayError with `extensions.limit`: graphql-armor (aliases,
 * directives and field suggestions; its cost limit is replaced by
 * costLimitPlugin, its depth limit by depthLimitRule, its token limit by the
 * parser's, which tokenLimitPlugin reports), depthLimitRule, and
 * validationErrorsPlugin, which gives graphql-js's own validation errors the
 * gateway's codes.
 */
export function armorProtection(limits: QueryLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { enabled: false },
    maxAliases: { n: limits.maxAliases, ...reportedAs('maxAliases') },
    // Tokens are limited by the parser itself (parseOptions.maxTokens): it stops reading early.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, ...reportedAs('maxDirectives') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  }).protect();
  const validationRules = [...armor.validationRules, depthLimitRule(limits)];
  return {
    plugins: [
      // armor's typings name the CommonJS build of @apollo/server; the plugin objects are the same.
      ...(armor.plugins as unknown as ApolloServerPlugin[]),
      validationErrorsPlugin(validationRules),
      tokenLimitPlugin(limits.maxTokens),
    ],
    validationRules,
  };
}

/**
 * The limits of a request once its document is parsed and validated:
 *
 * - its estimated cost: over `maxCost`, the operation is refused after parsing
 *   and validation and before any resolver runs (so before any DynamoDB call).
 *   A plugin rather than a validation rule because the cost depends on
 *   variables;
 * - its budget while it runs (budget-plugin.ts): fields resolved, response
 *   bytes and the deadline, checked at every field, with the DynamoDB side
 *   (items read, abort) in the request's usage scope. Over it, the response is
 *   one REQUEST_BUDGET_EXCEEDED or REQUEST_TIMEOUT error.
 */
export function costLimitPlugin<C extends BaseContext>(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const budget = budgetListener(contextValue);
      return {
        ...budget,
        async didResolveOperation(requestContext) {
          await budget.didResolveOperation?.(requestContext);
          const { request, document } = requestContext;
          let cost: number;
          try {
            cost = cachedComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [costEstimator],
            });
          } catch {
            // Variables that do not coerce: execution refuses them as BAD_USER_INPUT
            // before any resolver runs, so there is nothing to cost.
            return;
          }
          if (cost > maxCost) {
            const message = `query cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages (\`first\`) or fewer nested lists`;
            throw overLimit('maxCost', message, { cost, maxCost, http: { status: 400 } });
          }
        },
      };
    },
  };
}
