import { describe, expect, it } from 'vitest';
import { frontEndQueries, runLoad } from '../bench/load-runner.js';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway } from './gateway.js';

/**
 * Mixed front-end queries from many concurrent clients, bounded in time (the full
 * figures come from `npm run bench:load`). No speed is asserted: only that nothing
 * fails and that memory does not keep growing.
 */
describe('load', () => {
  const { api } = sampleGateway();

  it('answers every request of a 12-second mixed load without an error, and its memory levels off', async () => {
    const ids = {
      passengers: sampleRows('passengers.csv').map((p) => p.passenger_id!),
      flights: sampleRows('flights.csv').map((f) => f.flight_id!),
      disruptedFlight: sampleRows('disrupted_passengers.csv')[0]!.flight_id!,
    };
    const result = await runLoad(`http://127.0.0.1:${api.port}/graphql`, frontEndQueries(ids), 12, 24, 4);
    expect(result.requests).toBeGreaterThan(50);
    expect(result.errors).toBe(0);
    // A leak of even 100 kB a request would add tens of MB between the second and the last quarter. The heap's
    // floor in each quarter (what survives the collections), not its peak: peaks follow when the GC happens to run.
    const [, second, , last] = result.heapFloorMbBySlice as [number, number, number, number];
    expect(last).toBeLessThan(second * 1.5 + 20);
  }, 60_000);
});
