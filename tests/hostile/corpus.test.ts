/**
 * Runs every ready entry of the hostile corpus (corpus.ts) through the real
 * CLI (dist/cli/bin.cjs; `npm test` builds it first), the library
 * (readInputs + checkAll) and `serve` (POST /v1/check), and asserts each ends
 * as verdicts or named problems at their lines, with the right exit code,
 * nothing raw on a terminal, no internal error, and the three agreeing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReloadingChecker } from '../../src/cms/reloading-checker.js';
import { createChecker, type Checker } from '../../src/engine/checker.js';
import type { InputItem } from '../../src/records/read-inputs.js';
import { createService, type Service } from '../../src/serve/server.js';
import { printable } from '../../src/text/printable.js';
import { frenchPolicy } from '../helpers/policies.js';
import { rawControls } from '../helpers/terminal.js';
import { readAll } from '../records/inputs-helper.js';
import { CORPUS, type CorpusEntry, type Expectation } from './corpus.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
const RSS_PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'blackout-corpus-'));
const POLL = `${JSON.stringify({ id: 'p', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'], channel: 'web' })}\n`;
// BLACKOUT_CORPUS_ALL=1 runs the entries not ready too: what the person merging runs to see which now pass.
const ready = CORPUS.filter((entry) => entry.ready || process.env.BLACKOUT_CORPUS_ALL === '1');
const runs = (entry: CorpusEntry, runner: 'cli' | 'library' | 'serve') => (entry.runners ?? ['cli', 'library', 'serve']).includes(runner) && entry.via !== 'reload';

let checker: Checker;
let service: Service;
let base: string;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
  service = createService({ checker });
  base = (await service.listen(0)).url;
});
afterAll(async () => {
  await service.close();
  rmSync(scratch, { recursive: true, force: true });
});

const paths = new Map<string, string>();
/** The entry's input: its file in corpus/, or made now. */
function pathOf(entry: CorpusEntry): string {
  let path = paths.get(entry.name);
  if (path === undefined) {
    path = entry.make ? entry.make(scratch) : join(CORPUS_DIR, entry.name);
    paths.set(entry.name, path);
  }
  return path;
}

const exits = (expectation: Expectation) => (typeof expectation.exit === 'number' ? [expectation.exit] : expectation.exit);

/** What the CLI said: exit code, verdicts, the lines of the input problems, peak memory. */
interface CliRun {
  readonly code: number | null;
  readonly statuses: string[];
  readonly problems: number[];
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly rssMb: number | undefined;
}

function cliArgs(entry: CorpusEntry, path: string, format: string): string[] {
  if (entry.via === 'policy') return ['check', write('poll.ndjson', POLL), '--policy', path, '--format', format];
  return ['check', entry.via === 'stdin' ? '-' : path, '--format', format, ...(entry.expect.args ?? [])];
}

