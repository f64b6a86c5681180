import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { AircraftAvailability, Passengers, Weather } from '../entities/index.js';
import { k } from '../entities/define.js';
import { SEED_LOCK_KEY, SeedAlreadyRunningError, SeedLeaseLostError, SeedLock } from '../seed/lock.js';
import { seed, SeedRefusedError } from '../seed/seed.js';
import type { Db } from '../db/client.js';
import { testGateway, type TestGateway } from './gateway.js';
import { endpoint, provisionedDb, REPO_ROOT, sampleSubset, testDb } from './helpers.js';

const run = promisify(execFile);
const TOKEN = 'data-safety-admin-token-0123456789';
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function table(label: string) {
  const db = await provisionedDb(label);
  cleanup.push(() => db.drop());
  return db;
}

async function itemCount(db: Db): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'safety-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('reset on a data directory without the contract’s files', () => {
  it('is refused, naming the directory, and deletes nothing (library, CLI and admin mutation)', async () => {
    const db = await table('resetempty');
    const loaded = await seed(db, { dataDir: sampleSubset(5) });
    expect(loaded.ok).toBe(true);
    const before = await itemCount(db);
    expect(before).toBeGreaterThan(16);

    for (const dataDir of [dirWith({}), dirWith({ 'notes.txt': 'hello\n', 'other.csv': 'a,b\n1,2\n' })]) {
      const refused = seed(db, { dataDir, reset: true });
      await expect(refused).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(refused).rejects.toThrow(
        new RegExp(`reset refused: data directory ${dataDir} holds none of the 16 CSV files.*nothing was deleted`),
      );
      expect(await itemCount(db)).toBe(before);
    }

    const empty = dirWith({});
    const cli = await run('node', [path.join(REPO_ROOT, 'dist', 'seed', 'cli.js'), '--reset', '--data-dir', empty], {
      env: { ...process.env, DYNAMODB_ENDPOINT: endpoint(), TABLE_NAME: db.tableName, AWS_REGION: 'us-east-1' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`reset refused: data directory ${empty} holds none`);
    expect(await itemCount(db)).toBe(before);

    const api: TestGateway = await testGateway(db, { adminToken: TOKEN, seedDataDir: empty });
    cleanup.push(() => api.stop());
    const r = await api.gql('mutation { seed(input: { reset: true }) { ok } }', {}, { authorization: `Bearer ${TOKEN}` });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain(`data directory ${empty} holds none of the 16 CSV files`);
    expect(await itemCount(db)).toBe(before);
  });

  it('without reset, says no file was found and is not ok; a missing directory is refused', async () => {
    const db = await table('nofiles');
    const dataDir = dirWith({ 'readme.md': '# not an export\n' });
    const report = await seed(db, { dataDir });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatch(new RegExp(`no CSV file of the contract found in ${dataDir}`));
    expect(report.entities.every((e) => e.status === 'missing')).toBe(true);
    expect((await seed(undefined, { dataDir, dryRun: true })).ok).toBe(false);

    const missing = path.join(dataDir, 'nope');
    await expect(seed(db, { dataDir: missing })).rejects.toThrow(new RegExp(`data directory ${missing} does not exist`));
    await expect(seed(db, { dataDir: missing, reset: true })).rejects.toBeInstanceOf(SeedRefusedError);
  });
});

