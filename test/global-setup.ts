import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMAND_LOG_ENV, undeclaredReason } from '../db/commands.js';
import { sentCommandNames } from './command-log.js';
import { createDb } from '../db/client.js';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../db/embedded.js';
import { seed, type SeedReport } from '../seed/seed.js';
import { contractOnlyCopy } from './contract-columns.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** A table holding the bundled sample, seeded once for the run: read it, do not change it. */
    sampleTable: string;
    sampleReport: SeedReport;
    /** A table holding the second export (test/fixtures/second-export), seeded once: read-only. */
    secondExportTable: string;
    /** The sample cut down to the contract's columns (a temp dir), and its table: read-only. */
    contractOnlyDir: string;
    contractOnlyTable: string;
    /** Where every client of the run records the DynamoDB operations it sends (db/commands.ts): read by test/iam-policy.test.ts. */
    commandLogDir: string;
  }
}

let embedded: EmbeddedDynamoDb | undefined;
let tempDirs: string[] = [];

/**
 * One in-memory DynamoDB Local for the whole run (or the instance
 * DYNAMODB_ENDPOINT names), and the sample seeded into it once: test files that
 * only read it share it, those that write use tables of their own.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Set before any client exists and before the workers start: they, and servers they spawn, inherit it.
  const commandLogDir = mkdtempSync(path.join(tmpdir(), 'dynamodb-commands-'));
  process.env[COMMAND_LOG_ENV] = commandLogDir;
  project.provide('commandLogDir', commandLogDir);
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    embedded = await startEmbeddedDynamoDb();
    endpoint = embedded.endpoint;
  }
  const db = createDb({ endpoint, region: 'us-east-1', tableName: `sample_${process.pid}` });
  const second = createDb({ endpoint, region: 'us-east-1', tableName: `second_export_${process.pid}` });
  const contractOnly = createDb({ endpoint, region: 'us-east-1', tableName: `contract_only_${process.pid}` });
  const sampleDir = path.resolve(import.meta.dirname, '..', 'seed', 'data');
  const contractOnlyDir = contractOnlyCopy(sampleDir);
  tempDirs = [contractOnlyDir, commandLogDir];
  const [report, ...others] = await Promise.all([
    seed(db, { dataDir: sampleDir }),
    seed(second, { dataDir: path.resolve(import.meta.dirname, 'fixtures', 'second-export', 'data') }),
    seed(contractOnly, { dataDir: contractOnlyDir }),
  ]);
  for (const client of [db, second, contractOnly]) client.destroy();
  for (const other of others) {
    if (other.problems.length > 0)
      throw new Error(`an export of the test setup does not load cleanly: ${JSON.stringify(other.problems.slice(0, 5))}`);
  }
  project.provide('dynamodbEndpoint', endpoint);
  project.provide('sampleTable', db.tableName);
  project.provide('sampleReport', report);
  project.provide('secondExportTable', second.tableName);
  project.provide('contractOnlyDir', contractOnlyDir);
  project.provide('contractOnlyTable', contractOnly.tableName);
}

export async function teardown(): Promise<void> {
  // Every operation the run sent must be declared in db/commands.ts, the list the IAM policy is made from.
  const commandLogDir = process.env[COMMAND_LOG_ENV];
  const undeclared = commandLogDir ? [...sentCommandNames(commandLogDir)].map(undeclaredReason).filter(Boolean) : [];
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  await embedded?.stop();
  if (undeclared.length > 0) {
    // vitest only logs an error of the global teardown: the exit code makes the run fail.
    process.exitCode = 1;
    throw new Error(`DynamoDB operations sent during the tests but missing from the IAM policy:\n${undeclared.join('\n')}`);
  }
}
