#!/usr/bin/env node
// Usage: node dist/seed/generator/cli.js [--seed N] [--out DIR]
// Writes the 16 sample CSV files (default: <repo>/seed/data) and prints what it wrote.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { toCsv } from './csv.js';
import { DATASET_FILES, DEFAULT_SEED, generateTables } from './index.js';

/** The compiled file sits in dist/seed/generator/: walk up to the folder with package.json. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('no package.json above the generator: pass --out');
    dir = parent;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('Usage: node dist/seed/generator/cli.js [--seed N] [--out DIR]\n');
    return;
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const out = path.resolve(values.out ?? path.join(repoRoot(), 'seed', 'data'));

  const tables = generateTables(seed);
  await mkdir(out, { recursive: true });
  process.stdout.write(`seed ${seed} -> ${out}\n`);
  let total = 0;
  for (const [entity, file] of DATASET_FILES) {
    const table = tables.get(file);
    if (!table) throw new Error(`no table for ${file}`);
    await writeFile(path.join(out, file), toCsv(table), 'utf8');
    total += table.rows.length;
    process.stdout.write(`${file.padEnd(30)} ${entity.padEnd(24)} ${String(table.rows.length).padStart(6)} rows\n`);
  }
  process.stdout.write(`${'total'.padEnd(55)} ${String(total).padStart(6)} rows\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
