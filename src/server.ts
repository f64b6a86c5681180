import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_STATS_KEY } from '../entities/index.js';
import { createLoaders } from '../db/loaders/index.js';
import { SeedRunner } from './admin/seed-runner.js';
import type { StartupLoad } from './admin/startup-load.js';
import { assertAuthConfig, type AuthConfig, DEFAULT_ROLES_CLAIM } from './auth/auth-config.js';
import { AuthenticationError, Authenticator, NoRoleError } from './auth/authenticator.js';
import type { Caller } from './auth/caller.js';
import { atLeast } from './auth/roles.js';
import { GatewayError } from '../db/gateway-error.js';
import { Reader } from '../db/reader.js';
import { forRequest, type Db } from '../db/client.js';
import type { ScopeUsage } from '../db/call-counter.js';
import { CursorCodec } from '../db/cursor.js';
import { formatError } from './graphql/format-error.js';
import { armorProtection, costLimitPlugin, DEFAULT_LIMITS, type QueryLimits } from './graphql/limits.js';
import { requestPlugin, type RequestContext } from './graphql/request-plugin.js';
import { gatewaySchema } from './graphql/schema.js';
import { BodyError, createHttpServer, DEFAULT_BODY_LIMIT, DEFAULT_HTTP_LIMITS, parseByteSize, readJsonBody, type HttpLimits } from './http-limits.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import type { Config } from './config.js';

export interface GatewayOptions {
  readonly db: Db;
  /** Directory the admin seed mutation loads. */
  readonly seedDataDir: string;
  readonly adminToken?: string | undefined;
  /** Who may call (README, "Security"); unset: no issuer, so authentication is off. */
  readonly auth?: Partial<AuthConfig>;
  /** NODE_ENV=production (default from the environment): auth required unless disabled, introspection and the Sandbox off. */
  readonly production?: boolean;
  /** Introspection (default: on outside production). */
  readonly introspection?: boolean;
  /** The Apollo Sandbox landing page (default: on outside production). */
  readonly landingPage?: boolean;
  readonly cursorSecret?: string | undefined;
  /** Development: DynamoDB usage in every response's extensions (otherwise on request, with the X-DynamoDB-Stats header). */
  readonly development?: boolean;
  /** Benchmarks only: resolvers read one item per call, without batching. */
  readonly naiveLoaders?: boolean;
  /** Largest request body accepted (default 100 kB). */
  readonly bodyLimit?: string;
  /**
   * The load of the sample `npm start` runs once the server listens: until it
   * is done, /health/ready answers 503 with its progress, and every GraphQL
   * response says in `extensions.loading` that its data may be incomplete.
   */
  readonly startupLoad?: StartupLoad;
  readonly limits?: QueryLimits;
  /** HTTP server timeouts and caps (default DEFAULT_HTTP_LIMITS; HTTP_* variables in main). */
  readonly httpLimits?: HttpLimits;
  readonly logger?: Logger;
}

/**
 * The options of a gateway as `npm start` configures it (src/config.ts and the
 * environment): one definition, for main and for the benchmarks' gateway process.
 */
export function configuredGatewayOptions(config: Config, db: Db, logger: Logger, limits: QueryLimits, httpLimits: HttpLimits): GatewayOptions {
  return {
    db,
    seedDataDir: config.seedDataDir,
    auth: config.auth,
    production: config.production,
    introspection: config.introspection,
    landingPage: config.landingPage,
    cursorSecret: process.env.CURSOR_SECRET || undefined,
    development: !config.production,
    limits,
    httpLimits,
    logger,
  };
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  readonly metrics: GatewayMetrics;
  /** Runs the seeds of this server (the admin mutation's, and the start-up load's). */
  readonly seedRunner: SeedRunner;
  /** An arrow function: safe to pass on unbound (main's signal handlers do). */
  readonly stop: () => Promise<void>;
}

/**
 * Starts the GraphQL gateway (Apollo Server 5 on a node:http server) on a port
 * (0: any free port), with /health/live, /health/ready and /metrics beside
 * /graphql. The HTTP layer is our own few lines (handleRequest) rather than
 * express: the gateway has four routes and one body parser, and express's
 * router, body-parser and response helpers cost about a tenth of the CPU of a
 * passenger(passengerId) request.
 */
