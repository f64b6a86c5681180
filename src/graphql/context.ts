import type { Reader } from '../data/reader.js';
import type { SeedRunner } from '../admin/seed-runner.js';

/** Per-request state every resolver receives. */
export interface GatewayContext {
  readonly requestId: string;
  readonly reader: Reader;
  /** The raw Authorization header, checked only by the admin mutation. */
  readonly authorization: string | undefined;
  readonly seedRunner: SeedRunner;
  /** ADMIN_TOKEN of the server (undefined: admin operations refused). */
  readonly adminToken: string | undefined;
}
