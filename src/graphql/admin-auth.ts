import { atLeast } from '../auth/roles.js';
import type { GatewayContext } from './context.js';
import { forbidden, unauthenticated } from '../../db/gateway-error.js';

/**
 * Administrative operations need the admin role: `Bearer <ADMIN_TOKEN>`, or a
 * token of the issuer with the role admin. Without either on the server, they
 * are refused for everyone.
 */
export function assertAdmin(ctx: Pick<GatewayContext, 'caller' | 'bearerSent' | 'adminPossible'>): void {
  if (atLeast(ctx.caller.role, 'admin')) return;
  if (!ctx.adminPossible) throw forbidden('this operation is disabled on this server: ADMIN_TOKEN is not set and no issuer is configured');
  if (!ctx.bearerSent) throw unauthenticated('this operation needs the header Authorization: Bearer <admin token>');
  throw forbidden(
    ctx.caller.via === 'jwt' ? `this operation needs the role admin (the caller is ${ctx.caller.role})` : 'the bearer token is not the admin token',
  );
}
