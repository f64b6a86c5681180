import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { EntityParser } from 'dynamodb-toolbox';
import {
  Aircraft,
  aircraftKey,
  AircraftTarget,
  type LinkTarget,
  dayItemSortKey,
  ENTITIES,
  ENTITY_ATTRIBUTE,
  GSI_NAMES,
  loadOrder,
  REFS_ATTRIBUTE,
  TABLE_STATS_KEY,
  type AnyEntityModel,
} from '../entities/index.js';
import type { ParentRefs } from './refs.js';
import type { Db } from '../db/client.js';
import { describeError } from '../db/errors.js';
import { BatchWriter, type BatchWriterOptions, type BatchWriterStats } from './batch-writer.js';
import { readCsvRecords, type CsvEvent } from './csv-records.js';
import { SEED_LOCK_KEY, SeedAlreadyRunningError, SeedLock, type SeedLockOptions } from './lock.js';
import { provisionTable, type ProvisionResult } from './provision.js';
import { detached, RefCollector } from './refs.js';
import { HeaderError, RowConverter, RowError } from './row-converter.js';
import { countByEntity, scanAll } from './table-scan.js';
import { ChangedRecords, type KeptRecord } from './changed-records.js';

export interface SeedOptions {
  /** Directory holding the CSV files (file names from the contract). */
  readonly dataDir: string;
  /** Empty the table before loading. */
  readonly reset?: boolean;
  /** Read, convert and validate every row, write nothing (no database needed). */
  readonly dryRun?: boolean;
  readonly pointInTimeRecovery?: boolean;
  readonly writer?: BatchWriterOptions;
  /** Row problems kept in the report; the rest are counted in `problemsOmitted`. */
  readonly maxProblems?: number;
  readonly onProgress?: (progress: EntityProgress) => void;
  /** The seed lock's lease (tests shorten it). */
  readonly lock?: SeedLockOptions;
  /** Read the entities from this source instead of dataDir's CSV files (seed/table-source.ts: the seed guide's tables). */
  readonly source?: RecordSource;
  /** Replace the records changed through the API (version above 0) with the export's rows; by default they are kept (README, "Acting on a disruption"). */
  readonly overwriteChanges?: boolean;
}

/**
 * Where the records come from when they are not CSV files of a directory: the same
 * events the CSV reader yields (header first), so that conversion, validation and
 * report are the CSV load's. The report names each entity's source (a table) in place of its file.
 */
export interface RecordSource {
  /** Where the records are, for people (the report's `dataDir`). */
  readonly description: string;
  /** The entities the source holds: entity name -> the name its report gives (a table's). */
  present(): Promise<Map<string, string>>;
  /** The name an entity's report gives when the source lacks it. */
  nameOf(model: AnyEntityModel): string;
  /** One entity's records; `onProgress` hears how many of `size` have been read. */
  open(model: AnyEntityModel, name: string, onProgress: (read: number) => void): Promise<SourceRecords>;
}

export interface SourceRecords {
  readonly size: number;
  readonly events: AsyncIterable<CsvEvent>;
}

/**
 * A seed refused before it touched the table: `reset` on a data directory with
 * none of the contract's CSV files (it would only have emptied the table), or a
 * data directory that does not exist.
 */
export class SeedRefusedError extends Error {
  readonly code = 'SEED_REFUSED';
  override readonly name = 'SeedRefusedError';
}

export interface EntityProgress {
  readonly entity: string;
  readonly file: string;
  readonly bytesTotal: number;
  readonly bytesRead: number;
  readonly rowsRead: number;
  readonly itemsWritten: number;
  readonly rowsRejected: number;
  readonly done: boolean;
}

export type EntityStatus = 'loaded' | 'missing' | 'rejected';

export interface EntityReport {
  /** The contract's entity name, e.g. `Passengers`. */
  readonly entity: string;
  readonly file: string;
  status: EntityStatus;
  rowsRead: number;
  /** Items stored (or, in a dry run, items that would be stored). */
  itemsWritten: number;
  /** GSI entries of those items: each is one more write DynamoDB makes (the write amplification). */
  indexEntries: number;
  rowsRejected: number;
  seconds: number;
}

