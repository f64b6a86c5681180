/**
 * How callers are authenticated, from the environment:
 *  - AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE: bearer JWTs verified against an
 *    OIDC issuer's key set (all three are needed together);
 *  - AUTH_ROLES_CLAIM (default `roles`): the claim holding the roles, an array or
 *    a space-separated string; a dotted path reaches a nested claim
 *    (`realm_access.roles` for Keycloak);
 *  - AUTH_DISABLED=true: no authentication, an explicit choice (needed to run
 *    without AUTH_JWKS_URL when NODE_ENV=production);
 *  - ADMIN_TOKEN: a static bearer token that is an admin credential.
 */
export interface AuthConfig {
  readonly jwksUrl: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly rolesClaim: string;
  readonly disabled: boolean;
  readonly adminToken: string | undefined;
}

export const DEFAULT_ROLES_CLAIM = 'roles';

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || undefined,
    rolesClaim: env.AUTH_ROLES_CLAIM || DEFAULT_ROLES_CLAIM,
    disabled: env.AUTH_DISABLED === 'true',
    adminToken: env.ADMIN_TOKEN || undefined,
  };
}

/** True when bearer JWTs are required (an issuer is configured and auth is not disabled). */
export const authRequired = (config: AuthConfig) => !config.disabled && config.jwksUrl !== undefined;

/**
 * Refuses a configuration that would expose the gateway by mistake: production
 * without an issuer (unless AUTH_DISABLED=true says so), or an issuer without
 * the issuer and audience every token is checked against.
 */
export function assertAuthConfig(config: AuthConfig, production: boolean): void {
  if (config.jwksUrl && !config.disabled) {
    const missing = [!config.issuer && 'AUTH_ISSUER', !config.audience && 'AUTH_AUDIENCE'].filter(Boolean);
    if (missing.length)
      throw new Error(
        `AUTH_JWKS_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: every token's issuer and audience are checked`,
      );
    try {
      const url = new URL(config.jwksUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      throw new Error(`AUTH_JWKS_URL is not an http(s) URL: ${JSON.stringify(config.jwksUrl)}`);
    }
  }
  if (production && !config.jwksUrl && !config.disabled) {
    throw new Error(
      'NODE_ENV=production needs authentication: set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE (see README, "Security"), ' +
        'or set AUTH_DISABLED=true to run without it on purpose',
    );
  }
}
