/** `connections` workers, each starting its next call when its last one answered, for `seconds`; the latencies, ms. */
export async function closedLoop(work: () => Promise<unknown>, connections: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await work();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/** The q-quantile (0..1) of latencies, to 0.1 ms. */
export function quantileMs(latencies: readonly number[], q: number): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(q * (sorted.length - 1))] ?? 0) * 10) / 10;
}
