/**
 * GraphQL throughput and the gateway's own CPU per request, side by side with the
 * seed guide's Flask API and with bare GetItem, in one run.
 *
 *   npm run bench:graphql [-- --seconds 8 --connections 16 --rounds 3 --quick --profile FILE --compare-checkout DIR]
 *
 * On one in-memory DynamoDB Local (or DYNAMODB_ENDPOINT), loaded with the sample
 * (the gateway's table by the seed, the Flask API's tables by Method A):
 *   1. passenger(passengerId) for random passengers, through:
 *      - the gateway, in its own process, as deployed (NODE_ENV=production,
 *        JSON logs to a file); its CPU is its process.cpuUsage() delta;
 *      - the Flask API (GET /passengers/<id>) under gunicorn, as
 *        ../shared/baselines/README.md runs it; its CPU is its master's and
 *        workers' (/proc); skipped, saying why, without ../shared or its packages;
 *      - bare GetItem with the AWS SDK, in its own process (the floor);
 *      each with N connections in a closed loop for `seconds`, in `rounds`
 *      rounds that rotate which goes first (median of the rounds), and the
 *      DynamoDB Local JVM's CPU per request next to them;
 *   2. unless --quick: a deep flight query against the same reads by the bare SDK,
 *      the DynamoDB calls per query with the DataLoaders and without, and the
 *      whole disruption view of the disrupted widebody.
 * Only ratios from one run mean something on a shared machine.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { Baggage, Bookings, CargoShipments, CrewMembers, Flights, Passengers, aircraftKey, type KeyPair } from '../entities/index.js';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb, type Db } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { forecastCandidates } from '../db/nearest-forecast.js';
import { seed } from '../seed/seed.js';
import { createLogger } from '../src/observability/logger.js';
import { startGateway } from '../src/server.js';
import { findBaselines, hasGunicorn, runMethodA, startFlask, stopFlask, type Baselines } from './baselines.js';
import { closedLoop, quantileMs } from './closed-loop.js';
import { freePort } from './free-port.js';
import { runGetItemProcess, startGatewayProcess, type GatewayProcess } from './children.js';
import { runHttpLoad, type LoadFigures } from './load-runner.js';
import { PROC_AVAILABLE, processCpuMs, processTreeCpuMs } from './process-cpu.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    // A CPU profile of the gateway process during its measured loads, written to this file (.cpuprofile).
    profile: { type: 'string' },
    // Another checkout of the project (built, with this benchmark's bench/gateway-child.js): its gateway is a
    // fourth target, measured in the same run, e.g. the commit before a change.
    'compare-checkout': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const dataDir = path.join(PROJECT_ROOT, 'seed', 'data');
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-graphql-'));

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
const jvmPid = embedded?.pid;
const tableName = `bench_graphql_${process.pid}`;
const db = createDb({ endpoint, region: 'us-east-1', tableName });
const report = await seed(db, { dataDir });
if (!report.ok) throw new Error('seed failed');

const csvColumn = (file: string, column: string) => {
  const [header, ...lines] = readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n');
  const index = header!.split(',').indexOf(column);
  return lines.map((l) => l.split(',')[index]!);
};
const passengerIds = csvColumn('passengers.csv', 'passenger_id');
const disruptedFlight = csvColumn('disrupted_passengers.csv', 'flight_id')[0]!;
const randomPassenger = () => passengerIds[Math.floor(Math.random() * passengerIds.length)]!;

const PASSENGER = 'query($id: ID!) { passenger(passengerId: $id) { passengerId firstName lastName passengerCategory seatNumber cabinClass } }';
const DEEP_FLIGHT = `query($id: ID!) { flight(flightId: $id) { flightId flightStatus
  aircraft { registration availability { availabilityStatus availabilityStart } }
  crew { position crewMember { crewId rank } }
  cargo { pieces shipment { shipmentId specialHandling } }
  originWeather { condition } destinationWeather { condition }
  upline { flightId } downline { flightId }
  passengers(first: 50) { nodes { passengerId bookings { bookingId } baggage { baggageTag } } } } }`;

const graphqlRequest = (query: string, variables: () => Record<string, unknown>) => ({
  method: 'POST' as const,
  path: () => '/graphql',
  body: () => JSON.stringify({ query, variables: variables() }),
  isError: (body: string) => body.includes('"errors"'),
});

/** A target of the side-by-side load: how to run one measured load, and the CPU of the server behind it (if known). */
interface Target {
  readonly label: string;
  /** One closed-loop load; `cpuMs` is the server's CPU over it. */
  measure(): Promise<LoadFigures>;
  /** A short unmeasured load first. */
  warm?(): Promise<unknown>;
}

