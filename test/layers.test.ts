import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of the code, bottom to top (README, "Layout"). A module may import
 * its own unit and the layers below it, never a layer above it, and never a
 * sibling unit on its own layer (the seed and the desk each stand on the data
 * layer only).
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['entities'],
  ['db'],
  ['seed', 'src/desk', 'src/auth', 'src/observability'],
  ['src/admin'],
  ['src/graphql'],
  ['src/config.ts', 'src/http-limits.ts'],
  ['src/server.ts'],
  ['src/main.ts'],
  ['bench'],
];

const ROOT = path.resolve(import.meta.dirname, '..');

function unitOf(file: string): string | undefined {
  const units = LAYERS.flat().sort((a, b) => b.length - a.length);
  return units.find((unit) => file === unit || file.startsWith(`${unit}/`));
}

const layerOf = (unit: string) => LAYERS.findIndex((units) => units.includes(unit));

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || rel === 'seed/data' ? [] : sources(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Every relative import of the tree: [importing file, imported file]. */
function imports(): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const file of ['entities', 'db', 'seed', 'src', 'bench'].flatMap(sources)) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.normalize(path.join(path.dirname(file), match[1]!)).replace(/\.js$/, '.ts');
      edges.push([file, target]);
    }
  }
  return edges;
}

describe('layers', () => {
  const edges = imports();

  it('places every source file in a layer', () => {
    const files = new Set(edges.flat());
    const unplaced = [...files].filter((file) => unitOf(file) === undefined);
    expect(unplaced).toEqual([]);
    expect(files.size).toBeGreaterThan(100);
  });

  it('only imports downwards: no module imports a layer above it or a sibling unit', () => {
    const violations = edges
      .filter(([from, to]) => {
        const a = unitOf(from)!;
        const b = unitOf(to)!;
        return a !== b && layerOf(b) >= layerOf(a);
      })
      .map(([from, to]) => `${from} -> ${to}`);
    expect(violations).toEqual([]);
  });

  it('catches an upward import (the check itself works)', () => {
    expect(layerOf(unitOf('src/graphql/schema.ts')!)).toBeGreaterThan(layerOf(unitOf('db/reader.ts')!));
    expect(layerOf(unitOf('seed/seed.ts')!)).toBe(layerOf(unitOf('src/desk/rules.ts')!));
  });
});
