import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
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
