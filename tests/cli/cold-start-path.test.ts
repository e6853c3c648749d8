/**
 * The compiled-policy cache through the real, built CLI (`node dist/cli/bin.cjs`,
 * as tests/acceptance/examples.test.ts runs it): a warm run prints the same
 * bytes as the cold one, BLACKOUT_NO_CACHE=1 writes nothing, the cache folder
 * follows BLACKOUT_CACHE_DIR, XDG_CACHE_HOME and HOME; and a one-record check
 * with a warm cache loads one file of blackout's (the bundled CLI) and none of
 * the heavy packages (seen by a module-load
 * trace: a `module.register` load hook for ES modules, `require.cache` at exit
 * for CommonJS, which luxon is loaded as). `npm test` builds dist/ first
 * (pretest); when running vitest directly, run `npm run build` before.
 *
 * Every run gets a temporary HOME and no XDG_CACHE_HOME, so nothing is read
 * from or written to the real user cache.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editEntry } from '../helpers/cache-entry.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const DIST = join(ROOT, 'dist');
const MACRONLEAKS = join(ROOT, 'examples', 'macronleaks', 'records.json');
const FRENCH = join(ROOT, 'policies', 'fr');

let scratch: string;
let registerUrl: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'blackout-cold-start-'));
  const hooks = join(scratch, 'hooks');
  mkdirSync(hooks);
  // Runs in the hooks thread: every module the loader loads (ES modules and CommonJS imported from them).
  writeFileSync(
    join(hooks, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, nextLoad) {
  appendFileSync(log, url + '\\n');
  return nextLoad(url, context);
}
`,
  );
  // Given to node with --import: registers the hooks, and at exit adds what require() loaded, which the hooks do not see.
  writeFileSync(
    join(hooks, 'register.mjs'),
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
const log = process.env.BLACKOUT_TEST_LOAD_LOG;
register('./hooks.mjs', import.meta.url, { data: { log } });
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(log, Object.keys(require.cache).map((file) => pathToFileURL(file).href + '\\n').join('')));
`,
  );
  registerUrl = pathToFileURL(join(hooks, 'register.mjs')).href;
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh folder under the test's scratch folder. */
function folder(name: string): string {
  return mkdtempSync(join(scratch, `${name}-`));
}

/** The environment of a run: no cache settings inherited, a temporary HOME, no colour. */
function environment(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('BLACKOUT_') && name !== 'XDG_CACHE_HOME') env[name] = value;
  }
  return { ...env, HOME: folder('home'), NO_COLOR: '1', ...extra };
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Files of the modules loaded, when traced. */
  readonly loaded: readonly string[];
}

function blackout(args: readonly string[], options: { env: Record<string, string>; cwd?: string; trace?: boolean }): Run {
  const log = join(folder('trace'), 'loaded.txt');
  const run = spawnSync(process.execPath, [...(options.trace ? ['--import', registerUrl] : []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.trace ? { ...options.env, BLACKOUT_TEST_LOAD_LOG: log } : options.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.error).toBeUndefined();
  const loaded = options.trace
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith('file:'))
        .map((url) => fileURLToPath(url))
    : [];
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, loaded };
}

/** The npm packages among loaded files (the folder after the last node_modules). */
function packagesOf(loaded: readonly string[]): string[] {
  const names = new Set<string>();
  for (const file of loaded) {
    const match = /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (match) names.add(match[1]!.replaceAll('\\', '/'));
  }
  return [...names].sort();
}

/** Whether a run loaded a file of dist/, by its path there (`policy-load/load.js`). */
/** The files of dist/ a run loaded, by their paths there (a CommonJS file is seen by the hooks and in require.cache: once). */
function distFiles(run: Run): string[] {
  return [...new Set(run.loaded.filter((file) => file.startsWith(DIST + sep)).map((file) => relative(DIST, file).split(sep).join('/')))];
}

function loadedFromDist(run: Run, path: string): boolean {
  return run.loaded.includes(join(DIST, path));
}

