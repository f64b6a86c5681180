#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { loadDbConfig } from '../db/config.js';
import { connect, type Connection } from '../db/connect.js';
import { formatSeedReport } from './report.js';
import { seed, type EntityProgress } from './seed.js';

// The SDK warns that releases after January 2027 need Node 22; the versions here are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run seed -- [--data-dir DIR] [--reset] [--dry-run] [--concurrency N] [--json]

Loads a directory of the airline's CSV files (default: the bundled sample in seed/data)
into the DynamoDB table TABLE_NAME, provisioning it first.

  --data-dir DIR     directory with passengers.csv, flights.csv, ... (any subset)
  --reset            empty the table before loading
  --dry-run          read and validate every row, write nothing (no database needed)
  --concurrency N    BatchWriteItem calls in flight (default 16)
  --json             print the report as JSON instead of a table
  --help             this text

Exit code: 0 when every row loaded, 1 when rows were rejected or the load failed, 2 on bad usage.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        json: { type: 'boolean', default: false },
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

  let connection: Connection | undefined;
  const bars =
    process.stderr.isTTY && !args.json
      ? new MultiBar(
          { clearOnComplete: false, hideCursor: true, format: ' {entity} |{bar}| {percentage}% | {rows} rows | {rejected} rejected' },
          Presets.shades_classic,
        )
      : undefined;
  const byEntity = new Map<string, SingleBar>();
  const onProgress = (p: EntityProgress) => {
    if (!bars) return;
    const bar = byEntity.get(p.entity) ?? bars.create(Math.max(p.bytesTotal, 1), 0, { entity: p.entity.padEnd(22), rows: 0, rejected: 0 });
    byEntity.set(p.entity, bar);
    bar.update(p.bytesRead, { rows: p.rowsRead.toLocaleString('en-US'), rejected: p.rowsRejected });
  };
  try {
    if (!dryRun) {
      connection = await connect(config, (line) => console.error(line));
      console.error(`Seeding ${dataDir} into table ${config.tableName} at ${connection.description}${args.reset ? ' (reset first)' : ''}`);
    } else {
      console.error(`Dry run: validating ${dataDir}`);
    }
    const report = await seed(connection?.db, {
      dataDir,
      reset: args.reset,
      dryRun,
      pointInTimeRecovery: config.pointInTimeRecovery,
      writer: { concurrency },
      onProgress,
    });
    bars?.stop();
    console.log(args.json ? JSON.stringify(report, null, 2) : formatSeedReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    bars?.stop();
    console.error(`seed failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await connection?.close();
  }
}

process.exitCode = await main();
