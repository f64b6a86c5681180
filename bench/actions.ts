/**
 * Benchmark of rebookPassenger under concurrent agents.
 *
 *   npm run bench:actions [-- --connections 16 --passengers 300]
 *
 * Seeds the sample into an in-memory DynamoDB Local, starts the gateway, and
 * has N connections (agents) rebook distinct disrupted passengers of the
 * disrupted flight onto the later flights of the same route, each request a
 * passenger no other request touches: every action is one TransactWriteItems
 * (more when concurrent actions on the same flights race it and it is planned
 * again). Prints actions/s, p50/p99 latency, errors, and per action the write
 * units DynamoDB reports and the transactions sent.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { createLogger } from '../src/observability/logger.js';
import { startGateway } from '../src/server.js';
import { seed } from '../seed/seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { connections: { type: 'string', default: '16' }, passengers: { type: 'string', default: '300' } } });
const connections = Number(values.connections);
const dataDir = path.join(PROJECT_ROOT, 'seed', 'data');
const rows = (file: string) => parse<Record<string, string>>(readFileSync(path.join(dataDir, file)), { columns: true, bom: true });

// The workload, from the CSVs: the disrupted flight's passengers not yet rebooked, bound for its destination.
const flights = rows('flights.csv');
const disrupted = rows('disrupted_passengers.csv');
const passengers = new Map(rows('passengers.csv').map((p) => [p.passenger_id!, p]));
const counts = new Map<string, number>();
for (const d of disrupted) counts.set(d.flight_id!, (counts.get(d.flight_id!) ?? 0) + 1);
const flightId = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
const flight = flights.find((f) => f.flight_id === flightId)!;
const targets = flights
  .filter((f) => f.flight_id !== flightId && f.origin_airport === flight.origin_airport && f.destination_airport === flight.destination_airport)
  .filter((f) => f.flight_status === 'SCHEDULED')
  .map((f) => f.flight_id!);
const pool = disrupted
  .filter((d) => d.flight_id === flightId && d.rebooking_status !== 'REBOOKED')
  .filter((d) => passengers.get(d.passenger_id!)?.arrival_airport === flight.destination_airport)
  .map((d) => d.passenger_id!)
  .slice(0, Number(values.passengers));
if (targets.length === 0 || pool.length < connections) throw new Error('the sample has no rebooking workload for this benchmark');

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const db = createDb({
  endpoint: process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint,
  region: 'us-east-1',
  tableName: `bench_actions_${process.pid}`,
});
await seed(db, { dataDir });
// Authentication off (development): every caller is a duty manager; responses carry their DynamoDB usage.
const gateway = await startGateway({ db, seedDataDir: dataDir, logger: createLogger('silent'), development: true }, 0, '127.0.0.1');

const QUERY = `mutation R($input: RebookPassengerInput!) { rebookPassenger(input: $input) { disruption { version } booking { bookingId } } }`;
let next = 0;
const writeUnits: number[] = [];
const transactions: number[] = [];
let errors = 0;
const errorCodes = new Map<string, number>();
const started = performance.now();
const result = await autocannon({
  url: gateway.url,
  connections,
  amount: pool.length,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (req) => {
        const i = next++;
        const input = { passengerId: pool[i % pool.length], toFlightId: targets[i % targets.length], expectedVersion: 0 };
        return { ...req, body: JSON.stringify({ query: QUERY, variables: { input } }) };
      },
      onResponse: (_status: number, body: string) => {
        const response = JSON.parse(body) as {
          errors?: Array<{ extensions?: { code?: string } }>;
          extensions?: { dynamodb?: { calls: Record<string, number>; consumedCapacity: { writeUnits: number } } };
        };
        if (response.errors) {
          errors += 1;
          const code = response.errors[0]?.extensions?.code ?? 'UNKNOWN';
          errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
          return;
        }
        const usage = response.extensions?.dynamodb;
        if (usage) {
          writeUnits.push(usage.consumedCapacity.writeUnits);
          transactions.push(usage.calls.TransactWriteItems ?? 0);
        }
      },
    },
  ],
});
const seconds = (performance.now() - started) / 1000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `rebookPassenger: ${connections} connections, ${pool.length} distinct passengers of ${flightId} rebooked onto ${targets.join(' / ')} (every action touches both flights)`,
);
console.log('| actions | actions/s | p50 ms | p99 ms | errors | write units per action (mean / median) | TransactWriteItems per action (mean) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
console.log(
  `| ${result.requests.total} | ${(result.requests.total / seconds).toFixed(1)} | ${result.latency.p50} | ${result.latency.p99} | ${errors + result.non2xx + result.errors}${
    errorCodes.size ? ` (${[...errorCodes].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''
  } | ${mean(writeUnits).toFixed(1)} / ${median(writeUnits)} | ${mean(transactions).toFixed(2)} |`,
);
await gateway.stop();
db.destroy();
await embedded?.stop();
