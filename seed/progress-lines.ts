import type { EntityProgress } from './seed.js';

/**
 * Progress for a log rather than a terminal (a container's or CI's output, where
 * progress bars are not drawn): every `everyMs`, one plain line per entity whose
 * load moved since the last line, and one when an entity is done. A long load is
 * then seen to be alive, and how far it is, in any log.
 */
export class ProgressLines {
  private readonly latest = new Map<string, EntityProgress>();
  private readonly printed = new Map<string, string>();
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly everyMs = 5_000,
    /** What the total of a progress counts: a file's bytes, or a table's items. */
    private readonly unit: 'bytes' | 'items' = 'bytes',
    /** A dry run writes nothing: its items are only valid. */
    private readonly dryRun = false,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.flush(), this.everyMs);
    this.timer.unref();
    return this;
  }

  update(progress: EntityProgress): void {
    this.latest.set(progress.entity, progress);
    if (progress.done) this.print(progress);
  }

  /** Prints a line for each entity that moved since its last line. */
  flush(): void {
    for (const progress of this.latest.values()) this.print(progress);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private print(p: EntityProgress): void {
    const share = p.bytesTotal > 0 ? Math.min(100, Math.floor((p.bytesRead / p.bytesTotal) * 100)) : 100;
    const of = this.unit === 'items' ? ` of ${fmt(p.bytesTotal)} items` : '';
    const line =
      `seed: ${p.entity} (${p.file}) ${p.done ? 'done' : `${share}%`}: ${fmt(p.rowsRead)} rows read${of}, ` +
      `${fmt(p.itemsWritten)} ${this.dryRun ? 'valid items' : 'items written'}, ${fmt(p.rowsRejected)} rejected`;
    if (this.printed.get(p.entity) === line) return;
    this.printed.set(p.entity, line);
    this.write(`${line} [${((performance.now() - this.started) / 1000).toFixed(0)} s]`);
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
