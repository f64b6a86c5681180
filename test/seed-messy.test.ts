import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Passengers } from '../entities/index.js';
import { seed, type SeedReport } from '../seed/seed.js';
import { provisionedDb } from './helpers.js';

/**
 * A user's export with every kind of mess the contract allows, and every kind of
 * bad row it names: the bad rows are reported with file and line, every good row
 * loads.
 */
function messyExport(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'messy-'));
  const huge = 'x'.repeat(420 * 1024);
  writeFileSync(
    path.join(dir, 'passengers.csv'),
    '\uFEFFPassenger_ID,first_name,last_name,passenger_category,is_influencer,customer_value_score,flight_id,favourite_colour\r\n' +
      '000123,Ann,"Smith, Jr.",VIP,Y,88.5,EY0001-20260315,blue\r\n' + // 2 good: leading zeros, quoted comma, extra column
      ',No,Key,Regular,N,1,EY0001-20260315,\r\n' + // 3 missing key
      'P2,Bad,Number,Regular,N,12;5,EY0001-20260315,\r\n' + // 4 malformed number
      '000123,Dup,Licate,Regular,N,1,EY0001-20260315,\r\n' + // 5 duplicate of line 2
      `P3,Huge,Row,Regular,N,1,EY0001-20260315,${huge}\r\n` + // 6 oversize item
      'P4,"Broken,quote,Regular,N,1,EY0001-20260315,\r\n' + // 7 unclosed quote
      'P5,Too,Few\r\n' + // 8 wrong number of fields
      'P6,"Multi\r\nLine",O\'Brien,VVIP,N,,EY0001-20260315,"say ""hi"""\r\n' + // 9-10 good, spans two lines
      'P7,Last,Good,Regular,,,,\r\n', // 11 good, most columns empty
  );
  writeFileSync(
    path.join(dir, 'flights.csv'),
    'flight_id,flight_number,origin_airport,destination_airport,departure_time,arrival_time,mel_status\n' +
      'EY0001-20260315,EY1,LHR,AUH,2026-03-15 08:00,2026-03-15T15:05:00+00:00,ACTIVE\n' +
      'EY0002-20260315,EY2,AUH,LHR,not-a-date,2026-03-15T22:00:00Z,NONE\n',
  );
  return dir;
}

describe('seed of a messy export', () => {
  let db: Awaited<ReturnType<typeof provisionedDb>>;
  let report: SeedReport;

  beforeAll(async () => {
    db = await provisionedDb('messy');
    report = await seed(db, { dataDir: messyExport() });
  });
  afterAll(async () => db.drop());

  it('reports each bad row with file, line and reason', () => {
    const rejected = report.problems.filter((p) => !p.reason.startsWith('note:'));
    expect(rejected.map((p) => `${p.file}:${p.line}`)).toEqual([
      'passengers.csv:3',
      'passengers.csv:4',
      'passengers.csv:5',
      'passengers.csv:6',
      'passengers.csv:7',
      'passengers.csv:8',
      'flights.csv:3',
    ]);
    const reason = (line: number, file = 'passengers.csv') => rejected.find((p) => p.file === file && p.line === line)!.reason;
    expect(reason(3)).toMatch(/key column passenger_id is empty/);
    expect(reason(4)).toMatch(/customer_value_score.*not a number.*12;5/);
    expect(reason(5)).toMatch(/duplicate key passenger_id=000123 \(first at line 2/);
    expect(reason(6)).toMatch(/400 KB/);
    expect(reason(7)).toMatch(/broken CSV record/);
    expect(reason(8)).toMatch(/expected 8 fields.*found 3/);
    expect(reason(3, 'flights.csv')).toMatch(/departure_time.*ISO 8601/);
    expect(report.ok).toBe(false);
  });

  it('loads every good row', async () => {
    const passengers = report.entities.find((e) => e.entity === 'Passengers')!;
    expect(passengers).toMatchObject({ rowsRead: 9, itemsWritten: 3, rowsRejected: 6, status: 'loaded' });
    expect(report.entities.find((e) => e.entity === 'Flights')).toMatchObject({ itemsWritten: 1, rowsRejected: 1 });
    expect(report.entities.find((e) => e.entity === 'Weather')).toMatchObject({ status: 'missing', rowsRead: 0 });
    expect(report.tableCounts).toMatchObject({ Passengers: 3, Flights: 1 });
  });

  it('stores values by their declared kinds and keeps unknown columns as strings', async () => {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: Passengers.primaryKey({ passenger_id: '000123' }) }));
    expect(Item).toMatchObject({
      passenger_id: '000123',
      last_name: 'Smith, Jr.',
      is_influencer: true,
      customer_value_score: 88.5,
      favourite_colour: 'blue',
      _et: 'Passengers',
    });
    const { Item: multi } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: Passengers.primaryKey({ passenger_id: 'P6' }) }));
    expect(multi).toMatchObject({ first_name: 'Multi\nLine', last_name: "O'Brien", favourite_colour: 'say "hi"' });
    expect(multi).not.toHaveProperty('customer_value_score');
    const { Item: flight } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'FLT#EY0001-20260315', sk: 'FLT' } }));
    expect(flight).toMatchObject({ departure_time: '2026-03-15T08:00:00Z', arrival_time: '2026-03-15T15:05:00Z' });
    // the flight carries the keys of its passengers, materialised at load time
    expect((flight!._refs as Record<string, string[]>).passengers.sort()).toEqual(['000123', 'P6']);
  });

  it('accepts a spreadsheet export whose lines all end with a comma', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trailing-'));
    writeFileSync(path.join(dir, 'crew_members.csv'), 'crew_id,rank,base,\r\nC1,CPT,AUH,\r\nC2,FO,AUH,stray\r\n');
    const r = await seed(db, { dataDir: dir });
    expect(r.entities.find((e) => e.entity === 'CrewMembers')).toMatchObject({ itemsWritten: 2, rowsRejected: 0 });
    expect(r.ok).toBe(true);
    // the one non-empty cell of the unnamed column is kept
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'CREW#C2', sk: 'CREW' } }));
    expect(Item).toMatchObject({ crew_id: 'C2', rank: 'FO', column_4: 'stray' });
  });

  it("rejects a row whose id would make a key over DynamoDB's key size limit, and loads the rest", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'longkey-'));
    writeFileSync(path.join(dir, 'bookings.csv'), `booking_id,passenger_id\nB1,P1\n${'B'.repeat(1100)},P2\nB3,P3\n`);
    const r = await seed(db, { dataDir: dir });
    expect(r.entities.find((e) => e.entity === 'Bookings')).toMatchObject({ itemsWritten: 2, rowsRejected: 1 });
    expect(r.problems.find((p) => p.file === 'bookings.csv')).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/over DynamoDB's 1024-byte limit for sort keys/),
    });
  });

  it('validates without writing in a dry run', async () => {
    const dry = await seed(undefined, { dataDir: messyExport(), dryRun: true });
    expect(dry.entities.find((e) => e.entity === 'Passengers')).toMatchObject({ itemsWritten: 3, rowsRejected: 6 });
    expect(dry.tableCounts).toEqual({});
  });
});
