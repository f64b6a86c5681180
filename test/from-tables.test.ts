import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  ListTablesCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../db/embedded.js';
import { seed, type SeedReport } from '../seed/seed.js';
import { tableSource } from '../seed/table-source.js';
import { endpoint, REPO_ROOT, sampleSubset, testDb } from './helpers.js';

const run = promisify(execFile);
const CLI = path.join(REPO_ROOT, 'dist', 'seed', 'cli.js');
const GUIDE_SCRIPT = path.resolve(REPO_ROOT, '..', 'shared', 'baselines', 'seed_method_a.py');
const PYTHON = '/usr/bin/python3';

/** The seed guide's 16 tables and their CSV files (its create_dynamodb_tables.py), as the test knows them. */
const GUIDE: Array<[table: string, file: string, keys: string[]]> = [
  ['Passengers', 'passengers.csv', ['passenger_id']],
  ['Flights', 'flights.csv', ['flight_id']],
  ['AircraftAvailability', 'aircraft_availability.csv', ['aircraft_registration', 'availability_start']],
  ['MaintenanceWorkOrders', 'maintenance_work_orders.csv', ['workorder_id']],
  ['Weather', 'weather.csv', ['airport_code', 'forecast_time_zulu']],
  ['DisruptedPassengers', 'disrupted_passengers.csv', ['passenger_id']],
  ['AircraftSwapOptions', 'aircraft_swap_options.csv', ['aircraft_registration']],
  ['InboundFlightImpact', 'inbound_flight_impact.csv', ['scenario']],
  ['Bookings', 'bookings.csv', ['booking_id']],
  ['Baggage', 'baggage.csv', ['baggage_tag']],
  ['CrewMembers', 'crew_members.csv', ['crew_id']],
  ['CrewRoster', 'crew_roster.csv', ['roster_id']],
  ['CargoShipments', 'cargo_shipments.csv', ['shipment_id']],
  ['CargoFlightAssignments', 'cargo_flight_assignments.csv', ['assignment_id']],
  ['MaintenanceStaff', 'maintenance_staff.csv', ['staff_id']],
  ['MaintenanceRoster', 'maintenance_roster.csv', ['roster_id']],
];

/** The guide's own script when it is here (../shared/baselines and Debian's python3-boto3); otherwise its writes, reproduced below. */
const canRunGuide = existsSync(GUIDE_SCRIPT) && existsSync(PYTHON);

/** The seed guide's number columns (seed_method_a.py NUMBER_COLUMNS): stored as N (Decimal); everything else as S, flags included. */
const GUIDE_NUMBER_COLUMNS = new Set([
  'customer_value_score',
  'temperature_c',
  'visibility_km',
  'wind_speed_kts',
  'wind_direction',
  'precipitation_mm_per_hour',
  'delay_minutes',
  'weight_kg',
  'pieces',
]);

function readCsv(dir: string, file: string): Array<Record<string, string>> {
  return parse(readFileSync(path.join(dir, file)), { columns: true, bom: true }) as Array<Record<string, string>>;
}

function writeCsv(dir: string, file: string, rows: Array<Record<string, string>>): void {
  const columns = Object.keys(rows[0]!);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(path.join(dir, file), `${[columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n')}\n`);
}

/**
 * A CSV set: the first rows of every sample file, plus ids with leading zeros (a passenger, a bag) and an
 * undeclared column holding digits with leading zeros (bookings.legacy_code).
 */
function exportWithEdgeCases(rows: number): string {
  const dir = sampleSubset(rows);
  const passengers = readCsv(dir, 'passengers.csv');
  passengers.push({ ...passengers[0]!, passenger_id: '000123', customer_value_score: '07.50', is_influencer: 'Y', seat_number: '' });
  writeCsv(dir, 'passengers.csv', passengers);
  const bags = readCsv(dir, 'baggage.csv');
  bags.push({ ...bags[0]!, baggage_tag: '0012345', weight_kg: '23.40' });
  writeCsv(dir, 'baggage.csv', bags);
  const bookings = readCsv(dir, 'bookings.csv').map((b, i) => ({ ...b, legacy_code: String(i).padStart(4, '0') }));
  writeCsv(dir, 'bookings.csv', bookings);
  return dir;
}

/**
 * Fills the seed guide's 16 tables: with its own script when it is here, otherwise
 * as that script does (its key schema, on-demand billing; a number column as N when
 * it parses, every other non-empty cell as S; rows without their keys skipped).
 */
