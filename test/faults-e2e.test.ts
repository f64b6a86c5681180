import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../entities/index.js';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';
import { createDb, type Db } from '../db/client.js';
import { FaultProxy } from './fault-proxy.js';
import { testGateway, type TestGateway } from './gateway.js';
import { endpoint, sampleSubset } from './helpers.js';

const ROWS = 250;

/**
 * Canonical form of every row, computed from the CSVs with the declared kinds
 * (not by the seed's code), and the same from the stored items: equal lists mean
 * nothing lost, nothing duplicated, nothing altered.
 */
function expectedRows(dir: string): string[] {
  const rows: string[] = [];
  for (const model of ENTITIES) {
    const records = parse(readFileSync(path.join(dir, model.file)), { columns: true, bom: true }) as Record<string, string>[];
    for (const r of records) {
      const values = Object.keys(r)
        .sort()
        .map((c) => {
          const kind = model.columns[c];
          const text = r[c]!;
          if (text === '') return [c, null];
          if (kind === 'number' || kind === 'integer') return [c, Number(text)];
          if (kind === 'flag') return [c, text === 'Y'];
          if (kind === 'list') return [c, text.split(/[\s,;]+/).filter(Boolean)];
          return [c, text];
        });
      rows.push(`${model.name}|${JSON.stringify(values)}`);
    }
  }
  return rows.sort();
}

async function storedRows(db: Db, dir: string): Promise<string[]> {
  const headers = new Map(ENTITIES.map((m) => [m.name, readFileSync(path.join(dir, m.file), 'utf8').split('\n')[0]!.split(',').sort()]));
  const rows: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const columns = headers.get(String(item._et));
      if (!columns) continue; // derived and bookkeeping items
      rows.push(`${item._et}|${JSON.stringify(columns.map((c) => [c, item[c] ?? null]))}`);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return rows.sort();
}

const digest = (rows: string[]) => createHash('sha256').update(rows.join('\n')).digest('hex');

