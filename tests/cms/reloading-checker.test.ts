import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
    // A policy's first problem and how many more, in French too.
    expect(checker.state.lastError?.fr).toMatch(/policy\.yaml:1:\d+: une liste entre \[ \] doit être assez indentée et se fermer par \]$/);
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
    writeFileSync(file, 'policy: 1\ncolour: red\n');
    expect(checker.reload()).toBe(false);
    expect(checker.state.lastError?.message).toMatch(/policy\.yaml:2:1: the document: unknown key 'colour' \(and 1 more problem\)$/);
    expect(checker.state.lastError?.fr).toMatch(/policy\.yaml:2:1: le document : clé inconnue « colour » \(et 1 autre problème\)$/);
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
    expect(verdict!.errors[0]!.message).toMatch(/^no policy is loaded: .*policy\.yaml:1:\d+: Flow sequence/);
    const [french] = checker.checkAll([{ id: 'any', publishedAt: '2030-01-01T00:00:00Z' }], { lang: 'fr' });
    expect(french!.errors[0]!.message).toMatch(/^aucune politique n’est chargée : .*policy\.yaml:1:\d+: une liste entre \[ \] doit être assez indentée/);
    expect(checker.check(record, { lang: 'fr' }).errors[0]!.message).toBe(french!.errors[0]!.message);
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

/** policyText with a second rule, on polls: the rule a file cut short before it loses. */
const twoRules = (end: string) =>
  policyText(end).replace(
    'rules:\n',
    `rules:
  - id: polls
    title: Polls
    citation: { text: "Art. 2" }
    severity: block
    covers: { categories: [poll] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
`,
  );