// 1. The gateway in its own process, as deployed.
const gatewayLog = path.join(scratch, 'gateway.log');
const gatewayProcess: GatewayProcess = await startGatewayProcess({
  env: {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    NODE_ENV: 'production',
    AUTH_DISABLED: 'true',
    LOG_LEVEL: 'info',
  },
  logFile: gatewayLog,
});
const gatewayOrigin = `http://127.0.0.1:${gatewayProcess.port}`;
let comparedGateway: GatewayProcess | undefined;
const targets: Target[] = [
  {
    label: 'gateway: passenger(passengerId) via GraphQL',
    warm: () =>
      runHttpLoad(
        gatewayOrigin,
        graphqlRequest(PASSENGER, () => ({ id: randomPassenger() })),
        5,
        connections,
      ),
    measure: async () => {
      if (values.profile) await gatewayProcess.profile();
      const callsBefore = await gatewayProcess.dynamodbCalls();
      const before = await gatewayProcess.cpuMs();
      const figures = await runHttpLoad(
        gatewayOrigin,
        graphqlRequest(PASSENGER, () => ({ id: randomPassenger() })),
        seconds,
        connections,
      );
      const cpuMs = (await gatewayProcess.cpuMs()) - before;
      const callsAfter = await gatewayProcess.dynamodbCalls();
      if (values.profile) await gatewayProcess.profile(path.resolve(values.profile));
      return { ...figures, cpuMs, ...(callsBefore !== undefined && callsAfter !== undefined ? { dynamodbCalls: callsAfter - callsBefore } : {}) };
    },
  },
];

if (values['compare-checkout']) {
  const checkout = path.resolve(values['compare-checkout']);
  const other = await startGatewayProcess({
    env: { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName, NODE_ENV: 'production', AUTH_DISABLED: 'true', LOG_LEVEL: 'info' },
    logFile: path.join(scratch, 'compared-gateway.log'),
    script: path.join(checkout, 'dist', 'bench', 'gateway-child.js'),
  });
  const origin = `http://127.0.0.1:${other.port}`;
  comparedGateway = other;
  targets.push({
    label: `gateway of ${checkout}`,
    warm: () =>
      runHttpLoad(
        origin,
        graphqlRequest(PASSENGER, () => ({ id: randomPassenger() })),
        5,
        connections,
      ),
    measure: async () => {
      const before = await other.cpuMs();
      const figures = await runHttpLoad(
        origin,
        graphqlRequest(PASSENGER, () => ({ id: randomPassenger() })),
        seconds,
        connections,
      );
      return { ...figures, cpuMs: (await other.cpuMs()) - before };
    },
  });
}