/** The compiled policies in a cache folder (it also keeps the CLI's compiled code: tests/cli/code-cache.test.ts). */
function policyEntries(path: string): string[] {
  return existsSync(path) ? readdirSync(path).filter((name) => name.endsWith('.policy')).sort() : [];
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(path: string): string[] {
  return existsSync(path) ? (readdirSync(path, { recursive: true, encoding: 'utf8' }) as string[]).filter((name) => statSync(join(path, name)).isFile()).sort() : [];
}

function onlyEntry(cache: string): string {
  const names = policyEntries(cache);
  expect(names).toEqual([expect.stringMatching(/^[0-9a-f]{8}\.policy$/)]);
  return join(cache, names[0]!);
}

describe('blackout check with a policy cache', () => {
  it.each(['json', 'text'])('prints the same bytes cold and warm, and with BLACKOUT_NO_CACHE=1 (--format %s)', (format) => {
    const cache = join(folder('cache'), 'blackout');
    const env = environment({ BLACKOUT_CACHE_DIR: cache });
    const args = ['check', MACRONLEAKS, '--format', format];

    const cold = blackout(args, { env, trace: true });
    expect(cold.stderr).toBe('');
    expect(cold.status).toBe(1);
    expect(loadedFromDist(cold, 'policy-load/load.js')).toBe(true);
    const entry = onlyEntry(cache);
    const written = statSync(entry);

    const warm = blackout(args, { env, trace: true });
    // Restored: the compiler was not even loaded, and the entry was not rewritten.
    // Restored by the bundled CLI alone: one file of dist/ (scripts/bundle-cli.mjs).
    expect(distFiles(warm)).toEqual(['cli/bin.cjs']);
    expect(onlyEntry(cache)).toBe(entry);
    expect(statSync(entry).mtimeMs).toBe(written.mtimeMs);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toBe(cold.stderr);
    expect(warm.status).toBe(cold.status);

    const uncached = blackout(args, { env: { ...env, BLACKOUT_NO_CACHE: '1' } });
    expect(uncached.stdout).toBe(cold.stdout);
    expect(uncached.status).toBe(cold.status);

    // The report is the whole report, not an empty one twice.
    const records = (JSON.parse(readFileSync(MACRONLEAKS, 'utf8')) as unknown[]).length;
    if (format === 'json') expect((JSON.parse(warm.stdout) as { results: unknown[] }).results).toHaveLength(records);
    else expect(warm.stdout).toContain(`${records} records: `);
  });

  it('BLACKOUT_NO_CACHE=1 writes nothing: not to BLACKOUT_CACHE_DIR, XDG_CACHE_HOME nor HOME', () => {
    const dir = join(folder('cache'), 'blackout');
    const xdg = folder('xdg');
    const env = environment({ BLACKOUT_NO_CACHE: '1', BLACKOUT_CACHE_DIR: dir, XDG_CACHE_HOME: xdg });
    const run = blackout(['check', MACRONLEAKS, '--format', 'json'], { env });
    expect(run.status).toBe(1);
    expect(existsSync(dir)).toBe(false);
    expect(filesUnder(xdg)).toEqual([]);
    expect(filesUnder(env.HOME!)).toEqual([]);

    const homeOnly = environment({ BLACKOUT_NO_CACHE: '1' });
    expect(blackout(['check', MACRONLEAKS, '--format', 'json'], { env: homeOnly }).stdout).toBe(run.stdout);
    expect(filesUnder(homeOnly.HOME!)).toEqual([]);
  });

  it('keeps the cache in XDG_CACHE_HOME/blackout without BLACKOUT_CACHE_DIR, else in ~/.cache/blackout', () => {
    const xdg = folder('xdg');
    const withXdg = environment({ XDG_CACHE_HOME: xdg });
    expect(blackout(['check', MACRONLEAKS], { env: withXdg }).status).toBe(1);
    onlyEntry(join(xdg, 'blackout'));
    expect(filesUnder(withXdg.HOME!)).toEqual([]);

    const homeOnly = environment({});
    expect(blackout(['check', MACRONLEAKS], { env: homeOnly }).status).toBe(1);
    onlyEntry(join(homeOnly.HOME!, '.cache', 'blackout'));
  });

  it('tells the same relative --policy apart in two working folders', () => {
    const cache = join(folder('cache'), 'blackout');
    const env = environment({ BLACKOUT_CACHE_DIR: cache });
    const first = folder('first');
    const second = folder('second');
    cpSync(FRENCH, join(first, 'fr'), { recursive: true });
    cpSync(FRENCH, join(second, 'fr'), { recursive: true });
    // In the second, the CNCCEP recommendation of 2017 runs an hour longer.
    const edited = join(second, 'fr', 'presidentielle-2017.yaml');
    const text = readFileSync(edited, 'utf8');
    expect(text).toContain('dateTime: "2017-05-07T20:00", zone: Europe/Paris');
    writeFileSync(edited, text.replace('dateTime: "2017-05-07T20:00", zone: Europe/Paris', 'dateTime: "2017-05-07T21:00", zone: Europe/Paris'));
    const records = join(folder('records'), 'late-leak.json');
    writeFileSync(records, JSON.stringify({ id: 'late-leak', publishedAt: '2017-05-07T20:30:00+02:00', categories: ['leak'], audience: ['FR-MET'] }));

    const statusIn = (cwd: string) => {
      const run = blackout(['check', records, '--policy', 'fr', '--format', 'json'], { env, cwd });
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout) as { results: { status: string }[] }).results[0]!.status;
    };
    for (let round = 0; round < 2; round++) {
      expect(statusIn(first)).toBe('allowed');
      expect(statusIn(second)).toBe('review');
    }
    expect(policyEntries(cache)).toHaveLength(2);
  });

  it('reports a broken policy at file:line:col with exit 2, and caches nothing of it', () => {
    const cache = join(folder('cache'), 'blackout');
    const env = environment({ BLACKOUT_CACHE_DIR: cache });
    const cwd = folder('broken');
    cpSync(FRENCH, join(cwd, 'fr'), { recursive: true });
    const file = join(cwd, 'fr', 'presidentielle-2017.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    severity: review', '    severity: maybe'));
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('severity: maybe'));
    const where = `fr/presidentielle-2017.yaml:${line + 1}:${lines[line]!.indexOf('maybe') + 1}: `;

    for (let round = 0; round < 2; round++) {
      const run = blackout(['check', MACRONLEAKS, '--policy', 'fr'], { env, cwd });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(where);
      expect(policyEntries(cache)).toEqual([]);
    }
  });
});

