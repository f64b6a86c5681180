import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { ENTITIES } from '../../entities/index.js';
import { describeError } from '../../db/errors.js';
import type { EntityProgress, SeedReport } from '../../seed/seed.js';
import type { SeedRunner } from './seed-runner.js';

/** Where the load of the sample at start-up stands: what /health/ready's 503 and the request log report. */
export interface LoadProgress {
  readonly status: 'loading' | 'loaded' | 'failed';
  /** Entities whose file has been read and whose items are all acknowledged, of those with a file in the data directory. */
  readonly entitiesLoaded: number;
  readonly entitiesTotal: number;
  /** Rows whose fate is known (written, or rejected), of the rows the files hold. */
  readonly rowsLoaded: number;
  readonly rowsTotal: number;
  readonly percent: number;
  readonly seconds: number;
  /** Why the load did not complete (status `failed`). */
  readonly failure?: string;
  /** Why the load waits (another seeder holds the table's seed lock: a start stopped mid-load leaves its lease for a minute). */
  readonly waiting?: string;
}

/**
 * The load of the bundled sample into a table that has never been seeded, run
 * by `npm start` in the background once the server listens: queries answer
 * meanwhile (from what is loaded so far), and /health/ready answers 503 with
 * this progress until it is done. It goes through the server's SeedRunner, so
 * an admin seed mutation meanwhile is refused as for any running seed.
 */
export class StartupLoad {
  private readonly started = performance.now();
  private readonly entities = new Map<string, EntityProgress>();
  private readonly rowsByEntity: ReadonlyMap<string, number>;
  private status: LoadProgress['status'] = 'loading';
  private failure: string | undefined;
  private waiting: string | undefined;
  private finishedAt: number | undefined;

  constructor(
    readonly dataDir: string,
    /** How long to wait for another seeder's lock, and how often to try (tests shorten them). */
    private readonly lockWait: { readonly waitMs: number; readonly retryMs: number } = { waitMs: LOCK_WAIT_MS, retryMs: LOCK_RETRY_MS },
  ) {
    this.rowsByEntity = countRows(dataDir);
  }

  get loading(): boolean {
    return this.status === 'loading';
  }

  progress(): LoadProgress {
    let rowsLoaded = 0;
    let entitiesLoaded = 0;
    for (const p of this.entities.values()) {
      rowsLoaded += p.itemsWritten + p.rowsRejected;
      if (p.done) entitiesLoaded += 1;
    }
    const rowsTotal = Math.max(
      [...this.rowsByEntity.values()].reduce((a, b) => a + b, 0),
      rowsLoaded,
    );
    const loaded = this.status === 'loaded';
    return {
      status: this.status,
      entitiesLoaded: loaded ? this.rowsByEntity.size : entitiesLoaded,
      entitiesTotal: this.rowsByEntity.size,
      rowsLoaded,
      rowsTotal,
      percent: rowsTotal === 0 ? 100 : Math.floor((100 * rowsLoaded) / rowsTotal),
      seconds: Math.round(((this.finishedAt ?? performance.now()) - this.started) / 100) / 10,
      ...(this.failure ? { failure: this.failure } : {}),
      ...(this.waiting ? { waiting: this.waiting } : {}),
    };
  }

  /**
   * Loads the data directory through `runner`; `onProgress` hears the
   * progress at most every `everyMs`. Never rejects: a failure is the
   * progress's status and reason, and the report (when there is one) says
   * what was and was not written.
   */
  async run(runner: SeedRunner, onProgress: (progress: LoadProgress) => void = () => undefined, everyMs = 2_000): Promise<SeedReport | undefined> {
    let last = 0;
    try {
      const report = await this.whenLockFree(
        () =>
          runner.run({ reset: false, dryRun: false }, (p) => {
            this.entities.set(p.entity, p);
            if (performance.now() - last >= everyMs) {
              last = performance.now();
              onProgress(this.progress());
            }
          }),
        onProgress,
      );
      // The seed writes its stats item last: without `failure`, the table is loaded (rejected rows are in the report).
      this.finish(report.failure === undefined ? 'loaded' : 'failed', report.failure);
      return report;
    } catch (error) {
      this.finish('failed', describeError(error));
      return undefined;
    } finally {
      onProgress(this.progress());
    }
  }

  /**
   * Runs `load`, again every `lockWait.retryMs` while another seeder holds the
   * lock (CONFLICT), for at most `lockWait.waitMs`: the lease of a start that was
   * stopped mid-load expires within a minute, and the load is idempotent.
   */
  private async whenLockFree(load: () => Promise<SeedReport>, onProgress: (progress: LoadProgress) => void): Promise<SeedReport> {
    const giveUpAt = performance.now() + this.lockWait.waitMs;
    for (;;) {
      try {
        const report = await load();
        this.waiting = undefined;
        return report;
      } catch (error) {
        if (!(error instanceof GraphQLError && error.extensions.code === 'CONFLICT') || performance.now() > giveUpAt) throw error;
        this.waiting = error.message;
        onProgress(this.progress());
        await new Promise((resolve) => setTimeout(resolve, this.lockWait.retryMs));
      }
    }
  }

  private finish(status: 'loaded' | 'failed', failure?: string): void {
    this.status = status;
    this.failure = failure;
    this.finishedAt = performance.now();
  }
}

/**
 * Rows of each contract file in the directory (matched case-insensitively, as
 * the seed does), counted as records: a line break inside a quoted field does
 * not end a record, and neither the header nor empty lines count. It is the
 * denominator of the progress only: the load's own count, with its rules for
 * broken records, is the exact one.
 */
function countRows(dataDir: string): Map<string, number> {
  const files = new Map(readdirSync(dataDir).map((f) => [f.toLowerCase(), f]));
  const rows = new Map<string, number>();
  for (const model of ENTITIES) {
    const file = files.get(model.file.toLowerCase());
    if (file) rows.set(model.name, countRecords(readFileSync(path.join(dataDir, file))));
  }
  return rows;
}

/** How long the start-up load waits for another seeder's lock (two of its leases), and how often it tries. */
const LOCK_WAIT_MS = 120_000;
const LOCK_RETRY_MS = 5_000;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function countRecords(bytes: Buffer): number {
  let records = 0;
  let quoted = false;
  let lineHasContent = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) quoted = !quoted;
    if (b === LF && !quoted) {
      if (lineHasContent) records += 1;
      lineHasContent = false;
    } else if (b !== CR) {
      lineHasContent = true;
    }
  }
  if (lineHasContent) records += 1;
  return Math.max(records - 1, 0); // the header
}