/** A row (or, with line 0, a whole file) that could not be loaded. */
export interface RowProblem {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface SeedReport {
  /** True when every row present was loaded. */
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly reset: boolean;
  readonly tableName: string;
  readonly dataDir: string;
  readonly entities: EntityReport[];
  readonly problems: RowProblem[];
  readonly problemsOmitted: number;
  /** Derived per-registration Aircraft items written. */
  readonly aircraftItems: number;
  /** Day items written: the keys of a parent's children of one day, for lists that follow history. */
  readonly dayItems: number;
  /** Items per entity in the table after the load (not in a dry run). */
  readonly tableCounts: Record<string, number>;
  readonly seconds: number;
  readonly writes: BatchWriterStats;
  readonly provision?: ProvisionResult;
  /** Set when the load stopped early (database unreachable ...). */
  readonly failure?: string;
  /** Records changed through the API that this seed found: kept (the default) or replaced (overwriteChanges). */
  readonly changedRecords?: KeptRecord[];
}

/**
 * Provisions the table and bulk-loads a directory of CSVs into it: the one seed
 * behind the CLI, `npm start` and the admin mutation. Bad rows are reported with
 * file, line and reason while every good row loads; re-running gives the same
 * items (writes are idempotent puts of deterministic keys).
 */
export async function seed(db: Db | undefined, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  if (!dryRun && !db) throw new Error('seed needs a database unless dryRun is set');
  const present = await options.source?.present();
  if (options.source && present) {
    if (present.size === 0) {
      const none = `${options.source.description} hold none of the ${ENTITIES.length} entities`;
      const target = db?.tableName ?? '(dry run)';
      if (options.reset) throw new SeedRefusedError(`reset refused: ${none}, so a reset would only empty table ${target}; nothing was deleted`);
      return emptyReport(db, { ...options, dataDir: options.source.description }, `${none}; nothing was loaded`, started);
    }
  } else if (!existsSync(options.dataDir) || !statSync(options.dataDir).isDirectory()) {
    throw new SeedRefusedError(
      `data directory ${options.dataDir} does not exist or is not a directory; nothing was ${options.reset ? 'deleted or ' : ''}loaded`,
    );
  }
  if (!present && contractFilesIn(options.dataDir).length === 0) {
    const expected = `none of the ${ENTITIES.length} CSV files of the contract (${ENTITIES.map((m) => m.file).join(', ')})`;
    if (options.reset) {
      throw new SeedRefusedError(
        `reset refused: data directory ${options.dataDir} holds ${expected}, so a reset would only empty ` +
          `table ${db?.tableName ?? '(dry run)'}; nothing was deleted`,
      );
    }
    // Not an error of the table, and nothing to load: said as a failed run, never as ok.
    return emptyReport(db, options, `no CSV file of the contract found in ${options.dataDir}: it holds ${expected}; nothing was loaded`, started);
  }
  // Every call after the lock is taken goes through this guard: a seeder that has lost its lease stops writing.
  let lock: SeedLock | undefined;
  const guarded = db && !dryRun ? leaseGuarded(db, () => lock?.assertHeld()) : db;
  const run = new SeedRun(guarded, options, () => lock?.assertHeld(), present);
  let provision: ProvisionResult | undefined;
  let failure: string | undefined;
  let aircraftItems = 0;
  let dayItems = 0;
  let tableCounts: Record<string, number> = {};
  let startedEmpty = false;
  try {
    if (db && guarded && !dryRun) {
      provision = await provisionTable(db, { pointInTimeRecovery: options.pointInTimeRecovery ?? false });
      const taking = new SeedLock(db, options.lock);
      await taking.acquire();
      lock = taking;
      if (options.reset) await run.emptyTable();
      startedEmpty = options.reset === true || (await isEmpty(guarded));
      if (!startedEmpty) run.changed = await ChangedRecords.read(guarded, options.overwriteChanges ?? false);
    }
    // Each parent's collected refs are written with it (its items, then its day items) and forgotten.
    for (const model of loadOrder()) {
      await run.loadEntity(model);
      dayItems += await run.finishParent(model);
    }
    aircraftItems = await run.writeAircraft();
    dayItems += await run.finishParent(AircraftTarget);
    await run.deleteReplacedChanges();
    await run.flush();
    if (guarded && !dryRun) {
      // Into an empty table the counts are what was written; otherwise items of an
      // earlier load may remain, and only a recount is exact.
      tableCounts = startedEmpty ? run.writtenCounts(aircraftItems) : await countByEntity(guarded);
      await writeTableStats(guarded, tableCounts);
    }
  } catch (error) {
    if (error instanceof SeedAlreadyRunningError) throw error;
    failure = describeError(error);
    await run.flush().catch(() => undefined);
  } finally {
    await lock?.release();
  }
  const entities = ENTITIES.map((m) => run.reports.get(m.name)!).filter(Boolean);
  const problems = run.problems;
  return {
    ok: failure === undefined && run.problemCount === 0 && run.failedWrites === 0,
    dryRun,
    reset: options.reset ?? false,
    tableName: db?.tableName ?? '(dry run)',
    dataDir: options.source?.description ?? options.dataDir,
    entities,
    problems,
    problemsOmitted: run.problemCount - problems.length,
    aircraftItems,
    dayItems,
    tableCounts,
    seconds: round((performance.now() - started) / 1000),
    writes: run.writerStats,
    ...(provision ? { provision } : {}),
    ...(failure ? { failure } : {}),
    ...(run.changed?.kept.length ? { changedRecords: run.changed.kept } : {}),
  };
}

/** The contract's file names present in a directory (matched case-insensitively, as the load does). */
function contractFilesIn(dataDir: string): string[] {
  const present = new Set(readdirSync(dataDir).map((f) => f.toLowerCase()));
  return ENTITIES.map((m) => m.file).filter((file) => present.has(file.toLowerCase()));
}

function emptyReport(db: Db | undefined, options: SeedOptions, failure: string, started: number): SeedReport {
  return {
    ok: false,
    dryRun: options.dryRun ?? false,
    reset: options.reset ?? false,
    tableName: db?.tableName ?? '(dry run)',
    dataDir: options.dataDir,
    entities: ENTITIES.map((m) => notLoaded(m, m.file)),
    problems: [],
    problemsOmitted: 0,
    aircraftItems: 0,
    dayItems: 0,
    tableCounts: {},
    seconds: round((performance.now() - started) / 1000),
    writes: { batches: 0, retries: 0, throttles: 0, unprocessedItems: 0 },
    failure,
  };
}

/**
 * The same database, but every command first asks `check` (the lock's
 * assertHeld), which throws once the lease is lost: the writer's next batch, the
 * reset's next delete and the stats item are then never sent.
 */
function leaseGuarded(db: Db, check: () => void): Db {
  // Both clients: the writer sends through the low-level one, the rest through the document client.
  const guard = <T extends { send: (...args: never[]) => unknown }>(target: T): T =>
    new Proxy(target, {
      get(inner, property, receiver) {
        if (property !== 'send') return Reflect.get(inner, property, receiver) as unknown;
        return (...args: Parameters<T['send']>) => {
          check();
          return inner.send(...args);
        };
      },
    });
  return { client: guard(db.client), doc: guard(db.doc), tableName: db.tableName, calls: db.calls, destroy: () => db.destroy() };
}

/** A count of operations in flight, and a promise for when none is left once no more are added. */
class Outstanding {
  private count = 0;
  private waiting: (() => void) | undefined;

