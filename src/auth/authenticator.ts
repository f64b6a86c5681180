import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { authRequired, type AuthConfig } from './auth-config.js';
import type { Caller } from './caller.js';
import { highestRole, ROLES, type Role } from './roles.js';

/** Why a request is not authenticated; the message is written for the client. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/** An authenticated caller that holds none of the gateway's roles. */
export class NoRoleError extends Error {
  readonly code = 'FORBIDDEN';
}

/**
 * Only asymmetric signatures: `alg: none` and HMAC (HS256 ...) tokens are
 * refused, because an HMAC key is a shared secret that anyone holding the
 * issuer's public material must never be able to sign with.
 */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Clock skew tolerated on `exp` and `nbf`, seconds. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** The role of every caller when authentication is off (development, or AUTH_DISABLED=true). */
export const OPEN_MODE_ROLE: Role = 'duty_manager';

/**
 * Recognises the caller of a request from its Authorization header:
 *  1. `Bearer <ADMIN_TOKEN>` (compared in constant time): an admin;
 *  2. with an issuer configured: a JWT verified against its key set (signature,
 *     `exp`, `nbf`, issuer, audience), roles from AUTH_ROLES_CLAIM;
 *  3. with authentication off: an anonymous caller with OPEN_MODE_ROLE.
 * A missing, expired or invalid token, when one is required, is an
 * AuthenticationError.
 */
export class Authenticator {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(readonly config: AuthConfig) {
    // The key set is fetched on first use and cached; an unknown `kid` refetches it (rotation).
    this.jwks = authRequired(config) ? createRemoteJWKSet(new URL(config.jwksUrl!), { timeoutDuration: 5_000 }) : undefined;
  }

  /** True when every request needs a valid token. */
  get required(): boolean {
    return this.jwks !== undefined;
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    const token = bearerToken(authorization);
    if (token !== undefined && this.config.adminToken && sameSecret(token, this.config.adminToken)) {
      return { sub: 'admin-token', role: 'admin', via: 'admin-token' };
    }
    if (!this.jwks) return { sub: 'anonymous', role: OPEN_MODE_ROLE, via: 'auth-disabled' };
    if (authorization === undefined || authorization.trim() === '')
      throw new AuthenticationError('this gateway needs the header Authorization: Bearer <token>');
    if (token === undefined) throw new AuthenticationError('the Authorization header is not of the form Bearer <token>');
    const payload = await this.verify(token);
    const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
    if (!sub) throw new AuthenticationError('the token has no sub claim');
    const role = highestRole(rolesOf(payload, this.config.rolesClaim));
    if (!role) throw new NoRoleError(`the token carries none of the roles ${ROLES.join(', ')} in its ${this.config.rolesClaim} claim`);
    return { sub, role, via: 'jwt' };
  }

  // Private: jose's verification, its failures said plainly (never the token itself).
  private async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.jwks!, {
        issuer: this.config.issuer!,
        audience: this.config.audience!,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      throw new AuthenticationError(`the token is not valid: ${reasonOf(error)}`);
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `claim ${error.claim} ${error.reason === 'check_failed' ? 'does not match' : error.reason}`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its signature algorithm is not allowed (asymmetric algorithms only)';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of the issuer's key set matches it";
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return "the issuer's key set cannot be read";
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'it is not a well-formed signed JWT';
  return 'it cannot be verified';
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

/** Constant-time comparison of two secrets of any length (their digests are compared). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The roles in a claim: an array of strings or a space-separated string; a dotted name reaches into objects. */
export function rolesOf(payload: JWTPayload, claim: string): string[] {
  let value: unknown = payload[claim];
  if (value === undefined && claim.includes('.')) {
    value = claim
      .split('.')
      .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), payload);
  }
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
