/**
 * Bare GetItem as its own process, for bench/graphql.ts: the same reads as
 * passenger(passengerId), with the AWS SDK alone (the document client, as the
 * gateway's), `connections` workers in a closed loop for `seconds`. Its CPU per
 * request (process.cpuUsage()) is the floor under the gateway's: what one
 * DynamoDB read costs the SDK, with no HTTP server and no GraphQL.
 *
 *   parent -> child  { endpoint, tableName, ids, connections, seconds }
 *   child -> parent  LoadFigures
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Passengers } from '../entities/index.js';
import { createDb } from '../db/client.js';
import { closedLoop, quantileMs } from './closed-loop.js';
import type { LoadFigures } from './load-runner.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface GetItemJob {
  readonly endpoint: string;
  readonly tableName: string;
  readonly ids: readonly string[];
  readonly connections: number;
  readonly seconds: number;
}

if (!process.send) throw new Error('bench/getitem-child.js is started by bench/graphql.ts, with an IPC channel');

process.once('message', (job: GetItemJob) => {
  void run(job).then((figures) => {
    process.send!(figures);
    process.disconnect();
  });
});

async function run(job: GetItemJob): Promise<LoadFigures> {
  const db = createDb({ endpoint: job.endpoint, region: 'us-east-1', tableName: job.tableName });
  const read = () => {
    const id = job.ids[Math.floor(Math.random() * job.ids.length)]!;
    return db.doc.send(new GetCommand({ TableName: db.tableName, Key: Passengers.primaryKey({ passenger_id: id }) }));
  };
  // One second of warm-up (sockets, JIT), then the measured run.
  await closedLoop(read, job.connections, 1);
  const cpu = process.cpuUsage();
  const latencies = await closedLoop(read, job.connections, job.seconds);
  const { user, system } = process.cpuUsage(cpu);
  db.destroy();
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / job.seconds,
    p50: quantileMs(latencies, 0.5),
    p99: quantileMs(latencies, 0.99),
    errors: 0,
    cpuMs: (user + system) / 1000,
  };
}
