/**
 * Seed throughput against the database's own limit.
 *
 *   npm run bench:seed [-- --runs 3 --concurrency 16 --data-dir seed/data]
 *
 * Loads the sample with the project's seed (CSV parsing, conversion, refs, batching,
 * retries included), then writes the very same items with bare parallel
 * BatchWriteItem calls of the AWS SDK at the same concurrency, into fresh tables
 * of an in-memory DynamoDB Local (or DYNAMODB_ENDPOINT). Prints the median items/s
 * of each and the ratio.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { BatchWriteItemCommand, DeleteTableCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb, type Db } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '16' }, 'data-dir': { type: 'string' } },
});
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const dataDir = path.resolve(values['data-dir'] ?? path.join(PROJECT_ROOT, 'seed', 'data'));

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
let tableNo = 0;

async function freshTable(): Promise<Db> {
  const db = createDb({ endpoint, region: 'us-east-1', tableName: `bench_seed_${process.pid}_${tableNo++}` });
  await provisionTable(db);
  return db;
}

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

/** The baseline: marshalled items, chunks of 25, `concurrency` calls in flight, UnprocessedItems re-sent. */
async function rawWrite(db: Db, items: Record<string, unknown>[]): Promise<number> {
  const requests: WriteRequest[] = items.map((item) => ({ PutRequest: { Item: marshall(item) } }));
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < chunks.length) {
        let chunk = chunks[next++]!;
        while (chunk.length > 0) {
          const out = await db.client.send(new BatchWriteItemCommand({ RequestItems: { [db.tableName]: chunk } }));
          chunk = out.UnprocessedItems?.[db.tableName] ?? [];
        }
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seedRates: number[] = [];
const rawRates: number[] = [];
let itemCount = 0;
let sample: Record<string, unknown>[] = [];

async function seedRun(): Promise<number> {
  const db = await freshTable();
  const started = performance.now();
  const report = await seed(db, { dataDir, writer: { concurrency } });
  const seconds = (performance.now() - started) / 1000;
  if (!report.ok) throw new Error(`seed reported problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
  itemCount = report.entities.reduce((s, e) => s + e.itemsWritten, 0) + report.aircraftItems;
  if (sample.length === 0) sample = (await allItems(db)).filter((i) => i.pk !== 'META');
  await drop(db);
  return itemCount / seconds;
}

async function rawRun(): Promise<number> {
  const db = await freshTable();
  const seconds = await rawWrite(db, sample);
  await drop(db);
  return sample.length / seconds;
}

// The JVM gets faster as it warms up: one discarded round first, then the two
// alternate which goes first so that neither always meets a colder database.
await seedRun();
await rawRun();
for (let run = 0; run < runs; run++) {
  if (run % 2 === 0) {
    seedRates.push(await seedRun());
    rawRates.push(await rawRun());
  } else {
    rawRates.push(await rawRun());
    seedRates.push(await seedRun());
  }
}

const seedMedian = median(seedRates);
const rawMedian = median(rawRates);
console.log(`Seed benchmark: ${itemCount} items from ${dataDir}, concurrency ${concurrency}, median of ${runs} runs after a warm-up round`);
console.log(`  seed (CSV -> items -> BatchWriteItem, end to end, incl. table check, lock and stats): ${Math.round(seedMedian)} items/s`);
console.log(`  bare AWS SDK parallel BatchWriteItem of the same items:                              ${Math.round(rawMedian)} items/s`);
console.log(`  seed / bare SDK: ${((seedMedian / rawMedian) * 100).toFixed(0)}%`);
console.log(`  runs: seed ${seedRates.map((r) => Math.round(r)).join(', ')}; bare ${rawRates.map((r) => Math.round(r)).join(', ')}`);
await embedded?.stop();
