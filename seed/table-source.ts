import { DescribeTableCommand, ScanCommand, type AttributeValue, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { ENTITIES, type AnyEntityModel, type ColumnKind } from '../entities/index.js';
import type { Db } from '../db/client.js';
import { isThrottle, sleep } from '../db/errors.js';
import type { CsvEvent } from './csv-records.js';
import type { RecordSource, SourceRecords } from './seed.js';

/**
 * The seed guide's 16 tables ("DynamoDB Setup Guide", create_dynamodb_tables.py): table name,
 * the CSV file it was loaded from (our entity's file), its partition key and sort key. The guide
 * stores every key as a string, its declared number columns as numbers, and everything else (flags,
 * numbers it does not declare) as strings; empty cells are left out.
 */
export const SEED_GUIDE_TABLES: ReadonlyArray<{ readonly table: string; readonly file: string; readonly pk: string; readonly sk?: string }> = [
  { table: 'Passengers', file: 'passengers.csv', pk: 'passenger_id' },
  { table: 'Flights', file: 'flights.csv', pk: 'flight_id' },
  { table: 'AircraftAvailability', file: 'aircraft_availability.csv', pk: 'aircraft_registration', sk: 'availability_start' },
  { table: 'MaintenanceWorkOrders', file: 'maintenance_work_orders.csv', pk: 'workorder_id' },
  { table: 'Weather', file: 'weather.csv', pk: 'airport_code', sk: 'forecast_time_zulu' },
  { table: 'DisruptedPassengers', file: 'disrupted_passengers.csv', pk: 'passenger_id' },
  { table: 'AircraftSwapOptions', file: 'aircraft_swap_options.csv', pk: 'aircraft_registration' },
  { table: 'InboundFlightImpact', file: 'inbound_flight_impact.csv', pk: 'scenario' },
  { table: 'Bookings', file: 'bookings.csv', pk: 'booking_id' },
  { table: 'Baggage', file: 'baggage.csv', pk: 'baggage_tag' },
  { table: 'CrewMembers', file: 'crew_members.csv', pk: 'crew_id' },
  { table: 'CrewRoster', file: 'crew_roster.csv', pk: 'roster_id' },
  { table: 'CargoShipments', file: 'cargo_shipments.csv', pk: 'shipment_id' },
  { table: 'CargoFlightAssignments', file: 'cargo_flight_assignments.csv', pk: 'assignment_id' },
  { table: 'MaintenanceStaff', file: 'maintenance_staff.csv', pk: 'staff_id' },
  { table: 'MaintenanceRoster', file: 'maintenance_roster.csv', pk: 'roster_id' },
];

export interface TableSourceOptions {
  /** Prepended to every table name of the guide (`--table-prefix`). */
  readonly tablePrefix?: string;
  /** Parallel Scan segments per table (default 4). */
  readonly segments?: number;
  /** Items per Scan page (default: DynamoDB's 1 MB pages). */
  readonly pageSize?: number;
  /** Throttled Scan pages are retried this many times, with exponential backoff and jitter, beyond the SDK's own attempts (default 10). */
  readonly throttleRetries?: number;
  /** Where the tables are, for people (`--source-endpoint`, or the region). */
  readonly description?: string;
}

/** A table of the guide found at the source: its real name and key attributes. */
interface FoundTable {
  readonly name: string;
  readonly keys: string[];
}

/**
 * The seed guide's 16 tables as a record source of the seed (seed/seed.ts): each table is read
 * with a parallel, segmented, paginated Scan, and each item becomes the record a CSV row would
 * have been, so that the same conversion, validation and report apply:
 * - the header is the attributes the table's items carry (a first Scan pass finds them: a
 *   DynamoDB table has no header), declared columns first;
 * - an `S` is the cell as written (converted by the column's kind, exactly as a CSV cell: `Y`
 *   flags, `000123` ids, numbers the guide kept as strings); an `N` is the number as DynamoDB
 *   stores it; `BOOL` is `true`/`false`; `NULL` an empty cell; a list column also takes a string
 *   set or a list of strings;
 * - any other type (a map, a list, a binary, a set) where a column expects a scalar makes the
 *   item a rejected row, reported with its table and key.
 * A table that does not exist is missing, as a missing file is.
 */
export function tableSource(db: Db, options: TableSourceOptions = {}): RecordSource {
  const prefix = options.tablePrefix ?? '';
  const segments = options.segments ?? 4;
  const found = new Map<string, FoundTable>();
  return {
    description: options.description ?? `the seed guide's tables${prefix ? ` (prefix ${prefix})` : ''}`,
    nameOf: (model) => `${prefix}${SEED_GUIDE_TABLES.find((t) => t.file === model.file)?.table ?? model.name}`,
    async present() {
      const present = new Map<string, string>();
      for (const model of ENTITIES) {
        const guide = SEED_GUIDE_TABLES.find((t) => t.file === model.file);
        if (!guide) continue;
        const name = `${prefix}${guide.table}`;
        const table = await describe(db, name);
        if (!table) continue;
        const schema = table.KeySchema ?? [];
        const keys = ['HASH', 'RANGE'].flatMap((type) => schema.filter((k) => k.KeyType === type).map((k) => k.AttributeName!));
        found.set(model.name, { name, keys: keys.length > 0 ? keys : [guide.pk, ...(guide.sk ? [guide.sk] : [])] });
        present.set(model.name, name);
      }
      return present;
    },
    async open(model, _name, onProgress) {
      const table = found.get(model.name)!;
      const scan = (visit: (item: Record<string, AttributeValue>) => void | Promise<void>) =>
        scanTable(db, table.name, { segments, pageSize: options.pageSize, throttleRetries: options.throttleRetries ?? 10 }, visit);
      // First pass: the header (the attributes the items carry) and the item count (the progress bar's total).
      const attributes = new Set<string>(table.keys);
      let size = 0;
      await scan((item) => {
        size += 1;
        for (const name of Object.keys(item)) attributes.add(name);
      });
      const declared = Object.keys(model.columns).filter((c) => attributes.has(c));
      const header = [...declared, ...[...attributes].filter((a) => !(a in model.columns)).sort()];
      return { size, events: records(model, table, header, scan, onProgress) } satisfies SourceRecords;
    },
  };
}

/** The records of one table: the header, then one per item (its position in the scan as its line, the header being line 1). */
async function* records(
  model: AnyEntityModel,
  table: FoundTable,
  header: string[],
  scan: (visit: (item: Record<string, AttributeValue>) => void | Promise<void>) => Promise<void>,
  onProgress: (itemsRead: number) => void,
): AsyncGenerator<CsvEvent> {
  yield { type: 'record', fields: header, line: 1 };
  // The scan pushes pages, the load pulls records: a bounded queue between them (a few pages).
  const queue: Array<Record<string, AttributeValue>> = [];
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  let finished = false;
  let failure: Error | undefined;
  const scanning = scan(async (item) => {
    queue.push(item);
    wake?.();
    while (queue.length >= 4_000) await new Promise<void>((r) => (room = r));
  }).then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
      finished = true;
      wake?.();
    },
  );
  let line = 1;
  try {
    for (;;) {
      if (queue.length === 0) {
        if (finished) break;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      const item = queue.shift()!;
      if (queue.length < 2_000) room?.();
      line += 1;
      onProgress(line - 1);
      yield toRecord(model, table, header, item, line);
    }
    if (failure) throw failure;
  } finally {
    room?.();
    await scanning.catch(() => undefined);
  }
}

