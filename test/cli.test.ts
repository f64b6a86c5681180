import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ENTITIES } from '../entities/index.js';
import { sampleRows } from './csv-oracle.js';
import { endpoint, provisionedDb, REPO_ROOT } from './helpers.js';

const run = promisify(execFile);
const CLI = path.join(REPO_ROOT, 'dist', 'seed', 'cli.js');
const MAIN = path.join(REPO_ROOT, 'dist', 'src', 'main.js');

/** Runs the built seed CLI (npm test builds first); resolves with exit code and output. */
async function seedCli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function badExport(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));
  writeFileSync(path.join(dir, 'flights.csv'), 'flight_id,departure_time\nF1,2026-03-15T08:00:00Z\nF2,tomorrow\n,2026-03-15T08:00:00Z\n');
  return dir;
}

describe('npm run seed (the CLI)', () => {
  it('prints its usage, and exits 2 on an unknown flag', async () => {
    expect((await seedCli(['--help'])).stdout).toMatch(/--data-dir DIR[\s\S]*--reset[\s\S]*--dry-run/);
    const bad = await seedCli(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/frobnicate/);
  });

  it('validates without a database in --dry-run, and exits 1 naming file and line of each bad row', async () => {
    const r = await seedCli(['--dry-run', '--data-dir', badExport()], { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Flights\s+│?\s*flights\.csv/);
    expect(r.stdout).toContain('flights.csv:3: column departure_time: declared date-time is not ISO 8601, got "tomorrow"');
    expect(r.stdout).toContain('flights.csv:4: key column flight_id is empty');
    expect(r.stdout).toMatch(/Dry run: nothing written/);
  });

  it('loads a directory into the configured DynamoDB and prints the summary table', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-ok-'));
    writeFileSync(path.join(dir, 'flights.csv'), 'flight_id,departure_time\nF1,2026-03-15T08:00:00Z\nF2,2026-03-15T09:00:00Z\n');
    const env = { DYNAMODB_ENDPOINT: endpoint(), TABLE_NAME: `cli_${process.pid}`, AWS_REGION: 'us-east-1' };
    const r = await seedCli(['--data-dir', dir], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Flights.*flights\.csv.*\b2\b.*\b2\b.*\b0\b/);
    expect(r.stdout).toMatch(/Passengers.*passengers\.csv \(missing\)/);
    const json = await seedCli(['--data-dir', dir, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, tableCounts: { Flights: 2 } });
  });
});

describe('the seed CLI and the lock', () => {
  it('refuses to run while another seeder holds the table, and says who', async () => {
    const db = await provisionedDb('clilock');
    // a live seeder on another host: its lease runs for another minute
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { pk: 'META', sk: 'SEEDLOCK', owner: 'ops-host-7:4242:abcd1234', since: '2026-03-15T08:00:00Z', expires_at: Date.now() + 60_000 },
      }),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-lock-'));
    writeFileSync(path.join(dir, 'flights.csv'), 'flight_id\nF1\n');
    const r = await seedCli(['--data-dir', dir], { DYNAMODB_ENDPOINT: endpoint(), TABLE_NAME: db.tableName, AWS_REGION: 'us-east-1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already running \(ops-host-7:4242:abcd1234, since 2026-03-15T08:00:00Z\)/);
    await db.drop();
  });
});

describe('npm start', () => {
  it('starts the embedded DynamoDB, serves GraphQL, loads the sample in the background until ready, and stops the JVM on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'start-'));
    const child = spawn('node', [MAIN], {
      env: { ...process.env, DYNAMODB_ENDPOINT: '', DATA_DIR: dataDir, PORT: '0', TABLE_NAME: 'StartTest' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // Whatever fails below, the server and its JVM must not outlive the test (the watchdog stops the JVM).
    let exitCode: number | null | undefined;
    child.once('exit', (code) => (exitCode = code));
    try {
      // The server listens first; the sample loads in the background, and the log says when it is ready.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`not ready after 150 s:\n${output}`));
        }, 150_000);
        const poll = setInterval(() => {
          if (/ready: the sample is loaded/.test(output)) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve();
          }
        }, 200);
      });
      const url = /GraphQL API at (http:\/\/\S+)/.exec(output)![1]!;
      expect(output.indexOf('GraphQL API at')).toBeLessThan(output.indexOf('ready: the sample is loaded'));
      const rows = ENTITIES.reduce((n, m) => n + sampleRows(m.file).length, 0).toLocaleString('en-US');
      expect(output).toContain(`(${rows} rows in ${ENTITIES.length} files) in the background`);
      expect(output).toContain(`ready: the sample is loaded (${rows} rows in `);
      expect(output).toMatch(/Passengers\s+│?\s*passengers\.csv\s+│?\s*11,406\s+│?\s*11,406/);
      expect(output).toMatch(/SQLite journal_mode=wal, synchronous=1/);
      const ready = await fetch(url.replace(/\/graphql$/, '/health/ready'));
      expect(ready.status).toBe(200);
      expect(existsSync(path.join(dataDir, 'endpoint.json'))).toBe(true);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ tableStats { entity count } }' }),
      });
      const body = (await response.json()) as { data: { tableStats: Array<{ entity: string; count: number }> } };
      expect(body.data.tableStats).toContainEqual({ entity: 'Weather', count: 456 });
      const javaPid = Number(/pid (\d+)/.exec(output)?.[1] ?? 0);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(path.join(dataDir, 'endpoint.json'))).toBe(false);
      if (javaPid) expect(() => process.kill(javaPid, 0)).toThrow();
    } finally {
      if (exitCode === undefined) child.kill('SIGKILL');
    }
  }, 200_000);
});