const poll = { id: 'p1', publishedAt: '2017-05-06T12:00:00+02:00', categories: ['poll'] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createReloadingChecker and files written in place', () => {
  it('does not use a file caught half-written at a rule boundary while its writer pauses, then uses the whole file', async () => {
    const full = twoRules('20:00');
    // Cut where the second rule starts: valid YAML and a valid policy, without the poll rule.
    const half = full.slice(0, full.indexOf('  - id: silence'));
    expect(half.length).toBeGreaterThan(100);
    const { folder, file } = folderWith(full);
    const errors: Error[] = [];
    const reloads: CompiledPolicy[] = [];
    let whenReloaded: (policy: CompiledPolicy) => void = () => undefined;
    const checker = createReloadingChecker(folder, {
      debounceMs: 20,
      settleMs: 100,
      confirmDropMs: 5000,
      onError: (error) => errors.push(error),
      onReload: (policy) => {
        reloads.push(policy);
        whenReloaded(policy);
      },
    });
    open.push(checker);
    expect(checker.check(poll).status).toBe('blocked');

    // The writer opens the file (truncating it), writes the first part, and pauses.
    writeFileSync(file, half);
    const statuses = new Set<string>();
    for (let waited = 0; waited < 800; waited += 20) {
      await sleep(20);
      statuses.add(checker.check(poll).status);
    }
    expect([...statuses]).toEqual(['blocked']);
    expect(reloads).toHaveLength(1);
    expect(checker.policy!.rules.map((rule) => rule.id)).toEqual(['polls', 'silence']);
    expect(checker.state.lastError?.message).toMatch(/drops 1 rule \(silence\).*keep the same bytes for 5 s/);
    expect(checker.state.pending?.message).toMatch(/drops 1 rule \(silence\)/);
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/drops 1 rule \(silence\)/)]);

    // The rest comes, with a change: the whole file is used once it has settled.
    const done = nextReload();
    whenReloaded = done.onReload;
    writeFileSync(file, twoRules('21:00'));
    await done.reloaded;
    expect(reloads.map((policy) => policy.rules.length)).toEqual([2, 2]);
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T19:00:00.000Z');
    expect(checker.state.lastError).toBeNull();
    expect(checker.state.pending).toBeNull();
  });

  it('uses a change that drops a rule once the file has kept the same bytes for confirmDropMs', async () => {
    const full = twoRules('20:00');
    const { folder, file } = folderWith(full);
    const waiting = nextReload();
    const checker = createReloadingChecker(folder, { debounceMs: 20, settleMs: 50, confirmDropMs: 600, onReload: (policy) => policy.rules.length === 1 && waiting.onReload(policy) });
    open.push(checker);
    const written = Date.now();
    writeFileSync(file, policyText('20:00'));
    const policy = await waiting.reloaded;
    // Timers never fire early: the drop was held back at least that long.
    expect(Date.now() - written).toBeGreaterThanOrEqual(600);
    expect(policy.rules.map((rule) => rule.id)).toEqual(['silence']);
    expect(checker.check(poll).status).toBe('allowed');
    expect(checker.state.lastError).toBeNull();
  });

  it('uses a change that drops nothing once the files have settled, not before', async () => {
    const { folder, file } = folderWith(policyText('20:00'));
    const waiting = nextReload();
    let loads = 0;
    const checker = createReloadingChecker(folder, { debounceMs: 20, settleMs: 300, onReload: (policy) => ++loads > 1 && waiting.onReload(policy) });
    open.push(checker);
    const written = Date.now();
    writeFileSync(file, policyText('22:00'));
    await waiting.reloaded;
    expect(Date.now() - written).toBeGreaterThanOrEqual(300);
    expect(checker.check(record).earliestAllowedAt).toBe('2017-05-07T20:00:00.000Z');
  });

  it('reports a bad file only once it has settled, and keeps the last good policy', async () => {
    const { folder, file } = folderWith(policyText('20:00'));
    const failed = new Promise<Error>((resolve) => {
      const checker = createReloadingChecker(folder, { debounceMs: 20, settleMs: 100, onError: resolve });
      open.push(checker);
    });
    writeFileSync(file, 'policy: [unclosed');
    const error = await failed;
    expect(error.message).toContain('policy.yaml:1');
    const [checker] = open.slice(-1);
    expect(checker!.state.lastError?.message).toContain('policy.yaml:1');
    expect(checker!.check(record).earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
  });

  it('reload() uses the files as they are at once: the caller says they are complete', () => {
    const { file } = folderWith(twoRules('20:00'));
    const checker = createReloadingChecker(file, { watch: false });
    open.push(checker);
    writeFileSync(file, policyText('20:00'));
    expect(checker.reload()).toBe(true);
    expect(checker.policy!.rules.map((rule) => rule.id)).toEqual(['silence']);
    expect(checker.state.pending).toBeNull();
  });

  // In a child process that must end on its own: a FIFO opened to be read blocks until a writer comes, and with it the whole event loop.
  it('keeps its event loop running when a FIFO appears in a watched folder, and reports it', () => {
    const { folder } = folderWith(policyText('20:00'));
    const module = pathToFileURL(join(process.cwd(), 'dist', 'cms', 'reloading-checker.js')).href;
    const script = `
      const { execFileSync } = await import('node:child_process');
      const { createReloadingChecker } = await import(${JSON.stringify(module)});
      const checker = createReloadingChecker(${JSON.stringify(folder)}, { debounceMs: 20, settleMs: 100 });
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 20);
      execFileSync('mkfifo', [${JSON.stringify(join(folder, 'zz.yaml'))}]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      clearInterval(ticker);
      const verdict = checker.check(${JSON.stringify(record)});
      console.log(JSON.stringify({ ticks, lastError: checker.state.lastError, earliestAllowedAt: verdict.earliestAllowedAt }));
      checker.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal, 'the child should end on its own').toBeNull();
    const result = JSON.parse(run.stdout);
    expect(result.ticks).toBeGreaterThan(20);
    expect(result.lastError.message).toMatch(/zz\.yaml.*FIFO \(named pipe\), not a regular file/);
    expect(result.earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
  });
});
