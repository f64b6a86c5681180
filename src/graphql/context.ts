import type { Reader } from '../../db/reader.js';
import type { SeedRunner } from '../admin/seed-runner.js';
import type { Caller } from '../auth/caller.js';

/** Per-request state every resolver receives. */
export interface GatewayContext {
  readonly requestId: string;
  readonly reader: Reader;
  /** Who sent the request (authenticated before any resolver runs). */
  readonly caller: Caller;
  /** Whether the request carried an `Authorization: Bearer ...` header (a refusal says which is wrong). */
  readonly bearerSent: boolean;
  readonly seedRunner: SeedRunner;
  /** Whether an admin credential can exist on this server (ADMIN_TOKEN, or an issuer's admin role). */
  readonly adminPossible: boolean;
}
