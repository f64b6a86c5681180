import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import express, { type ErrorRequestHandler } from 'express';
import { TABLE_STATS_KEY } from '../entities/index.js';
import { createLoaders } from '../db/loaders/index.js';
import { SeedRunner } from './admin/seed-runner.js';
import { assertAuthConfig, type AuthConfig, DEFAULT_ROLES_CLAIM } from './auth/auth-config.js';
import { AuthenticationError, Authenticator, NoRoleError } from './auth/authenticator.js';
import type { Caller } from './auth/caller.js';
import { atLeast } from './auth/roles.js';
import { GraphQLError } from 'graphql';
import { Reader } from '../db/reader.js';
import type { Db } from '../db/client.js';
import type { ScopeUsage } from '../db/call-counter.js';
import { CursorCodec } from '../db/cursor.js';
import { formatError } from './graphql/format-error.js';
import { armorProtection, costLimitPlugin, DEFAULT_LIMITS, type QueryLimits } from './graphql/limits.js';
import { requestPlugin, type RequestContext } from './graphql/request-plugin.js';
import { gatewaySchema } from './graphql/schema.js';
import { createHttpServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-limits.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';

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
  readonly limits?: QueryLimits;
  /** HTTP server timeouts and caps (default DEFAULT_HTTP_LIMITS; HTTP_* variables in main). */
  readonly httpLimits?: HttpLimits;
  readonly logger?: Logger;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  readonly metrics: GatewayMetrics;
  /** An arrow function: safe to pass on unbound (main's signal handlers do). */
  readonly stop: () => Promise<void>;
}

/**
 * Starts the GraphQL gateway (Apollo Server 5 on express 5) on a port (0: any
 * free port), with /health/live, /health/ready and /metrics beside /graphql.
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
  const app = express();
  app.disable('x-powered-by');
  // Timeouts, header and connection caps: a client reaching the port directly cannot hold it.
  const httpLimits = options.httpLimits ?? DEFAULT_HTTP_LIMITS;
  const server = createHttpServer(app, httpLimits);
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
      landingPage ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }) : ApolloServerPluginLandingPageDisabled(),
      ...(armor.plugins as Array<import('@apollo/server').ApolloServerPlugin<RequestContext>>),
      costLimitPlugin<RequestContext>(schema, limits.maxCost),
      requestPlugin(logger, metrics),
    ],
  });
  await apollo.start();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    try {
      await options.db.doc.send(new GetCommand({ TableName: options.db.tableName, Key: TABLE_STATS_KEY }));
      res.json({ status: 'ready', table: options.db.tableName });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', table: options.db.tableName, reason: 'the DynamoDB table does not answer' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '100kb' }),
    // Each request runs in its own DynamoDB usage scope (AsyncLocalStorage), with its budget and
    // deadline (limits' budget fields); when the response is sent or the client goes away, the
    // scope ends: whatever of the request still runs is aborted.
    (req, res, next) =>
      options.db.calls.scope((usage) => {
        res.locals.usage = usage;
        res.once('close', () => usage.budget.end());
        next();
      }, limits),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const requestId = validRequestId(req.header('x-request-id')) ?? randomUUID();
        res.setHeader('x-request-id', requestId);
        const authorization = req.header('authorization');
        const caller = await authenticateOrRefuse(authenticator, authorization);
        // DynamoDB usage tells how the data is laid out: in production, for admins only.
        const statsAsked = req.header('x-dynamodb-stats') === '1' && (!production || atLeast(caller.role, 'admin'));
        return {
          requestId,
          startedAt: performance.now(),
          reader: new Reader(options.db, createLoaders(options.db, { naive: options.naiveLoaders ?? false }), cursors),
          caller,
          bearerSent: /^Bearer\s+\S/i.test(authorization?.trim() ?? ''),
          adminPossible: auth.adminToken !== undefined || authenticator.required,
          seedRunner,
          usage: res.locals.usage as ScopeUsage,
          reportUsage: options.development === true || statsAsked,
        };
      },
    }),
  );
  // Body parser failures (too large, malformed JSON) answer in GraphQL's error shape, without a stack.
  const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const tooLarge = error.type === 'entity.too.large';
    res.status(status).json({
      errors: [
        {
          message: tooLarge
            ? `request body is over the limit of ${options.bodyLimit ?? '100kb'}`
            : status < 500
              ? 'the request body is not valid JSON'
              : 'Internal server error.',
          extensions: { code: tooLarge || status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  };
  app.use(bodyErrors);

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
    throw new GraphQLError(message, {
      extensions: {
        code: unauthenticated ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        http: {
          status: unauthenticated ? 401 : 403,
          headers: new Map([
            [
              'www-authenticate',
              unauthenticated
                ? `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`
                : 'Bearer error="insufficient_scope"',
            ],
          ]),
        },
      },
    });
  }
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** A client-supplied request id is echoed only when it is short and plain. */
function validRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : undefined;
}