describe('a one-record check with a warm cache', () => {
  const RECORDS = {
    allowed: { id: 'draft', publishedAt: '2018-05-06T10:00:00+02:00', categories: ['poll'], channel: 'web' },
    blocked: { id: 'draft', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], channel: 'web' },
  } as const;
  const EXIT = { allowed: 0, blocked: 1 } as const;

  let env: Record<string, string>;
  let cwd: string;
  let cold: Run;

  beforeAll(() => {
    cwd = folder('one-record');
    for (const [name, record] of Object.entries(RECORDS)) writeFileSync(join(cwd, `${name}.json`), JSON.stringify(record));
    env = environment({ BLACKOUT_CACHE_DIR: join(cwd, 'cache') });
    cold = blackout(['check', 'blocked.json', '--format', 'text'], { env, cwd, trace: true });
    expect(cold.status).toBe(1);
  });

  it('(the trace sees what a cold check loads: the compiler, yaml, ajv, and luxon through require)', () => {
    expect(loadedFromDist(cold, 'cli/bin.cjs')).toBe(true);
    expect(loadedFromDist(cold, 'policy-load/load.js')).toBe(true);
    expect(packagesOf(cold.loaded)).toEqual(expect.arrayContaining(['yaml', 'ajv', 'luxon']));
  });

  // The text format of a record with violations writes windows and times in words
  // from the texts the cache kept (the compile wrote them with luxon).
  const cases = [
    { record: 'allowed', format: 'json', light: ['yaml', 'ajv', 'ink', 'react', 'luxon'] },
    { record: 'allowed', format: 'text', light: ['yaml', 'ajv', 'ink', 'react', 'luxon'] },
    { record: 'blocked', format: 'json', light: ['yaml', 'ajv', 'ink', 'react', 'luxon'] },
    // The text report says when the record goes out in words: luxon formats its instant.
    { record: 'blocked', format: 'text', light: ['yaml', 'ajv', 'ink', 'react'] },
  ] as const;

  it.each(cases)('loads none of $light for a record $record, --format $format', ({ record, format, light }) => {
    const run = blackout(['check', `${record}.json`, '--format', format], { env, cwd, trace: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(EXIT[record]);
    expect(run.stdout).toContain(format === 'json' ? `"status":"${record}"` : `1 record: `);
    // Warm: restored, not compiled.
    // Only the bundle: the worker threads' bundle (cli/check-worker.js) is for large NDJSON files.
    expect(distFiles(run)).toEqual(['cli/bin.cjs']);
    const packages = packagesOf(run.loaded);
    for (const name of light) expect(packages, `${name} was loaded`).not.toContain(name);
  });

  it('checks on worker threads from the two bundles: the main thread loads no engine module beside its own, a worker one file', () => {
    const lines = Array.from({ length: 40 }, (_, index) => JSON.stringify({ ...RECORDS.blocked, id: `draft-${index}` })).join('\n');
    writeFileSync(join(cwd, 'many.ndjson'), `${lines}\n`);
    // Chunks of 1 KiB: the file goes to the workers whatever its size.
    const run = blackout(['check', 'many.ndjson', '--format', 'ndjson', '--jobs', '2'], { env: { ...env, BLACKOUT_TEST_CHUNK_BYTES: '1024' }, cwd, trace: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(40);
    // Workers inherit --import: the trace sees what they load too.
    expect(distFiles(run).sort()).toEqual(['cli/bin.cjs', 'cli/check-worker.js']);
  });

  it('writes a blocked record’s windows and times in words as the compile did, from the texts the entry keeps', () => {
    expect(blackout(['check', 'blocked.json', '--format', 'text'], { env, cwd }).stdout).toBe(cold.stdout);
    expect(cold.stdout).toContain('from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris)');
    // In a copy of the cache, one text the entry keeps is marked: the report writes what the entry says.
    const marked = join(folder('marked'), 'cache');
    cpSync(join(cwd, 'cache'), marked, { recursive: true });
    editEntry(onlyEntry(marked), (entry) => {
      // Texts are key and text pairs; this text is that of several keys (instants and zones).
      const texts = entry.texts.map((text, index) => (index % 2 === 1 && text === 'Sat 6 May 00:00' ? `${text} (as kept)` : text));
      expect(texts).not.toEqual(entry.texts);
      entry.texts = texts;
    });
    const run = blackout(['check', 'blocked.json', '--format', 'text'], { env: { ...env, BLACKOUT_CACHE_DIR: marked }, cwd, trace: true });
    // Compared unwrapped: the longer text moves where lines break.
    const unwrapped = (text: string) => text.replace(/\s+/g, ' ');
    expect(unwrapped(run.stdout)).toBe(unwrapped(cold.stdout).replaceAll('Sat 6 May 00:00 until', 'Sat 6 May 00:00 (as kept) until'));
  });
});
