import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { DEFAULT_TABLE_NAME } from '../entities/table.js';
import { authConfigFromEnv, type AuthConfig } from './auth/auth-config.js';

/** The repository root, found from this file whether it runs from src/ or dist/src/. */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export interface Config {
  /** Set: use this DynamoDB (real or already running); unset: start the embedded DynamoDB Local. */
  readonly dynamodbEndpoint: string | undefined;
  /** True when AWS settings point at real DynamoDB even without an endpoint. */
  readonly useAwsDynamoDb: boolean;
  readonly region: string;
  readonly tableName: string;
  /** Where the embedded DynamoDB Local keeps its database file. */
  readonly dataDir: string;
  /** The directory of CSVs that `npm start` and the admin mutation load. */
  readonly seedDataDir: string;
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
  readonly pointInTimeRecovery: boolean;
  /** Per-call limits: a dead database must give a fast, clear error, not a hung request. */
  readonly dynamodbConnectTimeoutMs: number;
  readonly dynamodbRequestTimeoutMs: number;
  /** SDK attempts per call (the first included), with exponential backoff. */
  readonly dynamodbMaxAttempts: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const useAwsDynamoDb = env.DYNAMODB_USE_AWS === 'true' || env.DYNAMODB_USE_AWS === '1';
  return {
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    useAwsDynamoDb,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    dataDir: path.resolve(PROJECT_ROOT, env.DATA_DIR || '.data'),
    seedDataDir: path.resolve(PROJECT_ROOT, env.SEED_DATA_DIR || 'seed/data'),
    port: parsePort(env.PORT),
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    auth: authConfigFromEnv(env),
    introspection: flag(env, 'INTROSPECTION', env.NODE_ENV !== 'production'),
    landingPage: flag(env, 'LANDING_PAGE', env.NODE_ENV !== 'production'),
    pointInTimeRecovery: env.POINT_IN_TIME_RECOVERY === 'true',
    dynamodbConnectTimeoutMs: positiveInt(env, 'DYNAMODB_CONNECT_TIMEOUT_MS', 1_000),
    dynamodbRequestTimeoutMs: positiveInt(env, 'DYNAMODB_REQUEST_TIMEOUT_MS', 5_000),
    dynamodbMaxAttempts: positiveInt(env, 'DYNAMODB_MAX_ATTEMPTS', 3),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
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
