/**
 * A differential test of `blackout check --jobs`: seeded random NDJSON files
 * of every kind of line the reader meets (records of every outcome, ids
 * repeated near and far, blank and white lines, CRLF, a BOM, lines that are
 * not JSON or not objects, invalid UTF-8, NUL bytes, binary runs, a last line
 * cut short) are checked on one thread and on workers, in small chunks
 * (BLACKOUT_TEST_CHUNK_BYTES), and must give the same stdout bytes, stderr
 * and exit code; then one case per difference such a campaign found. Runs
 * the built CLI, as check-jobs.test.ts does (which covers the fixed cases:
 * long lines, --output, policy errors, worker failures).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratch } from '../../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const { folder, file } = scratch('differential');

interface Run {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const baseEnv = () => ({ PATH: process.env.PATH ?? '', BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', NO_COLOR: '1' });

/** The built CLI; a run that hangs is killed and fails the comparison. */
function blackout(args: readonly string[], env: Record<string, string> = {}, input?: Buffer): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env }, input, maxBuffer: 1 << 28, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** mulberry32: a small seeded PRNG, so that every run checks the same files. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, chance: (p: number) => next() < p, pick: <T>(list: readonly T[]): T => list[int(list.length)]! };
}
type Random = ReturnType<typeof random>;

// Values of the shipped French policy (the 2017 presidential election and others), with a few it does not know.
const INSTANTS: readonly (readonly [unknown, string?])[] = [
  ['2017-05-06T10:00:00+02:00'],
  ['2017-05-06T08:00:00Z'],
  ['2017-05-07T20:00:00+02:00'],
  ['2017-05-06T10:00:00', 'Pacific/Tahiti'],
  ['2017-05-06T10:00:00', 'America/Martinique'],
  ['2017-03-26T02:30:00', 'Europe/Paris'],
  ['2017-10-29T02:30:00', 'Europe/Paris'],
  ['2022-04-09T12:00:00+02:00'],
  ['2027-04-17T12:00:00+02:00'],
  ['2018-05-06T10:00:00+02:00'],
  ['2017-05-06T10:00:00'],
  ['Saturday morning'],
  [12345],
];
const CATEGORIES = ['poll', 'news', 'propaganda', 'leak', 'result', 'political-ad', 'poll-commentary', 'new-polemic', 'meeting', 'bogus'];
const TEXTS = ['Réunion publique', 'Le sondage du jour 😀', 'estimation à 20h', 'exit poll', 'Votez pour nous ! 🗳️', 'café ☕', 'quote " and back\\slash', 'ctl\u0001char'];
const ID_SHAPES = [(n: number) => `rec-${n}`, (n: number) => `é😀-${n}`, (n: number) => `𝕏 ${n}`, (n: number) => `ü${'ß'.repeat(n % 4)}-${n}`];

/** One record's line (without its newline): mostly plain, sometimes with escapes, spaces or a repeated key (the parser's, not the scanner's). */
function recordLine(r: Random, id: unknown): string {
  const record: Record<string, unknown> = {};
  if (id !== undefined) record.id = id;
  const [instant, zone] = r.chance(0.6) ? r.pick(INSTANTS.slice(0, 5)) : r.pick(INSTANTS);
  record.publishedAt = instant;
  if (zone !== undefined) record.zone = zone;
  if (r.chance(0.15)) record.action = r.pick(['publish', 'update', 'remain']);
  if (record.action === 'remain') record.firstPublishedAt = '2017-05-01T10:00:00+02:00';
  if (r.chance(0.9)) record.categories = Array.from({ length: r.int(3) }, () => r.pick(CATEGORIES));
  if (r.chance(0.5)) record.audience = r.pick([['FR-MET'], ['PF'], ['FR-MET', 'RE'], ['XX']]);
  if (r.chance(0.5)) record.channel = r.pick(['web', 'social', 'print', 'broadcast', 'telegraph']);
  if (r.chance(0.3)) record.publisher = { name: 'Le Monde', kind: r.pick(['media', 'individual', 'party', 'alien']) };
  if (r.chance(0.5)) record.title = r.pick(TEXTS);
  if (r.chance(0.3)) record.body = `${r.pick(TEXTS)} ${r.pick(TEXTS)}`;
  if (r.chance(0.05)) record[r.pick(['slug', 'Categories', 'published_at'])] = 'x';
  let text = JSON.stringify(record);
  if (r.chance(0.05)) text = text.replace(/é/g, '\\u00e9');
  if (r.chance(0.05)) text = text.replace(/,"/g, ', "');
  if (r.chance(0.03)) text = text.replace(/}$/, ',"id":"again"}');
  return r.chance(0.03) ? ` ${text}` : text;
}

