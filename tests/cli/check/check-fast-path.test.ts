/**
 * The check's fast paths (NDJSON records scanned from their bytes, verdicts
 * written from pieces: scan-record.ts, verdict-bytes.ts) against the plain
 * path (JSON.parse and the formatters' own text), which
 * BLACKOUT_TEST_PLAIN_PATH (tests only) turns back on: the same bytes on
 * stdout, the same lines on stderr and the same exit code, in every format,
 * on one thread and on workers, for a corpus of every kind of line and for
 * the hostile corpus's NDJSON files. Runs the built CLI (`npm test` builds it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusFile } from '../../helpers/ndjson-corpus.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const HOSTILE = join(ROOT, 'tests', 'hostile', 'corpus');
const folder = mkdtempSync(join(tmpdir(), 'blackout-fast-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const CORPUS = join(folder, 'corpus.ndjson');
writeFileSync(CORPUS, corpusFile());

interface Run {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function blackout(args: readonly string[], env: Record<string, string>, input?: Buffer): Run {
  const run = spawnSync(process.execPath, [BIN, 'check', ...args], {
    env: { PATH: process.env.PATH ?? '', BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', NO_COLOR: '1', ...env },
    maxBuffer: 1 << 28,
    timeout: 120_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString() };
}

/** The run with the fast paths and with the plain path: they must not differ in a byte. */
function bothPaths(args: readonly string[], env: Record<string, string> = {}, input?: Buffer): Run {
  const fast = blackout(args, env, input);
  const plain = blackout(args, { ...env, BLACKOUT_TEST_PLAIN_PATH: '1' }, input);
  expect(fast.code).toBe(plain.code);
  expect(fast.stderr).toBe(plain.stderr);
  // Compared as text first, for a readable difference; then as bytes.
  expect(fast.stdout.toString()).toBe(plain.stdout.toString());
  expect(fast.stdout.equals(plain.stdout)).toBe(true);
  expect(fast.code === 1 || fast.code === 2).toBe(true);
  return fast;
}

const FORMATS = ['text', 'json', 'ndjson', 'junit', 'sarif', 'github'] as const;

describe('check: fast paths against the plain path', () => {
  it.each(FORMATS)('writes the same %s report on one thread', (format) => {
    const run = bothPaths([CORPUS, '--format', format, '--jobs', '1']);
    expect(run.stdout.length).toBeGreaterThan(1000);
  });

  it.each(['json', 'ndjson'] as const)('writes the same %s report on worker threads, in chunks that cut the corpus anywhere', (format) => {
    for (const chunk of [1024, 7777]) bothPaths([CORPUS, '--format', format, '--jobs', '2'], { BLACKOUT_TEST_CHUNK_BYTES: String(chunk) });
    // And the same as on one thread.
    const one = blackout([CORPUS, '--format', format, '--jobs', '1'], {});
    const workers = blackout([CORPUS, '--format', format, '--jobs', '3'], { BLACKOUT_TEST_CHUNK_BYTES: '2048' });
    expect(workers.stdout.equals(one.stdout)).toBe(true);
    expect(workers.stderr).toBe(one.stderr);
  });

  it('writes the same with --zone, --at, French messages, and from standard input', () => {
    for (const format of ['ndjson', 'json', 'sarif'] as const) {
      bothPaths([CORPUS, '--format', format, '--zone', 'Pacific/Noumea', '--jobs', '1']);
      bothPaths([CORPUS, '--format', format, '--at', '2017-05-06T21:00:00+02:00', '--lang', 'fr', '--jobs', '1']);
    }
    bothPaths(['-', '--format', 'ndjson'], {}, corpusFile());
    bothPaths(['-', '--format', 'json', '--stdin-format', 'ndjson', '--lang', 'fr'], {}, corpusFile());
  });

  it('writes the same for a file read in many chunks, with lines that span several of them', () => {
    // The file is read 256 KiB at a time into a ring of reused buffers: a line of 900 KB spans up to five of
    // them, and the one over the 1 MiB limit is dropped as it is read; a detector phrase at the start of a long
    // body must still be read from bytes not yet overwritten.
    const long = (n: number, size: number) => JSON.stringify({ id: `long-${n}`, publishedAt: '2017-05-06T10:00:00+02:00', body: `votez pour ${'é'.repeat(size / 2)}`, channel: 'web' });
    const lines: string[] = [];
    for (let n = 0; n < 4000; n++) {
      lines.push(JSON.stringify({ id: `r-${n}`, publishedAt: `2017-05-0${(n % 9) + 1}T1${n % 10}:00:00+02:00`, categories: [n % 3 === 0 ? 'poll' : 'news'], title: `titre ${n} sondage` }));
      if (n % 500 === 7) lines.push(long(n, 300_000 + n * 150));
      if (n === 2100) lines.push(long(n, 1_100_000));
    }
    const file = join(folder, 'chunks.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const format of ['ndjson', 'json'] as const) {
      const run = bothPaths([file, '--format', format, '--jobs', '1']);
      expect(run.stderr).toContain('chunks.ndjson:');
      expect(run.stdout.toString()).toContain('"long-1507"');
    }
  });

  it('writes the same for every NDJSON file of the hostile corpus', () => {
    const files = readdirSync(HOSTILE).filter((name) => name.endsWith('.ndjson'));
    expect(files.length).toBeGreaterThan(3);
    for (const name of files) {
      for (const format of ['ndjson', 'json', 'github'] as const) {
        const fast = blackout([join(HOSTILE, name), '--format', format, '--jobs', '1'], {});
        const plain = blackout([join(HOSTILE, name), '--format', format, '--jobs', '1'], { BLACKOUT_TEST_PLAIN_PATH: '1' });
        expect({ name, format, code: fast.code, stderr: fast.stderr, stdout: fast.stdout.toString('latin1') }).toEqual({
          name,
          format,
          code: plain.code,
          stderr: plain.stderr,
          stdout: plain.stdout.toString('latin1'),
        });
      }
    }
  });
});
