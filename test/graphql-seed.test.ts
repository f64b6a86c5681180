import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGateway, type TestGateway } from './gateway.js';
import { provisionedDb, sampleSubset } from './helpers.js';

const TOKEN = 'test-admin-token-0123456789';
const SEED =
  'mutation($reset: Boolean) { seed(input: { reset: $reset }) { ok reset entities { entity file status rowsRead itemsWritten rowsRejected seconds } problems { file line reason } } }';

describe('admin seed mutation', () => {
  let db: Awaited<ReturnType<typeof provisionedDb>>;
  let api: TestGateway;
  let locked: TestGateway;
  const dataDir = sampleSubset(30);

  beforeAll(async () => {
    db = await provisionedDb('adminseed');
    api = await testGateway(db, { adminToken: TOKEN, seedDataDir: dataDir });
    locked = await testGateway(db, { adminToken: undefined, seedDataDir: dataDir });
  });
  afterAll(async () => {
    await api.stop();
    await locked.stop();
    await db.drop();
  });

  it('is refused without a token (UNAUTHENTICATED) and with a wrong one (FORBIDDEN)', async () => {
    const none = await api.gql(SEED);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await api.gql(SEED, {}, { authorization: 'Bearer not-the-token' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const basic = await api.gql(SEED, {}, { authorization: `Basic ${TOKEN}` });
    expect(basic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(wrong)).not.toContain(TOKEN);
  });

  it('is refused for everyone when ADMIN_TOKEN is not set', async () => {
    const r = await locked.gql(SEED, {}, { authorization: `Bearer ${TOKEN}` });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.message).toMatch(/ADMIN_TOKEN is not set/);
  });

  it('seeds with the token, and the data is queryable right after', async () => {
    const before = await api.gql('{ tableStats { entity count } }');
    expect(before.data!.tableStats.every((s: any) => s.count === 0)).toBe(true);

    const r = await api.gql(SEED, { reset: true }, { authorization: `Bearer ${TOKEN}` });
    expect(r.errors).toBeUndefined();
    expect(r.data!.seed.ok).toBe(true);
    expect(r.data!.seed.entities).toHaveLength(16);
    expect(r.data!.seed.entities.find((e: any) => e.entity === 'Passengers')).toMatchObject({
      rowsRead: 30,
      itemsWritten: 30,
      rowsRejected: 0,
      status: 'loaded',
    });

    const stats = await api.gql('{ tableStats { entity count } }');
    expect(stats.data!.tableStats).toContainEqual({ entity: 'Passengers', count: 30 });
    const firstPassenger = readFileSync(path.join(dataDir, 'passengers.csv'), 'utf8').split('\n')[1]!.split(',')[0];
    const p = await api.gql(`{ passenger(passengerId: "${firstPassenger}") { passengerId } }`);
    expect(p.data!.passenger).toEqual({ passengerId: firstPassenger });
  });

  it('refuses a second seed while one runs, instead of running it twice', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    // a load long enough (a few thousand items) for the two requests to overlap
    const slow = await testGateway(db, { adminToken: TOKEN, seedDataDir: sampleSubset(1500) });
    const [a, b] = await Promise.all([slow.gql(SEED, {}, headers), slow.gql(SEED, {}, headers)]);
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'ok')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    // and across server instances (the lock item in the table)
    const other = await testGateway(db, { adminToken: TOKEN, seedDataDir: dataDir });
    const first = slow.gql(SEED, {}, headers);
    await new Promise((r) => setTimeout(r, 700)); // the slow load is under way and holds the lock
    const d = await other.gql(SEED, {}, headers);
    const c = await first;
    expect([c, d].map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
    expect(JSON.stringify([c, d])).toMatch(/already running/);
    await other.stop();
    await slow.stop();
  });
});
