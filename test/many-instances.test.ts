import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { SEED_LOCK_KEY } from '../seed/lock.js';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';
import { testGateway, type TestGateway } from './gateway.js';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { endpoint, REPO_ROOT, sampleSubset, testDb } from './helpers.js';

const TOKEN = 'many-instances-admin';
const SECRET = 'a-cursor-secret-every-instance-shares';
const SEED = 'mutation { seed(input: { reset: false }) { ok entities { entity itemsWritten } } }';
const PAGE = 'query($after: String) { passengers(first: 7, after: $after) { nodes { passengerId } pageInfo { hasNextPage endCursor } } }';

type Page = { passengers: { nodes: Array<{ passengerId: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };

const ready = async (api: TestGateway) => (await fetch(`http://127.0.0.1:${api.port}/health/ready`)).status;

/**
 * Two gateway instances on one table, as behind a load balancer: each its own process state
 * (clients, caches, cursor codec), sharing only the table and CURSOR_SECRET.
 */
describe('several gateway instances on one table', () => {
  const seeded = testDb('many');
  let a: TestGateway;
  let b: TestGateway;
  let other: TestGateway;
  const clients: Db[] = [];
  // Big enough for a seed to be seen running, small enough for one HTTP request (the socket timeout is 30 s).
  const dataDir = sampleSubset(150);
  const instanceDb = () => {
    const db = createDb({ endpoint: endpoint(), region: 'us-east-1', tableName: seeded.tableName });
    clients.push(db);
    return db;
  };

  beforeAll(async () => {
    const report = await seed(seeded, { dataDir: dataDir });
    expect(report.ok).toBe(true);
    a = await testGateway(instanceDb(), { cursorSecret: SECRET, adminToken: TOKEN, seedDataDir: dataDir });
    b = await testGateway(instanceDb(), { cursorSecret: SECRET, adminToken: TOKEN, seedDataDir: dataDir });
    other = await testGateway(instanceDb(), { cursorSecret: 'another-secret' });
  }, 300_000);

  afterAll(async () => {
    for (const api of [a, b, other]) await api?.stop();
    await seeded.client.send(new DeleteTableCommand({ TableName: seeded.tableName })).catch(() => undefined);
    for (const db of [seeded, ...clients]) db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a cursor from one instance pages on the other (CURSOR_SECRET shared); an instance with another secret refuses it', async () => {
    const first = await a.gql<Page>(PAGE);
    expect(first.errors).toBeUndefined();
    const cursor = first.data!.passengers.pageInfo.endCursor;
    const onB = await b.gql<Page>(PAGE, { after: cursor });
    const onA = await a.gql<Page>(PAGE, { after: cursor });
    expect(onB.errors).toBeUndefined();
    expect(onB.data).toEqual(onA.data);
    expect(onB.data!.passengers.nodes).toHaveLength(7);
    const seen = new Set(first.data!.passengers.nodes.map((n) => n.passengerId));
    expect(onB.data!.passengers.nodes.filter((n) => seen.has(n.passengerId))).toEqual([]);
    // And back: B's cursor on A.
    const third = await a.gql<Page>(PAGE, { after: onB.data!.passengers.pageInfo.endCursor });
    expect(third.errors).toBeUndefined();
    expect(third.data!.passengers.nodes).toHaveLength(7);
    const refused = await other.gql<Page>(PAGE, { after: cursor });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a seed started on one instance is refused on the other while it runs (the lock is in the table)', async () => {
    const running = a.gql<{ seed: { ok: boolean } }>(SEED, {}, { authorization: `Bearer ${TOKEN}` });
    // Wait until A's seed holds the table's lock.
    const deadline = Date.now() + 30_000;
    while (!(await seeded.doc.send(new GetCommand({ TableName: seeded.tableName, Key: SEED_LOCK_KEY, ConsistentRead: true }))).Item) {
      if (Date.now() > deadline) throw new Error('the seed on instance A never took the lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    const refused = await b.gql(SEED, {}, { authorization: `Bearer ${TOKEN}` });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const done = await running;
    expect(done.errors).toBeUndefined();
    expect(done.data!.seed.ok).toBe(true);
    // Once A's seed is over, B may seed.
    const after = await b.gql<{ seed: { ok: boolean } }>(SEED, {}, { authorization: `Bearer ${TOKEN}` });
    expect(after.data?.seed.ok).toBe(true);
  });

  it('readiness on both follows the table: ready, then 503 on both when it is gone, ready again once it is back', async () => {
    expect([await ready(a), await ready(b)]).toEqual([200, 200]);
    await seeded.client.send(new DeleteTableCommand({ TableName: seeded.tableName }));
    expect([await ready(a), await ready(b)]).toEqual([503, 503]);
    await provisionTable(seeded);
    expect([await ready(a), await ready(b)]).toEqual([200, 200]);
  });
});

describe('the Dockerfile (it cannot be built here: its shape is checked)', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const stages = text.split(/^FROM /m).slice(1);

  it('builds dist/ in a builder stage (the compiler is a devDependency) and copies it into a production-only stage', () => {
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/npm ci\b/);
    expect(build).toMatch(/ensure-built\.mjs --force/);
    // Every directory tsconfig.json compiles is copied into the builder.
    const include = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] }).include;
    for (const dir of new Set(include.map((glob) => glob.split('/')[0]!))) expect(build).toMatch(new RegExp(`^COPY ${dir} \\./${dir}$`, 'm'));
    expect(runtime).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).not.toMatch(/COPY (src|db|seed|entities) /);
  });

  it('runs as a non-root user, with the health check on /health/ready, and starts node itself (no prestart build)', () => {
    const runtime = stages[1]!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/health\/ready/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/src\/main\.js"\]$/m);
    expect(runtime).toMatch(/DYNAMODB_USE_AWS=true/);
  });
});
