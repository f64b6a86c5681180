import { createLogger } from '../src/observability/logger.js';
import { startGateway, type Gateway, type GatewayOptions } from '../src/server.js';
import type { Db } from '../db/client.js';
import { afterAll, beforeAll } from 'vitest';
import { SAMPLE_DIR, sampleDb } from './helpers.js';

export interface GraphQLResponse<T = Record<string, any>> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors: Array<{ message: string; extensions?: Record<string, any>; path?: Array<string | number> }> | undefined;
  readonly extensions: Record<string, any> | undefined;
  readonly headers: Headers;
}

export interface TestGateway extends Gateway {
  /** POSTs a GraphQL request over HTTP, as a front end would. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
}

/** Starts the real server on a free port over `db`. */
export async function testGateway(db: Db, options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const gateway = await startGateway({ db, seedDataDir: SAMPLE_DIR, logger: createLogger('silent'), ...options }, 0, '127.0.0.1');
  return Object.assign(gateway, {
    gql: async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: GraphQLResponse['errors']; extensions?: Record<string, any> };
      return { status: response.status, data: body.data, errors: body.errors, extensions: body.extensions, headers: response.headers };
    },
  });
}

/** DynamoDB calls of one request, by operation (asks the server with the X-DynamoDB-Stats header). */
export async function callsOf(gateway: TestGateway, query: string, variables?: Record<string, unknown>) {
  const response = await gateway.gql(query, variables, { 'x-dynamodb-stats': '1' });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return { calls: response.extensions!.dynamodb.calls as Record<string, number>, data: response.data! };
}

/**
 * A gateway on the shared sample table for one test file: started before its
 * tests, stopped after. `api` is filled in by the time a test runs.
 */
export function sampleGateway(options: Partial<GatewayOptions> = {}, tableName?: string): { db: Db; api: TestGateway } {
  const db = sampleDb(tableName);
  const api = {} as TestGateway;
  beforeAll(async () => {
    Object.assign(api, await testGateway(db, options));
  });
  afterAll(async () => {
    await api.stop();
    db.destroy();
  });
  return { db, api };
}