function write(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the CLI; the 512 MiB line is streamed to its stdin by this process, never held. */
async function cli(entry: CorpusEntry, format = 'ndjson'): Promise<CliRun> {
  const rssFile = join(scratch, `rss-${Math.random().toString(36).slice(2)}`);
  const env = { ...process.env, NO_COLOR: '1', LANG: 'C', BLACKOUT_RSS_FILE: rssFile, NODE_OPTIONS: `--require ${RSS_PROBE}` };
  const huge = entry.name === 'huge-first-line-512mib.stdin.ndjson';
  const path = huge ? '-' : pathOf(entry);
  const child = spawn(process.execPath, [BIN, ...cliArgs(entry, path, format)], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.on('error', () => undefined);
  const seconds = entry.expect.seconds ?? 120;
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  if (huge) void streamHugeLine(child.stdin, 512);
  else if (entry.via === 'stdin') createReadStream(path).pipe(child.stdin);
  else child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  clearTimeout(timer);
  const stdout = Buffer.concat(out);
  const stderr = Buffer.concat(err).toString('utf8');
  const name = entry.via === 'stdin' || huge ? '<stdin>' : printable(path);
  const problems = stderr.split('\n').flatMap((line) => {
    if (!line.startsWith(`${name}:`)) return [];
    const at = /^:(\d+): /.exec(line.slice(name.length));
    return [at ? Number(at[1]) : 0];
  });
  const statuses = format === 'ndjson' ? stdout.toString('utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line).status as string) : [];
  let rssMb: number | undefined;
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    rssMb = undefined;
  }
  return { code, statuses, problems, stdout, stderr, rssMb };
}

/** One line of `mib` MiB, then a record: written as the pipe takes it. */
async function streamHugeLine(stdin: NodeJS.WritableStream, mib: number): Promise<void> {
  const block = Buffer.alloc(1 << 20, 0x78);
  const write = (chunk: Buffer | string) => new Promise<void>((resolve) => (stdin.write(chunk) ? resolve() : stdin.once('drain', resolve)));
  await write('{"id":"huge","body":"');
  for (let n = 0; n < mib; n++) await write(block);
  await write(`"}\n${POLL}`);
  stdin.end();
}

/** The exit code the CLI gives for these items and verdicts (default --fail-on block). */
function exitFor(items: readonly InputItem[], statuses: readonly string[]): number {
  if (items.some((item) => item.kind === 'error') || statuses.includes('invalid')) return 2;
  return statuses.includes('blocked') ? 1 : 0;
}

async function library(entry: CorpusEntry) {
  const path = pathOf(entry);
  const items = entry.via === 'stdin' ? await readAll(['-'], { stdin: createReadStream(path) }) : await readAll([path]);
  const records = items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
  const verdicts = checker.checkAll(records);
  const statuses = verdicts.map((verdict) => verdict.status);
  const problems = items.flatMap((item) => (item.kind === 'error' ? [item.source.line ?? 0] : []));
  return { items, records, statuses, problems, code: exitFor(items, statuses) };
}

const post = (body: string | Buffer) => fetch(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('the hostile corpus', () => {
  it('has a file or a maker for every entry, named for what it attacks, and says who fixes the ones not ready', () => {
    for (const entry of CORPUS) {
      expect(entry.attacks.length, entry.name).toBeGreaterThan(10);
      if (!entry.ready) expect(entry.owner, entry.name).toBeDefined();
      if (!entry.make && entry.name !== 'huge-first-line-512mib.stdin.ndjson' && entry.via !== 'reload') expect(() => readFileSync(join(CORPUS_DIR, entry.name)), entry.name).not.toThrow();
    }
    expect(new Set(CORPUS.map((entry) => entry.name)).size).toBe(CORPUS.length);
  });

  describe.each(ready.filter((entry) => runs(entry, 'cli')).map((entry) => [entry.name, entry] as const))('through the CLI: %s', (_, entry) => {
    it('ends as verdicts and named problems, with the exit code, in bounded memory, nothing raw on stderr', async () => {
      const run = await cli(entry);
      expect(exits(entry.expect), run.stderr).toContain(run.code);
      expect(run.statuses).toHaveLength(entry.expect.verdicts);
      // A policy's problems are told as file:line:column, and the check reads nothing.
      if (entry.via === 'policy') expect(run.stderr).toContain(printable(pathOf(entry)));
      else expect(run.problems).toEqual(entry.expect.problems);
      if (entry.expect.never) expect(run.statuses).not.toContain(entry.expect.never);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(rawControls(run.stderr)).toEqual([]);
      if (entry.expect.maxRssMb !== undefined) {
        console.log(`corpus ${entry.name}: peak RSS ${run.rssMb?.toFixed(0)} MB`);
        expect(run.rssMb).toBeLessThan(entry.expect.maxRssMb);
      }
      if (entry.terminal) {
        const text = await cli(entry, 'text');
        expect(text.stdout.indexOf(0x1b)).toBe(-1);
        expect(rawControls(text.stdout.toString('utf8'))).toEqual([]);
      }
    }, 180_000);
  });

  describe.each(ready.filter((entry) => runs(entry, 'library')).map((entry) => [entry.name, entry] as const))('through the library: %s', (_, entry) => {
    it('readInputs and checkAll give what the CLI gives, and pollute nothing', async () => {
      const read = await library(entry);
      expect(exits(entry.expect)).toContain(read.code);
      expect(read.statuses).toHaveLength(entry.expect.verdicts);
      expect(read.problems).toEqual(entry.expect.problems);
      if (entry.expect.never) expect(read.statuses).not.toContain(entry.expect.never);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  });

  describe.each(ready.filter((entry) => runs(entry, 'serve')).map((entry) => [entry.name, entry] as const))('through serve: %s', (_, entry) => {
    it('answers the raw bytes with a report or a named error, and the records read with the library’s verdicts', async () => {
      const raw = await post(readFileSync(pathOf(entry)));
      const body = (await raw.json()) as { results?: { status: string }[]; error?: { code: string } };
      if (raw.status === 200) expect(Array.isArray(body.results)).toBe(true);
      else expect(body.error?.code).toMatch(/^[a-z-]+$/);
      if (entry.name.endsWith('.json') && entry.expect.problems.length === 0) expect(body.results).toHaveLength(entry.expect.verdicts);
      const read = await library(entry);
      if (read.records.length === 0) return;
      const same = await post(JSON.stringify(read.records));
      expect(same.status).toBe(200);
      const report = (await same.json()) as { results: { status: string }[] };
      expect(report.results.map((result) => result.status)).toEqual(read.statuses);
    });
  });

  describe.each(ready.filter((entry) => entry.via === 'reload').map((entry) => [entry.name, entry] as const))('under a reloading checker: %s', (_, entry) => {
    it('keeps the last good policy while a policy file is rewritten in two steps', async () => {
      const folder = join(scratch, 'reload-policy');
      cpSync(join(ROOT, 'policies', 'fr'), folder, { recursive: true, filter: (source) => !source.includes(`${join('fr', 'tests')}`) });
      const file = join(folder, 'code-electoral.yaml');
      const full = readFileSync(file, 'utf8');
      const cut = full.indexOf('\n  - id: fr.loi77-808.art11.polls');
      expect(cut).toBeGreaterThan(0);
      const reloading = createReloadingChecker(folder);
      const record = JSON.parse(POLL);
      try {
        await until(() => reloading.state.policy !== undefined);
        expect(reloading.check(record).status).toBe(entry.expect.keeps);
        writeFileSync(file, full.slice(0, cut + 1));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(reloading.check(record).status).toBe(entry.expect.keeps);
        writeFileSync(file, full);
      } finally {
        reloading.close();
      }
    }, 30_000);
  });
});

async function until(condition: () => boolean, limitMs = 20_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > limitMs) throw new Error('the policy never loaded');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
