import { describe, expect, it } from 'vitest';
import { sampleGateway } from './gateway.js';
import { readmeExamples } from './helpers.js';

describe('README examples', () => {
  const { api } = sampleGateway();

  const examples = readmeExamples();
  it('has one example per desk question and per main query', () => {
    expect(examples.length).toBeGreaterThanOrEqual(22);
  });

  for (const [i, query] of examples.entries()) {
    it(`runs as written: ${query.replace(/\s+/g, ' ').slice(0, 70)}`, async () => {
      const r = await api.gql(query);
      expect(r.errors, `example ${i + 1}: ${JSON.stringify(r.errors)}`).toBeUndefined();
      const values = Object.values(r.data ?? {});
      expect(
        values.every((v) => v !== null),
        `example ${i + 1} found nothing`,
      ).toBe(true);
    });
  }
});
