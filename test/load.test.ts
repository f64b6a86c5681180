import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { frontEndQueries, runLoad } from '../bench/load-runner.js';
import { sampleRows } from './csv-oracle.js';
import { sampleGateway } from './gateway.js';

/**
 * Mixed front-end queries from many concurrent clients, bounded in time (the full
 * figures come from `npm run bench:load`). No speed is asserted: only that nothing
 * fails and that memory does not keep growing.
 */
/** A full garbage collection, on demand (the flag can be set at run time; a new context then has `gc`). */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap in use after full collections, MB: what survives, whenever the GC would have run on its own. */
async function heapAfterCollection(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  collect();
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe('load', () => {
  const { api } = sampleGateway();

  it('answers every request of a 12-second mixed load without an error, and its memory levels off', async () => {
    const ids = {
      passengers: sampleRows('passengers.csv').map((p) => p.passenger_id!),
      flights: sampleRows('flights.csv').map((f) => f.flight_id!),
      disruptedFlight: sampleRows('disrupted_passengers.csv')[0]!.flight_id!,
    };
    // Warm first (the caches of documents and costs, the JIT), so that what the measured load leaves is its own.
    await runLoad(`http://127.0.0.1:${api.port}/graphql`, frontEndQueries(ids), 2, 24, 1);
    const before = await heapAfterCollection();
    const result = await runLoad(`http://127.0.0.1:${api.port}/graphql`, frontEndQueries(ids), 12, 24, 4);
    expect(result.requests).toBeGreaterThan(50);
    expect(result.errors).toBe(0);
    // A leak of even 100 kB a request would leave tens of MB behind (the limit: 50 kB a request, 10 MB at least). Measured after full collections once the
    // load is over, not from samples taken during it: those follow when the GC happens to run, and how many
    // requests are in flight, on a machine other test files share.
    const left = (await heapAfterCollection()) - before;
    expect(left, `heap left after ${result.requests} requests: ${left.toFixed(1)} MB`).toBeLessThan(Math.max(10, result.requests * 0.05));
  }, 60_000);
});
