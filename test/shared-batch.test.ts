import { describe, expect, it } from 'vitest';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway } from './gateway.js';

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
