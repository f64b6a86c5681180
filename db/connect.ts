import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DbConfig } from './config.js';
import type { Db } from './client.js';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded.js';

/**
 * The AWS SDK (client.ts) is loaded on first use, not when this module is: `npm
 * start` spawns DynamoDB Local's JVM first and loads the SDK, the server and
 * the schema while it boots (about a second of each on the project's machine).
 */
const client = () => import('./client.js');

export interface Connection {
  readonly db: Db;
  /** Where the data lives, for people: an endpoint URL or "AWS DynamoDB (region)". */
  readonly description: string;
  /** The embedded DynamoDB Local this process started, if it started one. */
  readonly embedded: EmbeddedDynamoDb | undefined;
  /**
   * Which database this is: the embedded DynamoDB Local this process started
   * (`embedded`), one another process of this project started on the same data
   * directory (`embedded-shared`), DYNAMODB_ENDPOINT (`endpoint`), or real
   * DynamoDB (`aws`). Only `embedded` is ours to fill with the sample.
   */
  readonly kind: 'embedded' | 'embedded-shared' | 'endpoint' | 'aws';
  close(): Promise<void>;
}

/** Written while an embedded DynamoDB Local runs, so that a second process (the seed CLI) reuses it. */
const ENDPOINT_FILE = 'endpoint.json';

/**
 * Connects to the DynamoDB the configuration names: DYNAMODB_ENDPOINT when set,
 * real DynamoDB when DYNAMODB_USE_AWS is set, otherwise the embedded DynamoDB
 * Local (reusing one another process of this project already runs on the same
 * data directory, since two JVMs must not share one database file).
 */
export async function connect(config: DbConfig, log: (line: string) => void = () => undefined): Promise<Connection> {
  const base = {
    region: config.region,
    tableName: config.tableName,
    connectionTimeoutMs: config.dynamodbConnectTimeoutMs,
    requestTimeoutMs: config.dynamodbRequestTimeoutMs,
    maxAttempts: config.dynamodbMaxAttempts,
  };
  if (config.dynamodbEndpoint) {
    const db = (await client()).createDb({ ...base, endpoint: config.dynamodbEndpoint });
    return { db, description: config.dynamodbEndpoint, embedded: undefined, kind: 'endpoint', close: async () => db.destroy() };
  }
  if (config.useAwsDynamoDb) {
    const db = (await client()).createDb(base);
    return { db, description: `AWS DynamoDB (${config.region})`, embedded: undefined, kind: 'aws', close: async () => db.destroy() };
  }

  const reused = await runningEmbedded(config.dataDir);
  if (reused) {
    log(`using the embedded DynamoDB Local already running at ${reused} (pid file ${path.join(config.dataDir, ENDPOINT_FILE)})`);
    const db = (await client()).createDb({ ...base, endpoint: reused });
    return { db, description: reused, embedded: undefined, kind: 'embedded-shared', close: async () => db.destroy() };
  }

  const dbDir = path.join(config.dataDir, 'dynamodb');
  log(`starting the embedded DynamoDB Local (data in ${dbDir}) ...`);
  const embedded = await startEmbeddedDynamoDb({ dataDir: dbDir });
  log(
    `embedded DynamoDB Local answers at ${embedded.endpoint} (java pid ${embedded.pid}; ` +
      `${embedded.loopbackOnly ? 'listening on 127.0.0.1 only' : 'WARNING: listening on every network interface'}` +
      `${embedded.sqlite ? `; SQLite ${embedded.sqlite}` : ''})`,
  );
  mkdirSync(config.dataDir, { recursive: true });
  const endpointFile = path.join(config.dataDir, ENDPOINT_FILE);
  writeFileSync(endpointFile, JSON.stringify({ endpoint: embedded.endpoint, pid: process.pid }));
  const db = (await client()).createDb({ ...base, endpoint: embedded.endpoint });
  return {
    db,
    description: `${embedded.endpoint} (embedded DynamoDB Local)`,
    embedded,
    kind: 'embedded',
    close: async () => {
      db.destroy();
      rmSync(endpointFile, { force: true });
      await embedded.stop();
    },
  };
}

async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  const file = path.join(dataDir, ENDPOINT_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const { endpoint, pid } = JSON.parse(readFileSync(file, 'utf8')) as { endpoint: string; pid: number };
    process.kill(pid, 0); // throws when the owner is gone
    const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    const probe = (await client()).createDb({ endpoint, region: 'us-east-1', tableName: '-', maxAttempts: 1, connectionTimeoutMs: 500 });
    try {
      await probe.client.send(new ListTablesCommand({ Limit: 1 }));
      return endpoint;
    } finally {
      probe.destroy();
    }
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
}
