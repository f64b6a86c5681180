import http from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';

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

/** Largest request body accepted by default: 100 kB. */
export const DEFAULT_BODY_LIMIT = '100kb';

/** A body size such as `100kb`, `1mb` or `512` (bytes; k and m are 1,024 and 1,048,576), in bytes. */
export function parseByteSize(size: string | number): number {
  if (typeof size === 'number') return size;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i.exec(size);
  if (!match) throw new Error(`a body size must look like 100kb, 1mb or 512, got ${JSON.stringify(size)}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Math.floor(Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1));
}

/**
 * A request body refused before it reached GraphQL: `status` 413 (over the
 * limit), 415 (a charset or content encoding we do not read) or 400 (not a
 * JSON object or array).
 */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly type: 'entity.too.large' | 'charset.unsupported' | 'encoding.unsupported' | 'entity.parse.failed',
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads a JSON request body of at most `limitBytes` (counted after
 * decompression), the way express.json() read it for the gateway: a request
 * with no body or whose Content-Type is not application/json gives
 * `undefined` (GraphQL then says what is missing); an empty body gives `{}`;
 * gzip, deflate and br bodies are decompressed; the charset must be a UTF one;
 * anything but a JSON object or array is refused. A refused body is read to
 * its end before the refusal is answered, so the client sees the answer and
 * not a reset connection.
 */
export async function readJsonBody(req: http.IncomingMessage, limitBytes: number): Promise<unknown> {
  const headers = req.headers;
  // No Content-Length and no Transfer-Encoding: no body (RFC 9112 6.3).
  if (headers['transfer-encoding'] === undefined && headers['content-length'] === undefined) return undefined;
  const contentType = headers['content-type'] ?? '';
  const [mediaType, ...parameters] = contentType.split(';');
  if (mediaType!.trim().toLowerCase() !== 'application/json') return undefined;
  const charsetParameter = parameters.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('charset='));
  const charset = charsetParameter ? charsetParameter.slice('charset='.length).replace(/^"|"$/g, '').toLowerCase() : 'utf-8';
  // UTF-8 (nearly every request) is read by Buffer#toString; a TextDecoder, costly to make, only for the other UTFs.
  const utf8 = charset === 'utf-8' || charset === 'utf8';
  let decoder: TextDecoder | undefined;
  if (!utf8) {
    try {
      decoder = charset.startsWith('utf-') ? new TextDecoder(charset, { fatal: false }) : undefined;
    } catch {
      decoder = undefined;
    }
    if (!decoder) return refuse(req, new BodyError(415, 'charset.unsupported', `unsupported charset "${charset.toUpperCase()}"`));
  }
  const declared = Number(headers['content-length']);
  if (declared > limitBytes) return refuse(req, new BodyError(413, 'entity.too.large', 'request entity too large'));

  const encoding = (headers['content-encoding'] ?? 'identity').toLowerCase();
  const decompress = DECOMPRESSORS[encoding];
  if (encoding !== 'identity' && !decompress) {
    return refuse(req, new BodyError(415, 'encoding.unsupported', `unsupported content encoding "${encoding}"`));
  }
  const chunks = await readAll(req, decompress?.(), limitBytes);
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const text = decoder ? decoder.decode(bytes) : bytes.toString('utf8');
  if (text.length === 0) return {};
  // Strict, as express.json(): only an object or an array.
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw new BodyError(400, 'entity.parse.failed', 'the request body is not a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'entity.parse.failed', 'the request body is not valid JSON');
  }
}

/**
 * The body's chunks (through `decompressor` when there is one), at most
 * `limitBytes` of them. Listeners rather than an async iterator: leaving a
 * `for await` early destroys the request, and with it the socket the refusal
 * is to be sent on.
 */
function readAll(req: http.IncomingMessage, decompressor: Duplex | undefined, limitBytes: number): Promise<Buffer[]> {
  return new Promise<Buffer[]>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: BodyError) => {
      if (settled) return;
      settled = true;
      if (decompressor) {
        req.unpipe(decompressor);
        decompressor.destroy();
      }
      refuse(req, error).catch(reject);
    };
    const source: Readable = decompressor ? req.pipe(decompressor) : req;
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limitBytes) fail(new BodyError(413, 'entity.too.large', 'request entity too large'));
      else chunks.push(chunk);
    });
    source.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks);
    });
    // A corrupt compressed body, or a client that went away mid-body (then nobody reads the answer).
    const unreadable = () => fail(new BodyError(400, 'entity.parse.failed', 'the request body could not be read'));
    source.once('error', unreadable);
    if (decompressor) req.once('error', unreadable);
    req.once('close', () => {
      if (!req.complete) unreadable();
    });
  });
}

const DECOMPRESSORS: Record<string, (() => Duplex) | undefined> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** Reads the rest of the request (HTTP_REQUEST_TIMEOUT_MS bounds how long), then throws `error`. */
async function refuse(req: http.IncomingMessage, error: BodyError): Promise<never> {
  if (!req.complete && !req.destroyed) {
    await new Promise<void>((resolve) => {
      req.once('end', resolve);
      req.once('close', resolve);
      req.resume();
    });
  }
  throw error;
}
