import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReloadingChecker, type ReloadingChecker } from '../../src/cms/reloading-checker.js';
import type { CompiledPolicy } from '../../src/index.js';
import { syntheticPolicy } from '../helpers/policies.js';

/** A policy whose one rule blocks propaganda on 6 May 2017, Paris time, until `end`. */
const policyText = (end: string) =>
  syntheticPolicy({
    regions: { 'FR-MET': 'Europe/Paris' },
    elections: '  - id: e2017\n    kind: presidential\n    title: Test\n    rounds: [{ id: t2, date: 2017-05-07 }]',
    rules: `  - id: silence
    title: Silence
    citation: { text: "Art. 1" }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "${end}", zone: Europe/Paris }`,
  });

const record = { id: 'r1', publishedAt: '2017-05-06T12:00:00+02:00', categories: ['propaganda'] };
const open: ReloadingChecker[] = [];
afterEach(() => {
  for (const checker of open.splice(0)) checker.close();
});

function folderWith(text: string): { folder: string; file: string } {
  const folder = mkdtempSync(join(tmpdir(), 'blackout-reload-'));
  const file = join(folder, 'policy.yaml');
  writeFileSync(file, text);
  return { folder, file };
}

/** Resolves with the next reload, or rejects after `ms`. */
function nextReload(ms = 5000): { onReload: (policy: CompiledPolicy) => void; reloaded: Promise<CompiledPolicy> } {
  let resolve!: (policy: CompiledPolicy) => void;
  const reloaded = new Promise<CompiledPolicy>((ok, fail) => {
    resolve = ok;
    setTimeout(() => fail(new Error('no reload within the time')), ms).unref();
  });
  return { onReload: (policy) => resolve(policy), reloaded };
}

describe('createReloadingChecker', () => {
  it('checks with the policy it loaded', () => {
    const { file } = folderWith(policyText('20:00'));
    const checker = createReloadingChecker(file, { watch: false });
    open.push(checker);
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
    expect(checker.state.lastError).toBeNull();
    expect(checker.state.loadedAt).not.toBeNull();
  });

  it('reloads when an editor saves the file by renaming a new one over it', async () => {
    const { folder, file } = folderWith(policyText('20:00'));
    let reloads = 0;
    const waiting = nextReload();
    const checker = createReloadingChecker(folder, {
      debounceMs: 20,
      onReload: (policy) => {
        reloads++;
        if (reloads > 1) waiting.onReload(policy);
      },
    });
    open.push(checker);
    const before = checker.policy!.sha256;
    writeFileSync(`${file}.tmp`, policyText('22:00'));
    renameSync(`${file}.tmp`, file);
    const policy = await waiting.reloaded;
    expect(policy.sha256).not.toBe(before);
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T20:00:00.000Z');
  });

  it('keeps serving the last good policy when a reload fails, and reports the failure', () => {
    const { file } = folderWith(policyText('20:00'));
    const errors: Error[] = [];
    const checker = createReloadingChecker(file, { watch: false, onError: (error) => errors.push(error) });
    open.push(checker);
    writeFileSync(file, 'policy: [unclosed');
    expect(checker.reload()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(checker.state.lastError?.message).toContain('policy.yaml:1');
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
    writeFileSync(file, policyText('21:00'));
    expect(checker.reload()).toBe(true);
    expect(checker.state.lastError).toBeNull();
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T19:00:00.000Z');
  });

  it('fails closed while no policy ever loaded, then recovers when the file is fixed', () => {
    const { file } = folderWith('rules: [');
    const checker = createReloadingChecker(file, { watch: false });
    open.push(checker);
    expect(checker.policy).toBeUndefined();
    const [verdict] = checker.checkAll([{ id: 'any', publishedAt: '2030-01-01T00:00:00Z' }]);
    expect(verdict).toMatchObject({ id: 'any', status: 'blocked', earliestAllowedAt: null });
    expect(verdict!.errors[0]).toMatchObject({ field: 'policy', code: 'policy-unavailable' });
    expect(verdict!.errors[0]!.message).toContain('policy.yaml');
    writeFileSync(file, policyText('20:00'));
    expect(checker.reload()).toBe(true);
    expect(checker.check({ ...record, publishedAt: '2030-01-01T00:00:00Z' }).status).toBe('allowed');
  });

  it('does not call onReload when the files changed but the policy did not', () => {
    const { file } = folderWith(policyText('20:00'));
    let reloads = 0;
    const checker = createReloadingChecker(file, { watch: false, onReload: () => reloads++ });
    open.push(checker);
    writeFileSync(file, policyText('20:00'));
    expect(checker.reload()).toBe(true);
    expect(reloads).toBe(1);
  });
});
