import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every operation name the clients of this test run have sent so far (db/commands.ts recordSentCommands). */
export function sentCommandNames(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  return new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
      .filter(Boolean),
  );
}
