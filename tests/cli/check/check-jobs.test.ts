/**
 * `blackout check --jobs`: NDJSON files checked on worker threads give the
 * same bytes on stdout (or --output), the same stderr lines and the same exit
 * code as the sequential check (--jobs 1). Workers load dist/cli/check-worker.js,
 * so these tests run the real, built CLI (`node dist/cli/bin.cjs`); `npm test`
 * builds dist/ first (pretest). BLACKOUT_TEST_CHUNK_BYTES (tests only) sends
 * files of any size to the workers in chunks of that many bytes, so that small
 * files cross many chunk boundaries whatever the machine's core count.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratch } from '../../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const { folder, file } = scratch('jobs');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI; a run that hangs is killed and fails the test. */
function blackout(args: readonly string[], env: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A run on workers, in chunks of `chunk` bytes. */
const parallel = (args: readonly string[], jobs: number, chunk: number, env: Record<string, string> = {}) =>
  blackout([...args, '--jobs', String(jobs)], { BLACKOUT_TEST_CHUNK_BYTES: String(chunk), ...env });

const line = (record: object) => `${JSON.stringify(record)}\n`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A record of each outcome in turn, under the shipped French policy (the 2017 presidential election). */
function record(n: number): object {
  switch (n % 5) {
    case 0:
      return { id: `rec-${n}`, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] };
    case 1:
      return { id: `rec-${n}`, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'], title: `Réunion publique n° ${n}` };
    case 2:
      return { id: `rec-${n}`, publishedAt: '2017-05-06T10:00:00', zone: 'Pacific/Tahiti', categories: ['campaign-material'], audience: ['PF'] };
    case 3:
      return { id: `rec-${n}`, publishedAt: 'Saturday morning', categories: ['news'] };
    default:
      return { id: `rec-${n}`, publishedAt: '2018-05-06T10:00:00+02:00', categories: ['poll'], channel: 'web' };
  }
}

/**
 * Every kind of line the NDJSON reader meets: a BOM, CRLF, blank and
 * whitespace lines, malformed JSON, values that are not objects, invalid
 * UTF-8, NUL bytes, a line over 1 MiB, records without id, ids repeated far
 * apart (across chunks), and a last line cut short.
 */
function tricky(lines: number): Buffer {
  const parts: Buffer[] = [BOM];
  for (let n = 0; n < lines; n++) {
    let text: string | Buffer;
    switch (n % 40) {
      case 3:
        text = '{"id": "bad", "publishedAt": 2017-05-06}\n';
        break;
      case 5:
        text = '[1, 2]\n';
        break;
      case 7:
        text = '\n';
        break;
      case 9:
        text = ' \t \r\n';
        break;
      // Binary bytes past the first 8 KiB (where they make a bad line, not a binary file), under the cap of 100 lines.
      case 11:
        text = n > 100 && n % 80 === 11 ? Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]) : line(record(n));
        break;
      case 13:
        text = n > 100 && n % 80 === 53 ? '{"id":"nul\u0000"}\n' : line(record(n));
        break;
      case 17:
        text = line({ publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'] });
        break;
      case 19:
        // The same id as a record 199 lines up.
        text = line(record(Math.max(0, n - 199)));
        break;
      case 23:
        text = `${JSON.stringify(record(n))}\r\n`;
        break;
      case 29:
        text = n === 29 ? `{"id":"long","body":"${'x'.repeat(1100 * 1024)}"}\n` : line(record(n));
        break;
      default:
        text = line(record(n));
    }
    parts.push(Buffer.from(text));
  }
  parts.push(Buffer.from('{"id":"cut","publishedAt":"2017-05-'));
  return Buffer.concat(parts);
}

describe('blackout check --jobs', () => {
  const path = file('tricky.ndjson', tricky(3000));

  it.each(['ndjson', 'json'])('gives the sequential check’s bytes, stderr and exit code on workers, --format %s', (format) => {
    const args = ['check', path, '--format', format];
    const sequential = blackout([...args, '--jobs', '1']);
    expect(sequential.code).toBe(2);
    expect(sequential.stderr).toContain(`${path}:4: not valid JSON`);
    expect(sequential.stderr).toContain(`${path}:30: longer than 1 MiB`);
    expect(sequential.stderr).toContain(`${path}:3001: truncated`);
    expect(sequential.stdout).toContain('"code":"duplicate-id"');
    for (const [jobs, chunk] of [
      [2, 1000],
      [2, 8192],
      [3, 65536],
    ] as const) {
      expect(parallel(args, jobs, chunk), `--jobs ${jobs}, chunks of ${chunk} bytes`).toEqual(sequential);
    }
  });

  it('carries the input problems to the JSON report in input order, as the sequential check lists them', () => {
    const missing = join(folder, 'no-such-file.ndjson');
    const array = file('array.json', `[\n  ${JSON.stringify(record(0))},\n  ${JSON.stringify(record(1))}\n]\n`);
    // Workers take every input (they write the report's end), then the main thread and the workers share the inputs.
    for (const inputs of [[path], [path, missing, array, path]]) {
      const args = ['check', ...inputs, '--format', 'json'];
      const sequential = blackout([...args, '--jobs', '1']);
      const report = JSON.parse(sequential.stdout);
      const told = sequential.stderr.split('\n').filter((text) => text.startsWith(folder));
      expect(report.summary.problems).toBe(told.length);
      expect(report.problems.map((problem: { file: string; line?: number; message: string }) => `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`)).toEqual(told);
      expect(report.problems.length).toBeGreaterThan(100);
      for (const [jobs, chunk] of [
        [2, 1000],
        [3, 8192],
      ] as const) {
        expect(parallel(args, jobs, chunk), `${inputs.length} inputs, --jobs ${jobs}, chunks of ${chunk} bytes`).toEqual(sequential);
      }
    }
  });

  it('gives the same bytes when a chunk of short records makes far more output than input', () => {
    // 5,000 records a chunk: their output, some 1.7 MB a chunk, spans many of a worker's output buffers,
    // cut inside multibyte characters; and the records in flight, past the cap, hold back the reading.
    const ids = Array.from({ length: 20_000 }, (_, n) => line({ id: `é😀${'ü'.repeat(n % 7)}-${n}` }));
    const args = ['check', file('short.ndjson', ids.join('')), '--format', 'ndjson'];
    const sequential = blackout([...args, '--jobs', '1']);
    expect(sequential.stdout.length).toBeGreaterThan(6_000_000);
    expect(parallel(args, 2, 128 * 1024)).toEqual(sequential);
  });

  it('checks the chunks that reach a worker while it is still loading the policy', () => {
    // A small JSON file first: the main thread loads the policy and hands out chunks at once; without the cache, each
    // worker compiles the policy, loading modules as it goes, and the chunks come in meanwhile.
    const args = ['check', file('first.json', JSON.stringify(record(9))), path, '--format', 'ndjson'];
    const env = { BLACKOUT_NO_CACHE: '1' };
    const sequential = blackout([...args, '--jobs', '1'], env);
    expect(sequential.stdout.split('\n').length).toBeGreaterThan(2000);
    expect(parallel(args, 2, 4096, env)).toEqual(sequential);
  });

  it('really checks on workers when asked (a worker out of memory is one line on stderr and exit 2)', () => {
    const run = parallel(['check', path, '--format', 'ndjson'], 2, 8192, { BLACKOUT_TEST_WORKER_HEAP_MB: '2' });
    expect(run.code).toBe(2);
    // The main thread checks chunks too, and tells their bad lines as it goes: the failure is the last line.
    expect(run.stderr).toMatch(/(^|\n)blackout: a worker thread failed: Worker terminated due to reaching memory limit: JS heap out of memory\n$/);
    // In French too.
    expect(parallel(['check', path, '--format', 'ndjson', '--lang', 'fr'], 2, 8192, { BLACKOUT_TEST_WORKER_HEAP_MB: '2' }).stderr).toMatch(/(^|\n)blackout: un fil d’exécution a échoué : [^\n]*\n$/);
  });

  it('writes to --output what it writes to stdout', () => {
    const output = join(folder, 'out.ndjson');
    const sequential = blackout(['check', path, '--format', 'ndjson', '--jobs', '1']);
    const run = parallel(['check', path, '--format', 'ndjson', '--output', output], 2, 4096);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toBe(sequential.stdout);
  });

  it('keeps ids unique across files and chunks, and exit codes 0 and 1 as they were', () => {
    const allowed = file('allowed.ndjson', Array.from({ length: 500 }, (_, n) => line(record(5 * n + 4))).join(''));
    const blocked = file('blocked.ndjson', Array.from({ length: 500 }, (_, n) => line(record(5 * n))).join(''));
    const again = file('again.ndjson', line(record(4)) + line(record(2499)) + line(record(0)));
    const single = file('single.json', JSON.stringify(record(9)));
    for (const args of [
      ['check', allowed, '--format', 'ndjson'],
      ['check', allowed, blocked, '--format', 'ndjson'],
      ['check', single, allowed, again, blocked, '--format', 'json'],
    ]) {
      const sequential = blackout([...args, '--jobs', '1']);
      expect(parallel(args, 2, 2048)).toEqual(sequential);
    }
    expect(parallel(['check', allowed, '--format', 'ndjson'], 2, 2048).code).toBe(0);
    expect(parallel(['check', allowed, blocked, '--format', 'ndjson'], 2, 2048).code).toBe(1);
    const duplicates = parallel(['check', allowed, again, '--format', 'ndjson'], 2, 2048);
    expect(duplicates.code).toBe(2);
    expect(duplicates.stdout.trim().split('\n').slice(-3).map((text) => JSON.parse(text).errors[0]?.code)).toEqual(['duplicate-id', 'duplicate-id', undefined]);
  });

  it('writes the first record of a JSON report without a separator when only bad lines come before it, and rewrites duplicates anywhere', () => {
    // Chunks of bad lines only (past the first read, of 8 KiB at least), then records: the workers number results from the lines before, and the first result takes no `,`.
    const bad = Array.from({ length: 1000 }, (_, n) => `{"id":"bad-${n}",\n`).join('');
    const records = Array.from({ length: 400 }, (_, n) => line(record(n % 150))).join('');
    const path = file('bad-first.ndjson', bad + records);
    for (const format of ['json', 'ndjson'] as const) {
      const args = ['check', path, '--format', format];
      const sequential = blackout([...args, '--jobs', '1']);
      expect(sequential.code).toBe(2);
      for (const chunk of [600, 4096]) expect(parallel(args, 2, chunk), `${format}, chunks of ${chunk} bytes`).toEqual(sequential);
      expect(parallel(args, 3, 1500)).toEqual(sequential);
    }
  });

  it('gives up on a binary file, or on one whose lines keep holding binary bytes, where the sequential check does', () => {
    const early = file('early-nul.ndjson', Buffer.concat([Buffer.from(line(record(1)).repeat(20)), Buffer.from([0, 1, 2, 10]), Buffer.from(line(record(2)).repeat(200))]));
    const records = (from: number, count: number) => Array.from({ length: count }, (_, n) => line(record(from + n))).join('');
    // Past the first 8 KiB, 130 lines of binary bytes spread over many chunks: the 100th stops the reading, in the middle of a chunk.
    const groups = Array.from({ length: 130 }, (_, n) => Buffer.concat([Buffer.from(records(1000 + n * 7, 7)), Buffer.from('\u0000\u0001\n')]));
    const late = file('late-binary.ndjson', Buffer.concat([Buffer.from(records(0, 100)), ...groups]));
    const blank = file('blank.ndjson', '\n \n\r\n'.repeat(5000));
    for (const path of [early, late, blank]) {
      const args = ['check', path, file('after.ndjson', line(record(5000))), '--format', 'ndjson'];
      const sequential = blackout([...args, '--jobs', '1']);
      expect(sequential.code).toBe(2);
      for (const chunk of [512, 8192]) expect(parallel(args, 2, chunk), `${path}, chunks of ${chunk} bytes`).toEqual(sequential);
    }
    const stopped = blackout(['check', late, '--format', 'ndjson', '--jobs', '1']);
    expect(stopped.stderr).toMatch(/:900: not a text file \(it holds NUL bytes\)\n/);
  });

  it('refuses a --jobs that is not a number of threads from 1 to 64, or auto', () => {
    for (const value of ['0', '65', 'x', '1.5', '', ' 2']) {
      const run = blackout(['check', path, `--jobs=${value}`]);
      expect(run.code, value).toBe(2);
      expect(run.stderr).toBe(`blackout: --jobs takes a number of threads from 1 to 64, or auto, not '${value}'\n`);
      expect(run.stdout).toBe('');
    }
    expect(blackout(['check', path, '--jobs=0', '--lang', 'fr']).stderr).toBe('blackout: --jobs prend un nombre de fils d’exécution de 1 à 64, ou auto, pas « 0 »\n');
    expect(blackout(['check', path, '--jobs']).stderr).toBe('blackout: --jobs needs a value\n');
    const auto = blackout(['check', file('auto.ndjson', line(record(4))), '--jobs', 'auto', '--format', 'ndjson']);
    expect(auto.code).toBe(0);
  });

  it('reports a policy that cannot be loaded, or an --output that cannot be written, as the sequential check does when every input goes to the workers', () => {
    const broken = join(folder, 'broken-policy');
    cpSync(join(ROOT, 'policies', 'fr'), broken, { recursive: true });
    const target = join(broken, 'code-electoral.yaml');
    writeFileSync(target, readFileSync(target, 'utf8').replace('severity: block', 'severity: maybe'));
    for (const extra of [
      ['--policy', broken],
      ['--policy', join(folder, 'no-such-policy')],
      ['--output', join(folder, 'no-such-folder', 'out.ndjson')],
      ['--policy', broken, '--lang', 'fr', '--format', 'json'],
    ]) {
      const args = ['check', path, '--format', 'ndjson', ...extra];
      const sequential = blackout([...args, '--jobs', '1']);
      expect(sequential.code).toBe(2);
      expect(sequential.stderr).not.toBe('');
      expect(parallel(args, 2, 4096), extra.join(' ')).toEqual(sequential);
    }
  });

  it('stops with one line when the policy changes under the workers, or cannot be loaded by them', async () => {
    const policy = join(folder, 'policy');
    cpSync(join(ROOT, 'policies', 'fr'), policy, { recursive: true });
    const target = join(policy, 'code-electoral.yaml');
    const original = readFileSync(target, 'utf8');
    const big = file('for-workers.ndjson', line(record(1)).repeat(100));
    const output = join(folder, 'policy-run.ndjson');
    // The main thread loads the policy, opens --output, reads standard input, and only then starts the workers, which load the policy again.
    const run = (change: string) =>
      new Promise<Run>((resolve) => {
        rmSync(output, { force: true });
        const args = [BIN, 'check', '-', big, '--stdin-format', 'ndjson', '--format', 'ndjson', '--output', output, '--policy', policy, '--jobs', '2'];
        const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', BLACKOUT_TEST_CHUNK_BYTES: '1024' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (data) => (stdout += data));
        child.stderr.on('data', (data) => (stderr += data));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.write(line(record(4)));
        // --output is there: the policy was loaded. Change it, then let the check go on.
        const waiting = setInterval(() => {
          if (!existsSync(output)) return;
          clearInterval(waiting);
          writeFileSync(target, change);
          child.stdin.end();
        }, 20);
      });
    try {
      const changed = await run(`${original}\n# a comment\n`);
      expect(changed.code).toBe(2);
      expect(changed.stderr).toBe('blackout: the policy changed while the check ran; run the check again\n');
      const broken = await run(original.replace('severity: block', 'severity: maybe'));
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/^blackout: a worker thread could not load the policy: .*code-electoral\.yaml:\d+:\d+: .*\n$/);
    } finally {
      writeFileSync(target, original);
    }
  });
});
