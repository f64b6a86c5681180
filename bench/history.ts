/**
 * What history costs: every README example on a one-day table and on an N-day table.
 *
 *   npm run bench:history [-- --days 30 --runs 3 --data-dir seed/data]
 *
 * Replays the one-day export over N days with tools/make-history.mjs (the source
 * day stays the latest day; the other days are history), seeds the one-day
 * export and the N-day set into two tables of one in-memory DynamoDB Local (or
 * DYNAMODB_ENDPOINT), starts a gateway on each, and runs every GraphQL example of
 * the README on both. Prints, per example, the answer's size on each table and
 * whether the two answers are equal, the DynamoDB calls and read units (counted
 * by the server, X-DynamoDB-Stats) and the median latency; then the reads that
 * cost more on the N-day table (index, key condition, items returned and
 * examined), and the plain lists of links that hold more items there.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb, type Db } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { seed } from '../seed/seed.js';
import { startGateway, type Gateway } from '../src/server.js';
import { createLogger } from '../src/observability/logger.js';
import {
  buildHistory,
  describeGrowth,
  firstDifference,
  growingReads,
  listProbes,
  listSizes,
  measure,
  recordReads,
  round,
  type Measured,
  type ReadRecord,
} from './history-measure.js';
import { readmeExamples } from './readme-examples.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({
  options: { days: { type: 'string', default: '30' }, runs: { type: 'string', default: '3' }, 'data-dir': { type: 'string' } },
});
const days = Number(values.days);
const runs = Number(values.runs);
if (!(days >= 2) || !(runs >= 1)) throw new Error(`--days must be at least 2 and --runs at least 1, got --days ${values.days} --runs ${values.runs}`);
const dataDir = path.resolve(values['data-dir'] ?? path.join(PROJECT_ROOT, 'seed', 'data'));

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
const logger = createLogger('silent');
// One cursor secret for both gateways: a page's endCursor is then the same on both tables when the page is.
const cursorSecret = `bench-history-${process.pid}`;

/** A table loaded with one export, a gateway on it, and the log of its reads. */
interface Side {
  readonly db: Db;
  readonly gateway: Gateway;
  readonly reads: ReturnType<typeof recordReads>;
  readonly rows: number;
  readonly seconds: number;
}

async function load(label: string, dir: string): Promise<Side> {
  const db = createDb({ endpoint, region: 'us-east-1', tableName: `bench_history_${label}_${process.pid}` });
  const report = await seed(db, { dataDir: dir });
  if (!report.ok) throw new Error(`seed of ${dir} reported problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
  const gateway = await startGateway({ db, seedDataDir: dir, logger, cursorSecret }, 0, '127.0.0.1');
  const rows = report.entities.reduce((n, e) => n + e.rowsRead, 0);
  return { db, gateway, reads: recordReads(db), rows, seconds: report.seconds };
}

const historyDir = buildHistory(dataDir, days);
const oneDay = await load('1d', dataDir);
const multiDay = await load(`${days}d`, historyDir);
console.log(`History benchmark: ${dataDir} (${oneDay.rows} rows, seeded in ${round(oneDay.seconds)} s)`);
console.log(`  replayed over ${days} days by tools/make-history.mjs: ${multiDay.rows} rows, seeded in ${round(multiDay.seconds)} s`);
console.log(`  every README example on both tables; calls and read units of the first run, ms the median of ${runs} runs after a warm-up\n`);

/** One example on one side: the first measured run (answer, calls, read units, reads) and the median ms. */
interface Run {
  readonly first: Measured;
  readonly reads: ReadRecord[];
  readonly ms: number;
}

async function runOn(side: Side, query: string): Promise<Run> {
  await measure(side.gateway.url, query);
  side.reads.take();
  const results: Measured[] = [];
  let reads: ReadRecord[] = [];
  for (let run = 0; run < runs; run++) {
    results.push(await measure(side.gateway.url, query));
    if (run === 0) reads = side.reads.take();
  }
  side.reads.take();
  const ms = results.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
  return { first: results[0]!, reads, ms };
}

const ratio = (a: number, b: number) => (a === 0 ? (b === 0 ? '1.0' : '∞') : (b / a).toFixed(1));
const errorOf = (m: Measured) => (m.errors ? `error ${m.errors[0]?.extensions?.code ?? m.errors[0]?.message}` : undefined);
const bytesOf = (m: Measured) => errorOf(m) ?? m.bytes.toLocaleString('en-US');
const units = (n: number) => round(n).toLocaleString('en-US');

const rows: string[] = [];
const growth: string[] = [];
for (const example of readmeExamples()) {
  const a = await runOn(oneDay, example.query);
  const b = await runOn(multiDay, example.query);
  const difference = firstDifference(a.first.data, b.first.data);
  const name = `${example.number}. ${example.title.replace(/^\d+\.\s*/, 'desk $&')}`;
  rows.push(
    `| ${name} | ${bytesOf(a.first)} / ${bytesOf(b.first)} | ${difference ? 'no' : 'yes'} | ${a.first.calls} / ${b.first.calls} | ` +
      `${units(a.first.readUnits)} / ${units(b.first.readUnits)} | ${Math.round(a.ms)} / ${Math.round(b.ms)} | ` +
      `${ratio(a.first.calls, b.first.calls)} / ${ratio(a.first.readUnits, b.first.readUnits)} / ${ratio(a.ms, b.ms)} |`,
  );
  const reads = growingReads(a.reads, b.reads);
  if (reads.length > 0 || difference) {
    growth.push(`${name}${difference ? ` (answers differ at ${difference})` : ''}`);
    for (const read of reads) growth.push(`    ${describeGrowth(read)}`);
  }
}

console.log(
  `| README example | answer bytes, 1 / ${days} days | same answer | DynamoDB calls, 1 / ${days} days | read units, 1 / ${days} days | ms, 1 / ${days} days | ${days} days / 1 day: calls / read units / ms |`,
);
console.log('|---|---:|:---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);

console.log(
  `\nReads that cost more on ${days} days (summed per shape over the request: calls, items returned, items examined, read units; 1 day -> ${days} days):`,
);
for (const line of growth) console.log(`  ${line}`);

console.log(
  `\nPlain lists of links from the first disrupted passenger, their flight and its aircraft (items summed over every place the list occurs):`,
);
console.log(`| list | items, 1 day | items, ${days} days |`);
console.log('|---|---:|---:|');
for (const probe of listProbes(dataDir)) {
  const a = await measure(oneDay.gateway.url, probe.query);
  const b = await measure(multiDay.gateway.url, probe.query);
  if (a.errors || b.errors) {
    console.log(`| ${probe.name}: ${errorOf(a) ?? errorOf(b)} | | |`);
    continue;
  }
  for (const size of listSizes(a.data, b.data)) {
    console.log(`| ${size.path} | ${size.oneDay} | ${size.multiDay}${size.multiDay > size.oneDay ? ' (grows)' : ''} |`);
  }
}

for (const side of [oneDay, multiDay]) {
  await side.gateway.stop();
  if (!embedded) await side.db.client.send(new DeleteTableCommand({ TableName: side.db.tableName }));
  side.db.destroy();
}
rmSync(historyDir, { recursive: true, force: true });
await embedded?.stop();
