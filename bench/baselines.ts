import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ENTITIES } from '../entities/index.js';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb } from '../db/client.js';

/**
 * The seed guide's own scripts, which the benchmarks measure the project
 * against in the same run (../shared/baselines/README.md): Method A, its boto3
 * uploader into 16 tables, and its Flask API under gunicorn. They need Debian's
 * Python with boto3 and Flask, and gunicorn:
 *
 *   apt-get install -y python3-boto3 python3-flask gunicorn awscli
 *
 * When the directory or a prerequisite is missing, `findBaselines` says which,
 * and the benchmarks print that instead of the baseline's figures.
 */
export interface Baselines {
  readonly dir: string;
  readonly python: string;
}

const run = promisify(execFile);

/** The baselines directory (BASELINES_DIR, or ../shared/baselines next to the project), or why they cannot run here. */
export function findBaselines(): Baselines | { missing: string } {
  const dir = path.resolve(process.env.BASELINES_DIR ?? path.join(PROJECT_ROOT, '..', 'shared', 'baselines'));
  if (!existsSync(path.join(dir, 'seed_method_a.py'))) return { missing: `${dir} is absent (set BASELINES_DIR to the seed guide's baselines)` };
  // Debian's python3 has Debian's boto3; a python3 earlier on the PATH (pyenv) may not.
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import boto3, flask'], { encoding: 'utf8' });
  if (probe.status !== 0) return { missing: `${python} cannot import boto3 and flask (apt-get install -y python3-boto3 python3-flask gunicorn)` };
  return { dir, python };
}

export function hasGunicorn(): boolean {
  return existsSync(process.env.GUNICORN ?? '/usr/bin/gunicorn');
}

/** The 16 tables of Method A: named as the contract's entities (Passengers, Flights, ...). */
export const METHOD_A_TABLES: readonly string[] = ENTITIES.map((m) => m.name);

export interface MethodAResult {
  /** Items the script reports written. */
  readonly items: number;
  /** Its own figure: from its first call to its summary (table creation included). */
  readonly seconds: number;
  /** The process, start to exit, as a user runs it. */
  readonly wallSeconds: number;
}

/** Runs Method A (seed_method_a.py) on `dataDir` into the DynamoDB at `endpoint`. */
export async function runMethodA(baselines: Baselines, endpoint: string, dataDir: string): Promise<MethodAResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'method-a-'));
  const summary = path.join(scratch, 'summary.json');
  try {
    const started = performance.now();
    await run(
      baselines.python,
      [path.join(baselines.dir, 'seed_method_a.py'), '--endpoint', endpoint, '--data-dir', dataDir, '--summary-json', summary],
      {
        maxBuffer: 64 * 2 ** 20,
      },
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const parsed = JSON.parse(readFileSync(summary, 'utf8')) as { total_items: number; seconds: number; failed_tables: number };
    if (parsed.failed_tables > 0) throw new Error(`Method A failed on ${parsed.failed_tables} tables (see its summary ${summary})`);
    return { items: parsed.total_items, seconds: parsed.seconds, wallSeconds };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Deletes Method A's tables, so that its next run writes into empty ones as its first did. */
export async function dropMethodATables(endpoint: string): Promise<void> {
  const db = createDb({ endpoint, region: 'us-east-1', tableName: '-' });
  try {
    const { TableNames = [] } = await db.client.send(new ListTablesCommand({}));
    await Promise.all(TableNames.filter((t) => METHOD_A_TABLES.includes(t)).map((t) => db.client.send(new DeleteTableCommand({ TableName: t }))));
  } finally {
    db.destroy();
  }
}

/** The Flask API under gunicorn (serve-flask.sh: gthread, 2 workers x 4 threads), listening on `port`; its master's pid. */
export async function startFlask(baselines: Baselines, port: number, endpoint: string): Promise<number> {
  const { stdout } = await run(path.join(baselines.dir, 'serve-flask.sh'), [String(port), endpoint]);
  return Number(stdout.trim());
}

export async function stopFlask(baselines: Baselines, pid: number): Promise<void> {
  await run(path.join(baselines.dir, 'stop-flask.sh'), [String(pid)]).catch(() => undefined);
}
