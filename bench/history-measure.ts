import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../db/config.js';
import type { Db } from '../db/client.js';

/**
 * What bench/history.ts and test/history.test.ts share: the multi-day set
 * (tools/make-history.mjs), one measured request, the log of the DynamoDB reads
 * a request makes, and the comparison of a one-day and a multi-day answer
 * (which reads grow, which lists hold more items).
 */

/** The tool that replays a one-day export over N days (the source day stays the latest day). */
export const MAKE_HISTORY = path.join(PROJECT_ROOT, 'tools', 'make-history.mjs');

/** Writes `days` days of `sourceDir` into a new temp dir (or `outDir`) and returns it. */
export function buildHistory(sourceDir: string, days: number, outDir: string = mkdtempSync(path.join(tmpdir(), `history-${days}d-`))): string {
  execFileSync(process.execPath, [MAKE_HISTORY, sourceDir, outDir, '--days', String(days)], { stdio: 'pipe' });
  return outDir;
}

/** A query over some of the plain (unpaged) lists of links. */
export interface ListProbe {
  readonly name: string;
  readonly query: string;
}

/**
 * Queries over every plain (unpaged) list of links, from the first disrupted
 * passenger of `dataDir`, their flight and its aircraft: the flight's bookings,
 * cargo and crew, each crew member's roster, each shipment's assignments, the
 * aircraft's availability windows, rotation and work orders with their
 * rosters, a maintenance staff member's roster, the passenger's bookings and
 * bags, the swap aircraft's lists, and the inbound impacts. Several small queries, each under the gateway's cost
 * limit. On a table with history, a list that holds more items than on the
 * one-day table follows history without bound.
 */
export function listProbes(dataDir: string): ListProbe[] {
  const rows = (file: string) => parse<Record<string, string>>(readFileSync(path.join(dataDir, file)), { columns: true, bom: true });
  const disrupted = rows('disrupted_passengers.csv')[0]!;
  const flightId = disrupted.flight_id!;
  const registration = rows('flights.csv').find((f) => f.flight_id === flightId)!.aircraft_registration!;
  const staffId = rows('maintenance_roster.csv')[0]!.staff_id!;
  const aircraftLists = 'availability { availabilityStart } flights { flightId } workOrders { workorderId }';
  return [
    { name: 'flight', query: `{ flight(flightId: "${flightId}") { bookings { bookingId } crew { rosterId } cargo { assignmentId } } }` },
    { name: 'crew members', query: `{ flight(flightId: "${flightId}") { crew { crewMember { roster { rosterId } } } } }` },
    { name: 'shipments', query: `{ flight(flightId: "${flightId}") { cargo { shipment { assignments { assignmentId } } } } }` },
    { name: 'aircraft', query: `{ aircraft(registration: "${registration}") { ${aircraftLists} } }` },
    { name: 'work orders', query: `{ aircraft(registration: "${registration}") { workOrders { roster { rosterId } } } }` },
    { name: 'maintenance staff', query: `{ maintenanceStaff(staffId: "${staffId}") { roster { rosterId } } }` },
    { name: 'passenger', query: `{ passenger(passengerId: "${disrupted.passenger_id}") { bookings { bookingId } baggage { baggageTag } } }` },
    { name: 'swap aircraft', query: `{ aircraftSwapOptions { aircraftRegistration aircraft { ${aircraftLists} } } }` },
    { name: 'root lists', query: '{ inboundFlightImpacts { scenario } }' },
  ];
}

/** One DynamoDB read as sent and answered. */
export interface ReadRecord {
  readonly operation: string;
  /** GSI name, or `table`. */
  readonly index: string;
  /** The key condition (Query), the key (GetItem) or the keys by prefix (BatchGetItem), values filled in. */
  readonly key: string;
  readonly filter?: string;
  readonly returned: number;
  /** Items DynamoDB examined (Query and Scan: ScannedCount; otherwise the items returned). */
  readonly scanned: number;
  readonly readUnits: number;
}

/**
 * Records the reads `db` sends from now on. `take()` returns those since the
 * last take. Requests must not overlap (the log is not per scope).
 */
export function recordReads(db: Db): { take(): ReadRecord[] } {
  let reads: ReadRecord[] = [];
  const record: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const result = await next(args);
    const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
    const read = readOf(operation, args.input, result.output as CommandOutput);
    if (read) reads.push(read);
    return result;
  };
  db.client.middlewareStack.add(record, { step: 'initialize', name: `historyReadLog${Math.random()}` });
  return {
    take: () => {
      const taken = reads;
      reads = [];
      return taken;
    },
  };
}

