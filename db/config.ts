import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { DEFAULT_TABLE_NAME } from '../entities/table.js';

/** The repository root, found from this file whether it runs from db/ or dist/db/. */
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

/** Where the data lives and how to reach it: what the seed, the CLI and the server share. */
export interface DbConfig {
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
  readonly pointInTimeRecovery: boolean;
  /** Per-call limits: a dead database must give a fast, clear error, not a hung request. */
  readonly dynamodbConnectTimeoutMs: number;
  readonly dynamodbRequestTimeoutMs: number;
  /** SDK attempts per call (the first included), with exponential backoff. */
  readonly dynamodbMaxAttempts: number;
}

export function loadDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return {
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    useAwsDynamoDb: env.DYNAMODB_USE_AWS === 'true' || env.DYNAMODB_USE_AWS === '1',
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    dataDir: path.resolve(PROJECT_ROOT, env.DATA_DIR || '.data'),
    seedDataDir: path.resolve(PROJECT_ROOT, env.SEED_DATA_DIR || 'seed/data'),
    pointInTimeRecovery: env.POINT_IN_TIME_RECOVERY === 'true',
    dynamodbConnectTimeoutMs: positiveInt(env, 'DYNAMODB_CONNECT_TIMEOUT_MS', 1_000),
    dynamodbRequestTimeoutMs: positiveInt(env, 'DYNAMODB_REQUEST_TIMEOUT_MS', 5_000),
    dynamodbMaxAttempts: positiveInt(env, 'DYNAMODB_MAX_ATTEMPTS', 3),
  };
}

/** A positive integer setting, or a clear error naming it and its value. */
export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}
