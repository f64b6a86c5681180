import type { RequestBudget } from '../../db/budget.js';
import { GatewayError, type GatewayErrorLocation } from '../../db/gateway-error.js';
import type { QueryLimits } from './limits.js';

/** A limit on what a document may ask (QueryLimits without the run-time budget and the suggestions switch). */
export type DocumentLimit = Exclude<keyof QueryLimits, keyof RequestBudget | 'fieldSuggestions'>;

/**
 * A document over one of its limits (README, "Limits on what a query may ask"):
 * BAD_USER_INPUT, with `extensions.limit` naming the limit. Raised by the rule
 * or plugin that measured it, so nothing downstream reads the message.
 */
export function overLimit(
  limit: DocumentLimit,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
  location: GatewayErrorLocation = {},
): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message, { limit, ...extensions }, location);
}
