import 'reflect-metadata';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_STATS_KEY } from '../entities/index.js';
import { formatSeedReport } from '../seed/report.js';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { startGateway } from './server.js';
import { limitsFromEnv } from './graphql/limits.js';
import { createLogger } from './observability/logger.js';

// The SDK warns that releases after January 2027 need Node 22; the versions here are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm start`: connects to DynamoDB (starting the embedded DynamoDB Local unless
 * DYNAMODB_ENDPOINT or DYNAMODB_USE_AWS says otherwise), provisions the table,
 * loads the bundled sample when the table has never been seeded, and serves the
 * GraphQL API.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const limits = limitsFromEnv();
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
  if (!stats) {
    log(`table has never been seeded: loading the sample from ${config.seedDataDir}`);
    const report = await seed(connection.db, { dataDir: config.seedDataDir, pointInTimeRecovery: config.pointInTimeRecovery });
    // The summary table is for the person at the terminal.
    console.log(formatSeedReport(report));
  } else {
    const counts = Object.entries(stats.counts as Record<string, number>).map(([k, v]) => `${k} ${v}`);
    log(`table seeded at ${String(stats.seeded_at)}: ${counts.join(', ')}`);
  }

  const gateway = await startGateway(
    {
      db: connection.db,
      seedDataDir: config.seedDataDir,
      adminToken: process.env.ADMIN_TOKEN || undefined,
      cursorSecret: process.env.CURSOR_SECRET || undefined,
      development: process.env.NODE_ENV !== 'production',
      limits,
      logger,
    },
    config.port,
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
