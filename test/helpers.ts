import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { readmeExamples as readmeExampleBlocks } from '../bench/readme-examples.js';
import { Writable } from 'node:stream';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { provisionTable } from '../seed/provision.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const SAMPLE_DIR = path.join(REPO_ROOT, 'seed', 'data');
/** An export our generator did not write, with only the contract's columns (test/fixtures/second-export). */
export const SECOND_EXPORT_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'second-export', 'data');

export function endpoint(): string {
  return inject('dynamodbEndpoint');
}

/** A client on the test DynamoDB Local for a fresh table name (not created). */
export function testDb(label: string, options: Partial<Parameters<typeof createDb>[0]> = {}, extra: Parameters<typeof createDb>[1] = {}): Db {
  return createDb({ endpoint: endpoint(), region: 'us-east-1', tableName: `t_${label}_${randomUUID().slice(0, 8)}`, ...options }, extra);
}

/** A client on the shared sample table (or another table the global setup seeded): read-only. */
export function sampleDb(tableName: string = inject('sampleTable')): Db {
  return createDb({ endpoint: endpoint(), region: 'us-east-1', tableName });
}

/** A provisioned table for one test file; `drop` deletes it. */
export async function provisionedDb(label: string): Promise<Db & { drop(): Promise<void> }> {
  const db = testDb(label);
  await provisionTable(db);
  return Object.assign(db, {
    drop: async () => {
      await db.client.send(new DeleteTableCommand({ TableName: db.tableName })).catch(() => undefined);
      db.destroy();
    },
  });
}

/** A DynamoDB command as sent: operation name and its input. */
export interface SentCommand {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** Records every command a client sends from now on. */
export function captureCommands(db: Db): SentCommand[] {
  const sent: SentCommand[] = [];
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ operation: String(context.commandName).replace(/Command$/, ''), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: `capture${Math.random()}` },
  );
  return sent;
}

/**
 * A small but complete export: the first `rows` records of every sample file
 * (by record, not by line: some fields hold line breaks).
 */
export function sampleSubset(rows: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'subset-'));
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  for (const file of readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.csv'))) {
    const records = parse(readFileSync(path.join(SAMPLE_DIR, file))) as string[][];
    writeFileSync(
      path.join(dir, file),
      `${records
        .slice(0, rows + 1)
        .map((r) => r.map(quote).join(','))
        .join('\n')}\n`,
    );
  }
  return dir;
}

/** Every GraphQL example of the README, one operation per `{ ... }` block at top level (bench/readme-examples.ts finds them). */
export function readmeExamples(): string[] {
  return readmeExampleBlocks(path.join(REPO_ROOT, 'README.md')).map((e) => e.query);
}

/** A pino destination that keeps every JSON log line, for tests that read the logs. */
export function logSink(): { lines: Array<Record<string, unknown>>; sink: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}
