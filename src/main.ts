import 'reflect-metadata';
import path from 'node:path';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_STATS_KEY } from '../entities/index.js';
import { formatSeedReport } from '../seed/report.js';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';
import { loadConfig } from './config.js';
import { connect } from '../db/connect.js';
import { startGateway } from './server.js';
import { limitsFromEnv } from './graphql/limits.js';
import { assertAuthConfig } from './auth/auth-config.js';
import { httpLimitsFromEnv } from './http-limits.js';
import { createLogger } from './observability/logger.js';

// The SDK warns that releases after January 2027 need Node 22; the versions here are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm start`: connects to DynamoDB (starting the embedded DynamoDB Local unless
 * DYNAMODB_ENDPOINT or DYNAMODB_USE_AWS says otherwise), provisions the table,
 * loads the bundled sample when the table has never been seeded and is in the
 * embedded DynamoDB Local this process started (anywhere else it only says how
 * to seed it), and serves the GraphQL API.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const limits = limitsFromEnv();
  const httpLimits = httpLimitsFromEnv();
  // A configuration that would expose the data is refused before anything starts.
  assertAuthConfig(config.auth, config.production);
  const logger = createLogger();
  const log = (line: string) => logger.info(line);
  const connection = await connect(config, log);
  let stopping = false;
  const shutdown = async (signal: string, gatewayStop?: () => Promise<void>) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining requests and stopping`);
    await gatewayStop?.().catch(() => undefined);
    await connection.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  log(`DynamoDB: ${connection.description}, table ${config.tableName}`);
  const provision = await provisionTable(connection.db, { pointInTimeRecovery: config.pointInTimeRecovery });
  log(`table ${config.tableName}: ${provision.created ? 'created' : 'already there'}`);

  const { Item: stats } = await connection.db.doc.send(new GetCommand({ TableName: config.tableName, Key: TABLE_STATS_KEY }));
  if (!stats && connection.kind === 'embedded') {
    log(`table has never been seeded: loading the sample from ${config.seedDataDir}`);
    const report = await seed(connection.db, { dataDir: config.seedDataDir, pointInTimeRecovery: config.pointInTimeRecovery });
    // The summary table is for the person at the terminal.
    console.log(formatSeedReport(report));
  } else if (!stats) {
    // Someone else's database (DYNAMODB_ENDPOINT, real DynamoDB, or an embedded one another process started):
    // loading anything into it is for a person to decide.
    const { Items } = await connection.db.doc.send(new ScanCommand({ TableName: config.tableName, Limit: 1, ProjectionExpression: 'pk' }));
    const state = Items && Items.length > 0 ? 'has never been seeded (no seed stats item)' : 'is empty';
    logger.warn(
      `table ${config.tableName} at ${connection.description} ${state}. Nothing is loaded automatically into a ` +
        `database this process did not start; load an export with: npm run seed -- --data-dir <dir> ` +
        `(the bundled sample: npm run seed -- --data-dir ${path.relative(process.cwd(), config.seedDataDir) || '.'})`,
    );
  } else {
    const counts = Object.entries(stats.counts as Record<string, number>).map(([k, v]) => `${k} ${v}`);
    log(`table seeded at ${String(stats.seeded_at)}: ${counts.join(', ')}`);
  }

  const gateway = await startGateway(
    {
      db: connection.db,
      seedDataDir: config.seedDataDir,
      auth: config.auth,
      production: config.production,
      introspection: config.introspection,
      landingPage: config.landingPage,
      cursorSecret: process.env.CURSOR_SECRET || undefined,
      development: !config.production,
      limits,
      httpLimits,
      logger,
    },
    config.port,
    config.host,
  );
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void shutdown('SIGINT', gateway.stop));
  process.once('SIGTERM', () => void shutdown('SIGTERM', gateway.stop));
  log(`GraphQL API at ${gateway.url} (Apollo Sandbox: open it in a browser). Ctrl-C stops.`);
}

main().catch((error: unknown) => {
  // A start-up failure (no Java, a bad setting, a table with another key) is said plainly.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