describe('faults between the gateway and DynamoDB Local', () => {
  const proxy = new FaultProxy(endpoint());
  const dataDir = sampleSubset(ROWS);
  const expected = expectedRows(dataDir);
  const dbs: Db[] = [];
  const through = (label: string, tableName?: string) => {
    const db = createDb({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      tableName: tableName ?? `faults_${label}_${process.pid}`,
      maxAttempts: 3,
      connectionTimeoutMs: 300,
      requestTimeoutMs: 1_500,
    });
    dbs.push(db);
    return db;
  };
  const direct = (tableName: string) => {
    const db = createDb({ endpoint: endpoint(), region: 'us-east-1', tableName });
    dbs.push(db);
    return db;
  };

  beforeAll(() => proxy.start());
  afterAll(async () => {
    await proxy.stop();
    for (const db of dbs) {
      await db.client.send(new DeleteTableCommand({ TableName: db.tableName })).catch(() => undefined);
      db.destroy();
    }
  });

  it('the seed writes every item through throttling, 500s and unprocessed items: counts and checksum match the CSVs', async () => {
    const db = through('mixed');
    await provisionTable(direct(db.tableName));
    proxy.plan = (operation, i) => {
      if (operation !== 'BatchWriteItem') return 'pass';
      return i % 7 === 3 ? 'throttle' : i % 11 === 5 ? 'error500' : i % 3 === 0 ? 'unprocessed' : 'pass';
    };
    const report = await seed(db, { dataDir, writer: { baseDelayMs: 5, maxDelayMs: 100, maxRounds: 12 } });
    proxy.plan = () => 'pass';
    expect(report.failure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.writes.retries).toBeGreaterThan(0);
    expect(report.writes.unprocessedItems).toBeGreaterThan(0);
    const stored = await storedRows(direct(db.tableName), dataDir);
    expect(stored.length).toBe(expected.length);
    expect(digest(stored)).toBe(digest(expected));
  });

  it('a seed cut off by a stopped database reports how far it got; run again, it completes: nothing lost, nothing duplicated', async () => {
    const db = through('cutoff');
    await provisionTable(direct(db.tableName));
    proxy.plan = (operation, i) => {
      if (operation === 'BatchWriteItem' && i === 20) void proxy.down();
      return 'pass';
    };
    const cut = await seed(db, { dataDir, writer: { baseDelayMs: 5, maxDelayMs: 20, maxRounds: 3 } });
    expect(
      cut.ok,
      JSON.stringify({ failure: cut.failure, problems: cut.problems.slice(0, 3), entities: cut.entities.map((e) => e.itemsWritten) }),
    ).toBe(false);
    const written = cut.entities.reduce((s, e) => s + e.itemsWritten, 0);
    expect(written).toBeLessThan(expected.length);
    // the report says what was not written, row by row, or why the load stopped
    const notWritten = cut.problems.filter((p) => p.reason.startsWith('not written'));
    expect(notWritten.length > 0 || cut.failure !== undefined).toBe(true);
    if (notWritten.length) expect(notWritten[0]!.line).toBeGreaterThan(1);

    await proxy.up();
    proxy.plan = () => 'pass';
    const again = await seed(db, { dataDir });
    expect(again.ok).toBe(true);
    const stored = await storedRows(direct(db.tableName), dataDir);
    expect(stored.length).toBe(expected.length);
    expect(digest(stored)).toBe(digest(expected));
  });

  describe('queries', () => {
    let api: TestGateway;
    let table: string;
    const paxId = () => (parse(readFileSync(path.join(dataDir, 'passengers.csv')), { columns: true }) as Array<Record<string, string>>)[3]!;
    beforeAll(async () => {
      table = `faults_queries_${process.pid}`;
      const setup = direct(table);
      await provisionTable(setup);
      await seed(setup, { dataDir });
      api = await testGateway(through('queries', table));
    });
    afterAll(async () => api.stop());

    const askPassenger = (id: string) =>
      api.gql(`{ passenger(passengerId: "${id}") { passengerId lastName flight { flightId } bookings { bookingId } } }`);

    it('answer correctly through intermittent 500s, throttling and unprocessed keys', async () => {
      const p = paxId();
      proxy.plan = (operation, i) => (operation !== 'BatchGetItem' ? 'pass' : i % 4 === 0 ? 'error500' : i % 4 === 1 ? 'throttle' : 'unprocessed');
      for (let n = 0; n < 6; n++) {
        const r = await askPassenger(p.passenger_id!);
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        expect(r.data!.passenger).toMatchObject({ passengerId: p.passenger_id, lastName: p.last_name, flight: { flightId: p.flight_id } });
      }
      proxy.plan = () => 'pass';
    });

    it('fail with SERVICE_UNAVAILABLE when DynamoDB keeps throttling, hangs or is down, and recover without a restart', async () => {
      const p = paxId();
      proxy.plan = () => 'throttle';
      const throttled = await askPassenger(p.passenger_id!);
      expect(throttled.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      proxy.plan = () => 'hang';
      const started = performance.now();
      const hung = await askPassenger(p.passenger_id!);
      expect(hung.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(performance.now() - started).toBeLessThan(15_000);
      proxy.plan = () => 'pass';
      await proxy.down();
      const down = await askPassenger(p.passenger_id!);
      expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect((await fetch(`http://127.0.0.1:${api.port}/health/ready`)).status).toBe(503);
      await proxy.up();
      const back = await askPassenger(p.passenger_id!);
      expect(back.errors).toBeUndefined();
      expect(back.data!.passenger.passengerId).toBe(p.passenger_id);
      expect((await fetch(`http://127.0.0.1:${api.port}/health/ready`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${api.port}/metrics`)).text();
      expect(metrics).toMatch(/dynamodb_throttles_total\{operation="BatchGetItem"\} [1-9]/);
      expect(metrics).toMatch(/graphql_errors_total\{code="SERVICE_UNAVAILABLE"\} [1-9]/);
    }, 60_000);
  });
});
