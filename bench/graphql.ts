/**
 * GraphQL throughput and latency against the database's own limit.
 *
 *   npm run bench:graphql [-- --seconds 8 --connections 16]
 *
 * On an in-memory DynamoDB Local loaded with the sample, measures with autocannon
 * (closed loop, N connections, fixed duration):
 *   1. passenger(passengerId) for random passengers,
 *   2. a deep flight query (aircraft + availability, crew + members, cargo +
 *      shipments, both weathers, rotation, 50 passengers with bookings and bags),
 * next to the same reads done with the bare AWS SDK at the same concurrency (the
 * database's limit: no GraphQL, no HTTP), and prints the DynamoDB calls each query
 * costs with the DataLoaders and with a naive one-call-per-field resolver.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Baggage, Bookings, CargoShipments, CrewMembers, Flights, Passengers, aircraftKey, type KeyPair } from '../entities/index.js';
import { PROJECT_ROOT } from '../db/config.js';
import { createDb, type Db } from '../db/client.js';
import { startEmbeddedDynamoDb } from '../db/embedded.js';
import { startGateway } from '../src/server.js';
import { createLogger } from '../src/observability/logger.js';
import { runLoad } from './load-runner.js';
import { seed } from '../seed/seed.js';
import { forecastCandidates } from '../db/nearest-forecast.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '16' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const dataDir = path.join(PROJECT_ROOT, 'seed', 'data');

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamoDb();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
const db = createDb({ endpoint, region: 'us-east-1', tableName: `bench_graphql_${process.pid}` });
const report = await seed(db, { dataDir });
if (!report.ok) throw new Error('seed failed');

const logger = createLogger('silent');
const gateway = await startGateway({ db, seedDataDir: dataDir, logger }, 0, '127.0.0.1');
const naive = await startGateway({ db, seedDataDir: dataDir, naiveLoaders: true, logger }, 0, '127.0.0.1');

const csvColumn = (file: string, column: string) => {
  const [header, ...lines] = readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n');
  const index = header!.split(',').indexOf(column);
  return lines.map((l) => l.split(',')[index]!);
};
const passengerIds = csvColumn('passengers.csv', 'passenger_id');
const disruptedFlight = csvColumn('disrupted_passengers.csv', 'flight_id')[0]!;

const PASSENGER = 'query($id: ID!) { passenger(passengerId: $id) { passengerId firstName lastName passengerCategory seatNumber cabinClass } }';
const DEEP_FLIGHT = `query($id: ID!) { flight(flightId: $id) { flightId flightStatus
  aircraft { registration availability { availabilityStatus availabilityStart } }
  crew { position crewMember { crewId rank } }
  cargo { pieces shipment { shipmentId specialHandling } }
  originWeather { condition } destinationWeather { condition }
  upline { flightId } downline { flightId }
  passengers(first: 50) { nodes { passengerId bookings { bookingId } baggage { baggageTag } } } } }`;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One query under load through the shared runner (autocannon, closed loop). */
async function loadGraphQL(url: string, query: string, variables: () => Record<string, unknown>): Promise<Figures> {
  const result = await runLoad(url, [{ name: 'q', query, variables }], seconds, connections);
  return { rps: result.requestsPerSecond, p50: result.p50, p99: result.p99, errors: result.errors };
}

/** The same reads with the bare SDK: `connections` workers in a closed loop for `seconds`. */
async function loadSdk(work: () => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await work();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors: 0 };
}

const randomPassenger = () => passengerIds[Math.floor(Math.random() * passengerIds.length)]!;

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

// Warm the JVM and both paths before measuring.
await loadSdk(
  async () => void (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: Passengers.primaryKey({ passenger_id: randomPassenger() }) }))),
);
await loadGraphQL(gateway.url, PASSENGER, () => ({ id: randomPassenger() }));

const rows: Array<[string, Figures]> = [];
rows.push(['passenger(passengerId) via GraphQL', await loadGraphQL(gateway.url, PASSENGER, () => ({ id: randomPassenger() }))]);
rows.push([
  'GetItem, bare AWS SDK',
  await loadSdk(
    async () =>
      void (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: Passengers.primaryKey({ passenger_id: randomPassenger() }) }))),
  ),
]);
rows.push(['deep flight query via GraphQL', await loadGraphQL(gateway.url, DEEP_FLIGHT, () => ({ id: disruptedFlight }))]);
rows.push(['same reads, bare AWS SDK (3 BatchGetItem levels)', await loadSdk(deepFlightBySdk)]);

console.log(`GraphQL benchmark: ${connections} connections, ${seconds} s each, sample on DynamoDB Local (${endpoint})`);
console.log('| what | requests/s | p50 ms | p99 ms | errors |');
console.log('|---|---:|---:|---:|---:|');
for (const [label, f] of rows) console.log(`| ${label} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.errors} |`);
console.log('');
console.log('| DynamoDB calls per query | with DataLoaders | naive (one call per field) |');
console.log('|---|---:|---:|');
for (const [label, query, variables] of [
  ['passenger(passengerId)', PASSENGER, { id: passengerIds[0] }],
  ['deep flight query (50 passengers)', DEEP_FLIGHT, { id: disruptedFlight }],
] as const) {
  console.log(`| ${label} | ${await callsPerQuery(gateway.url, query, variables)} | ${await callsPerQuery(naive.url, query, variables)} |`);
}

// The whole disruption desk view of the disrupted widebody, one request at a time.
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
    headers: { 'content-type': 'application/json', 'x-dynamodb-stats': '1' },
    body: JSON.stringify({ query: DISRUPTION_VIEW, variables: { id: disruptedFlight } }),
  });
  const body = (await response.json()) as { errors?: unknown; extensions: { dynamodb: { totalCalls: number; callMs: number } } };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  if (i < 5) continue; // warm-up
  viewLatencies.push(performance.now() - started);
  viewCallMs.push(body.extensions.dynamodb.callMs);
  viewCalls = body.extensions.dynamodb.totalCalls;
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('');
console.log('| disruption view (every part, disrupted widebody, 346 passengers) | value |');
console.log('|---|---:|');
console.log(`| end-to-end latency, median of 25 sequential requests | ${med(viewLatencies).toFixed(1)} ms |`);
console.log(`| sum of the durations of its DynamoDB calls (median) | ${med(viewCallMs).toFixed(1)} ms |`);
console.log(`| DynamoDB calls | ${viewCalls} |`);

await gateway.stop();
await naive.stop();
db.destroy();
await embedded?.stop();