// 2. The seed guide's Flask API, when ../shared/baselines and its packages are here.
const found = findBaselines();
let flask: { baselines: Baselines; pid: number } | undefined;
let flaskSkipped: string | undefined;
if ('missing' in found) flaskSkipped = found.missing;
else if (!hasGunicorn()) flaskSkipped = 'gunicorn is not installed (apt-get install -y gunicorn)';
else {
  // Method A loads only Passengers here: the one table the compared route reads.
  const passengersOnly = path.join(scratch, 'passengers-only');
  mkdirSync(passengersOnly);
  symlinkSync(path.join(dataDir, 'passengers.csv'), path.join(passengersOnly, 'passengers.csv'));
  await runMethodA(found, endpoint, passengersOnly);
  const port = await freePort();
  flask = { baselines: found, pid: await startFlask(found, port, endpoint) };
  const pid = flask.pid;
  const passengerRoute = { method: 'GET' as const, path: () => `/passengers/${randomPassenger()}` };
  targets.push({
    label: 'Flask API (gunicorn): GET /passengers/<id>',
    warm: () => runHttpLoad(`http://127.0.0.1:${port}`, passengerRoute, 3, connections),
    measure: async () => {
      const before = processTreeCpuMs(pid);
      const figures = await runHttpLoad(`http://127.0.0.1:${port}`, passengerRoute, seconds, connections);
      return { ...figures, ...(PROC_AVAILABLE ? { cpuMs: processTreeCpuMs(pid) - before } : {}) };
    },
  });
}

// 3. Bare GetItem, its own process.
targets.push({
  label: 'bare GetItem (AWS SDK, same concurrency)',
  measure: () => runGetItemProcess({ endpoint, tableName, ids: passengerIds, connections, seconds }),
});

