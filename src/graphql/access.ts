import type { MiddlewareFn } from 'type-graphql';
import { atLeast, PERSONAL_DATA_ROLE, type Role } from '../auth/roles.js';
import type { GatewayContext } from './context.js';
import { forbidden } from '../../db/gateway-error.js';

/**
 * A field only `role` and above may read. For anyone else the field is null
 * with a FORBIDDEN error at its path, and the rest of the response is intact
 * (the field must be nullable; personal columns are).
 */
export function requireRole(role: Role): MiddlewareFn<GatewayContext> {
  return ({ context, info }, next) => {
    if (!atLeast(context.caller.role, role)) {
      throw forbidden(
        `${info.parentType.name}.${info.fieldName} is personal data: it needs the role ${role} or above (the caller is ${context.caller.role ?? 'without a role'})`,
      );
    }
    return next();
  };
}

/** Personal data: names, PNR, traveler id, nationality, profession, preferences, seat, SSR codes, notes. */
export const personalData = requireRole(PERSONAL_DATA_ROLE);

/** Whether the caller may read personal data. */
export const readsPersonalData = (context: GatewayContext) => atLeast(context.caller.role, PERSONAL_DATA_ROLE);

/**
 * The raw row (`attributes`) follows the same rule: an export can carry any
 * column, so for a caller without personal-data access it holds only the
 * columns known to be operational (declared, and not personal).
 */
export function operationalAttributes(operational: ReadonlySet<string>): MiddlewareFn<GatewayContext> {
  return async ({ context }, next) => {
    const attributes = (await next()) as Record<string, unknown>;
    if (readsPersonalData(context)) return attributes;
    return Object.fromEntries(Object.entries(attributes).filter(([column]) => operational.has(column)));
  };
}
