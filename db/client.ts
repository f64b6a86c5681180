import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CallCounter, type ScopeUsage } from './call-counter.js';
import { COMMAND_LOG_ENV, recordSentCommands } from './commands.js';

export interface DbOptions {
  readonly endpoint?: string | undefined;
  readonly region: string;
  readonly tableName: string;
  /** SDK attempts per call (throttling and 5xx are retried with backoff). */
  readonly maxAttempts?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** What every data-access function receives: the clients and the table they talk to. */
export interface Db {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly calls: CallCounter;
  /**
   * Set on a request's view of the database (forRequest): the request's usage
   * scope and budget, which every call through this view is charged to and
   * bound by. Unset: the process's own database, whose calls belong to no request.
   */
  readonly usage?: ScopeUsage;
  /** A request's view: the process's database it is a view of. */
  readonly process?: Db;
  destroy(): void;
}

// The embedded DynamoDB Local accepts any credentials; real DynamoDB uses the
// standard AWS credential chain.
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * What a request to a loopback DynamoDB Local carries instead of a SigV4
 * signature. DynamoDB Local checks no signature (any credentials do, and a
 * loopback endpoint gets the fixed ones above, which real DynamoDB would refuse
 * anyway), but it reads the access key and region out of this header (without
 * -sharedDb it keeps a database per key and region). Signing
 * hashes every request body and builds the canonical request: about 100 to 170
 * microseconds of CPU per call measured on the project's machine, a sixth of the
 * SDK's cost of a GetItem, paid on the same two cores as the database.
 */
const localAuthorization = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20260101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`;

/**
 * Connections one client keeps to DynamoDB at most (the SDK's default): above the
 * seed's 16 batches in flight and a desk view's parallel reads, so that neither
 * waits for a socket.
 */
const MAX_SOCKETS = 50;

/**
 * The clients of one process and one table. A process creates one (db/connect.ts)
 * and every request shares it, with its connection pool: a client per request
 * would pay a TCP connection, and the SDK's set-up, every time.
 */
export function createDb(options: DbOptions, extra: Partial<DynamoDBClientConfig> = {}): Db {
  const isLocal = options.endpoint !== undefined && /^https?:\/\/(localhost|127\.|\[::1\])/.test(options.endpoint);
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(isLocal ? { credentials: LOCAL_CREDENTIALS } : {}),
    // Standard mode: exponential backoff with jitter, and a retry quota that stops
    // retrying when most calls fail (a dead database then fails fast).
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    // A dead endpoint must fail fast instead of hanging a request.
    requestHandler: {
      // Connections are kept open and reused (the SDK's default too, said here because the cost of a
      // request depends on it); agent options, not an Agent, so that destroy() closes its sockets.
      httpAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
      httpsAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
      connectionTimeout: options.connectionTimeoutMs ?? 1_000,
      requestTimeout: options.requestTimeoutMs ?? 5_000,
      // Without this the SDK only logs a warning when the timeout passes and keeps
      // waiting: a hung database would hang every request.
      throwOnRequestTimeout: true,
    },
    ...extra,
  });
  if (isLocal) sendUnsigned(client, localAuthorization(options.region));
  const calls = new CallCounter();
  calls.attach(client);
  // Tests: every operation sent is recorded, to be compared with the IAM policy (db/commands.ts).
  const commandLog = process.env[COMMAND_LOG_ENV];
  if (commandLog) recordSentCommands(client, commandLog);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { client, doc, tableName: options.tableName, calls, destroy: () => client.destroy() };
}

/** Replaces the SDK's signing step with a fixed Authorization header (loopback DynamoDB Local only). */
function sendUnsigned(client: DynamoDBClient, authorization: string): void {
  client.middlewareStack.remove('httpSigningMiddleware');
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers.authorization = authorization;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'localAuthorizationMiddleware', override: true },
  );
}

type Send = (command: unknown, optionsOrCb?: unknown, cb?: unknown) => unknown;

/**
 * A request's view of the database: the same clients (their connections,
 * configuration and middleware), whose every call is charged to `usage`
 * (db/call-counter.ts) and sent with its budget's abort signal (AWS SDK v3
 * `send(command, { abortSignal })`): when the request goes over its deadline or
 * budget, or ends, the HTTP requests it has in flight are cut at once instead of
 * running on after the response. The document client has its own `send` (it
 * does not go through the base client's), so both are wrapped. A caller's own
 * abortSignal wins.
 */
export function forRequest(db: Db, usage: ScopeUsage): Db {
  return new RequestDb(processDb(db), usage);
}

/** A request's view; its clients are made when first used (a simple query's reads all go through the process's shared batch). */
class RequestDb implements Db {
  readonly tableName: string;
  readonly calls: CallCounter;
  private clientView: DynamoDBClient | undefined;
  private docView: DynamoDBDocumentClient | undefined;

  constructor(
    readonly process: Db,
    readonly usage: ScopeUsage,
  ) {
    this.tableName = process.tableName;
    this.calls = process.calls;
  }

  get client(): DynamoDBClient {
    return (this.clientView ??= scoped(this.process.client, this.calls, this.usage));
  }

  get doc(): DynamoDBDocumentClient {
    return (this.docView ??= scoped(this.process.doc, this.calls, this.usage));
  }

  destroy(): void {
    this.process.destroy();
  }
}

/** The process's database behind a request's view (itself when it is not a view): for a call that is no single request's. */
export const processDb = (db: Db): Db => db.process ?? db;

function scoped<T extends object>(target: T, calls: CallCounter, usage: ScopeUsage): T {
  const send = (target as { send: Send }).send.bind(target);
  const signal = usage.budget.signal;
  // The client itself as the prototype: everything else (config, middlewareStack, destroy, the document client's
  // convenience methods, which call this.send) is the shared client's.
  return Object.create(target, {
    send: {
      value: (command: unknown, optionsOrCb?: unknown, cb?: unknown) => {
        const input = (command as { input?: unknown }).input;
        if (input !== null && typeof input === 'object') calls.bind(input, usage);
        if (typeof optionsOrCb === 'function') return send(command, optionsOrCb, cb);
        const options = (optionsOrCb ?? {}) as { abortSignal?: unknown };
        return send(command, options.abortSignal ? options : { ...options, abortSignal: signal }, cb);
      },
    },
  }) as T;
}
