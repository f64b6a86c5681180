import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'pass' | 'throttle' | 'error500' | 'unprocessed' | 'hang';

/** Decides the fate of each request: its DynamoDB operation and its index among requests of that operation. */
export type FaultPlan = (operation: string, index: number) => Fault;

const JSON_TYPE = 'application/x-amz-json-1.0';

/**
 * An HTTP proxy between the gateway and DynamoDB Local that injects the faults
 * real DynamoDB has: throttling (400 ProvisionedThroughputExceededException),
 * 500s, UnprocessedItems and UnprocessedKeys (half the batch is sent, the other
 * half handed back), a database that hangs, and one that is down (the port
 * refuses connections). Only for tests; listens on loopback.
 */
export class FaultProxy {
  private currentPlan: FaultPlan = () => 'pass';
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly counts = new Map<string, number>();
  port = 0;

  constructor(private readonly upstream: string) {}

  get plan(): FaultPlan {
    return this.currentPlan;
  }

  /** A new plan counts requests from zero. */
  set plan(plan: FaultPlan) {
    this.currentPlan = plan;
    this.counts.clear();
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The database goes away: the port refuses connections and open ones are cut. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // Stop accepting first, then cut what is open (a retry must find the port closed).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** The database comes back on the same port. */
  async up(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.down();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks).toString('utf8');
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
    const index = this.counts.get(operation) ?? 0;
    this.counts.set(operation, index + 1);
    const fault = this.plan(operation, index);

    if (fault === 'hang') return; // never answers: the client's request timeout must fire
    if (fault === 'throttle')
      return this.reply(res, 400, {
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'Rate of requests exceeds the allowed throughput (injected)',
      });
    if (fault === 'error500')
      return this.reply(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error (injected)' });

    let heldBack: { kind: 'items' | 'keys'; table: string; requests: unknown } | undefined;
    if (fault === 'unprocessed' && (operation === 'BatchWriteItem' || operation === 'BatchGetItem')) {
      const input = JSON.parse(body) as { RequestItems: Record<string, unknown> };
      const [table, requests] = Object.entries(input.RequestItems)[0]!;
      if (operation === 'BatchWriteItem' && Array.isArray(requests) && requests.length > 1) {
        const half = Math.ceil(requests.length / 2);
        input.RequestItems[table] = requests.slice(0, half);
        heldBack = { kind: 'items', table, requests: requests.slice(half) };
      } else if (operation === 'BatchGetItem') {
        const keys = (requests as { Keys: unknown[] }).Keys;
        if (keys.length > 1) {
          const half = Math.ceil(keys.length / 2);
          input.RequestItems[table] = { ...(requests as object), Keys: keys.slice(0, half) };
          heldBack = { kind: 'keys', table, requests: { ...(requests as object), Keys: keys.slice(half) } };
        }
      }
      body = JSON.stringify(input);
    }

    const upstream = new URL(this.upstream);
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(Buffer.byteLength(body)) };
    const forwarded = http.request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (upstreamRes) => {
        const out: Buffer[] = [];
        upstreamRes.on('data', (c: Buffer) => out.push(c));
        upstreamRes.on('end', () => {
          let text = Buffer.concat(out).toString('utf8');
          if (heldBack && upstreamRes.statusCode === 200) {
            const output = JSON.parse(text) as Record<string, unknown>;
            if (heldBack.kind === 'items') output.UnprocessedItems = { [heldBack.table]: heldBack.requests };
            else output.UnprocessedKeys = { [heldBack.table]: heldBack.requests };
            text = JSON.stringify(output);
          }
          const { 'x-amz-crc32': _crc, 'content-length': _len, ...rest } = upstreamRes.headers;
          res.writeHead(upstreamRes.statusCode ?? 500, { ...rest, 'content-length': Buffer.byteLength(text) });
          res.end(text);
        });
      },
    );
    forwarded.on('error', () => res.destroy());
    forwarded.end(body);
  }

  private reply(res: http.ServerResponse, status: number, body: object): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'injected' });
    res.end(text);
  }
}
