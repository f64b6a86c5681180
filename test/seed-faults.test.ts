import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { provisionTable } from '../seed/provision.js';
import { seed } from '../seed/seed.js';
import type { Db } from '../db/client.js';
import { injectFaults } from './faults.js';
import { testDb } from './helpers.js';

const ROWS = 600;

function passengersExport(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faults-'));
  const lines = ['passenger_id,first_name,customer_value_score,flight_id'];
  for (let i = 0; i < ROWS; i++) lines.push(`P${String(i).padStart(5, '0')},Name${i},${i / 10},F${i % 7}`);
  writeFileSync(path.join(dir, 'passengers.csv'), `${lines.join('\n')}\n`);
  return dir;
}

async function storedPassengerIds(db: Db): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        ExclusiveStartKey: start,
        FilterExpression: '#et = :p',
        ExpressionAttributeNames: { '#et': '_et' },
        ExpressionAttributeValues: { ':p': 'Passengers' },
      }),
    );
    ids.push(...(page.Items ?? []).map((i) => String(i.passenger_id)));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids.sort();
}

describe('seed under injected database faults', () => {
  const dbs: Db[] = [];
  afterEach(() => dbs.splice(0).forEach((db) => db.destroy()));

  it('retries UnprocessedItems and throttling until every item is written', async () => {
    const db = testDb('faults');
    dbs.push(db);
    await provisionTable(db);
    // every third batch throttled, every other one half unprocessed
    const faults = injectFaults(db.client, {
      operation: 'BatchWriteItem',
      decide: (call) => (call % 3 === 0 ? 'throttle' : call % 2 === 0 ? 'unprocessed' : 'pass'),
    });
    const report = await seed(db, { dataDir: passengersExport(), writer: { baseDelayMs: 5, maxDelayMs: 50, maxRounds: 20 } });

    expect(faults.fired()).toBeGreaterThan(10);
    expect(report.writes.throttles).toBeGreaterThan(0);
    expect(report.writes.unprocessedItems).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
    expect(report.entities.find((e) => e.entity === 'Passengers')).toMatchObject({ itemsWritten: ROWS, rowsRejected: 0 });
    const ids = await storedPassengerIds(db);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
  });

  it('reports items it could not write instead of dropping them, and a re-run completes the load', async () => {
    const db = testDb('faults-giveup');
    dbs.push(db);
    await provisionTable(db);
    const dataDir = passengersExport();
    let failing = true;
    injectFaults(db.client, { operation: 'BatchWriteItem', decide: (call) => (failing && call % 4 === 1 ? 'error500' : 'pass') });
    const first = await seed(db, { dataDir, writer: { baseDelayMs: 1, maxDelayMs: 2, maxRounds: 1 } });
    expect(first.ok).toBe(false);
    const notWritten = first.problems.filter((p) => p.reason.startsWith('not written'));
    expect(notWritten.length).toBeGreaterThan(0);
    expect(notWritten[0]).toMatchObject({
      file: 'passengers.csv',
      reason: expect.stringMatching(/not written after 1 attempts: InternalServerError/),
    });
    const written = first.entities.find((e) => e.entity === 'Passengers')!.itemsWritten;
    expect(written + notWritten.length).toBe(ROWS);
    expect((await storedPassengerIds(db)).length).toBe(written);

    failing = false;
    const second = await seed(db, { dataDir });
    expect(second.ok).toBe(true);
    expect(await storedPassengerIds(db)).toHaveLength(ROWS);
  });

  it('fails fast with a clear report when DynamoDB cannot be reached', async () => {
    const db = testDb('dead', { endpoint: 'http://127.0.0.1:9', maxAttempts: 1, connectionTimeoutMs: 300 });
    dbs.push(db);
    const report = await seed(db, { dataDir: passengersExport() });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatch(/ECONNREFUSED|connect/i);
  });
});