const BAD_LINES = ['{', '{"id":"x",', '{"id": 1, }', '{bad}', '{"publishedAt": 2017-05-06}', '[1, 2]', '42', '"a string"', 'null', '[{"id":"in-array"}]', 'hello', '}', '{"id":"\\ud800"}', '{"id":"a\\nb"}'];
const WHITE_LINES = ['', ' ', '  \t ', '\r', ' \r', '\u00a0', '\ufeff', ' '.repeat(3000)];
const INVALID_UTF8 = [[0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xc3], [0xf0, 0x9f, 0x98], [0xff], [0xed, 0xa0, 0x80]];

/** A random NDJSON file of `lines` lines, `badRate` of them not records. */
function randomFile(seed: number): Buffer {
  const r = random(seed);
  const parts: Buffer[] = [];
  const ids: string[] = [];
  const add = (text: string | Buffer) => parts.push(typeof text === 'string' ? Buffer.from(text) : text);
  const end = () => (r.chance(0.1) ? '\r\n' : '\n');
  if (r.chance(0.25)) add(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = r.chance(0.1) ? r.int(4) : 20 + r.int(250);
  const badRate = r.pick([0.02, 0.1, 0.3, 0.6]);
  for (let n = 0; n < lines; n++) {
    if (!r.chance(badRate)) {
      const roll = r.int(100);
      // Ids repeated from the last few records, or from anywhere before (across chunks); some records lack one, or have a bad one.
      const id = roll < 8 && ids.length > 0 ? ids[ids.length - 1 - r.int(Math.min(3, ids.length))] : roll < 16 && ids.length > 0 ? r.pick(ids) : roll < 20 ? undefined : roll < 22 ? r.pick([5, '', null]) : r.pick(ID_SHAPES)(n);
      if (typeof id === 'string') ids.push(id);
      add(recordLine(r, id) + end());
      continue;
    }
    switch (r.int(9)) {
      case 0:
        add(r.pick(WHITE_LINES) + end());
        break;
      case 1:
      case 2:
        add(r.pick(BAD_LINES) + end());
        break;
      case 3:
        add(Buffer.concat([Buffer.from(r.pick([`{"id":"utf8-${n}","title":"`, '', 'x'])), Buffer.from(r.pick(INVALID_UTF8)), Buffer.from(`"}${end()}`)]));
        break;
      case 4:
        add(Buffer.concat([Buffer.from(r.pick([`{"id":"nul-${n}"`, ''])), Buffer.from([0]), Buffer.from(`}${end()}`)]));
        break;
      case 5: {
        // Binary bytes, newlines among them.
        const run = Buffer.alloc(1 + r.int(60));
        for (let at = 0; at < run.length; at++) run[at] = r.chance(0.1) ? 10 : r.int(256);
        add(Buffer.concat([run, Buffer.from('\n')]));
        break;
      }
      case 6: {
        // A character cut by a newline: each half is a line of its own.
        const character = Buffer.from(r.pick(['é', '😀', '€']));
        const cut = 1 + r.int(character.length - 1);
        add(Buffer.concat([Buffer.from(`{"id":"split-${n}","title":"`), character.subarray(0, cut), Buffer.from('\n'), character.subarray(cut), Buffer.from('"}\n')]));
        break;
      }
      case 7:
        add(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{"id":"bom-inside-${n}"}\n`)]));
        break;
      default:
        add(`{"id":"dup"}${end()}`);
    }
  }
  // The last line: cut short, without its newline, or nothing more.
  switch (r.int(5)) {
    case 0:
      add('{"id":"cut","publishedAt":"2017-05-');
      break;
    case 1:
      add(recordLine(r, 'no-newline'));
      break;
    case 2:
      add(Buffer.from([0xc3]));
      break;
  }
  return Buffer.concat(parts);
}

const CHUNKS = [64, 100, 333, 1000, 4096];
/** 36 files in groups of 6: each group a test of its own, well under the test timeout on a busy machine. */
const GROUPS = Array.from({ length: 6 }, (_, group) => Array.from({ length: 6 }, (_, n) => 6 * group + n + 1));

describe('blackout check --jobs against --jobs 1, on random files', () => {
  it.each(GROUPS)('gives the same bytes, stderr and exit code for the six seeded files from %i on, one, two or three inputs, in small chunks', (...seeds) => {
    for (const seed of seeds) {
      const r = random(seed * 7919);
      const path = file(`random-${seed}.ndjson`, randomFile(seed));
      const format = seed % 2 === 0 ? 'json' : 'ndjson';
      let inputs = [path];
      let input: Buffer | undefined;
      // Some runs check several files (their ids shared), or standard input (checked on the main thread) beside a file.
      if (seed % 6 === 0) inputs = [path, file(`random-${seed}-b.ndjson`, randomFile(seed + 1000)), path];
      if (seed % 6 === 3) {
        inputs = ['-', path];
        input = randomFile(seed + 2000);
      }
      const args = ['check', ...inputs, '--format', format, '--stdin-format', 'ndjson', ...(seed % 5 === 0 ? ['--lang', 'fr'] : []), ...(seed % 7 === 0 ? ['--zone', 'Europe/Paris'] : [])];
      const sequential = blackout([...args, '--jobs', '1'], {}, input);
      expect([0, 1, 2], `seed ${seed}`).toContain(sequential.code);
      const jobs = seed % 4 === 0 ? 3 : 2;
      const chunk = r.pick(CHUNKS);
      const parallel = blackout([...args, '--jobs', String(jobs)], { BLACKOUT_TEST_CHUNK_BYTES: String(chunk) }, input);
      const where = `seed ${seed}, ${inputs.length} inputs, --format ${format}, --jobs ${jobs}, chunks of ${chunk} bytes`;
      expect(parallel.code, where).toBe(sequential.code);
      expect(parallel.stderr, where).toBe(sequential.stderr);
      expect(parallel.stdout.equals(sequential.stdout), where).toBe(true);
    }
  });
});

let fifos = 0;

/**
 * Runs the CLI with standard output on a FIFO read slowly, 4 KiB every 2 ms
 * (as a slow consumer of a pipe does), so that its writes keep meeting a full
 * pipe; a run that does not end in 20 s is killed.
 */
async function slowlyRead(args: readonly string[], env: Record<string, string>, nodeOptions: readonly string[] = []): Promise<Run & { readonly hung: boolean }> {
  const path = join(folder, `fifo-${fifos++}`);
  execFileSync('mkfifo', [path]);
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(path, constants.O_WRONLY);
  const child = spawn(process.execPath, [...nodeOptions, BIN, ...args], { env: { ...baseEnv(), ...env }, stdio: ['ignore', writer, 'pipe'] });
  closeSync(writer);
  let stderr = '';
  child.stderr!.on('data', (data) => (stderr += data));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stdout: Buffer[] = [];
  const buffer = Buffer.alloc(4096);
  const deadline = Date.now() + 20_000;
  let hung = false;
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      let read = -1;
      try {
        read = readSync(reader, buffer);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
      // No writer left and nothing to read: the CLI is done with its output.
      if (read === 0) break;
      if (read > 0) stdout.push(Buffer.from(buffer.subarray(0, read)));
      if (Date.now() > deadline) {
        hung = true;
        child.kill('SIGKILL');
        break;
      }
    }
  } finally {
    closeSync(reader);
  }
  // Its output read, the CLI must end; one that waits on for nothing is killed.
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, 10_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, stdout: Buffer.concat(stdout), stderr, hung };
}

/** Records, and bad lines among them: the JSON report's closing lists them, some KiB written after the records. */
function withBadLines(prefix: string, records: number): string {
  return Array.from({ length: records }, (_, n) => `{"id":"${prefix}-${n}","publishedAt":"2017-05-06T10:00:00+02:00","categories":["poll"],"title":"Sondage n° ${n}"}\n${n % 8 === 0 ? `{"id":"bad-${n}",\n` : ''}`).join('');
}

describe('blackout check --jobs: the differences the campaign found', () => {
  it('stops at the 100th line of binary bytes wherever the reads cut it, as the workers do', () => {
    // The 100th binary line straddles a read of the sequential check (it reads 256 KiB at a time) and is followed, in
    // the same piece, by records: the parser read on past it there, only when a read cut it, and the workers never did.
    const record = (n: number) => `{"id":"r-${n}","publishedAt":"2017-05-06T10:00:00+02:00","categories":["news"]}\n`;
    for (const boundary of [128 * 1024, 256 * 1024]) {
      let text = '';
      let n = 0;
      for (let k = 0; k < 99; k++) text += record(n++) + record(n++) + 'bin\u0000\n';
      while (Buffer.byteLength(text) + 200 < boundary) text += record(n++);
      text += `${'x'.repeat(boundary - Buffer.byteLength(text) - 10)}${'\u0000'.repeat(20)}\n`;
      const fatalLine = text.split('\n').length - 1;
      for (let k = 0; k < 20; k++) text += record(n++);
      const path = file(`binary-cap-${boundary}.ndjson`, text);
      const args = ['check', path, '--format', 'ndjson'];
      const sequential = blackout([...args, '--jobs', '1']);
      expect(sequential.code).toBe(2);
      expect(sequential.stderr).toContain(`${path}:${fatalLine}: not a text file (it holds NUL bytes)\n`);
      // Nothing after the line that gave the input up.
      const lines = sequential.stdout.toString('utf8').trim().split('\n').map((verdict) => JSON.parse(verdict).source.line as number);
      expect(Math.max(...lines)).toBeLessThan(fatalLine);
      expect(blackout([...args, '--jobs', '2'], { BLACKOUT_TEST_CHUNK_BYTES: '4096' })).toEqual(sequential);
    }
  });

  it('ends, with its exit code and summary, when a slow reader keeps standard output full (workers made the pipe non-blocking)', async () => {
    // Starting a worker made Node pipe its output to process.stdout, whose making turns the pipe non-blocking: a write
    // then met EAGAIN, the stream took over, and the end waited for a 'drain' that never came after a small last write.
    const path = file('slow.ndjson', withBadLines('slow', 600));
    for (const format of ['json', 'ndjson']) {
      const args = ['check', path, '--format', format];
      const sequential = blackout([...args, '--jobs', '1']);
      expect(sequential.code).toBe(2);
      for (let round = 0; round < 3; round++) {
        const run = await slowlyRead([...args, '--jobs', '2'], { BLACKOUT_TEST_CHUNK_BYTES: '9995' });
        expect(run.hung, `--format ${format}, round ${round}`).toBe(false);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: sequential.code, stderr: sequential.stderr });
        expect(run.stdout.equals(sequential.stdout)).toBe(true);
      }
    }
  }, 120_000);

  it('keeps its exit code and summary on one thread when standard output was already a non-blocking pipe', async () => {
    // A pipe another process left non-blocking (here, process.stdout made before the CLI starts): the check left
    // with exit code 0 and no summary while its last write waited for a 'drain' that never came.
    const path = file('non-blocking.ndjson', withBadLines('nb', 600));
    const preload = file('stdout-first.cjs', 'process.stdout;\n');
    // JSON: its closing, written after the records have drained, is the small last write.
    for (const format of ['json']) {
      const args = ['check', path, '--format', format, '--jobs', '1'];
      const expected = blackout(args);
      expect(expected.code).toBe(2);
      for (let round = 0; round < 3; round++) {
        const run = await slowlyRead(args, {}, ['--require', preload]);
        expect(run.hung).toBe(false);
        expect({ code: run.code, stderr: run.stderr }, `--format ${format}, round ${round}`).toEqual({ code: 2, stderr: expected.stderr });
        expect(run.stdout.equals(expected.stdout)).toBe(true);
      }
    }
  }, 120_000);
});