/** What one request cost and answered. */
export interface Measured {
  readonly data: unknown;
  readonly errors: ReadonlyArray<{ message: string; extensions?: { code?: string } }> | undefined;
  /** Bytes of the answer's `data` as JSON. */
  readonly bytes: number;
  readonly calls: number;
  readonly readUnits: number;
  readonly ms: number;
}

/** POSTs `query` to a gateway's /graphql with X-DynamoDB-Stats and returns its answer and its DynamoDB usage. */
export async function measure(url: string, query: string): Promise<Measured> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dynamodb-stats': '1' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: Measured['errors'];
    extensions?: { dynamodb?: { totalCalls: number; consumedCapacity: { readUnits: number } } };
  };
  const ms = performance.now() - started;
  const usage = body.extensions?.dynamodb;
  return {
    data: body.data,
    errors: body.errors,
    bytes: Buffer.byteLength(JSON.stringify(body.data ?? null)),
    calls: usage?.totalCalls ?? 0,
    readUnits: usage?.consumedCapacity.readUnits ?? 0,
    ms,
  };
}

/** A read that costs more on the multi-day table: summed over the request's calls of the same shape. */
export interface GrowingRead {
  readonly shape: string;
  readonly oneDay: ReadTotals;
  readonly multiDay: ReadTotals;
}

export interface ReadTotals {
  calls: number;
  returned: number;
  scanned: number;
  readUnits: number;
}

/**
 * The reads of one request that cost more on the multi-day table than on the
 * one-day table, grouped by shape (operation, index, key condition with its
 * values, filter): more calls (pages), more items examined or returned, or
 * more read units. A shape the one-day table never sent counts from zero.
 */
export function growingReads(oneDay: readonly ReadRecord[], multiDay: readonly ReadRecord[]): GrowingRead[] {
  const a = totalsByShape(oneDay);
  const b = totalsByShape(multiDay);
  const zero: ReadTotals = { calls: 0, returned: 0, scanned: 0, readUnits: 0 };
  return [...b.entries()]
    .map(([shape, multi]) => ({ shape, oneDay: a.get(shape) ?? zero, multiDay: multi }))
    .filter(
      ({ oneDay: x, multiDay: y }) =>
        y.calls > x.calls || y.scanned > x.scanned || y.returned > x.returned || y.readUnits > x.readUnits * 1.01 + 0.01,
    )
    .sort((x, y) => y.multiDay.readUnits - y.oneDay.readUnits - (x.multiDay.readUnits - x.oneDay.readUnits));
}

// Private: a request's reads summed by shape.
function totalsByShape(reads: readonly ReadRecord[]): Map<string, ReadTotals> {
  const totals = new Map<string, ReadTotals>();
  for (const read of reads) {
    const shape = `${read.operation} ${read.index} ${read.key}${read.filter ? ` FILTER ${read.filter}` : ''}`;
    const t = totals.get(shape) ?? { calls: 0, returned: 0, scanned: 0, readUnits: 0 };
    t.calls++;
    t.returned += read.returned;
    t.scanned += read.scanned;
    t.readUnits += read.readUnits;
    totals.set(shape, t);
  }
  return totals;
}

/** A list of an answer (path with `[]` for list positions): its items summed over every place it occurs. */
export interface ListSize {
  readonly path: string;
  readonly oneDay: number;
  readonly multiDay: number;
}

/**
 * Every list of two answers to the same query, by path, with the items it holds
 * on each (summed over the places the path occurs, compared position by
 * position): a list that follows history holds more on the multi-day table.
 */
export function listSizes(oneDay: unknown, multiDay: unknown): ListSize[] {
  const sizes = new Map<string, { oneDay: number; multiDay: number }>();
  const walk = (x: unknown, y: unknown, at: string) => {
    if (Array.isArray(x) || Array.isArray(y)) {
      const xs = Array.isArray(x) ? x : [];
      const ys = Array.isArray(y) ? y : [];
      const size = sizes.get(at) ?? { oneDay: 0, multiDay: 0 };
      size.oneDay += xs.length;
      size.multiDay += ys.length;
      sizes.set(at, size);
      for (let i = 0; i < Math.max(xs.length, ys.length); i++) walk(xs[i], ys[i], `${at}[]`);
    } else if (isObject(x) || isObject(y)) {
      const xo = isObject(x) ? x : {};
      const yo = isObject(y) ? y : {};
      for (const key of new Set([...Object.keys(xo), ...Object.keys(yo)])) walk(xo[key], yo[key], at ? `${at}.${key}` : key);
    }
  };
  walk(oneDay, multiDay, '');
  return [...sizes.entries()].map(([at, size]) => ({ path: at, ...size }));
}

