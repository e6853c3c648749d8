/**
 * What `/healthz` says beyond "a policy is loaded": the decision log's state
 * (a full disk makes the service unhealthy until the disk has room again, and
 * a log repaired at start says so), and a policy change held back by the
 * reloading checker. The full disk is RLIMIT_FSIZE on a service run in a
 * child process (writes past it fail with EFBIG after a short write, as
 * ENOSPC does on a full file system), lifted with prlimit: no root needed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDecisionLog } from '../../src/cms/decision-log.js';
import { createReloadingChecker } from '../../src/cms/reloading-checker.js';
import { createChecker } from '../../src/index.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy, syntheticPolicy } from '../helpers/policies.js';
import type { Json } from './client.js';

const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' };
const dist = (path: string) => pathToFileURL(join(process.cwd(), 'dist', path)).href;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const freshFile = () => join(mkdtempSync(join(tmpdir(), 'blackout-health-')), 'decisions.jsonl');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The service, from dist/, in a child process whose files may grow to `maxBytes`; resolves with its URL. */
async function serviceWithFileSizeLimit(logFile: string, maxBytes: number): Promise<{ url: string; child: ChildProcess }> {
  const script = `
    process.on('SIGXFSZ', () => {});
    const { createChecker, loadPolicy, openDecisionLog } = await import(${JSON.stringify(dist('index.js'))});
    const { createService } = await import(${JSON.stringify(dist('serve/server.js'))});
    const service = createService({
      checker: createChecker(await loadPolicy(${JSON.stringify(join(process.cwd(), 'policies', 'fr'))})),
      decisionLog: openDecisionLog(${JSON.stringify(logFile)}, { fsync: false }),
    });
    const { url } = await service.listen(0);
    console.log(url);
    process.on('SIGTERM', () => service.close().then(() => process.exit(0)));`;
  const child = spawn('prlimit', [`--fsize=${maxBytes}:unlimited`, process.execPath, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  const [url] = await new Promise<string[]>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve([line]));
    child.once('exit', (code) => reject(new Error(`the service exited (${code})`)));
  });
  return { url: url!, child };
}

const post = (url: string, body: unknown) => fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('/healthz and the decision log', () => {
  it('is 503 while the log cannot be written, 200 again once the disk has room; the log keeps only whole lines, every answered decision and none refused', async () => {
    const file = freshFile();
    const { url, child } = await serviceWithFileSizeLimit(file, 16 * 1024);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const answered: string[] = [];
    let refused: Json;
    for (let index = 0; index < 200 && !refused; index++) {
      const response = await post(url, [{ ...record, id: `a${index}` }, { ...record, id: `b${index}` }]);
      const body = (await response.json()) as Json;
      if (response.status === 200) answered.push(...body.results.map((result: Json) => result.decisionId));
      else refused = { status: response.status, body };
    }
    expect(refused).toMatchObject({ status: 503, body: { error: { code: 'decision-log-unavailable' } } });

    const unhealthy = await fetch(`${url}/healthz`);
    expect(unhealthy.status).toBe(503);
    const health = (await unhealthy.json()) as Json;
    expect(health).toMatchObject({ status: 'decision-log-unavailable', policy: { id: 'fr' }, decisionLog: { status: 'failing', reason: expect.stringMatching(/EFBIG/), repaired: null } });

    // Room again: the next probe (a second after the last) finds the log writable.
    execFileSync('prlimit', ['--pid', String(child.pid), '--fsize=unlimited']);
    let status = 0;
    for (let tries = 0; tries < 50 && status !== 200; tries++) {
      await sleep(100);
      status = (await fetch(`${url}/healthz`)).status;
    }
    expect(status).toBe(200);
    for (let index = 0; index < 3; index++) {
      const response = await post(url, { ...record, id: `after${index}` });
      expect(response.status).toBe(200);
      answered.push(((await response.json()) as Json).results[0].decisionId);
    }

    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const logged = text.trimEnd().split('\n').map((line) => JSON.parse(line).decisionId);
    expect(logged).toEqual(answered);
  });

  it('says so when the log was repaired at start', async () => {
    const file = freshFile();
    const fragment = '{"decisionId":"cut sh';
    writeFileSync(file, `{"decisionId":"a"}\n${fragment}`);
    const log = openDecisionLog(file, { fsync: false });
    cleanups.push(() => log.close());
    const service = createService({ checker: createChecker(await frenchPolicy()), decisionLog: log });
    cleanups.push(() => service.close());
    const { url } = await service.listen(0);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).decisionLog).toEqual({ status: 'ok', reason: null, since: null, repaired: expect.stringContaining(`ended in a line cut short (${fragment.length} bytes at byte 19,`) });
  });

  it('has no decisionLog without a log', async () => {
    const service = createService({ checker: createChecker(await frenchPolicy()) });
    cleanups.push(() => service.close());
    const { url } = await service.listen(0);
    expect(((await (await fetch(`${url}/healthz`)).json()) as Json)).toMatchObject({ status: 'ok', decisionLog: null, pending: null });
  });
});

describe('/healthz and a policy change held back', () => {
  it('shows the change that drops a rule, and the last policy still in use', async () => {
    const rule = (id: string, category: string) => `  - id: ${id}
    title: ${id}
    citation: { text: "Art. 1" }
    severity: block
    covers: { categories: [${category}] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`;
    const policy = (rules: string) =>
      syntheticPolicy({
        regions: { 'FR-MET': 'Europe/Paris' },
        elections: '  - id: e2017\n    kind: presidential\n    title: Test\n    rounds: [{ id: t2, date: 2017-05-07 }]',
        rules,
      });
    const folder = mkdtempSync(join(tmpdir(), 'blackout-health-policy-'));
    writeFileSync(join(folder, 'policy.yaml'), policy(`${rule('polls', 'poll')}\n${rule('silence', 'propaganda')}`));
    const checker = createReloadingChecker(folder, { debounceMs: 20, settleMs: 50, confirmDropMs: 60_000 });
    cleanups.push(() => checker.close());
    const service = createService({ checker });
    cleanups.push(() => service.close());
    const { url } = await service.listen(0);

    // Written in place, cut before the second rule.
    writeFileSync(join(folder, 'policy.yaml'), policy(rule('polls', 'poll')));
    let health: Json;
    for (let tries = 0; tries < 100 && !health?.lastError; tries++) {
      await sleep(50);
      health = await (await fetch(`${url}/healthz`)).json();
    }
    expect(health).toMatchObject({
      status: 'ok',
      policy: { sha256: checker.policy!.sha256 },
      lastError: { message: expect.stringMatching(/drops 1 rule \(silence\)/) },
      pending: { message: expect.stringMatching(/drops 1 rule \(silence\)/), since: expect.any(String) },
    });
    expect(checker.policy!.rules.map((found) => found.id)).toEqual(['polls', 'silence']);
  });
});
