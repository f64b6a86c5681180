import type { Role } from './roles.js';

/** Who sent a request, as far as the gateway knows. */
export interface Caller {
  /** The token's `sub`; `admin-token` for ADMIN_TOKEN; `anonymous` when auth is off. */
  readonly sub: string;
  /** The caller's highest role; undefined for a token that carries none of ours. */
  readonly role: Role | undefined;
  /** How the caller was recognised. */
  readonly via: 'jwt' | 'admin-token' | 'auth-disabled';
}
