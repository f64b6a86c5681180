import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import express from 'express';
import { TABLE_STATS_KEY } from '../entities/index.js';
import { createLoaders } from '../loaders/index.js';
import { SeedRunner } from './admin/seed-runner.js';
import { Reader } from './data/reader.js';
import type { Db } from './db/client.js';
import type { ScopeUsage } from './db/call-counter.js';
import type { GatewayContext } from './graphql/context.js';
import { CursorCodec } from './graphql/cursor.js';
import { formatError } from './graphql/format-error.js';
import { gatewaySchema } from './graphql/schema.js';

export interface GatewayOptions {
  readonly db: Db;
  /** Directory the admin seed mutation loads. */
  readonly seedDataDir: string;
  readonly adminToken?: string | undefined;
  readonly cursorSecret?: string | undefined;
  /** Development: DynamoDB usage in every response's extensions (otherwise on request, with the X-DynamoDB-Stats header). */
  readonly development?: boolean;
  /** Benchmarks only: resolvers read one item per call, without batching. */
  readonly naiveLoaders?: boolean;
  /** Largest request body accepted. */
  readonly bodyLimit?: string;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  stop(): Promise<void>;
}

interface RequestContext extends GatewayContext, BaseContext {
  readonly usage: ScopeUsage;
  readonly reportUsage: boolean;
}

/** Starts the GraphQL gateway (Apollo Server 5 on express 5) on a port (0: any free port). */
export async function startGateway(options: GatewayOptions, port: number, host = '0.0.0.0'): Promise<Gateway> {
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const cursors = new CursorCodec(options.cursorSecret);
  const seedRunner = new SeedRunner(options.db, options.seedDataDir);

  const apollo = new ApolloServer<RequestContext>({
    schema: await gatewaySchema(),
    introspection: true,
    allowBatchedHttpRequests: false,
    // csrfPrevention stays on (the default): a GET query needs a preflight header.
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind !== 'single') return;
              const result = response.body.singleResult;
              result.errors = result.errors?.map((e) => ({
                ...e,
                extensions: { ...e.extensions, requestId: contextValue.requestId },
              }));
              if (contextValue.reportUsage) {
                const u = contextValue.usage;
                result.extensions = {
                  ...result.extensions,
                  dynamodb: {
                    calls: u.calls,
                    totalCalls: Object.values(u.calls).reduce((a, b) => a + b, 0),
                    callMs: round(u.dynamodbMs),
                    consumedCapacity: { readUnits: round(u.readCapacityUnits), writeUnits: round(u.writeCapacityUnits) },
                  },
                };
              }
            },
          };
        },
      },
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
    } catch {
      res.status(503).json({ status: 'unavailable', table: options.db.tableName });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '100kb' }),
    // Each request runs in its own DynamoDB usage scope (AsyncLocalStorage).
    (req, res, next) => options.db.calls.scope((usage) => {
      res.locals.usage = usage;
      next();
    }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const requestId = validRequestId(req.header('x-request-id')) ?? randomUUID();
        res.setHeader('x-request-id', requestId);
        return {
          requestId,
          reader: new Reader(options.db, createLoaders(options.db, { naive: options.naiveLoaders ?? false }), cursors),
          authorization: req.header('authorization'),
          adminToken: options.adminToken,
          seedRunner,
          usage: res.locals.usage as ScopeUsage,
          reportUsage: options.development === true || req.header('x-dynamodb-stats') === '1',
        };
      },
    }),
  );

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actualPort}/graphql`,
    port: actualPort,
    server,
    stop: () => apollo.stop(),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A client-supplied request id is echoed only when it is short and plain. */
function validRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : undefined;
}
