import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../entities/index.js';
import { StartupLoad } from '../src/admin/startup-load.js';
import { sampleRows } from './csv-oracle.js';
import { testGateway, type TestGateway } from './gateway.js';
import { provisionedDb, SAMPLE_DIR } from './helpers.js';

/** Rows of the sample, per entity, as the CSVs hold them. */
const SAMPLE_ROWS = ENTITIES.reduce((n, m) => n + sampleRows(m.file).length, 0);

interface Readiness {
  status: string;
  reason?: string;
  progress?: { status: string; rowsLoaded: number; rowsTotal: number; entitiesLoaded: number; entitiesTotal: number; waiting?: string };
}

async function readiness(api: TestGateway): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`http://127.0.0.1:${api.port}/health/ready`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

const QUERY = `{ passenger(passengerId: "${sampleRows('passengers.csv')[0]!.passenger_id}") { passengerId } }`;

/**
 * The start-up load (`npm start` on a table that was never seeded): the
 * server answers while the sample loads, /health/ready is 503 with the
 * progress until the load is done, and 200 after.
 */
describe('the start-up load of the sample', () => {
  let db: Awaited<ReturnType<typeof provisionedDb>>;
  let api: TestGateway;
  let load: StartupLoad;
  beforeAll(async () => {
    db = await provisionedDb('startup');
    load = new StartupLoad(SAMPLE_DIR);
    api = await testGateway(db, { startupLoad: load });
  });
  afterAll(async () => {
    await api.stop();
    await db.drop();
  });

  it('is 503 with the progress (rows and entities of the whole sample) until loaded, answers queries meanwhile, then is 200', async () => {
    // Before a row is written: loading, nothing loaded of everything the CSVs hold.
    const before = await readiness(api);
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({
      status: 'loading',
      progress: { status: 'loading', rowsLoaded: 0, rowsTotal: SAMPLE_ROWS, entitiesLoaded: 0, entitiesTotal: ENTITIES.length },
    });
    // A query meanwhile answers (an empty table: no passenger yet), and says its data may be incomplete.
    const during = await api.gql(QUERY);
    expect(during.status).toBe(200);
    expect(during.errors).toBeUndefined();
    expect(during.data).toEqual({ passenger: null });
    expect(during.extensions?.loading).toMatchObject({ rowsLoaded: 0, rowsTotal: SAMPLE_ROWS, message: expect.stringMatching(/may be incomplete/) });

    const seen: number[] = [];
    const report = await load.run(api.seedRunner, (p) => seen.push(p.rowsLoaded), 0);
    expect(report?.ok).toBe(true);
    // Progress only grows, and ends at every row.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(SAMPLE_ROWS);

    const after = await readiness(api);
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('ready');
    expect(load.progress()).toMatchObject({ status: 'loaded', rowsLoaded: SAMPLE_ROWS, rowsTotal: SAMPLE_ROWS, entitiesLoaded: ENTITIES.length });
    const loaded = await api.gql(QUERY);
    expect(loaded.data?.passenger).not.toBeNull();
    expect(loaded.extensions?.loading).toBeUndefined();
  }, 180_000);
});

describe('a start-up load that meets another seeder', () => {
  it("waits for the other seeder's lease to expire, then loads", async () => {
    const db = await provisionedDb('startup_lock');
    // A lease left by a start that was stopped mid-load: live for another two seconds.
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { pk: 'META', sk: 'SEEDLOCK', owner: 'earlier-start:1:abcd', since: new Date().toISOString(), expires_at: Date.now() + 2_000 },
      }),
    );
    const load = new StartupLoad(SAMPLE_DIR, { waitMs: 60_000, retryMs: 500 });
    const api = await testGateway(db, { startupLoad: load });
    try {
      const waits: string[] = [];
      const report = await load.run(api.seedRunner, (p) => p.waiting && waits.push(p.waiting), 0);
      expect(waits[0]).toMatch(/already running \(earlier-start:1:abcd/);
      expect(report?.ok).toBe(true);
      expect((await readiness(api)).status).toBe(200);
    } finally {
      await api.stop();
      await db.drop();
    }
  }, 180_000);

  it('is 503, saying why, when the load fails, until a seed completes', async () => {
    const db = await provisionedDb('startup_fail');
    const load = new StartupLoad(SAMPLE_DIR, { waitMs: 0, retryMs: 0 });
    const api = await testGateway(db, { startupLoad: load });
    try {
      // A live lock that does not expire while the load would wait: the load gives up.
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { pk: 'META', sk: 'SEEDLOCK', owner: 'other-host:2:ef01', since: new Date().toISOString(), expires_at: Date.now() + 60_000 },
        }),
      );
      expect(await load.run(api.seedRunner)).toBeUndefined();
      const failed = await readiness(api);
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ status: 'unavailable', progress: { status: 'failed' } });
      expect(failed.body.reason).toMatch(/loading the sample failed .*already running.*npm run seed/);
    } finally {
      await api.stop();
      await db.drop();
    }
  }, 60_000);
});
