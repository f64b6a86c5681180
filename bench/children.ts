import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './gateway-child.js';
import type { GetItemJob } from './getitem-child.js';
import type { LoadFigures } from './load-runner.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface GatewayProcess {
  readonly port: number;
  readonly pid: number;
  /** CPU milliseconds (user + system) the gateway process has used so far, as its process.cpuUsage() says. */
  cpuMs(): Promise<number>;
  /** DynamoDB requests the gateway has sent so far (retries included); undefined from a build that does not say. */
  dynamodbCalls(): Promise<number | undefined>;
  /** Starts a CPU profile of the gateway process (no file), or stops it into `file`. */
  profile(file?: string): Promise<void>;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** Environment of the gateway (DYNAMODB_ENDPOINT, TABLE_NAME, NODE_ENV, ...), over this process's. */
  readonly env: Record<string, string>;
  /** Where its JSON log lines go (a file: the server writes them as it would to a log collector). */
  readonly logFile: string;
  /** The gateway-child.js to run (default: this build's); another checkout's build compares two versions in one run. */
  readonly script?: string;
}

/** Starts bench/gateway-child.js and waits until it listens. */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const log = openSync(options.logFile, 'a');
  const child = fork(options.script ?? path.join(HERE, 'gateway-child.js'), [], {
    env: { ...process.env, ...options.env },
    execArgv: ['--enable-source-maps'],
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  const port = await new Promise<number>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the gateway process exited (code ${code}) before listening; see ${options.logFile}`));
    child.once('exit', onExit);
    child.on('message', (message: ChildMessage) => {
      if (message.kind !== 'listening') return;
      child.off('exit', onExit);
      resolve(message.port);
    });
  });
  return {
    port,
    pid: child.pid!,
    cpuMs: async () => {
      const reply = await ask(child, 'cpu', 'cpu');
      return reply.kind === 'cpu' ? reply.userMs + reply.systemMs : 0;
    },
    dynamodbCalls: async () => {
      const reply = await ask(child, 'cpu', 'cpu');
      return reply.kind === 'cpu' ? reply.dynamodbCalls : undefined;
    },
    profile: async (file) => void (await ask(child, { kind: 'profile', ...(file ? { file } : {}) }, 'profiled')),
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send('stop');
      await exited;
    },
  };
}

/** Sends a message to the gateway process and waits for its reply of kind `reply`. */
function ask(child: ChildProcess, message: ParentMessage, reply: ChildMessage['kind']): Promise<ChildMessage> {
  return new Promise((resolve) => {
    const listener = (answer: ChildMessage) => {
      if (answer.kind !== reply) return;
      child.off('message', listener);
      resolve(answer);
    };
    child.on('message', listener);
    child.send(message);
  });
}

/** Runs bare GetItem in its own process (bench/getitem-child.js); its figures include its own CPU. */
export async function runGetItemProcess(job: GetItemJob): Promise<LoadFigures> {
  const child = fork(path.join(HERE, 'getitem-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const figures = new Promise<LoadFigures>((resolve, reject) => {
    child.once('message', (message: LoadFigures) => resolve(message));
    child.once('exit', (code) => reject(new Error(`the GetItem process exited (code ${code}) without figures`)));
  });
  child.send(job);
  return figures;
}
