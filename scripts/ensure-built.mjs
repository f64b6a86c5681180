#!/usr/bin/env node
// Build once: runs `tsc -p tsconfig.json` only when dist/ is older than the sources.
//
//   node scripts/ensure-built.mjs            build if stale (npm's prepare, prestart, preseed, prebench:*, ...)
//   node scripts/ensure-built.mjs --force    build in any case (npm run build)
//
// Stale means: no stamp (a fresh clone, a failed or interrupted build), or a
// source newer than the stamp. The sources are every .ts file under the
// directories tsconfig.json compiles, the directories themselves (a file added,
// removed or renamed changes its directory's mtime), tsconfig.json and
// package.json; and dist/ is stale too when an entry point is missing. The stamp (dist/.build-stamp) holds the newest of those mtimes
// as it was *before* the build started, so a file saved during a build makes the
// next check build again. A failed build writes no stamp: the next run builds
// again and shows the same errors. Two checks at once (npm start and npm run
// seed) build only once: the second waits for the first's lock.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const LOCK = path.join(DIST, '.build-lock');
/** The directories tsconfig.json's "include" compiles. */
const SOURCE_DIRS = ['entities', 'db', 'seed', 'src', 'bench'];
const SOURCE_FILES = ['tsconfig.json', 'package.json'];
/** A lock older than this is taken to be left by a build that died. */
const LOCK_STALE_MS = 120_000;

const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');

/** Newest mtime (ms) of the sources: .ts files and their directories, recursively (data and dependencies skipped). */
function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
      newest = Math.max(newest, statSync(dir).mtimeMs);
    } catch {
      return; // a directory that does not exist (yet) compiles nothing
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'data') visit(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.ts')) {
        newest = Math.max(newest, statSync(path.join(dir, entry.name)).mtimeMs);
      }
    }
  };
  SOURCE_DIRS.forEach((dir) => visit(path.join(ROOT, dir)));
  for (const file of SOURCE_FILES) newest = Math.max(newest, statSync(path.join(ROOT, file)).mtimeMs);
  return newest;
}

function stampedMtime() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')).newestSourceMtimeMs;
  } catch {
    return undefined;
  }
}

/** Outputs every npm script runs from: a dist/ with its stamp but without them was damaged by hand. */
const ENTRY_POINTS = ['dist/src/main.js', 'dist/seed/cli.js'];

/** Why dist/ must be built, or undefined when it is up to date. */
function staleness(sources) {
  if (force) return 'npm run build';
  const stamped = stampedMtime();
  if (stamped === undefined) return 'no build yet';
  if (sources > stamped) return 'sources changed since the last build';
  const missing = ENTRY_POINTS.find((file) => {
    try {
      statSync(path.join(ROOT, file));
      return false;
    } catch {
      return true;
    }
  });
  return missing ? `${missing} is missing` : undefined;
}

/** Takes the build lock, waiting while another live build holds it; false if the wait timed out. */
function lock() {
  mkdirSync(DIST, { recursive: true });
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let age = 0;
    try {
      age = Date.now() - statSync(LOCK).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (age > LOCK_STALE_MS) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) return false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

function tscPath() {
  try {
    return createRequire(path.join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

function build(sources, reason) {
  const tsc = tscPath();
  if (!tsc) {
    console.error('ensure-built: dist/ is out of date and TypeScript is not installed (npm install, without --omit=dev, installs it).');
    // An install without devDependencies (npm ci --omit=dev) runs prepare too: it installs, and says so;
    // what needs dist/ (npm start) refuses later with this same message.
    return process.env.npm_lifecycle_event === 'prepare' ? 0 : 1;
  }
  const started = performance.now();
  if (!quiet) console.error(`ensure-built: compiling (tsc -p tsconfig.json): ${reason} ...`);
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    rmSync(STAMP, { force: true });
    console.error(`ensure-built: tsc failed (exit code ${result.status ?? result.signal}); dist/ is not up to date.`);
    return result.status || 1;
  }
  writeFileSync(STAMP, `${JSON.stringify({ newestSourceMtimeMs: sources, builtAt: new Date().toISOString() })}\n`);
  if (!quiet) console.error(`ensure-built: compiled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

/**
 * After a build, the embedded DynamoDB Local's loopback launcher is compiled
 * into its cache too (db/loopback/launcher.ts), so that the first `npm start`
 * of a fresh clone does not wait for the JDK compiler. Best effort: without
 * Java, or on any failure, `npm start` compiles it itself as before.
 */
async function precompileLauncher() {
  try {
    const launcher = await import(pathToFileURL(path.join(DIST, 'db', 'loopback', 'launcher.js')).href);
    const prepared = await launcher.precompileLauncher();
    if (!quiet && prepared?.kind === 'ready') console.error(`ensure-built: DynamoDB Local's loopback launcher is ready (${prepared.how})`);
  } catch {
    // npm start says what is wrong, if anything is
  }
}

async function main() {
  if (staleness(newestSourceMtime()) === undefined) return 0;
  if (!lock()) {
    console.error(`ensure-built: another build has held ${path.relative(ROOT, LOCK)} for over ${LOCK_STALE_MS / 1000} s; remove it if no build runs`);
    return 1;
  }
  try {
    // Another process may have built while this one waited for the lock.
    const sources = newestSourceMtime();
    const reason = staleness(sources);
    const code = reason ? build(sources, reason) : 0;
    if (reason && code === 0) await precompileLauncher();
    return code;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

process.exitCode = await main();
