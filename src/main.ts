import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from './config.js';
import { connect } from '../db/connect.js';
import type { Gateway } from './server.js';
import type { StartupLoad } from './admin/startup-load.js';
import type { SeedReport } from '../seed/seed.js';
import { assertAuthConfig } from './auth/auth-config.js';
import { httpLimitsFromEnv } from './http-limits.js';
import { createLogger } from './observability/logger.js';

// The SDK warns that releases after January 2027 need Node 22; the versions here are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm start`: connects to DynamoDB (starting the embedded DynamoDB Local unless
 * DYNAMODB_ENDPOINT or DYNAMODB_USE_AWS says otherwise), provisions the table,
 * and serves the GraphQL API. When the table has never been seeded and is in
 * the embedded DynamoDB Local this process started, it then loads the bundled
 * sample in the background (anywhere else it only says how to seed it): the
 * API answers at once, from what is loaded so far, /health/ready answers 503
 * with the progress until the load is done, and the log says how far it is and
 * when it is ready.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const httpLimits = httpLimitsFromEnv();
  // A configuration that would expose the data is refused before anything starts.
  assertAuthConfig(config.auth, config.production);
  const logger = createLogger();
  const log = (line: string) => logger.info(line);
  // DynamoDB Local's JVM is spawned first; the server's modules load and its schema is built while it boots.
  const connecting = connect(config, log);
  // Awaited below, after the modules: a failure meanwhile (no Java) must not count as unhandled.
  connecting.catch(() => undefined);
  const modules = serverModules();
  const {
    startGateway,
    configuredGatewayOptions,
    StartupLoad,
    limitsFromEnv,
    provisionTable,
    formatSeedReport,
    TABLE_STATS_KEY,
    GetCommand,
    ScanCommand,
  } = await modules;
  const limits = limitsFromEnv();
  const connection = await connecting;
  /** Set when this start loads the sample (an empty table in the embedded DynamoDB Local it started). */
  let startupLoad: StartupLoad | undefined;
  let stopping = false;
  const shutdown = async (signal: string, gatewayStop?: () => Promise<void>) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining requests and stopping`);
    if (startupLoad?.loading) {
      log("the sample load is interrupted: the next npm start completes it (after waiting up to a minute for this run's seed lock to expire)");
    }
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
  if (!stats && connection.kind === 'embedded') startupLoad = new StartupLoad(config.seedDataDir);
  if (!stats && !startupLoad) {
    // Someone else's database (DYNAMODB_ENDPOINT, real DynamoDB, or an embedded one another process started):
    // loading anything into it is for a person to decide.
    const { Items } = await connection.db.doc.send(new ScanCommand({ TableName: config.tableName, Limit: 1, ProjectionExpression: 'pk' }));
    const state = Items && Items.length > 0 ? 'has never been seeded (no seed stats item)' : 'is empty';
    logger.warn(
      `table ${config.tableName} at ${connection.description} ${state}. Nothing is loaded automatically into a ` +
        `database this process did not start; load an export with: npm run seed -- --data-dir <dir> ` +
        `(the bundled sample: npm run seed -- --data-dir ${path.relative(process.cwd(), config.seedDataDir) || '.'})`,
    );
  } else if (stats) {
    const counts = Object.entries(stats.counts as Record<string, number>).map(([k, v]) => `${k} ${v}`);
    log(`table seeded at ${String(stats.seeded_at)}: ${counts.join(', ')}`);
  }

  const gateway = await startGateway(
    { ...configuredGatewayOptions(config, connection.db, logger, limits, httpLimits), ...(startupLoad ? { startupLoad } : {}) },
    config.port,
    config.host,
  );
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void shutdown('SIGINT', gateway.stop));
  process.once('SIGTERM', () => void shutdown('SIGTERM', gateway.stop));
  log(`GraphQL API at ${gateway.url} (Apollo Sandbox: open it in a browser). Ctrl-C stops.`);
  if (startupLoad) void loadSample(startupLoad, gateway, logger, formatSeedReport);
}

/**
 * What `npm start` needs once the database answers, loaded (and the schema
 * built) while DynamoDB Local's JVM starts, rather than before it is spawned:
 * about a second of module loading on the project's machine, several when it
 * is busy.
 */
async function serverModules() {
  const [server, schema, limits, startup, provision, report, entities, documents] = await Promise.all([
    import('./server.js'),
    import('./graphql/schema.js'),
    import('./graphql/limits.js'),
    import('./admin/startup-load.js'),
    import('../seed/provision.js'),
    import('../seed/report.js'),
    import('../entities/index.js'),
    import('@aws-sdk/lib-dynamodb'),
  ]);
  await schema.gatewaySchema();
  return {
    startGateway: server.startGateway,
    configuredGatewayOptions: server.configuredGatewayOptions,
    StartupLoad: startup.StartupLoad,
    limitsFromEnv: limits.limitsFromEnv,
    provisionTable: provision.provisionTable,
    formatSeedReport: report.formatSeedReport,
    TABLE_STATS_KEY: entities.TABLE_STATS_KEY,
    GetCommand: documents.GetCommand,
    ScanCommand: documents.ScanCommand,
  };
}

/**
 * The start-up load of the sample, in the background: progress in the log every
 * two seconds, the seed's summary table at the end, then "ready" (or what went
 * wrong, and how to complete it).
 */
async function loadSample(
  load: StartupLoad,
  gateway: Gateway,
  logger: ReturnType<typeof createLogger>,
  formatSeedReport: (report: SeedReport) => string,
): Promise<void> {
  const { rowsTotal, entitiesTotal } = load.progress();
  logger.info(
    `table has never been seeded: loading the sample from ${load.dataDir} (${rowsTotal.toLocaleString('en-US')} rows in ${entitiesTotal} files) ` +
      `in the background. Queries answer meanwhile, from what is loaded so far; /health/ready answers 503 with the progress until it is loaded`,
  );
  const report = await load.run(gateway.seedRunner, (p) => {
    if (p.status !== 'loading') return;
    if (p.waiting) return logger.warn({ progress: p }, `the sample load waits for the table's seed lock: ${p.waiting}`);
    logger.info(
      { progress: p },
      `loading the sample: ${p.rowsLoaded.toLocaleString('en-US')} of ${p.rowsTotal.toLocaleString('en-US')} rows (${p.percent}%), ` +
        `${p.entitiesLoaded} of ${p.entitiesTotal} entities, ${p.seconds} s`,
    );
  });
  // The summary table is for the person at the terminal.
  if (report) console.log(formatSeedReport(report));
  const done = load.progress();
  if (done.status === 'loaded') {
    logger.info(
      { progress: done },
      `ready: the sample is loaded (${done.rowsLoaded.toLocaleString('en-US')} rows in ${done.seconds} s); /health/ready answers 200`,
    );
  } else {
    logger.error(
      { progress: done },
      `the sample did not load completely (${done.failure ?? 'see above'}): /health/ready answers 503. ` +
        `Run npm run seed to complete it (it is idempotent), or restart npm start`,
    );
  }
}

main().catch((error: unknown) => {
  // A start-up failure (no Java, a bad setting, a table with another key) is said plainly.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
