import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CallCounter } from './call-counter.js';
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
  sendWithScopeSignal(client, calls);
  sendWithScopeSignal(doc, calls);
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
 * Every call made inside a request's scope is sent with the request's abort
 * signal (AWS SDK v3 `send(command, { abortSignal })`): when the request goes
 * over its deadline or budget, or ends, the HTTP requests it has in flight are
 * cut at once instead of running on after the response. The document client
 * has its own `send` (it does not go through the base client's), so both are
 * wrapped. A caller's own abortSignal wins.
 */
function sendWithScopeSignal(target: { send: unknown }, calls: CallCounter): void {
  const send = (target.send as Send).bind(target);
  target.send = (command: unknown, optionsOrCb?: unknown, cb?: unknown) => {
    const signal = calls.current()?.budget.signal;
    if (!signal || typeof optionsOrCb === 'function') return send(command, optionsOrCb, cb);
    const options = (optionsOrCb ?? {}) as { abortSignal?: unknown };
    return send(command, options.abortSignal ? options : { ...options, abortSignal: signal }, cb);
  };
}
