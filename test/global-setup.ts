import type { TestProject } from 'vitest/node';
import path from 'node:path';
import { createDb } from '../src/db/client.js';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../src/db/embedded.js';
import { seed, type SeedReport } from '../seed/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** A table holding the bundled sample, seeded once for the run: read it, do not change it. */
    sampleTable: string;
    sampleReport: SeedReport;
  }
}

let embedded: EmbeddedDynamoDb | undefined;

/**
 * One in-memory DynamoDB Local for the whole run (or the instance
 * DYNAMODB_ENDPOINT names), and the sample seeded into it once: test files that
 * only read it share it, those that write use tables of their own.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    embedded = await startEmbeddedDynamoDb();
    endpoint = embedded.endpoint;
  }
  const db = createDb({ endpoint, region: 'us-east-1', tableName: `sample_${process.pid}` });
  const report = await seed(db, { dataDir: path.resolve(import.meta.dirname, '..', 'seed', 'data') });
  db.destroy();
  project.provide('dynamodbEndpoint', endpoint);
  project.provide('sampleTable', db.tableName);
  project.provide('sampleReport', report);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
}