describe('npm start on a database it did not start', () => {
  it('does not load the sample into a never-seeded table on DYNAMODB_ENDPOINT: it says how to seed it', async () => {
    const tableName = `start_foreign_${process.pid}`;
    const child = spawn('node', [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], {
      env: { ...process.env, DYNAMODB_ENDPOINT: endpoint(), DYNAMODB_USE_AWS: '', TABLE_NAME: tableName, PORT: '0', AWS_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 60 s:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        if (/GraphQL API at/.test(output) || child.exitCode !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
    });
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(output).toMatch(new RegExp(`table ${tableName} at ${endpoint().replace(/[.:/]/g, '\\$&')} is empty`));
    expect(output).toContain('npm run seed -- --data-dir');
    expect(output).not.toMatch(/loading the sample/);
    const db = testDb('unused', { tableName });
    cleanup.push(async () => db.destroy());
    expect(await itemCount(db)).toBe(0);
  });
});

describe('the seed lock is a lease', () => {
  const putLock = (db: Db, owner: string, expiresAt: number) =>
    db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...SEED_LOCK_KEY, owner, since: '2026-03-15T08:00:00Z', expires_at: expiresAt } }));

  it('never takes over a live lease, whatever its pid (here: this host, a pid that does not exist)', async () => {
    const db = await table('livelock');
    const dataDir = sampleSubset(3);
    for (const owner of [`${hostname()}:4194303:deadbeef`, `${hostname()}:1:deadbeef`, `other-host:${process.pid}:deadbeef`]) {
      await putLock(db, owner, Date.now() + 60_000);
      await expect(seed(db, { dataDir })).rejects.toBeInstanceOf(SeedAlreadyRunningError);
      const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: SEED_LOCK_KEY }));
      expect(Item?.owner).toBe(owner);
    }
    expect(await itemCount(db)).toBe(1); // the lock item only: nothing was written
  });

  it('takes over an expired lease', async () => {
    const db = await table('expiredlock');
    await putLock(db, 'ops-host-7:4242:abcd1234', Date.now() - 1_000);
    const report = await seed(db, { dataDir: sampleSubset(3) });
    expect(report.ok, report.failure).toBe(true);
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: SEED_LOCK_KEY }));
    expect(Item).toBeUndefined(); // released at the end
  });

  it('renews the lease while it runs, and loses it when someone else holds the item', async () => {
    const db = await table('renew');
    const lock = new SeedLock(db, { leaseMs: 1_200, renewEveryMs: 100 });
    await lock.acquire();
    await new Promise((r) => setTimeout(r, 1_500)); // longer than the lease: only renewals keep it
    expect(() => lock.assertHeld()).not.toThrow();
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: SEED_LOCK_KEY }));
    expect(Item!.expires_at).toBeGreaterThan(Date.now());
    // a second seeder is refused meanwhile (CONFLICT in the API)
    await expect(new SeedLock(db).acquire()).rejects.toBeInstanceOf(SeedAlreadyRunningError);

    await putLock(db, 'thief:1:00000000', Date.now() + 60_000);
    await lock.renew();
    expect(() => lock.assertHeld()).toThrow(SeedLeaseLostError);
    expect(() => lock.assertHeld()).toThrow(/no longer holds the table's seed lock \(the lock is now held by thief:1:00000000/);
    await lock.release();
    const after = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: SEED_LOCK_KEY }));
    expect(after.Item?.owner).toBe('thief:1:00000000'); // its release leaves the new holder's lease alone
  });

  it('a seeder whose lease was taken stops writing, with a clear error', async () => {
    const db = await table('stolen');
    const dataDir = sampleSubset(1500);
    let stolenAt = 0;
    const thief = (async () => {
      for (;;) {
        const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: SEED_LOCK_KEY }));
        if (Item) {
          await new Promise((r) => setTimeout(r, 300)); // let the load get under way
          await putLock(db, 'thief:2:11111111', Date.now() + 60_000);
          stolenAt = Date.now();
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const report = await seed(db, { dataDir, lock: { leaseMs: 60_000, renewEveryMs: 100 } });
    await thief;
    expect(stolenAt).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatch(
      /SeedLeaseLostError: the seed stopped writing: it no longer holds the table's seed lock \(the lock is now held by thief:2:11111111/,
    );
    const written = report.entities.reduce((sum, e) => sum + e.itemsWritten, 0);
    const rows = report.entities.reduce((sum, e) => sum + e.rowsRead, 0);
    expect(written).toBeLessThan(rows);
    // nothing more arrives once the seed has returned, and the stats item was never written
    const count = await itemCount(db);
    await new Promise((r) => setTimeout(r, 500));
    expect(await itemCount(db)).toBe(count);
    expect((await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'META', sk: 'STATS' } }))).Item).toBeUndefined();
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: SEED_LOCK_KEY }));
    expect(Item?.owner).toBe('thief:2:11111111');
  });
});