/** One item as the record its CSV row would be, or a broken record saying which attribute cannot be a cell. */
function toRecord(model: AnyEntityModel, table: FoundTable, header: string[], item: Record<string, AttributeValue>, line: number): CsvEvent {
  const key = `key ${table.keys.map((k) => `${k}=${item[k] ? (cellText(item[k], 'string') ?? '?') : '(missing)'}`).join(', ')}`;
  const fields: string[] = [];
  for (const column of header) {
    const value = item[column];
    const kind: ColumnKind = model.columns[column] ?? 'string';
    const text = value === undefined ? '' : cellText(value, kind);
    if (text === undefined) {
      const type = Object.keys(value!)[0] ?? '?';
      return {
        type: 'broken',
        line,
        reason: `column ${column} holds a ${TYPE_NAMES[type] ?? type} (${type}) where a ${kind === 'list' ? 'list of codes' : kind} is expected`,
        key,
      };
    }
    fields.push(text);
  }
  return { type: 'record', fields, line, key };
}

const TYPE_NAMES: Record<string, string> = { M: 'map', L: 'list', B: 'binary', SS: 'string set', NS: 'number set', BS: 'binary set' };

/** The cell text of a value for a column of `kind`, or undefined when it is not a scalar the column can hold. */
function cellText(value: AttributeValue, kind: ColumnKind): string | undefined {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return value.N;
  if (value.BOOL !== undefined) return value.BOOL ? 'true' : 'false';
  if (value.NULL !== undefined) return '';
  if (kind === 'list') {
    if (value.SS !== undefined) return value.SS.join(',');
    if (value.L !== undefined && value.L.every((e) => e.S !== undefined)) return value.L.map((e) => e.S).join(',');
  }
  return undefined;
}

async function describe(db: Db, name: string) {
  try {
    return (await db.client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/**
 * Visits every item of a table: `segments` parallel Scan segments, each paginated; a throttled
 * page is asked again after an exponential backoff with jitter (beyond the SDK's own retries).
 */
export async function scanTable(
  db: Db,
  table: string,
  options: { segments: number; pageSize?: number | undefined; throttleRetries: number },
  visit: (item: Record<string, AttributeValue>) => void | Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: options.segments }, async (_, segment) => {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page: ScanCommandOutput = await withBackoff(options.throttleRetries, () =>
          db.client.send(
            new ScanCommand({
              TableName: table,
              Segment: segment,
              TotalSegments: options.segments,
              ExclusiveStartKey: start,
              ...(options.pageSize ? { Limit: options.pageSize } : {}),
            }),
          ),
        );
        for (const item of page.Items ?? []) await visit(item);
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
}

async function withBackoff<T>(retries: number, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottle(error) || attempt >= retries) throw error;
      await sleep(Math.min(20_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
}