/** The first place two answers differ (a path and both values, shortened), or undefined when they are equal. */
export function firstDifference(oneDay: unknown, multiDay: unknown, at = ''): string | undefined {
  if (Array.isArray(oneDay) && Array.isArray(multiDay)) {
    if (oneDay.length !== multiDay.length) return `${at}: ${oneDay.length} items / ${multiDay.length} items`;
    for (let i = 0; i < oneDay.length; i++) {
      const found = firstDifference(oneDay[i], multiDay[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(oneDay) && isObject(multiDay)) {
    for (const key of new Set([...Object.keys(oneDay), ...Object.keys(multiDay)])) {
      const found = firstDifference(oneDay[key], multiDay[key], at ? `${at}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  if (JSON.stringify(oneDay) === JSON.stringify(multiDay)) return undefined;
  const short = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 60);
  return `${at}: ${short(oneDay)} / ${short(multiDay)}`;
}

/** One line for a read shape and its totals on both tables. */
export function describeGrowth(read: GrowingRead): string {
  const t = (x: ReadTotals) => `${x.calls} call(s), ${x.returned} returned, ${x.scanned} examined, ${round(x.readUnits)} RCU`;
  return `${read.shape}: ${t(read.oneDay)} -> ${t(read.multiDay)}`;
}

export const round = (n: number) => Math.round(n * 10) / 10;

// Private: the shapes of the SDK's read inputs and outputs this log looks at (low-level or document client).
type AttributeValue = unknown;
interface CommandInput {
  IndexName?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  Key?: Record<string, AttributeValue>;
  RequestItems?: Record<string, { Keys?: Array<Record<string, AttributeValue>> }>;
}
interface CommandOutput {
  Count?: number;
  ScannedCount?: number;
  Item?: unknown;
  Responses?: Record<string, unknown[]>;
  ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
}

// Private: a read record of one command, or undefined for a command that reads nothing (writes, DescribeTable).
function readOf(operation: string, input: CommandInput, output: CommandOutput): ReadRecord | undefined {
  const readUnits = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  const index = input.IndexName ?? 'table';
  switch (operation) {
    case 'Query':
    case 'Scan': {
      const key = operation === 'Query' ? filledIn(input.KeyConditionExpression ?? '', input) : '(whole table)';
      const filter = input.FilterExpression ? filledIn(input.FilterExpression, input) : undefined;
      return {
        operation,
        index,
        key,
        ...(filter ? { filter } : {}),
        returned: output.Count ?? 0,
        scanned: output.ScannedCount ?? output.Count ?? 0,
        readUnits,
      };
    }
    case 'GetItem': {
      const returned = output.Item ? 1 : 0;
      return { operation, index, key: keyText(input.Key ?? {}), returned, scanned: returned, readUnits };
    }
    case 'BatchGetItem': {
      // The kinds of keys asked for (AC#…/AVAIL#…: pk and sk prefixes): the shape of a batch, not its ids.
      const keys = Object.values(input.RequestItems ?? {}).flatMap((request) => request.Keys ?? []);
      const prefix = (value: AttributeValue) => (value === undefined ? '' : `${plain(value).split('#')[0]}#…`);
      const kinds = [...new Set(keys.map((k) => [prefix(k.pk), prefix(k.sk)].filter(Boolean).join('/')))].sort();
      const returned = Object.values(output.Responses ?? {}).reduce((n, items) => n + items.length, 0);
      return { operation, index, key: `keys ${kinds.join(' ')}`, returned, scanned: returned, readUnits };
    }
    default:
      return undefined;
  }
}

// Private: an expression with its #names and :values replaced by what they stand for.
function filledIn(expression: string, input: CommandInput): string {
  return expression
    .replace(/#\w+/g, (name) => input.ExpressionAttributeNames?.[name] ?? name)
    .replace(/:\w+/g, (value) => (value in (input.ExpressionAttributeValues ?? {}) ? plain(input.ExpressionAttributeValues![value]) : value));
}

const keyText = (key: Record<string, AttributeValue>) =>
  Object.entries(key)
    .map(([name, value]) => `${name} = ${plain(value)}`)
    .join(' AND ');

// Private: an attribute value as text, marshalled ({ S: 'x' }) or not.
function plain(value: AttributeValue): string {
  if (isObject(value)) {
    const [type, inner] = Object.entries(value)[0] ?? [];
    if (type && ['S', 'N', 'BOOL'].includes(type)) return String(inner);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
