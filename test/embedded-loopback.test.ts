import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../db/embedded.js';

/** The local addresses of every socket listening on `port` (Linux /proc/net/tcp and tcp6). */
function listenAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 on this kernel
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hexAddress, hexPort] = local.split(':');
      if (parseInt(hexPort!, 16) === port) found.push(decodeAddress(hexAddress!));
    }
  }
  return found;
}

/** /proc/net's address: 32-bit words in host (little-endian) order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => Buffer.from(w, 'hex').reverse());
  const bytes = Buffer.concat(words);
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  return (bytes.toString('hex').match(/.{4}/g) ?? []).join(':');
}

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1', '0000:0000:0000:0000:0000:0000:0000:0001']);

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
}

/** The machine's non-loopback IPv4 addresses: none of them may reach the embedded database. */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

function connectOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('timeout', () => (socket.destroy(), resolve('timeout')));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const started: EmbeddedDynamoDb[] = [];
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((db) => db.stop()));
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('the embedded DynamoDB Local listens on loopback only', () => {
  it('binds 127.0.0.1:PORT and nothing else, answers ListTables there, and refuses the machine’s other addresses', async () => {
    const warnings: string[] = [];
    const db = await startEmbeddedDynamoDb({ warn: (m) => warnings.push(m) });
    started.push(db);
    expect(warnings).toEqual([]);
    expect(db.loopbackOnly).toBe(true);
    expect(db.endpoint).toBe(`http://127.0.0.1:${db.port}`);
    // In memory there is no SQLite file to tune.
    expect(db.sqlite).toBeUndefined();

    const addresses = listenAddresses(db.port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK, `listening on ${address}:${db.port}`).toContain(address);

    const c = client(`http://127.0.0.1:${db.port}`);
    await expect(c.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: expect.any(Array) });
    c.destroy();

    for (const address of externalAddresses()) expect(await connectOutcome(address, db.port), address).toBe('ECONNREFUSED');
  });

  it('keeps a data directory across restarts (sharedDb), still on loopback only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loopback-data-'));
    temps.push(dir);
    const first = await startEmbeddedDynamoDb({ dataDir: dir });
    // A write-ahead log and synchronous=NORMAL (1) on DynamoDB Local's own connection (DISK_SQLITE_PRAGMAS).
    expect(first.sqlite).toBe('journal_mode=wal, synchronous=1');
    const c1 = client(first.endpoint);
    await c1.send(
      new CreateTableCommand({
        TableName: 'Persisted',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    c1.destroy();
    await first.stop();
    expect(readFileSync(path.join(dir, 'shared-local-instance.db')).length).toBeGreaterThan(0);

    const second = await startEmbeddedDynamoDb({ dataDir: dir });
    started.push(second);
    expect(second.sqlite).toBe('journal_mode=wal, synchronous=1');
    expect(listenAddresses(second.port).every((a) => LOOPBACK.has(a))).toBe(true);
    // another region and other credentials see the same table: one shared database
    const c2 = new DynamoDBClient({ endpoint: second.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect((await c2.send(new ListTablesCommand({}))).TableNames).toContain('Persisted');
    c2.destroy();
  });

  it('falls back to DynamoDB Local’s own start-up, with a loud warning, only when the launcher cannot work', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loopback-broken-'));
    temps.push(dir);
    // A launcher this Java cannot compile stands for a Java without the jdk.compiler module.
    const broken = path.join(dir, 'LoopbackDynamoDbLocal.java');
    writeFileSync(broken, `public class LoopbackDynamoDbLocal { this is not Java ${Date.now()} }\n`);
    const warnings: string[] = [];
    const db = await startEmbeddedDynamoDb({ launcherFile: broken, warn: (m) => warnings.push(m) });
    await db.stop();
    expect(db.loopbackOnly).toBe(false);
    expect(warnings.join('\n')).toMatch(/cannot be bound to 127\.0\.0\.1[\s\S]*LISTENS ON EVERY NETWORK INTERFACE/);

    // A launcher that ran and then failed (say, a taken port) is an error, never a fallback.
    const failing = path.join(dir, 'Failing.java');
    writeFileSync(
      failing,
      'public class Failing { public static void main(String[] a) { System.out.println("LOOPBACK_LAUNCHER started"); System.exit(1); } }\n',
    );
    const quiet: string[] = [];
    await expect(startEmbeddedDynamoDb({ launcherFile: failing, warn: (m) => quiet.push(m) })).rejects.toThrow(/exited during start-up \(code 1\)/);
    expect(quiet).toEqual([]);
  });
});