export async function startGateway(options: GatewayOptions, port: number, host = '127.0.0.1'): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const auth: AuthConfig = {
    jwksUrl: undefined,
    issuer: undefined,
    audience: undefined,
    rolesClaim: DEFAULT_ROLES_CLAIM,
    disabled: false,
    ...options.auth,
    adminToken: options.adminToken ?? options.auth?.adminToken,
  };
  assertAuthConfig(auth, production);
  const authenticator = new Authenticator(auth);
  if (!authenticator.required) {
    if (!auth.disabled && !isLoopback(host)) {
      throw new Error(
        `authentication is off (no AUTH_JWKS_URL), so the gateway listens on 127.0.0.1 only, not ${host}: configure an issuer, or set AUTH_DISABLED=true to expose it without one`,
      );
    }
    logger.warn(
      auth.disabled
        ? 'AUTHENTICATION IS DISABLED (AUTH_DISABLED=true): every caller reads everything, personal data included'
        : 'AUTHENTICATION IS OFF: no AUTH_JWKS_URL, so every caller on this machine reads everything, personal data included; listening on 127.0.0.1 only (README, "Security")',
    );
  }
  const introspection = options.introspection ?? !production;
  const landingPage = options.landingPage ?? !production;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const metrics = new GatewayMetrics();
  const unwatch = metrics.watch(options.db.calls);
  // Timeouts, header and connection caps: a client reaching the port directly cannot hold it.
  const httpLimits = options.httpLimits ?? DEFAULT_HTTP_LIMITS;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const bodyLimitBytes = parseByteSize(bodyLimit);
  const server = createHttpServer(handleRequest, httpLimits);
  const unwatchServer = metrics.watchServer(server);
  const cursors = new CursorCodec(options.cursorSecret);
  const seedRunner = new SeedRunner(options.db, options.seedDataDir, metrics);
  const schema = await gatewaySchema();
  const armor = armorProtection(limits);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection,
    allowBatchedHttpRequests: false,
    // csrfPrevention stays on (the default): a GET query needs a preflight-forcing header.
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // Apollo installs these unless told not to. Cache control wraps every field's resolver to compute a cache
      // policy that nothing here uses (no @cacheControl hints, and answers depend on the caller's role); the inline
      // trace is for federated subgraphs, which this is not.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      landingPage ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }) : ApolloServerPluginLandingPageDisabled(),
      ...(armor.plugins as Array<import('@apollo/server').ApolloServerPlugin<RequestContext>>),
      costLimitPlugin<RequestContext>(schema, limits.maxCost),
      requestPlugin(logger, metrics),
    ],
  });
  await apollo.start();

  /** Every request: GraphQL at /graphql (and below it, as express's app.use matched), the operational routes, 404 otherwise. */
  function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    // Routes match case-insensitively, with or without a trailing slash (express's defaults, which clients may rely on).
    const pathname = (queryAt < 0 ? url : url.slice(0, queryAt)).toLowerCase();
    const served =
      pathname === '/graphql' || pathname.startsWith('/graphql/')
        ? serveGraphQL(req, res, queryAt < 0 ? '' : url.slice(queryAt))
        : serveOperational(req, res, pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname);
    served.catch((error: unknown) => {
      logger.error({ err: error, method: req.method, path: pathname }, 'request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  }

  async function serveOperational(req: http.IncomingMessage, res: http.ServerResponse, route: string): Promise<void> {
    const reads = req.method === 'GET' || req.method === 'HEAD';
    if (reads && route === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (reads && route === '/health/ready') {
      const readiness = await ready();
      return sendJson(res, readiness.status === 'ready' ? 200 : 503, readiness);
    }
    if (reads && route === '/metrics') return send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
    sendJson(res, 404, { error: `no route for ${req.method ?? 'GET'} ${route}; the GraphQL API is at /graphql` });
  }

  /**
   * 200 when the table answers and no start-up load is running; 503 with the
   * load's progress while it runs, or with the reason when the table does not
   * answer or the load failed (until a seed completes: its stats item then exists).
   */
  async function ready(): Promise<{ status: 'ready' | 'loading' | 'unavailable' } & Record<string, unknown>> {
    const table = options.db.tableName;
    const load = options.startupLoad;
    if (load?.loading) {
      return { status: 'loading', table, reason: 'the sample is being loaded; queries answer from what is loaded so far', progress: load.progress() };
    }
    try {
      const { Item } = await options.db.doc.send(new GetCommand({ TableName: table, Key: TABLE_STATS_KEY }));
      const progress = load?.progress();
      if (progress?.status === 'failed' && !Item) {
        return {
          status: 'unavailable',
          table,
          reason: `loading the sample failed (${progress.failure ?? 'see the log'}); run npm run seed`,
          progress,
        };
      }
      return { status: 'ready', table };
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      return { status: 'unavailable', table, reason: 'the DynamoDB table does not answer' };
    }
  }

  async function serveGraphQL(req: http.IncomingMessage, res: http.ServerResponse, search: string): Promise<void> {
    let body: unknown;
    try {
      body = await readJsonBody(req, bodyLimitBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // Body failures (too large, malformed JSON) answer in GraphQL's error shape, without a stack.
      const message = error.status === 413 ? `request body is over the limit of ${bodyLimit}` : 'the request body is not valid JSON';
      return sendJson(res, error.status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    // Each request has its own DynamoDB usage scope, with its budget and deadline (limits' budget fields), and
    // reads through its own view of the database, charged to that scope; when the response is sent or the client
    // goes away, the scope ends: whatever of the request still runs is aborted.
    const usage = options.db.calls.open(limits);
    res.once('close', () => usage.budget.end());
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context: () => contextOf(headers, res, usage),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function contextOf(headers: HeaderMap, res: http.ServerResponse, usage: ScopeUsage): Promise<RequestContext> {
    const requestId = validRequestId(headers.get('x-request-id')) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const authorization = headers.get('authorization');
    const caller = await authenticateOrRefuse(authenticator, authorization);
    // DynamoDB usage tells how the data is laid out: in production, for admins only.
    const statsAsked = headers.get('x-dynamodb-stats') === '1' && (!production || atLeast(caller.role, 'admin'));
    const requestDb = forRequest(options.db, usage);
    return {
      requestId,
      startedAt: performance.now(),
      reader: new Reader(requestDb, createLoaders(requestDb, { naive: options.naiveLoaders ?? false }), cursors),
      caller,
      bearerSent: /^Bearer\s+\S/i.test(authorization?.trim() ?? ''),
      adminPossible: auth.adminToken !== undefined || authenticator.required,
      seedRunner,
      usage,
      reportUsage: options.development === true || statsAsked,
      loading: options.startupLoad?.loading ? options.startupLoad.progress() : undefined,
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use: stop what uses it, or set PORT to another port`) : error),
    );
    server.listen(port, host, resolve);
  }).catch(async (error: unknown) => {
    await apollo.stop();
    throw error;
  });
  const actualPort = (server.address() as AddressInfo).port;
  logger.info(
    {
      port: actualPort,
      host,
      table: options.db.tableName,
      limits,
      auth: authenticator.required ? 'jwt' : auth.disabled ? 'disabled' : 'off',
      introspection,
    },
    'gateway listening',
  );
  return {
    url: `http://localhost:${actualPort}/graphql`,
    port: actualPort,
    server,
    metrics,
    seedRunner,
    stop: async () => {
      await apollo.stop();
      unwatch();
      unwatchServer();
    },
  };
}

/**
 * The request's caller, or a refusal before any resolver runs: 401
 * UNAUTHENTICATED (with a WWW-Authenticate challenge) for a missing, expired
 * or invalid token, 403 FORBIDDEN for a valid token without any of our roles.
 */
async function authenticateOrRefuse(authenticator: Authenticator, authorization: string | undefined): Promise<Caller> {
  try {
    return await authenticator.authenticate(authorization);
  } catch (error) {
    if (!(error instanceof AuthenticationError || error instanceof NoRoleError)) throw error;
    const unauthenticated = error instanceof AuthenticationError;
    const message = error.message;
    throw new GatewayError(unauthenticated ? 'UNAUTHENTICATED' : 'FORBIDDEN', message, {
      http: {
        status: unauthenticated ? 401 : 403,
        headers: new Map([
          [
            'www-authenticate',
            unauthenticated ? `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"` : 'Bearer error="insufficient_scope"',
          ],
        ]),
      },
    });
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: http.ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** A client-supplied request id is echoed only when it is short and plain. */
function validRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : undefined;
}
