import { badInput, GatewayError } from '../../db/gateway-error.js';
import type { Db } from '../../db/client.js';
import { seed, SeedRefusedError, type EntityProgress, type SeedReport } from '../../seed/seed.js';
import { SeedAlreadyRunningError } from '../../seed/lock.js';
import type { GatewayMetrics } from '../observability/metrics.js';

export interface SeedRequest {
  readonly reset: boolean;
  readonly dryRun: boolean;
  /** Replace records changed through the API (by default they are kept). */
  readonly overwriteChanges?: boolean;
}

/**
 * Runs the seed for the admin mutation on the server's configured data
 * directory (clients never supply paths). One at a time: a second request while
 * one runs is refused at once (in this process), and the seed's lock item in the
 * table refuses it across processes (the CLI, other server instances).
 */
export class SeedRunner {
  private running: Promise<SeedReport> | undefined;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly metrics?: GatewayMetrics,
  ) {}

  /** Runs a seed of the data directory; `onProgress` hears each entity's progress (the start-up load reports it). */
  async run(request: SeedRequest, onProgress?: (progress: EntityProgress) => void): Promise<SeedReport> {
    if (this.running) throw alreadyRunning('a seed started by this server is still running');
    this.metrics?.seedRunning.set(1);
    this.metrics?.seedItems.reset();
    this.metrics?.seedRejected.reset();
    this.running = seed(this.db, {
      dataDir: this.dataDir,
      reset: request.reset,
      dryRun: request.dryRun,
      overwriteChanges: request.overwriteChanges ?? false,
      onProgress: (p) => {
        this.metrics?.seedItems.set({ entity: p.entity }, p.itemsWritten);
        this.metrics?.seedRejected.set({ entity: p.entity }, p.rowsRejected);
        onProgress?.(p);
      },
    });
    try {
      return await this.running;
    } catch (error) {
      if (error instanceof SeedAlreadyRunningError) throw alreadyRunning(error.message);
      // reset on a SEED_DATA_DIR without one contract CSV (it would only empty the table), or no such directory:
      // refused before anything was touched, and said as it is (an unexpected error would only say "internal").
      if (error instanceof SeedRefusedError) {
        throw badInput(`seed refused: ${error.message} (the server's SEED_DATA_DIR)`);
      }
      throw error;
    } finally {
      this.running = undefined;
      this.metrics?.seedRunning.set(0);
    }
  }
}

function alreadyRunning(message: string): GatewayError {
  return new GatewayError('CONFLICT', `seed refused: ${message}; try again when it has finished`);
}
