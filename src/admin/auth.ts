import { createHash, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from '../graphql/errors.js';

/**
 * Checks `Authorization: Bearer <token>` against ADMIN_TOKEN. Digests are
 * compared with timingSafeEqual, so the comparison takes the same time whatever
 * the token (and whatever its length). No ADMIN_TOKEN: refused for everyone.
 */
export function assertAdmin(authorization: string | undefined, adminToken: string | undefined): void {
  if (!adminToken) {
    throw forbidden('this operation is disabled on this server: ADMIN_TOKEN is not set');
  }
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) throw unauthenticated('this operation needs the header Authorization: Bearer <admin token>');
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!timingSafeEqual(digest(match[1]!.trim()), digest(adminToken))) {
    throw forbidden('the bearer token is not the admin token');
  }
}