// Warm the JVM and the servers (sockets, JIT, caches), then the measured rounds.
for (const target of targets) await target.warm?.();
interface Measured extends LoadFigures {
  readonly jvmCpuMs: number | undefined;
}
const results = new Map<string, Measured[]>(targets.map((t) => [t.label, []]));
for (let round = 0; round < rounds; round++) {
  const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
  for (const target of order) {
    const jvmBefore = jvmPid && PROC_AVAILABLE ? processCpuMs(jvmPid) : undefined;
    const figures = await target.measure();
    const jvmCpuMs = jvmBefore === undefined ? undefined : processCpuMs(jvmPid!) - jvmBefore;
    results.get(target.label)!.push({ ...figures, jvmCpuMs });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perRequest = (ms: number | undefined, f: LoadFigures) => (ms === undefined ? undefined : ms / f.requests);
const summary = targets.map((t) => {
  const runs = results.get(t.label)!;
  const cpu = runs.map((r) => perRequest(r.cpuMs, r)).filter((x): x is number => x !== undefined);
  const jvm = runs.map((r) => perRequest(r.jvmCpuMs, r)).filter((x): x is number => x !== undefined);
  return {
    label: t.label,
    rps: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    cpuMsPerRequest: cpu.length ? median(cpu) : undefined,
    jvmMsPerRequest: jvm.length ? median(jvm) : undefined,
    callsPerRequest: runs.some((r) => r.dynamodbCalls !== undefined) ? median(runs.map((r) => (r.dynamodbCalls ?? 0) / r.requests)) : undefined,
    allRps: runs.map((r) => Math.round(r.requestsPerSecond)),
  };
});
const fixed = (x: number | undefined, digits = 2) => (x === undefined ? 'n/a' : x.toFixed(digits));

console.log(
  `GraphQL benchmark: passenger(passengerId), ${connections} connections, ${seconds} s per load, median of ${rounds} rounds, ` +
    `one DynamoDB Local (${embedded ? 'in memory' : endpoint})`,
);
console.log('| what | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | DynamoDB Local CPU ms/request | requests/s by round |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const s of summary) {
  console.log(
    `| ${s.label} | ${Math.round(s.rps)} | ${s.p50} | ${s.p99} | ${s.errors} | ${fixed(s.cpuMsPerRequest)} | ${fixed(s.jvmMsPerRequest)} | ${s.allRps.join(', ')} |`,
  );
}
const [gatewayRow, ...others] = summary;
for (const other of others) {
  const cpu =
    gatewayRow!.cpuMsPerRequest && other.cpuMsPerRequest
      ? `, ${(gatewayRow!.cpuMsPerRequest / other.cpuMsPerRequest).toFixed(2)}x CPU per request`
      : '';
  console.log(`gateway / ${other.label}: ${(gatewayRow!.rps / other.rps).toFixed(2)}x requests/s${cpu}`);
}
if (gatewayRow!.callsPerRequest !== undefined) {
  console.log(
    `gateway: ${gatewayRow!.callsPerRequest.toFixed(2)} DynamoDB requests per GraphQL request (the point reads of concurrent requests share BatchGetItem calls)`,
  );
}
if (flaskSkipped) console.log(`Flask API column skipped: ${flaskSkipped}`);
console.log(
  "(server CPU: the gateway process's process.cpuUsage(); the gunicorn master and workers from /proc; for bare GetItem, the SDK process itself.)",
);
console.log(`(the gateway's log lines: ${gatewayLog})`);

if (flask) await stopFlask(flask.baselines, flask.pid);

if (!values.quick) await detailSections();

await gatewayProcess.stop();
await comparedGateway?.stop();
db.destroy();
await embedded?.stop();
if (!values.quick) rmSync(scratch, { recursive: true, force: true });

/** The deep flight query against the bare SDK, DynamoDB calls per query, and the whole disruption view. */
async function detailSections(): Promise<void> {
  const logger = createLogger('silent');
  // In-process, development-mode gateways: they report each response's DynamoDB calls.
  const gateway = await startGateway({ db, seedDataDir: dataDir, logger, development: true }, 0, '127.0.0.1');
  const naive = await startGateway({ db, seedDataDir: dataDir, naiveLoaders: true, logger, development: true }, 0, '127.0.0.1');

  const deep = await runHttpLoad(
    gatewayOrigin,
    graphqlRequest(DEEP_FLIGHT, () => ({ id: disruptedFlight })),
    seconds,
    connections,
  );
  const deepSdk = await sdkLoad(deepFlightBySdk);
  console.log('');
  console.log('| deep flight query | requests/s | p50 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| via GraphQL (the gateway process) | ${Math.round(deep.requestsPerSecond)} | ${deep.p50} | ${deep.p99} | ${deep.errors} |`);
  console.log(
    `| same reads, bare AWS SDK (3 BatchGetItem levels) | ${Math.round(deepSdk.requestsPerSecond)} | ${deepSdk.p50} | ${deepSdk.p99} | 0 |`,
  );

  console.log('');
  console.log('| DynamoDB calls per query | with DataLoaders | naive (one call per field) |');
  console.log('|---|---:|---:|');
  for (const [label, query, variables] of [
    ['passenger(passengerId)', PASSENGER, { id: passengerIds[0] }],
    ['deep flight query (50 passengers)', DEEP_FLIGHT, { id: disruptedFlight }],
  ] as const) {
    console.log(`| ${label} | ${await callsPerQuery(gateway.url, query, variables)} | ${await callsPerQuery(naive.url, query, variables)} |`);
  }

  const DISRUPTION_VIEW = `query($id: ID!) { disruption(flightId: $id) { flightId flight { flightNumber } aircraft { registration } groundingWindow { availabilityStatus }
  downline { flightNumber } passengerCounts { total byCabin { key count } } bagSummary { count } cargoSummary { shipments specialHandling { key count } } crewOnBoard { crewMember { rank } }
  swapOptions { verdict reasons destinationWeather { condition } } reaccommodation(first: 100) { totalCount nodes { rank reasons passenger { firstName } } }
  connectionsAtRisk(scenario: "SWAP_LOCAL") { misconnecting connections { slackMinutes onwardFlight { flightNumber } } } crewLegality(delayMinutes: 120) { illegalCount crew { crewId illegal } }
  scenarios { scenario misconnectingPassengers crewsOverLimit hotelNights } care { hotelRooms { cabin passengers } meals { key count } languages { key count } }
  watchlist { category seatNumber } cargo { laterFlights { flightNumber } shipments { priorityCargo } } bags { count byStatus { key count } } progress { byStatus { key count } } } }`;
  const viewLatencies: number[] = [];
  const viewCallMs: number[] = [];
  let viewCalls = 0;
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DISRUPTION_VIEW, variables: { id: disruptedFlight } }),
    });
    const body = (await response.json()) as { errors?: unknown; extensions: { dynamodb: { totalCalls: number; callMs: number } } };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    if (i < 5) continue; // warm-up
    viewLatencies.push(performance.now() - started);
    viewCallMs.push(body.extensions.dynamodb.callMs);
    viewCalls = body.extensions.dynamodb.totalCalls;
  }
  console.log('');
  console.log('| disruption view (every part, disrupted widebody, 346 passengers) | value |');
  console.log('|---|---:|');
  console.log(`| end-to-end latency, median of 25 sequential requests | ${median(viewLatencies).toFixed(1)} ms |`);
  console.log(`| sum of the durations of its DynamoDB calls (median) | ${median(viewCallMs).toFixed(1)} ms |`);
  console.log(`| DynamoDB calls | ${viewCalls} |`);
  await gateway.stop();
  await naive.stop();
}

