import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { formatSeedReport } from '../seed/report.js';
import { seed } from '../seed/seed.js';
import { provisionTable } from '../seed/provision.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_STATS_KEY } from '../entities/index.js';

/**
 * `npm start`: connects to DynamoDB (starting the embedded DynamoDB Local unless
 * DYNAMODB_ENDPOINT or DYNAMODB_USE_AWS says otherwise), provisions the table, and
 * loads the bundled sample when the table has never been seeded.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const connection = await connect(config, log);
  const shutdown = async (signal: string) => {
    log(`${signal}: stopping`);
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
    log(`table is empty: loading the sample from ${config.seedDataDir}`);
    const report = await seed(connection.db, { dataDir: config.seedDataDir, pointInTimeRecovery: config.pointInTimeRecovery });
    log(formatSeedReport(report));
  } else {
    log(`table already seeded at ${String(stats.seeded_at)}: ${Object.entries(stats.counts as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  log('ready (the GraphQL server arrives with the next issue); Ctrl-C stops the embedded DynamoDB.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
