import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { GatewayError } from '../../db/gateway-error.js';
import { overLimit } from './limit-error.js';

/**
 * Where the first token past `maxTokens` starts, or undefined when the document
 * has no more than `maxTokens` tokens (counted as graphql-js's parser counts
 * them: comments are not tokens). Reads no further than that token; a lexical
 * error before it means the document is not over the limit (its syntax error
 * stands).
 */
export function tokenPastLimit(source: Source, maxTokens: number): number | undefined {
  const lexer = new Lexer(source);
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++count > maxTokens) return token.start;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * The token limit (QUERY_MAX_TOKENS) as a BAD_USER_INPUT refusal with
 * `extensions.limit: 'maxTokens'`.
 *
 * graphql-js's parser enforces the limit (Apollo's `parseOptions.maxTokens`),
 * so that a huge document is never read to its end, but it reports it as just
 * another syntax error (GRAPHQL_PARSE_FAILED), and Apollo offers no hook
 * before parsing whose error reaches the client as a GraphQL answer (a throw
 * there is a 500). So when parsing fails, this plugin counts the document's
 * tokens itself (again stopping at the limit), and if it is over the limit,
 * the answer is the limit instead of the syntax error. A valid document within
 * the limit costs nothing: it is only counted when it does not parse.
 */
export function tokenLimitPlugin<C extends BaseContext>(maxTokens: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      let refusal: GatewayError | undefined;
      return {
        async parsingDidStart({ source }) {
          // Apollo calls this without waiting for it, before it answers the parse error: it stays synchronous.
          return async (error) => {
            if (!error) return;
            const document = new Source(source);
            const position = tokenPastLimit(document, maxTokens);
            if (position === undefined) return;
            refusal = overLimit(
              'maxTokens',
              `Document contains more than ${maxTokens} tokens. Parsing aborted.`,
              { http: { status: 400 } },
              { source: document, positions: [position] },
            );
          };
        },
        async didEncounterErrors({ errors }) {
          // The one parse error, in the list Apollo answers with.
          if (refusal) (errors as GraphQLError[]).splice(0, errors.length, refusal);
        },
      };
    },
  };
}
