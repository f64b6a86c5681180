/**
 * Load test: mixed front-end queries from many clients, bounded in time.
 *
 *   npm run bench:load [-- --seconds 30 --connections 32]
 *
 * Prints requests/s, latency, errors (there must be none) and the gateway's
 * memory at the end of each quarter of the run (it must level off).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { createLogger } from '../src/observability/logger.js';
import { startGateway } from '../src/server.js';
import { seed } from '../seed/seed.js';
import { frontEndQueries, runLoad } from './load-runner.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, connections: { type: 'string', default: '32' } } });
const dataDir = path.join(PROJECT_ROOT, 'seed', 'data');
const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const db = createDb({ endpoint: process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint, region: 'us-east-1', tableName: `bench_load_${process.pid}` });
await seed(db, { dataDir });
const gateway = await startGateway({ db, seedDataDir: dataDir, logger: createLogger('silent') }, 0, '127.0.0.1');
const column = (file: string, name: string) => {
  const [header, ...lines] = readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n');
  const i = header!.split(',').indexOf(name);
  return lines.map((l) => l.split(',')[i]!).filter((v) => /^[A-Z0-9-]+$/.test(v));
};
const ids = {
  passengers: column('passengers.csv', 'passenger_id'),
  flights: column('flights.csv', 'flight_id'),
  disruptedFlight: column('disrupted_passengers.csv', 'flight_id')[0]!,
};
const result = await runLoad(gateway.url, frontEndQueries(ids), Number(values.seconds), Number(values.connections));
console.log(
  `Load: ${values.connections} connections, ${values.seconds} s, 5 mixed front-end queries (passenger, flight, MEL flights, AUH weather, desk view)`,
);
console.log('| requests | requests/s | p50 ms | p99 ms | errors | RSS MB by quarter | heap MB by quarter |');
console.log('|---:|---:|---:|---:|---:|---|---|');
console.log(
  `| ${result.requests} | ${result.requestsPerSecond} | ${result.p50} | ${result.p99} | ${result.errors} | ${result.rssMbBySlice.join(' / ')} | ${result.heapMbBySlice.join(' / ')} |`,
);
await gateway.stop();
db.destroy();
await embedded?.stop();
