/**
 * The CLI's compiled code kept between runs (src/cli/code-cache.ts): the
 * package's bin runs the bundled program through V8's code cache, kept in the
 * cache folder beside the compiled policies. It is only an optimisation: a
 * run prints the same bytes with it, without it, and with a damaged one
 * (which is then replaced); a folder others may write to is not used; a link
 * at its name is not followed; writing one trims the folder past 64 MiB. `npm test` builds dist/ first (pretest).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const MACRONLEAKS = join(ROOT, 'examples', 'macronleaks', 'records.json');
const scratch = mkdtempSync(join(tmpdir(), 'blackout-code-cache-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function freshCache(): string {
  const dir = join(mkdtempSync(join(scratch, 'cache-')), 'blackout');
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

function blackout(args: readonly string[], cache: string, extra: Record<string, string> = {}, nodeOptions: readonly string[] = []) {
  const env: Record<string, string> = { NO_COLOR: '1', LANG: 'C', HOME: scratch, PATH: process.env.PATH ?? '', BLACKOUT_CACHE_DIR: cache, ...extra };
  const run = spawnSync(process.execPath, [...nodeOptions, BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(run.error).toBeUndefined();
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The code caches in a folder, by name. */
function codeCaches(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.v8')).sort() : [];
}

const CHECK = ['check', MACRONLEAKS, '--format', 'json'];

describe('the CLI’s code cache', () => {
  it('is written by the first run of a command, private, then read and left as it is, with the same output', () => {
    const cache = freshCache();
    const uncached = blackout(CHECK, cache, { BLACKOUT_NO_CACHE: '1' });
    expect(codeCaches(cache)).toEqual([]);
    const first = blackout(CHECK, cache);
    expect(first).toEqual(uncached);
    const [name] = codeCaches(cache);
    expect(codeCaches(cache)).toEqual([expect.stringMatching(/^code-check-[0-9a-f]{8}\.v8$/)]);
    const file = join(cache, name!);
    const written = statSync(file);
    expect(written.mode & 0o777).toBe(0o600);
    expect(written.size).toBeGreaterThan(10_000);
    // V8's data first, where the file's bytes start (aligned: V8 copies data that is not), its CRC-32 last.
    const bytes = readFileSync(file);
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(crc32(bytes.subarray(0, bytes.length - 4)));

    expect(blackout(CHECK, cache)).toEqual(uncached);
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    // Each command keeps its own: what a run compiled is what its cache holds.
    const explain = ['explain', MACRONLEAKS, '--id', 'ml-01-pastebin-archive'];
    const explained = blackout(explain, cache);
    expect(blackout(explain, cache)).toEqual(explained);
    expect(codeCaches(cache)).toEqual([expect.stringMatching(/^code-check-/), expect.stringMatching(/^code-explain-/)].sort());
  });

  it('is kept apart for runs under other V8 flags, which would reject it: runs with and without one rewrite neither', () => {
    const cache = freshCache();
    const FLAG = ['--max-semi-space-size=4'];
    const expected = blackout(CHECK, cache);
    expect(blackout(CHECK, cache, {}, FLAG)).toEqual(expected);
    const names = codeCaches(cache);
    expect(names).toEqual([expect.stringMatching(/^code-check-/), expect.stringMatching(/^code-check-/)]);
    const times = names.map((name) => statSync(join(cache, name)).mtimeMs);
    expect(blackout(CHECK, cache)).toEqual(expected);
    expect(blackout(CHECK, cache, {}, FLAG)).toEqual(expected);
    expect(names.map((name) => statSync(join(cache, name)).mtimeMs)).toEqual(times);
  });

  it('is not written by a long check, which changes V8’s flags (memory-mode.ts): the next run would reject it', () => {
    const cache = freshCache();
    const long = join(mkdtempSync(join(scratch, 'long-')), 'long.ndjson');
    // Past LONG_RUN_RECORDS (20,000), on the main thread.
    writeFileSync(long, Array.from({ length: 25_000 }, (_, index) => `{"id":"r${index}","publishedAt":"2018-05-06T10:00:00+02:00","categories":["poll"]}\n`).join(''));
    const longCheck = blackout(['check', long, '--format', 'ndjson', '--jobs', '1', '--output', join(cache, '..', 'out.ndjson')], cache);
    expect(longCheck.stderr).toBe('');
    expect(longCheck.status).toBe(0);
    expect(codeCaches(cache)).toEqual([]);
    // A short check writes it; later long and short checks read it and leave it as it is.
    const expected = blackout(CHECK, cache);
    const [name] = codeCaches(cache);
    const written = statSync(join(cache, name!)).mtimeMs;
    expect(blackout(['check', long, '--format', 'ndjson', '--jobs', '1', '--output', join(cache, '..', 'out.ndjson')], cache)).toEqual(longCheck);
    expect(blackout(CHECK, cache)).toEqual(expected);
    expect(statSync(join(cache, name!)).mtimeMs).toBe(written);
  });

  it.each([
    ['garbage', () => Buffer.from('not a code cache at all\n')],
    ['an empty file', () => Buffer.alloc(0)],
    ['the first half of a real one', (real: Buffer) => real.subarray(0, real.length >> 1)],
    ['a real one with bytes flipped in the middle', (real: Buffer) => Buffer.from(real.map((byte, index) => (index > real.length / 2 && index < real.length / 2 + 64 ? byte ^ 0xff : byte)))],
  ])('a damaged one (%s) costs a compile: the same output, and it is replaced', (_, damage: (real: Buffer) => Buffer) => {
    const cache = freshCache();
    const expected = blackout(CHECK, cache);
    const [name] = codeCaches(cache);
    const file = join(cache, name!);
    const real = readFileSync(file);
    writeFileSync(file, damage(real));
    expect(blackout(CHECK, cache)).toEqual(expected);
    // V8 refused it, or took it whole: never half of one.
    const after = readFileSync(file);
    expect(after.length).toBeGreaterThan(10_000);
    expect(blackout(CHECK, cache)).toEqual(expected);
  });

  it('is neither read nor written in a folder others may write to', () => {
    const cache = freshCache();
    chmodSync(cache, 0o777);
    const run = blackout(CHECK, cache);
    expect(run.status).toBe(1);
    expect(codeCaches(cache)).toEqual([]);
    chmodSync(cache, 0o700);
  });

  it('does not follow a link at its name', () => {
    const cache = freshCache();
    const expected = blackout(CHECK, cache);
    const [name] = codeCaches(cache);
    const file = join(cache, name!);
    rmSync(file);
    // A link to a device that reads without end: reading it would hang or exhaust the process.
    symlinkSync('/dev/zero', file);
    expect(blackout(CHECK, cache)).toEqual(expected);
  });

  it('a run that writes to the folder trims it past 64 MiB, the entries used longest ago first; a run that reads the code cache marks it used', () => {
    const cache = freshCache();
    const stale = join(cache, '0000cafe.policy');
    writeFileSync(stale, '', { mode: 0o600 });
    truncateSync(stale, 80 * 1024 * 1024);
    const weekAgo = Date.now() / 1000 - 7 * 86_400;
    utimesSync(stale, weekAgo, weekAgo);
    expect(blackout(CHECK, cache).status).toBe(1);
    expect(existsSync(stale)).toBe(false);
    const [name] = codeCaches(cache);
    const file = join(cache, name!);
    utimesSync(file, weekAgo, weekAgo);
    expect(blackout(CHECK, cache).status).toBe(1);
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
  });
});
