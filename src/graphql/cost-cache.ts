import { visit, type ASTNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';

/**
 * The arguments whose values the cost estimate reads (limits.ts's
 * costEstimator: a list's cost is its `first`). A variable used anywhere else
 * (an id, a filter) does not change the cost, so it is not part of the cache key.
 */
export const COST_ARGUMENTS: ReadonlySet<string> = new Set(['first']);

/** Costs kept per document: one per distinct value of its cost variables (page sizes), at most this many. */
const MAX_COSTS_PER_DOCUMENT = 256;

interface DocumentCosts {
  /** Variables the cost depends on: those in a COST_ARGUMENTS argument or in a directive (@include, @skip). */
  readonly costVariables: readonly string[];
  readonly costs: Map<string, number>;
}

const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentCosts>>();

/**
 * getComplexity, computed once per document and per value of the variables the
 * cost depends on. Apollo Server keeps each parsed and validated document
 * (its documentStore), so the same query text comes back as the same
 * DocumentNode, and a front end's `passenger(passengerId: $id)` is costed once,
 * not on every request. Anything getComplexity throws (variables that do not
 * coerce) is thrown again on every call: only costs are kept.
 */
export function cachedComplexity(options: Parameters<typeof getComplexity>[0]): number {
  let documents = bySchema.get(options.schema);
  if (!documents) bySchema.set(options.schema, (documents = new WeakMap()));
  let entry = documents.get(options.query);
  if (!entry) documents.set(options.query, (entry = { costVariables: costVariablesOf(options.query), costs: new Map() }));
  const variables: Record<string, unknown> = options.variables ?? {};
  const key = JSON.stringify([options.operationName ?? null, ...entry.costVariables.map((name) => variables[name] ?? null)]);
  const cached = entry.costs.get(key);
  if (cached !== undefined) return cached;
  const cost = getComplexity(options);
  if (entry.costs.size < MAX_COSTS_PER_DOCUMENT) entry.costs.set(key, cost);
  return cost;
}

/** Names of the variables used in a cost argument (at any depth of its value) or in any directive's arguments. */
function costVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Argument(argument) {
      if (COST_ARGUMENTS.has(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      for (const argument of directive.arguments ?? []) collect(argument.value);
    },
    VariableDefinition() {
      // A definition names a variable; it does not use it.
      return false;
    },
  });
  return [...names].sort();
}
