import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, DEFAULT_HTTP_LIMITS, httpLimitsFromEnv, httpServerOptions, applyHttpLimits, type HttpLimits } from '../src/http-limits.js';
import { createLogger } from '../src/observability/logger.js';
import { GatewayMetrics, OTHER } from '../src/observability/metrics.js';
import { testGateway, type TestGateway } from './gateway.js';
import { sampleDb, logSink } from './helpers.js';

/** Short limits, so that each test takes a second or two. */
const FAST: HttpLimits = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 2_000,
  keepAliveTimeoutMs: 500,
  socketTimeoutMs: 1_000,
  maxHeadersCount: 20,
  maxHeaderSize: 4_096,
  maxConnections: 3,
  connectionsCheckingIntervalMs: 100,
};

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listening(
  limits: HttpLimits,
  handler: http.RequestListener = (_req, res) => res.end('ok'),
): Promise<{ server: http.Server; port: number }> {
  const server = createHttpServer(handler, limits);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

interface RawClient {
  readonly socket: net.Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves, with the milliseconds since the connection was opened, when the server has closed it. */
  readonly closed: Promise<number>;
  readonly connected: Promise<void>;
}

/** A plain TCP client that reads whatever the server sends. */
function rawClient(port: number): RawClient {
  const socket = net.connect(port, '127.0.0.1');
  const opened = performance.now();
  let data = '';
  socket.on('data', (chunk) => (data += String(chunk)));
  socket.on('error', () => undefined);
  return {
    socket,
    received: () => data,
    closed: new Promise((resolve) => socket.on('close', () => resolve(performance.now() - opened))),
    connected: new Promise((resolve) => socket.on('connect', () => resolve())),
  };
}

/** Writes `lines` one at a time, `everyMs` apart, while the socket is open. */
function drip(socket: net.Socket, lines: () => string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.writable) socket.write(lines());
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

describe('HTTP server limits', () => {
  it('reads its limits from the environment, with documented defaults, and refuses inconsistent ones', () => {
    expect(httpLimitsFromEnv({})).toEqual(DEFAULT_HTTP_LIMITS);
    expect(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs).toBeLessThan(DEFAULT_HTTP_LIMITS.headersTimeoutMs);
    expect(DEFAULT_HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(DEFAULT_HTTP_LIMITS.requestTimeoutMs);
    expect(
      httpLimitsFromEnv({
        HTTP_HEADERS_TIMEOUT_MS: '66000',
        HTTP_REQUEST_TIMEOUT_MS: '70000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
        HTTP_MAX_CONNECTIONS: '50',
        HTTP_MAX_HEADER_SIZE: '8192',
      }),
    ).toMatchObject({ headersTimeoutMs: 66_000, requestTimeoutMs: 70_000, keepAliveTimeoutMs: 65_000, maxConnections: 50, maxHeaderSize: 8_192 });
    expect(() => httpLimitsFromEnv({ HTTP_MAX_CONNECTIONS: 'lots' })).toThrow(/HTTP_MAX_CONNECTIONS must be a positive integer/);
    expect(() => httpLimitsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '0' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS must be a positive integer/);
    expect(() => httpLimitsFromEnv({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' })).toThrow(
      /keepAliveTimeoutMs \(HTTP_KEEP_ALIVE_TIMEOUT_MS, 65000\) must be less than headersTimeoutMs \(HTTP_HEADERS_TIMEOUT_MS, 10000\)/,
    );
    expect(() => httpLimitsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(/must not exceed requestTimeoutMs/);
  });

  it('sets the limits on a server created elsewhere, and gives the creation options', () => {
    expect(httpServerOptions(FAST)).toEqual({
      maxHeaderSize: 4_096,
      connectionsCheckingInterval: 100,
      headersTimeout: 1_000,
      requestTimeout: 2_000,
      keepAliveTimeout: 500,
    });
    const server = applyHttpLimits(http.createServer(httpServerOptions(FAST)), FAST);
    expect(server).toMatchObject({
      headersTimeout: 1_000,
      requestTimeout: 2_000,
      keepAliveTimeout: 500,
      timeout: 1_000,
      maxHeadersCount: 20,
      maxConnections: 3,
    });
  });

  it('still answers an ordinary request', async () => {
    const { port } = await listening(FAST);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('cuts off a client that sends its headers slowly (slowloris) after headersTimeout, with 408', async () => {
    const { port } = await listening(FAST);
    const client = rawClient(port);
    await client.connected;
    client.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
    let n = 0;
    drip(client.socket, () => `X-Slow-${n++}: a\r\n`, 150);
    const after = await client.closed;
    expect(after).toBeGreaterThanOrEqual(FAST.headersTimeoutMs - 50);
    expect(after).toBeLessThan(FAST.headersTimeoutMs + 3 * FAST.connectionsCheckingIntervalMs + 500);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off a connection that sends nothing after headersTimeout', async () => {
    const { port } = await listening(FAST);
    const client = rawClient(port);
    const after = await client.closed;
    expect(after).toBeGreaterThanOrEqual(FAST.headersTimeoutMs - 50);
    expect(after).toBeLessThan(FAST.headersTimeoutMs + 1_000);
  });

  it('cuts off a client that sends its body slowly after requestTimeout, with 408', async () => {
    let handled = false;
    const { port } = await listening(FAST, (req, res) => {
      handled = true;
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const client = rawClient(port);
    await client.connected;
    client.socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n');
    drip(client.socket, () => 'x', 150);
    const after = await client.closed;
    expect(handled).toBe(true);
    expect(after).toBeGreaterThanOrEqual(FAST.requestTimeoutMs - 50);
    expect(after).toBeLessThan(FAST.requestTimeoutMs + 1_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes connections beyond maxConnections as they arrive, and counts them in the metrics', async () => {
    const limits = { ...FAST, headersTimeoutMs: 5_000, requestTimeoutMs: 5_000 };
    const { server, port } = await listening(limits);
    const metrics = new GatewayMetrics();
    metrics.watchServer(server);
    const held = Array.from({ length: limits.maxConnections }, () => rawClient(port));
    await Promise.all(held.map((c) => c.connected));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const beyond = rawClient(port);
    const after = await beyond.closed;
    expect(after).toBeLessThan(1_000);
    expect(beyond.received()).toBe('');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^http_connections_dropped_total 1$/m);
    expect(text).toMatch(new RegExp(`^http_connections_open ${limits.maxConnections}$`, 'm'));
    // Once one of them leaves, a new connection is served.
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = rawClient(port);
    await next.connected;
    next.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await next.closed;
    expect(next.received()).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\nok$/);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const limits = { ...FAST, headersTimeoutMs: 5_000, requestTimeoutMs: 5_000, socketTimeoutMs: 10_000, keepAliveTimeoutMs: 1_000 };
    const { port } = await listening(limits);
    const client = rawClient(port);
    await client.connected;
    client.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    while (!client.received().endsWith('ok')) await new Promise((resolve) => setTimeout(resolve, 10));
    const answered = performance.now();
    expect(client.received()).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
    await client.closed;
    const idle = performance.now() - answered;
    // Node 20 closes the socket about a second after the advertised timeout, so that the client gives up first.
    expect(idle).toBeGreaterThanOrEqual(limits.keepAliveTimeoutMs - 50);
    expect(idle).toBeLessThan(limits.keepAliveTimeoutMs + 1_500);
  });

  it('refuses headers over maxHeaderSize with 431', async () => {
    const { port } = await listening(FAST);
    const client = rawClient(port);
    await client.connected;
    client.socket.write(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(FAST.maxHeaderSize)}\r\n\r\n`);
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('keeps at most maxHeadersCount headers of a request', async () => {
    let count = 0;
    const { port } = await listening(FAST, (req, res) => {
      count = Object.keys(req.headers).length;
      res.end('ok');
    });
    const headers = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`x-h${i}`, 'v']));
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers })).status).toBe(200);
    expect(count).toBeLessThanOrEqual(FAST.maxHeadersCount);
  });

  it('closes the socket of a client that stops reading its response after socketTimeout', async () => {
    let blockedAt = 0;
    let closedAfter = -1;
    const { port } = await listening(FAST, (_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk));
        blockedAt = performance.now();
        res.once('drain', pump);
      };
      res.on('close', () => (closedAfter = performance.now() - blockedAt));
      pump();
    });
    // Sends a request and never reads: no 'data' listener, so the socket stays paused.
    const socket = net.connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    socket.on('error', () => undefined);
    const started = performance.now();
    while (closedAfter < 0 && performance.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    // Node lets the timeout pass once while a write is still queued, so a stuck writer goes within one to two socketTimeouts.
    expect(closedAfter).toBeGreaterThanOrEqual(FAST.socketTimeoutMs - 50);
    expect(closedAfter).toBeLessThan(2 * FAST.socketTimeoutMs + 1_000);
  });
});

describe('bounded metric labels', () => {
  it('truncates and caps every label, whoever records it', async () => {
    const metrics = new GatewayMetrics({ maxOperationNames: 5, maxOtherLabelValues: 3 });
    for (let i = 0; i < 50; i++) {
      metrics.recordRequest(`Op${i}`, 'ok', 0.01);
      metrics.recordError(`CODE_${i}`);
      metrics.dynamodbErrors.inc({ operation: `Operation${i}`, error: `Error${i}${'x'.repeat(1_000)}` });
      metrics.seedItems.set({ entity: `entity${i}` }, i);
      metrics.duration.labels(`Positional${i}`).observe(0.1);
      metrics.requests.labels({ operation: `ByObject${i}`, outcome: 'weird' }).inc();
    }
    metrics.recordError('BAD_USER_INPUT');
    const series = (name: string) => (metrics.registry.getSingleMetric(name) as unknown as { hashMap: Record<string, unknown> }).hashMap;
    const text = await metrics.registry.metrics();
    expect(Object.keys(series('graphql_requests_total')).length).toBeLessThanOrEqual(5 * 2 + 2);
    expect(text).toContain(`graphql_requests_total{operation="${OTHER}",outcome="${OTHER}"}`);
    expect(text).toContain('graphql_errors_total{code="BAD_USER_INPUT"} 1');
    expect(Object.keys(series('graphql_errors_total')).length).toBe(3 + 1 + 1);
    expect(Object.keys(series('dynamodb_errors_total')).length).toBeLessThanOrEqual(4);
    expect(Object.keys(series('seed_items_written')).length).toBe(4);
    expect(text).toContain('seed_items_written{entity="other"} 49');
    for (const line of text.split('\n').filter((l) => l.includes('error="')))
      expect(line.match(/error="([^"]*)"/)![1]!.length).toBeLessThanOrEqual(64);
  });

  describe('over HTTP', () => {
    const db = sampleDb();
    const { lines, sink } = logSink();
    let api: TestGateway;
    beforeAll(async () => {
      api = await testGateway(db, { logger: createLogger('info', sink) });
    });
    afterAll(async () => {
      await api.stop();
      db.destroy();
    });

    it('200 requests with distinct 50,000-character operation names leave /metrics small, with `other`, and short log lines', async () => {
      const padding = 'x'.repeat(50_000);
      const names = Array.from({ length: 200 }, (_, i) => `Q${String(i).padStart(3, '0')}${padding}`);
      for (let i = 0; i < names.length; i += 10) {
        // Ten at a time: 10 MB of queries in all.
        const batch = await Promise.all(names.slice(i, i + 10).map((name) => api.gql(`query ${name} { __typename }`)));
        for (const r of batch) expect(r.data).toEqual({ __typename: 'Query' });
      }
      const metricsText = async () => (await fetch(`http://127.0.0.1:${api.port}/metrics`)).text();
      const text = await metricsText();
      // At most 100 operations × (14 histogram lines + 2 counter lines) of ~130 bytes, and the process metrics.
      expect(text.length).toBeLessThan(250_000);
      expect(text).toMatch(/^graphql_requests_total\{operation="other",outcome="ok"\} (\d+)$/m);
      const other = Number(/^graphql_requests_total\{operation="other",outcome="ok"\} (\d+)$/m.exec(text)![1]);
      expect(other).toBeGreaterThanOrEqual(100);
      for (const [, name] of text.matchAll(/operation="([^"]*)"/g)) expect(name!.length).toBeLessThanOrEqual(64);
      expect(text).toContain(`operation="Q000${'x'.repeat(59)}…"`);
      // More new names add no series: only counter values change.
      await Promise.all(Array.from({ length: 20 }, (_, i) => api.gql(`query More${i}${padding} { __typename }`)));
      expect(Math.abs((await metricsText()).length - text.length)).toBeLessThan(2_000);

      const logged = lines.filter((l) => l.msg === 'graphql request');
      expect(logged.length).toBeGreaterThanOrEqual(200);
      for (const line of logged) expect(JSON.stringify(line).length).toBeLessThan(2_000);
      expect(logged[0]).toMatchObject({ operationLength: 50_004 });
      expect(String(logged[0]!.operation)).toMatch(/^Q\d{3}x+…$/);
    });
  });
});
