import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerValidationErrorCode } from '@apollo/server/errors';
import {
  GraphQLError,
  MaxIntrospectionDepthRule,
  specifiedRules,
  validate,
  ValuesOfCorrectTypeRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { GatewayError } from '../../db/gateway-error.js';
import { overLimit } from './limit-error.js';

/**
 * A validation rule whose errors are turned into others as it reports them
 * (the rule sees the context it was given in everything else).
 */
export function reportingAs(rule: ValidationRule, toError: (error: GraphQLError) => GraphQLError): ValidationRule {
  return (context) => {
    const reported: ValidationContext = Object.create(context, {
      reportError: { value: (error: GraphQLError) => context.reportError(toError(error)) },
    }) as ValidationContext;
    return rule(reported);
  };
}

/**
 * A literal the argument's type does not accept: an enum value that does not
 * exist, "ten" for an Int, null for a required value, a malformed DateTime
 * (our scalars raise a GatewayError already). The client sent a bad value,
 * BAD_USER_INPUT, as the same value in a variable is.
 */
function badValue(error: GraphQLError): GatewayError {
  if (error instanceof GatewayError) return error;
  const { code: _code, ...extensions } = error.extensions;
  return new GatewayError('BAD_USER_INPUT', error.message, extensions, { nodes: error.nodes });
}

/**
 * graphql-js's specified rules as the gateway runs them: the same rules in the
 * same order, except that ValuesOfCorrectTypeRule reports bad values as
 * BAD_USER_INPUT, and MaxIntrospectionDepthRule (introspection lists nested
 * three deep, `fields { type { fields ...`) is the maxIntrospectionDepth limit.
 */
export const GATEWAY_SPECIFIED_RULES: readonly ValidationRule[] = specifiedRules.map((rule) => {
  if (rule === ValuesOfCorrectTypeRule) return reportingAs(rule, badValue);
  if (rule === MaxIntrospectionDepthRule)
    return reportingAs(rule, (error) => overLimit('maxIntrospectionDepth', error.message, {}, { nodes: error.nodes }));
  return rule;
});

/** Codes Apollo's own validation rules (NoIntrospection when introspection is off) put on their errors. */
const APOLLO_RULE_CODES: ReadonlySet<unknown> = new Set(Object.values(ApolloServerValidationErrorCode));

/**
 * Validation with the gateway's error codes: when a document fails
 * validation, its errors are those of GATEWAY_SPECIFIED_RULES and `rules` (the
 * gateway's own, which Apollo ran too).
 *
 * Apollo always runs graphql-js's `specifiedRules` before the configured
 * `validationRules`, and offers no way to replace one of them
 * (@apollo/server's requestPipeline: `validate(schema, document,
 * [...specifiedRules, ...validationRules])`); turning validation off
 * altogether (`dangerouslyDisableValidation`) would leave no hook that can
 * answer with several errors. So a document that fails is validated again,
 * with the gateway's rules, and those errors take the place of Apollo's in the
 * list it then answers with (as GRAPHQL_VALIDATION_FAILED errors wrapping
 * them, HTTP 400; formatError answers the GatewayErrors inside by their code).
 * The errors of Apollo's own rules are kept. A valid document is validated
 * once, and Apollo caches it.
 */
export function validationErrorsPlugin<C extends BaseContext>(rules: readonly ValidationRule[]): ApolloServerPlugin<C> {
  const gatewayRules = [...GATEWAY_SPECIFIED_RULES, ...rules];
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ schema, document }) {
          // Apollo calls this without waiting for it, just before it answers with `errors`: it stays synchronous.
          return async (errors) => {
            if (!errors?.length) return;
            const apollos = errors.filter((error) => error instanceof GraphQLError && APOLLO_RULE_CODES.has(error.extensions.validationErrorCode));
            const ours = [...validate(schema, document, gatewayRules), ...apollos];
            // Never an empty list in place of a refusal (a rule Apollo runs that we do not know of).
            if (ours.length > 0) (errors as Error[]).splice(0, errors.length, ...ours);
          };
        },
      };
    },
  };
}
