/**
 * Seed throughput, as a user runs it, next to the database's own limit and the
 * seed guide's Method A, in one run.
 *
 *   npm run bench:seed [-- --runs 3 --data-dir seed/data]
 *
 * On one in-memory DynamoDB Local (or DYNAMODB_ENDPOINT), each run measures:
 *   1. `npm run seed -- --reset` in a child process (the CLI, with its
 *      build check, CSV parsing, conversion, refs, batching and retries; no tsc,
 *      the build is done once) into a fresh table: wall clock from spawn to exit;
 *   2. the very same items marshalled and written with bare parallel
 *      BatchWriteItem calls of the AWS SDK (chunks of 25, 16 in flight) into a
 *      fresh provisioned table: the database's limit for these items, with
 *      their indexes;
 *   3. Method A (../shared/baselines/seed_method_a.py: boto3's batch_writer
 *      into the guide's 16 tables, one table at a time) on the same CSVs, into
 *      tables dropped before each run: wall clock of the python process.
 *      Skipped, saying why, without ../shared or Debian's python3-boto3.
 * One warm-up round first (the JVM speeds up as it warms), then `runs` rounds
 * that rotate which goes first; medians. The seed and Method A load the same
 * CSV rows, so rows/s compares them; items/s is what the database wrote.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand, DeleteTableCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_STATS_KEY } from '../entities/index.js';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb, type Db } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { provisionTable } from '../seed/provision.js';
import { SEED_LOCK_KEY } from '../seed/lock.js';
import type { SeedReport } from '../seed/seed.js';
import { dropMethodATables, findBaselines, runMethodA } from './baselines.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'data-dir': { type: 'string' } } });
const runs = Number(values.runs);
const dataDir = path.resolve(values['data-dir'] ?? path.join(PROJECT_ROOT, 'seed', 'data'));
/** BatchWriteItem calls in flight: the seed's default, and so the raw writer's. */
const CONCURRENCY = 16;

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
const baselines = findBaselines();
let tableNo = 0;
const nextTable = () => `bench_seed_${process.pid}_${tableNo++}`;

interface Measured {
  /** CSV rows loaded; none for the raw writer, which writes items. */
  readonly rows: number | undefined;
  readonly items: number;
  readonly seconds: number;
}

/** `npm run seed -- --reset` into a fresh table, as a user runs it; the items it wrote are kept for the raw writer. */
let sample: Record<string, unknown>[] = [];
async function seedRun(): Promise<Measured> {
  const tableName = nextTable();
  const started = performance.now();
  const stdout = await run('npm', ['run', '--silent', 'seed', '--', '--reset', '--json', '--data-dir', dataDir], {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    AWS_REGION: 'us-east-1',
  });
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as SeedReport;
  if (!report.ok) throw new Error(`the seed reported problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
  const db = createDb({ endpoint, region: 'us-east-1', tableName });
  if (sample.length === 0) sample = (await allItems(db)).filter((i) => i.pk !== TABLE_STATS_KEY.pk && i.pk !== SEED_LOCK_KEY.pk);
  await drop(db);
  // Items: what the table holds after it (the rows' items, the derived ones, and any per-day items), as the raw writer writes them.
  return { rows: report.entities.reduce((n, e) => n + e.rowsRead, 0), items: sample.length, seconds };
}

/**
 * The same items by bare parallel BatchWriteItem into a provisioned table:
 * marshalled (as any writer must), chunks of 25, CONCURRENCY calls in flight,
 * UnprocessedItems re-sent.
 */
async function rawRun(): Promise<Measured> {
  const db = createDb({ endpoint, region: 'us-east-1', tableName: nextTable() });
  await provisionTable(db);
  const started = performance.now();
  const requests: WriteRequest[] = sample.map((item) => ({ PutRequest: { Item: marshall(item) } }));
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < chunks.length) {
        let chunk = chunks[next++]!;
        while (chunk.length > 0) {
          const out = await db.client.send(new BatchWriteItemCommand({ RequestItems: { [db.tableName]: chunk } }));
          chunk = out.UnprocessedItems?.[db.tableName] ?? [];
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await drop(db);
  return { rows: undefined, items: sample.length, seconds };
}

/** Method A into freshly dropped tables: the python process's wall clock. */
async function methodARun(): Promise<Measured | undefined> {
  if ('missing' in baselines) return undefined;
  await dropMethodATables(endpoint);
  const result = await runMethodA(baselines, endpoint, dataDir);
  return { rows: result.items, items: result.items, seconds: result.wallSeconds };
}

const ROUND: Array<[string, () => Promise<Measured | undefined>]> = [
  ['seed: npm run seed -- --reset (CLI process, end to end)', seedRun],
  ['bare AWS SDK parallel BatchWriteItem of the same items', rawRun],
  ['Method A (seed guide: boto3 batch_writer, 16 tables)', methodARun],
];
const results = new Map<string, Measured[]>(ROUND.map(([label]) => [label, []]));

// The JVM gets faster as it warms up: one discarded round first (the seed first: the raw writer needs its items).
for (const [, measure] of ROUND) await measure();
for (let round = 0; round < runs; round++) {
  for (let i = 0; i < ROUND.length; i++) {
    const [label, measure] = ROUND[(i + round) % ROUND.length]!;
    const measured = await measure();
    if (measured) results.get(label)!.push(measured);
  }
}
await dropMethodATables(endpoint).catch(() => undefined);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rowsPerSecond = (label: string) => median(results.get(label)!.map((m) => (m.rows ?? NaN) / m.seconds));
const itemsPerSecond = (label: string) => median(results.get(label)!.map((m) => m.items / m.seconds));
const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : Math.round(n).toLocaleString('en-US'));
console.log(`Seed benchmark: ${dataDir}, median of ${runs} runs after a warm-up round, one DynamoDB Local (${embedded ? 'in memory' : endpoint})`);
console.log('| what | rows | items written | seconds (median) | rows/s | items/s | items/s by run |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const [label] of ROUND) {
  const measured = results.get(label)!;
  if (measured.length === 0) continue;
  const m = measured[0]!;
  console.log(
    `| ${label} | ${fmt(m.rows)} | ${fmt(m.items)} | ${median(measured.map((x) => x.seconds)).toFixed(2)} | ` +
      `${fmt(rowsPerSecond(label))} | ${fmt(itemsPerSecond(label))} | ${measured.map((x) => fmt(x.items / x.seconds)).join(', ')} |`,
  );
}
const [seedLabel, rawLabel, methodALabel] = ROUND.map(([label]) => label) as [string, string, string];
console.log(`seed / bare SDK: ${((100 * itemsPerSecond(seedLabel)) / itemsPerSecond(rawLabel)).toFixed(0)}% (items/s: the same items)`);
if (results.get(methodALabel)!.length > 0)
  console.log(`seed / Method A: ${(rowsPerSecond(seedLabel) / rowsPerSecond(methodALabel)).toFixed(2)}x (rows/s)`);
else console.log(`Method A skipped: ${'missing' in baselines ? baselines.missing : 'no run'}`);
await embedded?.stop();

async function drop(db: Db): Promise<void> {
  await db.client.send(new DeleteTableCommand({ TableName: db.tableName }));
  db.destroy();
}

async function allItems(db: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Runs a command in the project directory; its standard output, or a rejection with its standard error. */
function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`)),
    );
  });
}
