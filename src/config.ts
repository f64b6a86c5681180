import { authConfigFromEnv, type AuthConfig } from './auth/auth-config.js';
import { loadDbConfig, type DbConfig } from '../db/config.js';

export { PROJECT_ROOT } from '../db/config.js';

export interface Config extends DbConfig {
  readonly port: number;
  /** Address the API listens on: loopback unless HOST says otherwise (an explicit choice). */
  readonly host: string;
  /** NODE_ENV=production: authentication required, introspection and the Sandbox off by default. */
  readonly production: boolean;
  /** Who may call (README, "Security"). */
  readonly auth: AuthConfig;
  /** INTROSPECTION=true|false (default: on outside production). */
  readonly introspection: boolean;
  /** LANDING_PAGE=true|false: the Apollo Sandbox at /graphql (default: on outside production). */
  readonly landingPage: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    ...loadDbConfig(env),
    port: parsePort(env.PORT),
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    auth: authConfigFromEnv(env),
    introspection: flag(env, 'INTROSPECTION', env.NODE_ENV !== 'production'),
    landingPage: flag(env, 'LANDING_PAGE', env.NODE_ENV !== 'production'),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

function parsePort(value: string | undefined): number {
  if (!value) return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}
