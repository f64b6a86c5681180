import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getNullableType, GraphQLError, isListType, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.js';

/** Limits on what one GraphQL document may ask; the defaults are far above what a front end sends. */
export interface QueryLimits {
  /** Nesting depth of fields (the whole disruption view is 5). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens in a document (the whole disruption view is about 600). */
  readonly maxTokens: number;
  readonly maxDirectives: number;
  /** Estimated cost (see costEstimator); the deep flight query with 50 passengers is about 1,500. */
  readonly maxCost: number;
  /** "Did you mean ...?" hints leak the schema; off in production. */
  readonly fieldSuggestions: boolean;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
  maxCost: 25_000,
  fieldSuggestions: true,
};

/** Limits from QUERY_MAX_DEPTH, QUERY_MAX_ALIASES, QUERY_MAX_TOKENS, QUERY_MAX_DIRECTIVES, QUERY_MAX_COST and NODE_ENV. */
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
    maxAliases: int('QUERY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
    maxTokens: int('QUERY_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
    maxDirectives: int('QUERY_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
    maxCost: int('QUERY_MAX_COST', DEFAULT_LIMITS.maxCost),
    fieldSuggestions: env.NODE_ENV !== 'production',
  };
}

/** A list without `first` (a flight's crew, say) is estimated at this many items. */
export const LIST_FANOUT = 10;

/**
 * Cost of a field: 1 plus its children, times the number of items it can return.
 * A field with `first` returns up to `first` items (a connection: its `nodes`
 * are then not counted again); another list counts LIST_FANOUT. So
 * `passengers(first: 100) { nodes { flight { passengers(first: 100) ... } } }`
 * costs 100 x 100 x ...: nested pages multiply, which is what they do to the
 * database.
 */
export const costEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return 1 + first * childComplexity;
  }
  // A connection's `nodes` were counted by its `first`.
  if (isListType(getNullableType(field.type)) && field.name !== 'nodes') return 1 + LIST_FANOUT * childComplexity;
  return 1 + childComplexity;
};

/** graphql-armor: depth, aliases, tokens, directives and field suggestions (its own cost limit is replaced by ours). */
export function armorProtection(limits: QueryLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const reject = (_limit: string) => ({});
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reject('maxDepth') },
    maxAliases: { n: limits.maxAliases, ...reject('maxAliases') },
    // Tokens are limited by the parser itself (parseOptions.maxTokens): it stops reading early.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, ...reject('maxDirectives') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  }).protect();
  // armor's typings name the CommonJS build of @apollo/server; the plugin objects are the same.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}

/**
 * Rejects an operation whose estimated cost is over the limit, after parsing and
 * validation and before any resolver runs (so before any DynamoDB call). Runs as
 * a plugin rather than a validation rule because the cost depends on variables.
 */
export function costLimitPlugin<C extends BaseContext>(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName ?? undefined, estimators: [costEstimator] });
          } catch {
            // Variables that do not coerce: execution refuses them as BAD_USER_INPUT
            // before any resolver runs, so there is nothing to cost.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages (\`first\`) or fewer nested lists`, {
              extensions: { code: 'BAD_USER_INPUT', limit: 'maxCost', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Which limit an error message reports (armor's rules and the parser's token limit), if any. */
export function limitOf(message: string): string | undefined {
  if (/depth limit of \d+ exceeded/i.test(message)) return 'maxDepth';
  if (/aliases limit of \d+ exceeded/i.test(message)) return 'maxAliases';
  if (/directives limit of \d+ exceeded/i.test(message)) return 'maxDirectives';
  if (/contains more th(?:an|at) \d+ tokens|token limit of \d+/i.test(message)) return 'maxTokens';
  return undefined;
}
