import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ENTITIES, TABLE_STATS_KEY } from '../entities/index.js';
import { seed } from '../seed/seed.js';
import { sampleRows } from './csv-oracle.js';
import { provisionedDb, SAMPLE_DIR, sampleDb, sampleSubset } from './helpers.js';

const CONTRACT_COUNTS: Record<string, number> = {
  Passengers: 11_406,
  Flights: 256,
  AircraftAvailability: 168,
  Weather: 456,
  DisruptedPassengers: 346,
  AircraftSwapOptions: 4,
  InboundFlightImpact: 3,
};

describe('seed of the bundled sample (seeded once by the global setup)', () => {
  const report = inject('sampleReport');
  const db = sampleDb();
  afterAll(() => db.destroy());

  it('loads all 16 entities with the contract counts and no problem', () => {
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    for (const model of ENTITIES) {
      const rows = sampleRows(model.file).length;
      const expected = CONTRACT_COUNTS[model.name] ?? rows;
      expect(rows, model.file).toBe(expected);
      expect(
        report.entities.find((e) => e.entity === model.name),
        model.name,
      ).toMatchObject({
        status: 'loaded',
        rowsRead: expected,
        itemsWritten: expected,
        rowsRejected: 0,
      });
      expect(report.tableCounts[model.name], model.name).toBe(expected);
    }
  });

  it('stores the counts for tableStats in one item', async () => {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: TABLE_STATS_KEY }));
    expect(Item?.counts).toMatchObject(CONTRACT_COUNTS);
    expect(Object.keys(Item?.counts as object)).toHaveLength(16);
  });

  it('round-trips every entity: stored values equal the CSV values by declared kind', async () => {
    for (const model of ENTITIES) {
      const rows = sampleRows(model.file);
      for (const row of [rows[0]!, rows[Math.floor(rows.length / 2)]!, rows.at(-1)!]) {
        const key = model.primaryKey(Object.fromEntries(model.key.map((k) => [k, row[k]!])) as never);
        const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }));
        expect(Item, `${model.name} ${JSON.stringify(key)}`).toBeDefined();
        for (const [column, text] of Object.entries(row)) {
          const kind = model.columns[column];
          const stored = Item![column];
          const where = `${model.name}.${column}`;
          if (text === '') expect(stored, where).toBeUndefined();
          else if (kind === 'number' || kind === 'integer') expect(stored, where).toBe(Number(text));
          else if (kind === 'flag') expect(stored, where).toBe(text === 'Y');
          else if (kind === 'list') expect(stored, where).toEqual(text.split(/[\s,;]+/).filter(Boolean));
          // strings, date-times (the sample writes them canonical) and undeclared columns stay text
          else expect(stored, where).toBe(text);
        }
      }
    }
  });

  it('keeps leading zeros of ids', async () => {
    const bag = sampleRows('baggage.csv').find((b) => b.baggage_tag!.startsWith('0'));
    expect(bag, 'the sample has a bag tag with a leading zero').toBeDefined();
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: `BAG#${bag!.baggage_tag}`, sk: 'BAG' } }));
    expect(Item?.baggage_tag).toBe(bag!.baggage_tag);
  });

  it('gives the same counts when the sample is seeded again (idempotent writes)', async () => {
    const again = await seed(db, { dataDir: SAMPLE_DIR });
    expect(again.ok).toBe(true);
    expect(again.tableCounts).toEqual(report.tableCounts);
  });
});

describe('--reset', () => {
  it('empties the table before loading', async () => {
    const db = await provisionedDb('reset');
    const dataDir = sampleSubset(40);
    const first = await seed(db, { dataDir });
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { pk: 'PAX#NOT-IN-FILES', sk: 'PAX', _et: 'Passengers' } }));
    expect((await seed(db, { dataDir })).tableCounts.Passengers).toBe(first.tableCounts.Passengers! + 1);

    const reset = await seed(db, { dataDir, reset: true });
    expect(reset.tableCounts).toEqual(first.tableCounts);
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'PAX#NOT-IN-FILES', sk: 'PAX' } }));
    expect(Item).toBeUndefined();
    await db.drop();
  });
});
