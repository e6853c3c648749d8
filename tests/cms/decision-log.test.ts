import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Spies that keep the real behaviour, but for faults a test injects once (an I/O error where a disk would give one).
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, writeSync: vi.fn(real.writeSync), writeFileSync: vi.fn(real.writeFileSync), ftruncateSync: vi.fn(real.ftruncateSync), fdatasyncSync: vi.fn(real.fdatasyncSync) };
});
import { decisionEntry, digestOf, openDecisionLog } from '../../src/cms/decision-log.js';
import { BlackoutError, createChecker, type Checker } from '../../src/index.js';
import { frenchPolicy } from '../helpers/policies.js';

const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'] };
const freshFile = () => join(mkdtempSync(join(tmpdir(), 'blackout-log-')), 'decisions.jsonl');
const linesOf = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});

describe('decision log', () => {
  it('writes one JSON line per decision: id, time, input digest, policy id and sha256, verdict', async () => {
    const file = freshFile();
    const log = openDecisionLog(file);
    const verdict = checker.check(record);
    const entry = log.record(record, verdict, checker.policy);
    await log.close();
    const [line] = linesOf(file);
    expect(line).toEqual(JSON.parse(JSON.stringify(entry)));
    expect(line.decisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(line.time)).not.toBeNaN();
    expect(line.inputDigest).toBe(`sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`);
    expect(line.policy).toEqual({ id: checker.policy.id, version: checker.policy.version, sha256: checker.policy.sha256 });
    expect(line.checkedAt).toBeNull();
    expect(line.verdict).toMatchObject({ id: 'post-1', status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' });
    expect(line.verdict.violations[0]).toEqual({
      rule: 'fr.l49.propaganda',
      severity: 'block',
      citation: 'Code électoral, art. L49, al. 2',
      election: 'fr-presidentielle-2017-t2',
      regions: ['FR-MET'],
      window: { start: '2017-05-05T22:00:00.000Z', end: '2017-05-07T18:00:00.000Z' },
    });
  });

  it('records the instant a check was asked for, and the clock given', () => {
    const at = Date.parse('2017-05-06T08:00:00Z');
    const entry = decisionEntry(record, checker.check(record, { at }), checker.policy, { at, now: 0 });
    expect(entry.checkedAt).toBe('2017-05-06T08:00:00.000Z');
    expect(entry.time).toBe('1970-01-01T00:00:00.000Z');
  });

  it('keeps every line whole when many decisions share one flush', async () => {
    const file = freshFile();
    const log = openDecisionLog(file, { fsync: false });
    const flushes: Promise<void>[] = [];
    for (let index = 0; index < 500; index++) {
      const input = { ...record, id: `r${index}` };
      log.append([decisionEntry(input, checker.check(input), checker.policy)]);
      flushes.push(log.sync());
    }
    await Promise.all(flushes);
    await log.close();
    const lines = linesOf(file);
    expect(lines.map((line) => line.verdict.id)).toEqual(Array.from({ length: 500 }, (_, index) => `r${index}`));
    expect(new Set(lines.map((line) => line.decisionId)).size).toBe(500);
  });

  it('has the decision on disk once record() returns, even if the process is killed right after', () => {
    const file = freshFile();
    const module = pathToFileURL(join(process.cwd(), 'dist/cms/decision-log.js')).href;
    const script = `
      const { openDecisionLog } = await import(${JSON.stringify(module)});
      const log = openDecisionLog(${JSON.stringify(file)}, { fsync: false });
      log.record({ id: 'last' }, { id: 'last', status: 'allowed', at: null, violations: [], earliestAllowedAt: null, errors: [], detections: [] }, undefined);
      process.kill(process.pid, 'SIGKILL');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal).toBe('SIGKILL');
    expect(linesOf(file).map((line) => line.verdict.id)).toEqual(['last']);
  });

  it('says which file it cannot open', () => {
    const file = join(tmpdir(), 'blackout-no-such-folder', 'x', 'decisions.jsonl');
    expect(() => openDecisionLog(file)).toThrow(BlackoutError);
    expect(() => openDecisionLog(file)).toThrow(file);
  });

  it('refuses to write once closed', async () => {
    const log = openDecisionLog(freshFile());
    await log.close();
    expect(() => log.record(record, checker.check(record), checker.policy)).toThrow(/closed/);
    await expect(log.sync()).rejects.toThrow(/closed/);
  });

  it('gives no digest for a record JSON cannot write, instead of throwing', () => {
    const cyclic: Record<string, unknown> = { id: 'loop' };
    cyclic.self = cyclic;
    expect(digestOf(cyclic)).toBeNull();
    expect(digestOf(undefined)).toBeNull();
  });
});

/** Runs a script in a child process whose files may grow to `maxBytes` (RLIMIT_FSIZE; writes past it fail with EFBIG, as on a full disk), and returns its JSON output. */
function runWithFileSizeLimit(maxBytes: number, script: string): any {
  const module = pathToFileURL(join(process.cwd(), 'dist/cms/decision-log.js')).href;
  const body = `
    process.on('SIGXFSZ', () => {});
    const { execFileSync } = await import('node:child_process');
    const { openDecisionLog } = await import(${JSON.stringify(module)});
    /** Lifts the limit, as freeing space on the disk would. */
    const freeSpace = () => execFileSync('prlimit', ['--pid', String(process.pid), '--fsize=unlimited']);
    ${script}`;
  const run = spawnSync('prlimit', [`--fsize=${maxBytes}:unlimited`, process.execPath, '--input-type=module', '-e', body], { encoding: 'utf8', timeout: 20_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const VERDICT = { id: 'x', status: 'allowed', at: null, violations: [], earliestAllowedAt: null, errors: [], detections: [] };

describe('decision log on a full disk', () => {
  it('takes back a write that fails half-way, says it is failing, and appends whole lines once there is room again', () => {
    const file = freshFile();
    const result = runWithFileSizeLimit(4096, `
      const log = openDecisionLog(${JSON.stringify(file)}, { fsync: false });
      const verdict = ${JSON.stringify(VERDICT)};
      const answered = [];
      let failure;
      for (let index = 0; index < 100 && !failure; index++) {
        try { answered.push(log.record({ id: 'r' + index }, { ...verdict, id: 'r' + index }, undefined).decisionId); }
        catch (error) { failure = error.message; }
      }
      const failing = log.state;
      const stillFailing = log.probe();
      freeSpace();
      for (let index = 100; index < 103; index++) answered.push(log.record({ id: 'r' + index }, { ...verdict, id: 'r' + index }, undefined).decisionId);
      const after = log.state;
      await log.close();
      console.log(JSON.stringify({ answered, failure, failing, stillFailing, after }));`);
    expect(result.failure).toMatch(new RegExp(`cannot write the decision log ${file}: EFBIG`));
    expect(result.failing).toMatchObject({ status: 'failing', reason: result.failure, repaired: null });
    expect(Date.parse(result.failing.since)).not.toBeNaN();
    // Probes are a second apart: the one right after the failure is not made.
    expect(result.stillFailing.status).toBe('failing');
    expect(result.after).toEqual({ status: 'ok', reason: null, since: null, repaired: null });
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    // Every line whole, exactly the decisions answered, in order: none of the one refused.
    expect(linesOf(file).map((line) => line.decisionId)).toEqual(result.answered);
    expect(result.answered.length).toBeGreaterThan(3);
  });

  it('takes back every entry of a batch when its write fails', () => {
    const file = freshFile();
    const result = runWithFileSizeLimit(8192, `
      const log = openDecisionLog(${JSON.stringify(file)}, { fsync: false });
      const entry = (id) => ({ decisionId: id, time: '2017-05-06T08:00:00.000Z', inputDigest: null, policy: null, checkedAt: null, verdict: { ...${JSON.stringify(VERDICT)}, id } });
      log.append([entry('first')]);
      let failure;
      // Sixty entries of some 150 bytes each, past the limit part-way: written whole or not at all.
      try { log.append(Array.from({ length: 60 }, (_, index) => entry('batch-' + index))); } catch (error) { failure = error.message; }
      freeSpace();
      log.append([entry('last')]);
      await log.close();
      console.log(JSON.stringify({ failure }));`);
    expect(result.failure).toMatch(/EFBIG/);
    expect(linesOf(file).map((line) => line.decisionId)).toEqual(['first', 'last']);
  });

  it('probes a failing log no more than once a second, and finds it ok once there is room', () => {
    const file = freshFile();
    const result = runWithFileSizeLimit(2048, `
      const log = openDecisionLog(${JSON.stringify(file)}, { fsync: false });
      const entry = (id) => ({ decisionId: id, time: '2017-05-06T08:00:00.000Z', inputDigest: null, policy: null, checkedAt: null, verdict: { ...${JSON.stringify(VERDICT)}, id } });
      let failure;
      for (let index = 0; !failure; index++) try { log.append([entry('e' + index)]); } catch (error) { failure = error.message; }
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const probedFull = log.probe();
      freeSpace();
      const tooSoon = log.probe();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const probedFreed = log.probe();
      await log.close();
      console.log(JSON.stringify({ probedFull, tooSoon, probedFreed }));`);
    expect(result.probedFull).toMatchObject({ status: 'failing', reason: expect.stringMatching(/EFBIG/) });
    expect(result.tooSoon.status).toBe('failing');
    expect(result.probedFreed.status).toBe('ok');
    // The probe's bytes were taken back: the log ends with its last whole line.
    expect(readFileSync(file, 'utf8')).toMatch(/\}\n$/);
    expect(linesOf(file).length).toBeGreaterThan(0);
  });
});

describe('decision log ending in a line cut short', () => {
  const whole = (id: string) => `${JSON.stringify({ decisionId: id, time: '2017-05-06T08:00:00.000Z', verdict: { id } })}\n`;

  it('is cut back to its last whole line at open, the fragment kept beside it, and says so', async () => {
    const file = freshFile();
    const fragment = '{"decisionId":"torn","time":"2017-05-06T08:00:00.000Z","policy":{"id":"f';
    writeFileSync(file, whole('a') + whole('b') + fragment);
    const messages: string[] = [];
    const log = openDecisionLog(file, { onRepair: (message) => messages.push(message) });
    expect(messages).toEqual([expect.stringMatching(new RegExp(`${file} ended in a line cut short \\(${fragment.length} bytes at byte \\d+.*moved to ${file}\\.torn-`))]);
    expect(log.state).toEqual({ status: 'ok', reason: null, since: null, repaired: messages[0] });
    log.record(record, checker.check(record), checker.policy);
    await log.close();
    expect(linesOf(file).map((line) => line.decisionId ?? line.verdict.id)).toEqual(['a', 'b', expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    const [aside, ...more] = readdirSync(dirname(file)).filter((name) => name.startsWith('decisions.jsonl.torn-'));
    expect(more).toEqual([]);
    expect(readFileSync(join(dirname(file), aside!), 'utf8')).toBe(fragment);
  });

  it('is cut back to nothing when the whole log is one fragment', async () => {
    const file = freshFile();
    writeFileSync(file, '{"decisionId":"only');
    const log = openDecisionLog(file);
    expect(log.state.repaired).toMatch(/19 bytes at byte 0/);
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('finds the last whole line far back (a fragment longer than the read-back chunk)', async () => {
    const file = freshFile();
    const fragment = `{"decisionId":"long","body":"${'x'.repeat(200_000)}`;
    writeFileSync(file, whole('a') + fragment);
    const log = openDecisionLog(file);
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe(whole('a'));
  });

  it('is left alone when it ends with a newline', async () => {
    const file = freshFile();
    writeFileSync(file, whole('a'));
    const log = openDecisionLog(file);
    expect(log.state.repaired).toBeNull();
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe(whole('a'));
    expect(readdirSync(dirname(file))).toEqual(['decisions.jsonl']);
  });
});

describe('decision log faults that a full disk does not give', () => {
  const fault = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

  it('keeps a fragment it cannot set aside as a line of its own, and says so', async () => {
    const file = freshFile();
    writeFileSync(file, '{"decisionId":"a"}\n{"decisionId":"torn');
    vi.mocked(fs.writeFileSync).mockImplementationOnce(() => {
      throw fault('EROFS');
    });
    const log = openDecisionLog(file);
    expect(log.state.repaired).toMatch(/could not be set aside \(EROFS: injected\): it was ended with a newline/);
    log.record(record, checker.check(record), checker.policy);
    await log.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(0, 2)).toEqual(['{"decisionId":"a"}', '{"decisionId":"torn']);
    expect(JSON.parse(lines[2]!).verdict.id).toBe('post-1');
    expect(lines[3]).toBe('');
  });

  it('cuts a write whose taking back failed too before anything else is written', async () => {
    const file = freshFile();
    const log = openDecisionLog(file, { fsync: false });
    log.record(record, checker.check(record), checker.policy);
    const real = await vi.importActual<typeof import('node:fs')>('node:fs');
    // Half the line goes out, then the disk fails, and so does the truncation that would take the half back.
    vi.mocked(fs.writeSync)
      .mockImplementationOnce(((fd: number, buffer: Buffer, offset: number) => real.writeSync(fd, buffer, offset, Math.floor((buffer.length - offset) / 2))) as typeof fs.writeSync)
      .mockImplementationOnce(() => {
        throw fault('EIO');
      });
    vi.mocked(fs.ftruncateSync).mockImplementationOnce(() => {
      throw fault('EIO');
    });
    expect(() => log.record({ ...record, id: 'lost' }, checker.check(record), checker.policy)).toThrow(/cannot write the decision log .*EIO: injected/);
    expect(log.state).toMatchObject({ status: 'failing', reason: expect.stringMatching(/EIO/) });
    log.record({ ...record, id: 'next' }, checker.check({ ...record, id: 'next' }), checker.policy);
    expect(log.state.status).toBe('ok');
    await log.close();
    expect(linesOf(file).map((line) => line.verdict.id)).toEqual(['post-1', 'next']);
  });

  it('keeps an append-only log (it cannot be truncated) whole line by line: fragments are ended, probes use a file beside it', async () => {
    const real = await vi.importActual<typeof import('node:fs')>('node:fs');
    const file = freshFile();
    writeFileSync(file, '{"decisionId":"a"}\n{"decisionId":"torn');
    vi.mocked(fs.ftruncateSync).mockImplementation(() => {
      throw fault('EPERM');
    });
    try {
      const log = openDecisionLog(file, { fsync: false });
      expect(log.state.repaired).toMatch(/copied to .*\.torn-.*cannot be truncated \(append-only\), so the fragment was ended with a newline/);
      vi.mocked(fs.writeSync)
        .mockImplementationOnce(((fd: number, buffer: Buffer, offset: number) => real.writeSync(fd, buffer, offset, 10)) as typeof fs.writeSync)
        .mockImplementationOnce(() => {
          throw fault('ENOSPC');
        });
      expect(() => log.record({ ...record, id: 'refused' }, checker.check(record), checker.policy)).toThrow(/ENOSPC/);
      expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
      // A second later, the probe writes beside the log, not in it.
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + 2000);
      vi.mocked(fs.writeFileSync).mockClear();
      expect(log.probe().status).toBe('ok');
      expect(vi.mocked(fs.writeFileSync).mock.calls.map(([path]) => path)).toEqual([`${file}.probe-${process.pid}`]);
      vi.mocked(Date.now).mockRestore();
      log.record(record, checker.check(record), checker.policy);
      await log.close();
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines.slice(0, 3)).toEqual(['{"decisionId":"a"}', '{"decisionId":"torn', lines[2]!.slice(0, 10)]);
      expect(lines[2]).toHaveLength(10);
      expect(JSON.parse(lines[3]!).verdict.id).toBe('post-1');
      expect(lines[4]).toBe('');
      expect(readdirSync(dirname(file)).filter((name) => name.includes('.probe-'))).toEqual([]);
    } finally {
      vi.mocked(fs.ftruncateSync).mockImplementation(real.ftruncateSync);
    }
  });

  it('says it is failing while a flush fails, and ok once one works', async () => {
    const file = freshFile();
    const log = openDecisionLog(file);
    vi.mocked(fs.fdatasyncSync).mockImplementationOnce(() => {
      throw fault('EIO');
    });
    expect(() => log.record(record, checker.check(record), checker.policy)).toThrow(/cannot flush the decision log .*EIO: injected/);
    expect(log.state).toMatchObject({ status: 'failing', reason: expect.stringMatching(/cannot flush.*EIO/) });
    log.record(record, checker.check(record), checker.policy);
    expect(log.state.status).toBe('ok');
    await log.close();
  });
});
