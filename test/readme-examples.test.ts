import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleGateway, type TestGateway } from './gateway.js';
import { REPO_ROOT } from './helpers.js';

/** Every GraphQL example of the README, one operation per `{ ... }` block at top level. */
function readmeExamples(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const examples: string[] = [];
  for (const block of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const text = block[1]!.replace(/^#.*$/gm, '');
    let depth = 0;
    let start = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '{') {
        if (depth === 0) start = i;
        depth++;
      } else if (text[i] === '}') {
        depth--;
        if (depth === 0) examples.push(text.slice(start, i + 1));
      }
    }
  }
  return examples;
}

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
      expect(values.every((v) => v !== null), `example ${i + 1} found nothing`).toBe(true);
    });
  }
});