async function fillGuideTables(endpointUrl: string, dataDir: string, prefix: string): Promise<void> {
  if (canRunGuide) return runGuideScript(endpointUrl, dataDir, prefix);
  const db = testDb('guide', { endpoint: endpointUrl });
  try {
    for (const [table, file, keys] of GUIDE) {
      const name = prefix + table;
      await db.client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
          AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: GUIDE_NUMBER_COLUMNS.has(k) ? 'N' : 'S' })),
        }),
      );
      const items = readCsv(dataDir, file)
        .filter((row) => keys.every((k) => row[k]))
        .map((row) => {
          const item: Record<string, AttributeValue> = {};
          for (const [column, value] of Object.entries(row)) {
            if (value === '') continue;
            const numeric = GUIDE_NUMBER_COLUMNS.has(column) && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);
            item[column] = numeric ? { N: value.trim() } : { S: value };
          }
          return item;
        });
      for (let i = 0; i < items.length; i += 25) {
        let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const out = await db.client.send(new BatchWriteItemCommand({ RequestItems: { [name]: requests } }));
          requests = (out.UnprocessedItems?.[name] ?? []) as typeof requests;
        }
      }
    }
  } finally {
    db.destroy();
  }
}

/** Runs the seed guide's own script (its table creation and batch_writer upload, Decimal numbers), with a prefix on its table names. */
async function runGuideScript(endpointUrl: string, dataDir: string, prefix: string): Promise<void> {
  const wrapper = path.join(dataDir, '..', `guide-${path.basename(dataDir)}.py`);
  writeFileSync(
    wrapper,
    [
      'import sys',
      `sys.path.insert(0, ${JSON.stringify(path.dirname(GUIDE_SCRIPT))})`,
      'import seed_method_a as m',
      `m.TABLES = [(${JSON.stringify(prefix)} + t, f, pk, sk) for (t, f, pk, sk) in m.TABLES]`,
      'sys.exit(m.main())',
    ].join('\n'),
  );
  try {
    await run(PYTHON, [wrapper, '--endpoint', endpointUrl, '--data-dir', dataDir], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' },
      timeout: 300_000,
    });
  } finally {
    unlinkSync(wrapper);
  }
}