  add(): void {
    this.count += 1;
  }

  done(): void {
    this.count -= 1;
    if (this.count === 0) this.waiting?.();
  }

  /** Resolves when every operation added so far is done (at once if none is in flight); no more may be added. */
  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise<void>((resolve) => (this.waiting = resolve));
  }
}

/** State of one seed run: the writer, the refs being collected, the reports. */
class SeedRun {
  readonly reports = new Map<string, EntityReport>();
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  failedWrites = 0;
  private failedAircraft = 0;
  private readonly writer: BatchWriter | undefined;
  private readonly refs = new RefCollector();
  private readonly files: Map<string, string>;
  private readonly maxProblems: number;
  /** Records changed through the API (read before the load when the table is not empty). */
  changed: ChangedRecords | undefined;

  constructor(
    private readonly db: Db | undefined,
    private readonly options: SeedOptions,
    /** Throws once the seed lock is lost: the load then ends instead of reading on. */
    private readonly assertLocked: () => void = () => undefined,
    /** With options.source: the entities it holds. */
    private readonly present?: Map<string, string>,
  ) {
    this.writer = db && !options.dryRun ? new BatchWriter(db, options.writer) : undefined;
    this.maxProblems = options.maxProblems ?? 1_000;
    // File names are matched case-insensitively: exports from Windows tools vary.
    this.files = present ? new Map<string, string>() : new Map(readdirSync(options.dataDir).map((f) => [f.toLowerCase(), f]));
  }