/** The same reads with the bare SDK in this process: `connections` workers in a closed loop for `seconds`. */
async function sdkLoad(work: () => Promise<void>): Promise<LoadFigures> {
  const latencies = await closedLoop(work, connections, seconds);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: quantileMs(latencies, 0.5),
    p99: quantileMs(latencies, 0.99),
    errors: 0,
  };
}

async function batchGet(database: Db, keys: KeyPair[]): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    const r = await database.doc.send(new BatchGetCommand({ RequestItems: { [database.tableName]: { Keys: unique.slice(i, i + 100) } } }));
    out.push(...(r.Responses?.[database.tableName] ?? []));
  }
  return out;
}

/** The deep flight query hand-written against the SDK: the same three levels of BatchGetItem. */
async function deepFlightBySdk(): Promise<void> {
  const [flight] = await batchGet(db, [Flights.primaryKey({ flight_id: disruptedFlight })]);
  const refs = flight!._refs as Record<string, string[]>;
  const level1 = [
    aircraftKey(String(flight!.aircraft_registration)),
    ...refs.crew!.map((id) => ({ pk: `CROSTER#${id}`, sk: 'CROSTER' })),
    ...refs.cargo!.map((id) => ({ pk: `CARGO#${id}`, sk: 'CARGO' })),
    ...forecastCandidates(String(flight!.origin_airport), String(flight!.departure_time)),
    ...forecastCandidates(String(flight!.destination_airport), String(flight!.arrival_time)),
    ...[flight!.upline_flight_id, flight!.downline_flight_id].filter(Boolean).map((id) => Flights.primaryKey({ flight_id: String(id) })),
    ...refs.passengers!.slice(0, 50).map((id) => Passengers.primaryKey({ passenger_id: id })),
  ];
  const items = await batchGet(db, level1);
  const level2: KeyPair[] = [];
  for (const item of items) {
    const r = item._refs as Record<string, string[]> | undefined;
    if (item._et === 'Aircraft')
      level2.push(...(r?.availability ?? []).map((id) => ({ pk: `AC#${id.split('|')[0]}`, sk: `AVAIL#${id.split('|')[1]}` })));
    if (item._et === 'CrewRoster') level2.push(CrewMembers.primaryKey({ crew_id: String(item.crew_id) }));
    if (item._et === 'CargoFlightAssignments') level2.push(CargoShipments.primaryKey({ shipment_id: String(item.shipment_id) }));
    if (item._et === 'Passengers') {
      level2.push(...(r?.bookings ?? []).map((id) => Bookings.primaryKey({ booking_id: id })));
      level2.push(...(r?.baggage ?? []).map((id) => Baggage.primaryKey({ baggage_tag: id })));
    }
  }
  await batchGet(db, level2);
}

async function callsPerQuery(url: string, query: string, variables: Record<string, unknown>): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dynamodb-stats': '1' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { extensions: { dynamodb: { totalCalls: number } } };
  return body.extensions.dynamodb.totalCalls;
}