describe('ids with the key separators', () => {
  it('keeps one-column ids whole, and escapes composite ones unambiguously', () => {
    expect(Passengers.keyFromId('ID|x')).toEqual({ passenger_id: 'ID|x' });
    expect(Passengers.keyId({ passenger_id: 'A|B\\C' })).toBe('A|B\\C');
    for (const [registration, start] of [
      ['A6|X', '2026-03-15T00:00:00Z'],
      ['A6\\', '|'],
      ['A6\\|', '\\'],
      ['', ''],
    ] as const) {
      const id = AircraftAvailability.keyId({ aircraft_registration: registration, availability_start: start });
      expect(AircraftAvailability.keyFromId(id)).toEqual({ aircraft_registration: registration, availability_start: start });
    }
    expect(AircraftAvailability.keyId({ aircraft_registration: 'A|B', availability_start: 'C' })).not.toBe(
      AircraftAvailability.keyId({ aircraft_registration: 'A', availability_start: 'B|C' }),
    );
    // an id of the wrong shape names no item
    expect(AircraftAvailability.keyFromId('A6-ETE')).toEqual({ aircraft_registration: 'A6-ETE', availability_start: '' });
  });

  it('never lets a value with # or - collide with other parts in a key', () => {
    expect(k('X', 'A#B')).not.toBe(k('X', 'A', 'B'));
    expect(k('X', 'A\\', '#B')).not.toBe(k('X', 'A\\#', 'B'));
    expect(k('X', '-')).not.toBe(k('X', undefined));
    expect(k('PAX', 'VIP#Y').startsWith(`${k('PAX', 'VIP')}#`)).toBe(false);
    expect(k('PAX', 'EY0052-20260315', 'A6-ETE')).toBe('PAX#EY0052-20260315#A6-ETE'); // ordinary values: keys as before
    const wx = (airport: string, time: string) => Weather.primaryKey({ airport_code: airport, forecast_time_zulu: time });
    expect(wx('A#B', 'C')).not.toEqual(wx('A', 'B#C'));
  });

  it('loads passengers whose ids hold | or #, reads each back by its id, and "ID|x" is not "ID"', async () => {
    const db = await table('separators');
    const header = 'passenger_id,first_name,passenger_category,is_influencer,flight_id';
    const ids = ['ID', 'P|1', 'P#2', 'A#B', 'A', 'P\\3', '-'];
    const dataDir = dirWith({
      'passengers.csv': `${header}\n${ids.map((id) => `${id},N${id},VIP,N,F#1`).join('\n')}\nQ,Q,VIP#Y,N,F#1\nR,R,VIP,Y,F#1\n`,
      'flights.csv': 'flight_id,flight_number\nF#1,EY1\nF,EY2\n',
      'aircraft_availability.csv':
        'aircraft_registration,availability_start,availability_status\nA6|X,2026-03-15T00:00:00Z,AOG\nA6#Y,2026-03-15T01:00:00Z,AVAILABLE\n',
    });
    const report = await seed(db, { dataDir });
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    const api = await testGateway(db);
    cleanup.push(() => api.stop());

    for (const id of ids) {
      const r = await api.gql('query($id: ID!) { passenger(passengerId: $id) { passengerId firstName flightId } }', { id });
      expect(r.errors).toBeUndefined();
      expect(r.data!.passenger).toEqual({ passengerId: id, firstName: `N${id}`, flightId: 'F#1' });
    }
    const absent = await api.gql('{ passenger(passengerId: "ID|x") { passengerId } }');
    expect(absent.data!.passenger).toBeNull();
    expect((await api.gql('{ passenger(passengerId: "P") { passengerId } }')).data!.passenger).toBeNull();

    // the flight F#1 and its passengers (its _refs and its index partition), not those of F
    const flight = await api.gql('{ flight(flightId: "F#1") { flightNumber passengers(first: 50) { nodes { passengerId } } } }');
    expect(flight.errors).toBeUndefined();
    expect(flight.data!.flight.flightNumber).toBe('EY1');
    expect(flight.data!.flight.passengers.nodes.map((p: { passengerId: string }) => p.passengerId).sort()).toEqual([...ids, 'Q', 'R'].sort());
    const other = await api.gql('{ flight(flightId: "F") { flightNumber passengers { nodes { passengerId } } } }');
    expect(other.data!.flight).toEqual({ flightNumber: 'EY2', passengers: { nodes: [] } });

    // category VIP and influencer: R only; Q's category "VIP#Y" is not VIP with the flag Y
    const vip = await api.gql('{ passengers(filter: { flightId: "F#1", category: VIP, isInfluencer: true }) { nodes { passengerId } } }');
    expect(vip.errors).toBeUndefined();
    expect(vip.data!.passengers.nodes).toEqual([{ passengerId: 'R' }]);

    // composite children through the parent's _refs (keyId / keyFromId)
    for (const [registration, status] of [
      ['A6|X', 'AOG'],
      ['A6#Y', 'AVAILABLE'],
    ] as const) {
      const r = await api.gql('query($r: ID!) { aircraft(registration: $r) { registration availability { availabilityStatus } } }', {
        r: registration,
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.aircraft).toEqual({ registration, availability: [{ availabilityStatus: status }] });
    }
  });
});