  get writerStats(): BatchWriterStats {
    return this.writer?.stats ?? { batches: 0, retries: 0, throttles: 0, unprocessedItems: 0 };
  }

  private readonly settling: Array<Promise<void>> = [];

  /** Sends what is buffered and waits until every entity's writes are acknowledged. */
  async flush(): Promise<void> {
    await this.writer?.flush();
    await Promise.all(this.settling);
  }

  /** Items written in this run per entity (and Aircraft), for the counts when the table started empty. */
  writtenCounts(aircraftItems: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.reports.values()) if (r.itemsWritten > 0) counts[r.entity] = r.itemsWritten;
    if (aircraftItems > 0) counts.Aircraft = aircraftItems - this.failedAircraft;
    return counts;
  }

  /** Deletes every item but the seed lock (the table, its indexes and settings stay). */
  async emptyTable(): Promise<void> {
    const db = this.db!;
    const writer = this.writer!;
    let failed = 0;
    await scanAll(db, ['pk', 'sk'], async (key) => {
      if (key.pk === SEED_LOCK_KEY.pk && key.sk === SEED_LOCK_KEY.sk) return;
      await writer.delete(key, (error) => {
        if (error) failed += 1;
      });
    });
    await writer.flush();
    if (failed > 0) throw new Error(`--reset could not delete ${failed} items; nothing was loaded`);
  }

  async loadEntity(model: AnyEntityModel): Promise<void> {
    const fileName = this.present ? this.present.get(model.name) : this.files.get(model.file.toLowerCase());
    const report: EntityReport = notLoaded(model, fileName ?? this.options.source?.nameOf(model) ?? model.file);
    this.reports.set(model.name, report);
    if (!fileName) return;
    const started = performance.now();
    let bytesRead = 0;
    let bytesTotal = 0;
    let events: AsyncIterable<CsvEvent>;
    if (this.options.source) {
      ({ size: bytesTotal, events } = await this.options.source.open(model, fileName, (n) => (bytesRead = n)));
    } else {
      const filePath = path.join(this.options.dataDir, fileName);
      bytesTotal = statSync(filePath).size;
      events = readCsvRecords(filePath, (n) => (bytesRead = n));
    }
    const progress = (done = false) => this.options.onProgress?.({ ...report, bytesTotal, bytesRead: done ? bytesTotal : bytesRead, done });
    const reject = (line: number, reason: string, key?: string) => {
      report.rowsRejected += 1;
      this.problem(report.file, line, key ? `${key}: ${reason}` : reason);
    };

    report.status = 'loaded';
    let converter: RowConverter | undefined;
    const firstSeen = new Map<string, number>();
    // Writes of this file not yet acknowledged: a count, not a promise per row (a file can hold millions of rows).
    const unacknowledged = new Outstanding();
    let lastProgress = 0;
    for await (const event of events) {
      if (!converter) {
        if (event.type === 'broken') {
          this.problem(report.file, event.line, `the header row is unreadable: ${event.reason}`);
          report.status = 'rejected';
          break;
        }
        try {
          converter = new RowConverter(model, event.fields);
          converter.renamedColumns.forEach(({ column, storedAs }) =>
            this.note(report.file, 1, `column ${column} is a name the table uses itself; stored as ${storedAs}`),
          );
          this.refs.startChild(model);
        } catch (error) {
          if (!(error instanceof HeaderError)) throw error;
          this.problem(report.file, event.line, error.message);
          report.status = 'rejected';
          break;
        }
        continue;
      }
      report.rowsRead += 1;
      if (event.type === 'broken') {
        reject(event.line, event.key ? event.reason : `broken CSV record: ${event.reason}`, event.key);
        continue;
      }
      try {
        const converted = converter.convert(event.fields);
        this.refs.copyInto(model, converted.row);
        // A copy of its own: the key's parts are slices of the CSV text, which the map would otherwise keep whole.
        const identity = detached(`${converted.key.pk}\u0000${converted.key.sk}`);
        const first = firstSeen.get(identity);
        if (first !== undefined) {
          throw new RowError(`duplicate key ${describeKey(model, converted.row)} (first at line ${first}, which is the one loaded)`);
        }
        const keptRow = this.changed?.keep(model, converted.key);
        if (keptRow) {
          // Changed through the API: never silently overwritten; its parents list it as it is now.
          firstSeen.set(identity, event.line);
          this.refs.addChild(model, keptRow);
          this.note(report.file, event.line, `${describeKey(model, converted.row)} changed through the API, kept (--overwrite-changes replaces it)`);
          continue;
        }
        const item = converter.toItem(converted, this.refs.refsFor(model, model.keyId(converted.row as Record<string, string>)));
        firstSeen.set(identity, event.line);
        this.refs.addChild(model, converted.row);
        const entries = indexEntriesOf(item);
        if (this.writer) {
          this.assertLocked();
          const { line, key } = event;
          unacknowledged.add();
          await this.writer.put(item, (error) => {
            if (error) {
              this.failedWrites += 1;
              reject(line, `not written: ${error}`, key);
            } else {
              report.itemsWritten += 1;
              report.indexEntries += entries;
            }
            unacknowledged.done();
          });
        } else {
          report.itemsWritten += 1;
          report.indexEntries += entries;
        }
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        reject(event.line, error.message, event.key);
      }
      if (report.rowsRead - lastProgress >= 250) {
        lastProgress = report.rowsRead;
        progress();
      }
    }
    if (!converter && report.status === 'loaded') {
      this.problem(report.file, 1, 'the file is empty (no header row)');
      report.status = 'rejected';
    }
    // Records the API created (a rebooking's booking): kept, and listed by their parents.
    if (converter) for (const row of this.changed?.unseen(model) ?? []) this.refs.addChild(model, row);
    // The entity's time runs until its last item is acknowledged; the next file is
    // read meanwhile, so the writer never drains between files.
    const settled = unacknowledged.drained().then(() => {
      report.seconds = round((performance.now() - started) / 1000);
      progress(true);
    });
    this.settling.push(settled);
  }

  /** With overwriteChanges: deletes what the API created that the export does not have, and the markers of changed records. */
  async deleteReplacedChanges(): Promise<void> {
    for (const key of this.changed?.toDelete() ?? []) {
      await this.writer?.delete({ ...key }, (error) => {
        if (error) this.problem('(records changed through the API)', 0, `${key.pk} ${key.sk} not deleted: ${error}`);
      });
    }
  }

  /** Writes the derived per-registration Aircraft items; returns how many. */
  async writeAircraft(): Promise<number> {
    const parser = Aircraft.build(EntityParser);
    let count = 0;
    for (const registration of this.refs.parentIds(AircraftTarget)) {
      const { item } = parser.parse({
        registration,
        aircraft_type: this.refs.aircraftTypes.get(registration),
        ...withRefs(this.refs.refsFor(AircraftTarget, registration)),
      });
      count += 1;
      await this.putDerived(item, '(derived Aircraft items)', registration, () => (this.failedAircraft += 1));
    }
    return count;
  }

  /** Writes an item the seed derives (not a row of a file); a failed write is a problem named by `where` and `what`. */
  private async putDerived(item: Record<string, unknown>, where: string, what: string, onFailure?: () => void): Promise<void> {
    if (!this.writer) return;
    this.assertLocked();
    await this.writer.put(item, (error) => {
      if (!error) return;
      this.failedWrites += 1;
      onFailure?.();
      this.problem(where, 0, `${what} not written: ${error}`);
    });
  }

  /**
   * Once a parent kind's items are written: writes its day items and forgets
   * the refs collected for it, so that what the seed holds follows the files
   * still to come, not the whole load. Returns how many day items.
   */
  async finishParent(parent: LinkTarget): Promise<number> {
    const count = await this.writeDayItems(parent);
    this.refs.release(parent);
    return count;
  }

  /** Writes the day items of one parent kind's daily relations (its children of one day: see BelongsTo.daily); returns how many. */
  async writeDayItems(parent: LinkTarget): Promise<number> {
    let count = 0;
    for (const { parentId, day, refs } of this.refs.dayItems(parent)) {
      const pk = parent === AircraftTarget ? aircraftKey(parentId).pk : (parent as AnyEntityModel).primaryKey({ [parent.key[0]!]: parentId }).pk;
      const item = { pk, sk: dayItemSortKey(day), [ENTITY_ATTRIBUTE]: `${parent.name}Day`, day, [REFS_ATTRIBUTE]: refs };
      count += 1;
      await this.putDerived(item, `(day items of ${parent.name})`, `${parentId} ${day}`);
    }
    return count;
  }

  private problem(file: string, line: number, reason: string): void {
    this.problemCount += 1;
    if (this.problems.length < this.maxProblems) this.problems.push({ file, line, reason });
  }

  /** A remark that is not a rejection (kept with the problems, not counted as one). */
  private note(file: string, line: number, reason: string): void {
    if (this.problems.length < this.maxProblems) this.problems.push({ file, line, reason: `note: ${reason}` });
  }
}

