import { describe, expect, it } from 'vitest';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway } from './gateway.js';
import { sampleDb } from './helpers.js';
import { SharedBatchGet } from '../db/loaders/shared-batch-get.js';
import { Passengers } from '../entities/index.js';

/**
 * Point reads of concurrent requests share BatchGetItem calls (db/loaders/shared-batch-get.ts):
 * what the database sees shrinks, while each request's own figures (X-DynamoDB-Stats) and
 * answers stay as if it ran alone.
 */
const passengers = sampleRows('passengers.csv').slice(0, 24);
const QUERY = 'query($id: ID!) { passenger(passengerId: $id) { passengerId lastName flight { flightId } } }';

describe('point reads of concurrent requests', () => {
  const { db, api } = sampleGateway();

  it('go out together: fewer BatchGetItem calls than requests, each answer its own', async () => {
    const before = db.calls.snapshot().BatchGetItem ?? 0;
    const answers = await Promise.all(passengers.map((p) => api.gql(QUERY, { id: p.passenger_id }, { 'x-dynamodb-stats': '1' })));
    const sent = (db.calls.snapshot().BatchGetItem ?? 0) - before;
    answers.forEach((r, i) => {
      expect(r.errors).toBeUndefined();
      expect(r.data!.passenger).toEqual({
        passengerId: passengers[i]!.passenger_id,
        lastName: passengers[i]!.last_name,
        flight: { flightId: passengers[i]!.flight_id },
      });
      // Each request still counts the two levels it read (passenger, then flight) and some read units.
      expect(r.extensions!.dynamodb.calls).toEqual({ BatchGetItem: 2 });
      expect(r.extensions!.dynamodb.consumedCapacity.readUnits).toBeGreaterThan(0);
    });
    // Alone, these requests would send 2 calls each.
    expect(sent).toBeLessThan(2 * passengers.length);
  });

  it('a request alone reads as its DataLoader batches say', async () => {
    const before = db.calls.snapshot().BatchGetItem ?? 0;
    const r = await api.gql(QUERY, { id: passengers[0]!.passenger_id }, { 'x-dynamodb-stats': '1' });
    expect(r.extensions!.dynamodb.calls).toEqual({ BatchGetItem: 2 });
    expect((db.calls.snapshot().BatchGetItem ?? 0) - before).toBe(2);
  });
});

describe('a shared read while another is out', () => {
  it('waits for it, or a moment at most, and goes out with the other reads made meanwhile', async () => {
    const db = sampleDb();
    const batcher = new SharedBatchGet(db);
    // The first call is held at the database's door until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    db.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (String(context.commandName) === 'BatchGetItemCommand' && calls++ === 0) await held;
        return next(args);
      },
      { step: 'finalizeRequest', name: 'holdFirstBatchGet' },
    );
    const keyOf = (p: (typeof passengers)[number]) => Passengers.primaryKey({ passenger_id: p.passenger_id });
    const first = batcher.load([keyOf(passengers[0]!)]);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    // Five more reads, each in its own turn of the event loop: alone, each turn would be a call of its own.
    const later: Array<Promise<Array<Record<string, unknown> | null>>> = [];
    for (const p of passengers.slice(1, 6)) {
      await new Promise((resolve) => setImmediate(resolve));
      later.push(batcher.load([keyOf(p)]));
    }
    const answers = await Promise.all(later);
    // They did not wait for the held call, and went out together (far fewer calls than turns).
    expect(firstDone).toBe(false);
    expect(calls - 1).toBeLessThan(later.length);
    answers.forEach((items, i) => expect(items[0]?.passenger_id).toBe(passengers[i + 1]!.passenger_id));
    release();
    expect((await first)[0]?.passenger_id).toBe(passengers[0]!.passenger_id);
    db.destroy();
  });
});
