import type { TestProject } from 'vitest/node';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

let embedded: EmbeddedDynamoDb | undefined;

/**
 * One in-memory DynamoDB Local for the whole run (each test file uses its own
 * tables), or the instance DYNAMODB_ENDPOINT names.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    embedded = await startEmbeddedDynamoDb();
    endpoint = embedded.endpoint;
  }
  project.provide('dynamodbEndpoint', endpoint);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
}