/** True when the table holds no item but the seed lock (one Scan of two items, on the admin path only). */
async function isEmpty(db: Db): Promise<boolean> {
  const { Items } = await db.doc.send(new ScanCommand({ TableName: db.tableName, Limit: 2, ProjectionExpression: 'pk, sk' }));
  return (Items ?? []).every((i) => i.pk === SEED_LOCK_KEY.pk && i.sk === SEED_LOCK_KEY.sk);
}

async function writeTableStats(db: Db, counts: Record<string, number>): Promise<void> {
  const entityCounts = Object.fromEntries(ENTITIES.map((m) => [m.name, counts[m.name] ?? 0]));
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...TABLE_STATS_KEY, _et: 'TableStats', counts: entityCounts, seeded_at: new Date().toISOString() },
    }),
  );
}

function describeKey(model: AnyEntityModel, row: Record<string, unknown>): string {
  return model.key.map((k) => `${k}=${String(row[k])}`).join(', ');
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The GSI entries an item makes: one per index whose key attributes it carries. */
function indexEntriesOf(item: Record<string, unknown>): number {
  return GSI_NAMES.reduce((n, gsi) => n + (item[`${gsi}pk`] === undefined ? 0 : 1), 0);
}

/** The refs part of a parent item, as the toolbox parser takes it. */
function withRefs(parent: ParentRefs): Record<string, unknown> {
  return { ...(parent.refs ? { _refs: parent.refs } : {}), ...(parent.daily ? { _daily: parent.daily } : {}) };
}

/** An entity's report before anything of it is read: `missing` until its file (or table) is found. */
function notLoaded(model: AnyEntityModel, file: string): EntityReport {
  return { entity: model.name, file, status: 'missing', rowsRead: 0, itemsWritten: 0, indexEntries: 0, rowsRejected: 0, seconds: 0 };
}
