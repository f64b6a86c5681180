#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { loadDbConfig } from '../db/config.js';
import { createDb, type Db } from '../db/client.js';
import { connect, type Connection } from '../db/connect.js';
import { ProgressLines } from './progress-lines.js';
import { formatSeedReport } from './report.js';
import { seed, type EntityProgress } from './seed.js';
import { tableSource } from './table-source.js';

// The SDK warns that releases after January 2027 need Node 22; the versions here are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run seed -- [--data-dir DIR] [--reset] [--dry-run] [--concurrency N] [--json]
       npm run seed -- --from-tables [--source-endpoint URL] [--source-region R] [--table-prefix P] [--reset] [--dry-run] ...

Loads a directory of the airline's CSV files (default: the bundled sample in seed/data)
into the DynamoDB table TABLE_NAME, provisioning it first.

  --data-dir DIR     directory with passengers.csv, flights.csv, ... (any subset)
  --reset            empty the table before loading
  --overwrite-changes  replace records changed through the API (by default they are kept and reported)
  --dry-run          read and validate every row, write nothing (no database needed)
  --concurrency N    BatchWriteItem calls in flight (default 16)
  --json             print the report as JSON instead of a table
  --from-tables      load from the seed guide's 16 tables (Passengers, Flights, ...) instead of CSV files:
                     same conversion, validation and report, the source table in place of the file
  --source-endpoint URL  where those tables are (default: the target's DynamoDB)
  --source-region R  their region (default AWS_REGION)
  --table-prefix P   their names start with P (P + Passengers, ...)
  --help             this text

Where standard error is not a terminal (a log), a plain progress line per entity every
SEED_PROGRESS_SECONDS (default 5) instead of progress bars.

Exit code: 0 when every row loaded, 1 when rows were rejected or the load failed, 2 on bad usage.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'overwrite-changes': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        json: { type: 'boolean', default: false },
        'from-tables': { type: 'boolean', default: false },
        'source-endpoint': { type: 'string' },
        'source-region': { type: 'string' },
        'table-prefix': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const concurrency = args.concurrency === undefined ? 16 : Number(args.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    console.error(`--concurrency must be an integer from 1 to 256, got ${JSON.stringify(args.concurrency)}`);
    return 2;
  }
  const config = loadDbConfig();
  const dataDir = args['data-dir'] ? path.resolve(args['data-dir']) : config.seedDataDir;
  const dryRun = args['dry-run'];
  const fromTables = args['from-tables'];
  if (!fromTables && (args['source-endpoint'] || args['source-region'] || args['table-prefix'] !== undefined)) {
    console.error('--source-endpoint, --source-region and --table-prefix go with --from-tables');
    return 2;
  }
  if (fromTables && args['data-dir']) {
    console.error('--from-tables reads tables, --data-dir a directory: give one of them');
    return 2;
  }
  // The source: its own client when it is elsewhere, otherwise the target's.
  const sourceElsewhere = fromTables && (args['source-endpoint'] !== undefined || args['source-region'] !== undefined);
  let sourceDb: Db | undefined;

  let connection: Connection | undefined;
  const lines =
    !process.stderr.isTTY && !args.json
      ? new ProgressLines((line) => console.error(line), progressEveryMs(), fromTables ? 'items' : 'bytes', dryRun)
      : undefined;
  const bars =
    process.stderr.isTTY && !args.json
      ? new MultiBar(
          { clearOnComplete: false, hideCursor: true, format: ' {entity} |{bar}| {percentage}% | {rows} rows | {rejected} rejected' },
          Presets.shades_classic,
        )
      : undefined;
  const byEntity = new Map<string, SingleBar>();
  const onProgress = (p: EntityProgress) => {
    lines?.update(p);
    if (!bars) return;
    const bar = byEntity.get(p.entity) ?? bars.create(Math.max(p.bytesTotal, 1), 0, { entity: p.entity.padEnd(22), rows: 0, rejected: 0 });
    byEntity.set(p.entity, bar);
    bar.update(p.bytesRead, { rows: p.rowsRead.toLocaleString('en-US'), rejected: p.rowsRejected });
  };
  try {
    if (!dryRun || (fromTables && !sourceElsewhere)) connection = await connect(config, (line) => console.error(line));
    if (sourceElsewhere) {
      const endpoint = args['source-endpoint'];
      const region = args['source-region'] ?? config.region;
      sourceDb = createDb({
        endpoint,
        region,
        tableName: '-',
        maxAttempts: config.dynamodbMaxAttempts,
        requestTimeoutMs: config.dynamodbRequestTimeoutMs,
      });
    }
    const prefix = args['table-prefix'] ?? '';
    const where = fromTables
      ? `the seed guide's tables${prefix ? ` ${prefix}*` : ''} at ${sourceDb ? (args['source-endpoint'] ?? `AWS DynamoDB (${args['source-region'] ?? config.region})`) : connection!.description}`
      : dataDir;
    const source = fromTables ? tableSource(sourceDb ?? connection!.db, { tablePrefix: prefix, description: where }) : undefined;
    if (!dryRun) {
      console.error(`Seeding ${where} into table ${config.tableName} at ${connection!.description}${args.reset ? ' (reset first)' : ''}`);
    } else {
      console.error(`Dry run: validating ${where}`);
    }
    lines?.start();
    const report = await seed(dryRun ? undefined : connection?.db, {
      dataDir,
      ...(source ? { source } : {}),
      reset: args.reset,
      overwriteChanges: args['overwrite-changes'],
      dryRun,
      pointInTimeRecovery: config.pointInTimeRecovery,
      writer: { concurrency },
      onProgress,
    });
    bars?.stop();
    lines?.stop();
    if (fromTables && !args.json) {
      const missing = report.entities.filter((e) => e.status === 'missing').map((e) => e.file);
      if (missing.length > 0) console.error(`Tables not found (reported as missing, nothing loaded from them): ${missing.join(', ')}`);
    }
    console.log(args.json ? JSON.stringify(report, null, 2) : formatSeedReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    bars?.stop();
    lines?.stop();
    console.error(`seed failed: ${(error as Error).message}`);
    return 1;
  } finally {
    sourceDb?.destroy();
    await connection?.close();
  }
}

/** Seconds between the plain progress lines of a non-terminal output (SEED_PROGRESS_SECONDS, default 5). */
function progressEveryMs(): number {
  const seconds = Number(process.env.SEED_PROGRESS_SECONDS ?? 5);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5_000;
}

process.exitCode = await main();
