import http from 'node:http';

/**
 * What one HTTP client may hold of the server: how long it may take to send
 * its headers and its request, how long an idle socket stays open, how large
 * the headers may be, and how many connections are open at once. Node's
 * defaults are for a server behind a proxy that enforces them (no connection
 * cap, 60 s for headers, 5 min for a request, timeouts checked every 30 s);
 * these are for a server a client can reach directly.
 */
export interface HttpLimits {
  /** Time to receive a request's headers, from its first byte or from the connection (HTTP_HEADERS_TIMEOUT_MS). A slow sender gets 408 and is closed. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body (HTTP_REQUEST_TIMEOUT_MS); at least headersTimeoutMs. */
  readonly requestTimeoutMs: number;
  /** Time an idle keep-alive connection stays open after a response (HTTP_KEEP_ALIVE_TIMEOUT_MS); less than headersTimeoutMs. Node 20 closes it about 1 s later than this. */
  readonly keepAliveTimeoutMs: number;
  /** A socket on which nothing moves either way for this long is closed (HTTP_SOCKET_TIMEOUT_MS): a client that stops reading its response. */
  readonly socketTimeoutMs: number;
  /** Headers kept per request (HTTP_MAX_HEADERS_COUNT); further ones are dropped. */
  readonly maxHeadersCount: number;
  /** Largest request line and headers together, bytes (HTTP_MAX_HEADER_SIZE); a larger one gets 431. */
  readonly maxHeaderSize: number;
  /** Connections open at once (HTTP_MAX_CONNECTIONS); a connection beyond is closed as soon as it is accepted. */
  readonly maxConnections: number;
  /** How often the headers and request timeouts are checked (HTTP_CONNECTIONS_CHECKING_INTERVAL_MS); a timeout fires up to this much late. */
  readonly connectionsCheckingIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  socketTimeoutMs: 30_000,
  maxHeadersCount: 100,
  maxHeaderSize: 16_384,
  maxConnections: 1_000,
  connectionsCheckingIntervalMs: 1_000,
};

/** The environment variable of each limit. */
export const HTTP_LIMIT_VARIABLES: Readonly<Record<keyof HttpLimits, string>> = {
  headersTimeoutMs: 'HTTP_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'HTTP_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  socketTimeoutMs: 'HTTP_SOCKET_TIMEOUT_MS',
  maxHeadersCount: 'HTTP_MAX_HEADERS_COUNT',
  maxHeaderSize: 'HTTP_MAX_HEADER_SIZE',
  maxConnections: 'HTTP_MAX_CONNECTIONS',
  connectionsCheckingIntervalMs: 'HTTP_CONNECTIONS_CHECKING_INTERVAL_MS',
};

/** Limits from the HTTP_* variables (HTTP_LIMIT_VARIABLES), the defaults for those unset; throws on a bad value or combination. */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS } as Record<keyof HttpLimits, number>;
  for (const [key, name] of Object.entries(HTTP_LIMIT_VARIABLES) as Array<[keyof HttpLimits, string]>) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
    limits[key] = n;
  }
  return validateHttpLimits(limits);
}

/** Returns `limits` when they are positive integers and consistent; throws, naming the variables, otherwise. */
export function validateHttpLimits(limits: HttpLimits): HttpLimits {
  const name = (key: keyof HttpLimits) => `${key} (${HTTP_LIMIT_VARIABLES[key]}, ${limits[key]})`;
  for (const key of Object.keys(HTTP_LIMIT_VARIABLES) as Array<keyof HttpLimits>) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1) throw new Error(`${name(key)} must be a positive integer`);
  }
  // Node refuses headersTimeout > requestTimeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new Error(`${name('headersTimeoutMs')} must not exceed ${name('requestTimeoutMs')}`);
  // Node's advice: an idle keep-alive socket should be closed before a headers timeout could hit it.
  if (limits.keepAliveTimeoutMs >= limits.headersTimeoutMs)
    throw new Error(`${name('keepAliveTimeoutMs')} must be less than ${name('headersTimeoutMs')}`);
  return limits;
}

/**
 * Options for http.createServer: the limits that are meant to be set when the
 * server is created (maxHeaderSize, connectionsCheckingInterval), and the
 * timeouts.
 */
export function httpServerOptions(limits: HttpLimits = DEFAULT_HTTP_LIMITS): http.ServerOptions {
  validateHttpLimits(limits);
  return {
    maxHeaderSize: limits.maxHeaderSize,
    connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/**
 * Sets the limits on a server (before it listens): the timeouts, the header
 * count and the connection cap. Also sets maxHeaderSize and
 * connectionsCheckingInterval on the instance, which Node 20 honours before
 * `listen`, but the documented way is to pass httpServerOptions(limits) to
 * http.createServer (createHttpServer does both).
 */
export function applyHttpLimits<S extends http.Server>(server: S, limits: HttpLimits = DEFAULT_HTTP_LIMITS): S {
  validateHttpLimits(limits);
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.socketTimeoutMs;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.maxConnections = limits.maxConnections;
  const internals = server as unknown as { maxHeaderSize?: number; connectionsCheckingInterval?: number };
  internals.maxHeaderSize = limits.maxHeaderSize;
  internals.connectionsCheckingInterval = limits.connectionsCheckingIntervalMs;
  return server;
}

/** An HTTP server with the limits, created with httpServerOptions and then applyHttpLimits. */
export function createHttpServer(handler: http.RequestListener, limits: HttpLimits = DEFAULT_HTTP_LIMITS): http.Server {
  return applyHttpLimits(http.createServer(httpServerOptions(limits), handler), limits);
}