/** Every item of a table, unmarshalled. */
async function scanItems(db: Db, table = db.tableName): Promise<Array<Record<string, any>>> {
  const items: Array<Record<string, any>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const countsOf = (items: Array<Record<string, any>>) => {
  const counts: Record<string, number> = {};
  for (const i of items) if (typeof i._et === 'string') counts[i._et] = (counts[i._et] ?? 0) + 1;
  return counts;
};

async function seedCli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env: { ...process.env, ...env }, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every table name of a DynamoDB (ListTables pages hold 100 at most). */
async function allTables(db: Db): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await db.client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

/** Puts one raw item (any attribute types) into a source table. */
const putRaw = (db: Db, table: string, item: Record<string, AttributeValue>) => db.client.send(new PutItemCommand({ TableName: table, Item: item }));

/** Arrays in a canonical order (a parent's refs come in the order the children were read, which a Scan does not fix). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

describe("npm run seed -- --from-tables: migrating the seed guide's 16 tables", () => {
  const prefix = `g${Date.now().toString(36)}_`;
  const source = testDb('guide_source');
  const target = testDb('migrated');
  const byCsv = testDb('by_csv');
  let dir: string;

  beforeAll(async () => {
    dir = exportWithEdgeCases(120);
    await fillGuideTables(endpoint(), dir, prefix);
    // A table of the guide that is not there: reported missing, not fatal.
    await source.client.send(new DeleteTableCommand({ TableName: `${prefix}MaintenanceStaff` }));
    // Items no CSV row could have made: each is a rejected row, reported with its table and key.
    await putRaw(source, `${prefix}Passengers`, { passenger_id: { S: 'BAD-MAP-1' }, first_name: { M: { given: { S: 'Ann' } } } });
    await putRaw(source, `${prefix}Flights`, { flight_id: { S: 'BADDATE-1' }, departure_time: { S: 'tomorrow' } });
    await putRaw(source, `${prefix}Baggage`, { baggage_tag: { S: 'BAD-SET-1' }, weight_kg: { NS: ['1', '2'] } });
    await putRaw(source, `${prefix}Bookings`, { booking_id: { S: 'BAD-BIN-1' }, scanned_form: { B: new Uint8Array([1, 2, 3]) } });
  }, 600_000);

  afterAll(async () => {
    const tables = await allTables(source);
    for (const table of [...tables.filter((t) => t.startsWith(prefix)), target.tableName, byCsv.tableName]) {
      await source.client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    }
    for (const db of [source, target, byCsv]) db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  let first: { code: number; stdout: string; stderr: string };
  it('loads every item, reports the missing table and the rejected rows, with plain progress lines in a log', async () => {
    first = await seedCli(['--from-tables', '--table-prefix', prefix], {
      DYNAMODB_ENDPOINT: endpoint(),
      TABLE_NAME: target.tableName,
      SEED_PROGRESS_SECONDS: '0.2',
    });
    expect(first.code).toBe(1); // rows were rejected
    // Per-entity counts: the CSV rows of each table the guide loaded; nothing of the missing one.
    const counts = countsOf(await scanItems(target));
    for (const [table, file] of GUIDE) {
      const expected = table === 'MaintenanceStaff' ? undefined : readCsv(dir, file).length;
      expect(counts[table], table).toBe(expected);
    }
    // The summary names the source table in place of the file, the missing one too.
    expect(first.stdout).toContain(`${prefix}Passengers `);
    expect(first.stdout).toContain(`${prefix}MaintenanceStaff (missing)`);
    expect(first.stderr).toContain(`Tables not found (reported as missing, nothing loaded from them): ${prefix}MaintenanceStaff`);
    // Output is not a terminal: one plain line per entity as it goes, and when it is done.
    expect(first.stderr).toMatch(
      new RegExp(`seed: Passengers \\(${prefix}Passengers\\) done: ${readCsv(dir, 'passengers.csv').length + 1} rows read`),
    );
    expect(first.stderr).toMatch(/seed: Weather \(.*Weather\) (\d+%|done): [\d,]+ rows read of [\d,]+ items/);
  });

  it('rejects a map, a set, a binary and a bad date-time, each with its table and key', () => {
    const problems = first.stdout.split('\n').filter((l) => /^\s+\S+:\d+: /.test(l));
    const reported = (table: string, text: string) => problems.filter((p) => p.includes(`${prefix}${table}:`) && p.includes(text));
    expect(reported('Passengers', 'key passenger_id=BAD-MAP-1: column first_name holds a map (M) where a string is expected')).toHaveLength(1);
    expect(reported('Flights', 'key flight_id=BADDATE-1: column departure_time: declared date-time is not ISO 8601, got "tomorrow"')).toHaveLength(1);
    expect(reported('Baggage', 'key baggage_tag=BAD-SET-1: column weight_kg holds a number set (NS) where a number is expected')).toHaveLength(1);
    expect(reported('Bookings', 'key booking_id=BAD-BIN-1: column scanned_form holds a binary (B) where a string is expected')).toHaveLength(1);
    expect(problems.filter((p) => !p.includes('note:'))).toHaveLength(4);
  });

  it('converts as a CSV load does: ids with leading zeros stay strings, Decimal numbers and string numbers become numbers, flags booleans', async () => {
    const items = await scanItems(target);
    const find = (entity: string, column: string, value: string) => items.find((i) => i._et === entity && i[column] === value);
    const csvPassenger = readCsv(dir, 'passengers.csv').find((r) => r.passenger_id === '000123')!;
    const passenger = find('Passengers', 'passenger_id', '000123')!;
    expect(passenger).toBeDefined();
    expect(passenger.customer_value_score).toBe(7.5);
    expect(passenger.is_influencer).toBe(true);
    expect(passenger.first_name).toBe(csvPassenger.first_name);
    expect(passenger.seat_number).toBeUndefined();
    const bag = find('Baggage', 'baggage_tag', '0012345')!;
    expect(bag.weight_kg).toBe(23.4);
    // A column the gateway does not declare keeps its text: the guide stored it as a string.
    const csvBooking = readCsv(dir, 'bookings.csv')[7]!;
    expect(find('Bookings', 'booking_id', csvBooking.booking_id!)!.legacy_code).toBe('0007');
    // Weather: numbers the guide declared (Decimal), and one it did not (ceiling_ft, stored as a string), are numbers.
    const csvWeather = readCsv(dir, 'weather.csv')[0]!;
    const weather = items.find(
      (i) => i._et === 'Weather' && i.airport_code === csvWeather.airport_code && i.forecast_time_zulu === csvWeather.forecast_time_zulu,
    )!;
    expect(weather.visibility_km).toBe(Number(csvWeather.visibility_km));
    expect(weather.temperature_c).toBe(Number(csvWeather.temperature_c));
    expect(weather.ceiling_ft).toBe(Number(csvWeather.ceiling_ft));
    // A list column from the guide's string.
    const csvDisrupted = readCsv(dir, 'disrupted_passengers.csv').find((r) => (r.ssr_codes ?? '').trim() !== '');
    if (csvDisrupted) {
      const disrupted = find('DisruptedPassengers', 'passenger_id', csvDisrupted.passenger_id!)!;
      expect(disrupted.ssr_codes).toEqual(csvDisrupted.ssr_codes!.split(/[\s,;]+/).filter(Boolean));
    }
  });

  it('gives the very items a CSV load of the same files gives', async () => {
    const csvDir = mkdtempSync(path.join(tmpdir(), 'bycsv-'));
    try {
      for (const [, file] of GUIDE.filter(([t]) => t !== 'MaintenanceStaff'))
        writeFileSync(path.join(csvDir, file), readFileSync(path.join(dir, file)));
      const report = await seed(byCsv, { dataDir: csvDir });
      expect(report.problems.filter((p) => !p.reason.startsWith('note:'))).toEqual([]);
    } finally {
      rmSync(csvDir, { recursive: true, force: true });
    }
    const comparable = (items: Array<Record<string, any>>) =>
      items
        .filter((i) => i._et !== 'TableStats')
        .map((i) => JSON.stringify(canonical(i)))
        .sort();
    expect(comparable(await scanItems(target))).toEqual(comparable(await scanItems(byCsv)));
  });

  it('run again, gives the same items and the same report (idempotent)', async () => {
    const before = (await scanItems(target)).filter((i) => i._et !== 'TableStats').length;
    const again = await seedCli(['--from-tables', '--table-prefix', prefix, '--json'], {
      DYNAMODB_ENDPOINT: endpoint(),
      TABLE_NAME: target.tableName,
    });
    expect(again.code).toBe(1);
    const report = JSON.parse(again.stdout) as SeedReport;
    expect(report.entities.find((e) => e.entity === 'MaintenanceStaff')!.status).toBe('missing');
    expect(report.entities.reduce((n, e) => n + e.rowsRejected, 0)).toBe(4);
    expect((await scanItems(target)).filter((i) => i._et !== 'TableStats').length).toBe(before);
    for (const [table, file] of GUIDE.filter(([t]) => t !== 'MaintenanceStaff'))
      expect(report.tableCounts[table], table).toBe(readCsv(dir, file).length);
  });

  it('with none of the tables there, says so and loads nothing; a --reset is then refused and deletes nothing', async () => {
    const env = { DYNAMODB_ENDPOINT: endpoint(), TABLE_NAME: target.tableName };
    const before = (await scanItems(target)).length;
    const none = await seedCli(['--from-tables', '--table-prefix', 'no_such_prefix_'], env);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/hold none of the 16 entities; nothing was loaded/);
    const reset = await seedCli(['--from-tables', '--table-prefix', 'no_such_prefix_', '--reset'], env);
    expect(reset.code).toBe(1);
    expect(reset.stderr).toMatch(/reset refused: .*hold none of the 16 entities.*nothing was deleted/);
    expect((await scanItems(target)).length).toBe(before);
  });

  it('--dry-run reads and validates the tables, writes nothing', async () => {
    const dry = testDb('dry_target');
    try {
      const result = await seedCli(['--from-tables', '--table-prefix', prefix, '--dry-run', '--json'], {
        DYNAMODB_ENDPOINT: endpoint(),
        TABLE_NAME: dry.tableName,
      });
      const report = JSON.parse(result.stdout) as SeedReport;
      expect(report.dryRun).toBe(true);
      expect(report.entities.reduce((n, e) => n + e.rowsRejected, 0)).toBe(4);
      expect(report.entities.find((e) => e.entity === 'Passengers')!.itemsWritten).toBe(readCsv(dir, 'passengers.csv').length);
      expect(await allTables(dry)).not.toContain(dry.tableName);
    } finally {
      dry.destroy();
    }
  });

  it('survives throttling (backoff on each Scan page), and a run cut off by a fault completes when run again', async () => {
    const resumed = testDb('resumed');
    // The source throttles every other Scan page; the SDK is told not to retry, so the table source's backoff must.
    const flaky = testDb('flaky_source', { maxAttempts: 1 });
    let scans = 0;
    let failAfter = Infinity;
    flaky.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ScanCommand') {
          scans += 1;
          if (scans > failAfter) throw Object.assign(new Error('the source went away'), { name: 'SimulatedOutage' });
          if (scans % 2 === 0) throw Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'faults' },
    );
    try {
      failAfter = 40;
      const cut = await seed(resumed, { dataDir: dir, source: tableSource(flaky, { tablePrefix: prefix, pageSize: 25 }) });
      expect(cut.ok).toBe(false);
      expect(cut.failure).toMatch(/the source went away/);
      failAfter = Infinity;
      const completed = await seed(resumed, { dataDir: dir, source: tableSource(flaky, { tablePrefix: prefix, pageSize: 25 }) });
      expect(completed.failure).toBeUndefined();
      const counts = countsOf(await scanItems(resumed));
      for (const [table, file] of GUIDE) expect(counts[table], table).toBe(table === 'MaintenanceStaff' ? undefined : readCsv(dir, file).length);
    } finally {
      await resumed.client.send(new DeleteTableCommand({ TableName: resumed.tableName })).catch(() => undefined);
      resumed.destroy();
      flaky.destroy();
    }
  });
});

describe('--from-tables --source-endpoint: the guide tables on another DynamoDB', () => {
  let other: EmbeddedDynamoDb;
  let dir: string;
  const target = testDb('migrated_other');
  beforeAll(async () => {
    other = await startEmbeddedDynamoDb();
    dir = exportWithEdgeCases(40);
    // The guide's script as it is: its own table names, no prefix.
    await fillGuideTables(other.endpoint, dir, '');
  }, 600_000);
  afterAll(async () => {
    await target.client.send(new DeleteTableCommand({ TableName: target.tableName })).catch(() => undefined);
    target.destroy();
    await other?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads them there, writes here; a string set or list in a list column, a number or BOOL flag, a NULL are accepted', async () => {
    const remote = testDb('remote', { endpoint: other.endpoint });
    try {
      await putRaw(remote, 'CrewMembers', {
        crew_id: { S: '000777' },
        qualified_aircraft_types: { SS: ['A320', 'B777-300ER'] },
        rank: { NULL: true },
      });
      await putRaw(remote, 'CargoShipments', {
        shipment_id: { S: 'SH-L-1' },
        special_handling: { L: [{ S: 'PER' }, { S: 'AVI' }] },
        pieces: { N: '3' },
      });
      await putRaw(remote, 'Passengers', { passenger_id: { S: '0000999' }, is_influencer: { N: '1' } });
      await putRaw(remote, 'DisruptedPassengers', { passenger_id: { S: '0000999' }, requires_hotel: { BOOL: true }, has_connection: { S: 'N' } });
    } finally {
      remote.destroy();
    }
    const result = await seedCli(['--from-tables', '--source-endpoint', other.endpoint, '--source-region', 'us-east-1', '--json'], {
      DYNAMODB_ENDPOINT: endpoint(),
      TABLE_NAME: target.tableName,
    });
    const report = JSON.parse(result.stdout) as SeedReport;
    expect(report.problems.filter((p) => !p.reason.startsWith('note:'))).toEqual([]);
    expect(result.code).toBe(0);
    const extra: Record<string, number> = { CrewMembers: 1, CargoShipments: 1, Passengers: 1, DisruptedPassengers: 1 };
    const items = await scanItems(target);
    const counts = countsOf(items);
    for (const [table, file] of GUIDE) expect(counts[table], table).toBe(readCsv(dir, file).length + (extra[table] ?? 0));
    const crew = items.find((i) => i._et === 'CrewMembers' && i.crew_id === '000777')!;
    expect(crew.qualified_aircraft_types).toEqual(['A320', 'B777-300ER']);
    expect(crew.rank).toBeUndefined();
    expect(items.find((i) => i._et === 'CargoShipments' && i.shipment_id === 'SH-L-1')).toMatchObject({
      special_handling: ['PER', 'AVI'],
      pieces: 3,
    });
    expect(items.find((i) => i._et === 'Passengers' && i.passenger_id === '0000999')!.is_influencer).toBe(true);
    expect(items.find((i) => i._et === 'DisruptedPassengers' && i.passenger_id === '0000999')).toMatchObject({
      requires_hotel: true,
      has_connection: false,
    });
  });
});

describe('plain progress lines where the output is not a terminal', () => {
  it('a CSV load prints a line per entity as it goes and when it is done', async () => {
    const result = await seedCli(['--dry-run'], { SEED_PROGRESS_SECONDS: '0.05' });
    expect(result.code).toBe(0);
    for (const [table, file] of GUIDE)
      expect(result.stderr).toMatch(
        new RegExp(`^seed: ${table} \\(${file.replace('.', '\\.')}\\) done: [\\d,]+ rows read, [\\d,]+ valid items, 0 rejected \\[\\d+ s\\]$`, 'm'),
      );
    expect(result.stderr).toMatch(/^seed: Passengers \(passengers\.csv\) \d+%: [\d,]+ rows read, [\d,]+ valid items, 0 rejected/m);
  });
});
