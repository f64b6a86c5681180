/**
 * The gateway as its own process, for the benchmarks: started by bench/graphql.ts
 * (and bench/profile.ts) with an IPC channel, so that what is measured is the
 * server alone, not the load generator next to it.
 *
 * It serves the table TABLE_NAME at DYNAMODB_ENDPOINT the way `npm start` does
 * (the same SDK client settings, request limits and JSON logs at LOG_LEVEL to
 * standard output), without provisioning or seeding anything. Messages:
 *   child -> parent  { kind: 'listening', port }
 *   parent -> child  'cpu'   child -> parent  { kind: 'cpu', userMs, systemMs, dynamodbCalls }  (process.cpuUsage(), and the
 *                    DynamoDB requests sent so far)
 *   parent -> child  { kind: 'profile', file }  starts a CPU profile (node:inspector), or stops it into `file`
 *                    child -> parent  { kind: 'profiled' }
 *   parent -> child  'stop'  (drains, then exits)
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadConfig } from '../src/config.js';
import { connect } from '../db/connect.js';
import { limitsFromEnv } from '../src/graphql/limits.js';
import { httpLimitsFromEnv } from '../src/http-limits.js';
import { createLogger } from '../src/observability/logger.js';
import { configuredGatewayOptions, startGateway } from '../src/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type ChildMessage =
  { kind: 'listening'; port: number } | { kind: 'cpu'; userMs: number; systemMs: number; dynamodbCalls?: number } | { kind: 'profiled' };
export type ParentMessage = 'cpu' | 'stop' | { kind: 'profile'; file?: string };

if (!process.send) throw new Error('bench/gateway-child.js is started by the benchmarks, with an IPC channel');
const send = (message: ChildMessage) => process.send!(message);

const config = loadConfig();
const logger = createLogger();
const connection = await connect(config);
const gateway = await startGateway(configuredGatewayOptions(config, connection.db, logger, limitsFromEnv(), httpLimitsFromEnv()), 0, '127.0.0.1');
send({ kind: 'listening', port: gateway.port });
let profiler: Session | undefined;
process.on('message', (message: ParentMessage) => {
  if (typeof message === 'object' && message.kind === 'profile') {
    void profile(message.file).then(() => send({ kind: 'profiled' }));
  } else if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ kind: 'cpu', userMs: user / 1000, systemMs: system / 1000, dynamodbCalls: connection.db.calls.total() });
  } else if (message === 'stop') {
    void gateway
      .stop()
      .then(() => connection.close())
      .finally(() => process.exit(0));
  }
});

/** Starts the CPU profiler (no file), or stops it and writes the profile (a .cpuprofile for Chrome DevTools) to `file`. */
async function profile(file: string | undefined): Promise<void> {
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => profiler!.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  if (!file) {
    profiler = new Session();
    profiler.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    return;
  }
  const { profile: result } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(result));
  profiler?.disconnect();
  profiler = undefined;
}
