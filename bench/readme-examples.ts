import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/config.js';

/** One GraphQL example of the README: its place in the README (1-based), the comment above it, and the operation. */
export interface ReadmeExample {
  readonly number: number;
  /** The first line of the comment above it, up to its first colon ("6. Scenario comparison"). */
  readonly title: string;
  readonly query: string;
}

/**
 * Every GraphQL example of the README, one operation per `{ ... }` block at top
 * level of each ```graphql fence, in README order. The split is the one of
 * test/helpers.ts `readmeExamples()` (which the README test runs; test/ is
 * outside the compiled project, so a benchmark cannot import it), and
 * test/history.test.ts checks that both return the same operations.
 */
export function readmeExamples(readmePath: string = path.join(PROJECT_ROOT, 'README.md')): ReadmeExample[] {
  const readme = readFileSync(readmePath, 'utf8');
  const examples: ReadmeExample[] = [];
  for (const block of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const original = block[1]!.split('\n');
    // Comment lines are blanked, not removed: a line of `text` is the same line of `original`.
    const text = block[1]!.replace(/^#.*$/gm, '');
    let depth = 0;
    let start = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '{') {
        if (depth === 0) start = i;
        depth++;
      } else if (text[i] === '}') {
        depth--;
        if (depth === 0) {
          const line = text.slice(0, start).split('\n').length - 1;
          examples.push({ number: examples.length + 1, title: titleAbove(original, line), query: text.slice(start, i + 1) });
        }
      }
    }
  }
  return examples;
}

// Private: the comment that introduces the example starting on `line` (the first of its comment lines).
function titleAbove(lines: readonly string[], line: number): string {
  let first = line;
  while (first > 0 && lines[first - 1]!.startsWith('#')) first--;
  const comment = first < line ? lines[first]!.replace(/^#\s*/, '') : '';
  return comment.split(':')[0]!.trim();
}
