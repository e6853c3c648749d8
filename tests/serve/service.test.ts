import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDecisionLog, type DecisionLog } from '../../src/cms/decision-log.js';
import { createReloadingChecker } from '../../src/cms/reloading-checker.js';
import { createChecker, type Checker } from '../../src/index.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import type { Json } from './client.js';

const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' };

let checker: Checker;
let service: Service;
let base: string;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
  service = createService({ checker });
  base = (await service.listen(0)).url;
});
afterAll(() => service.close());

const post = (body: unknown, query = '', headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/check${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('POST /v1/check', () => {
  it('answers one record with the contract report and exactly the library verdict', async () => {
    const response = await post(record);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const report = await response.json() as Json;
    expect(report.policy).toEqual({ id: checker.policy.id, version: checker.policy.version, sha256: checker.policy.sha256 });
    expect(report.summary).toEqual({ records: 1, allowed: 0, blocked: 1, review: 0, invalid: 0 });
    expect(report.results).toEqual([JSON.parse(JSON.stringify(checker.check(record)))]);
    expect(report.results[0].earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
  });

  it('answers an array in input order, a repeated id made invalid as in the CLI', async () => {
    const before = { ...record, id: 'a', publishedAt: '2017-05-05T21:59:59.999Z' };
    const report = await (await post([before, { ...record, id: 'b' }, { ...record, id: 'a' }])).json() as Json;
    expect(report.results.map((verdict: { id: string; status: string }) => `${verdict.id}:${verdict.status}`)).toEqual(['a:allowed', 'b:blocked', 'a:invalid']);
    expect(report.summary).toEqual({ records: 3, allowed: 1, blocked: 1, review: 0, invalid: 1 });
  });

  it('checks at the instant asked, in the language asked', async () => {
    const report = await (await post({ ...record, publishedAt: '2017-05-01T12:00:00Z' }, '?at=2017-05-05T22:00:00.000Z&lang=fr')).json() as Json;
    expect(report.results[0].status).toBe('blocked');
    expect(report.results[0].at).toBe('2017-05-05T22:00:00.000Z');
    expect(report.results[0].violations[0].message).toMatch(/^La propagande électorale/);
  });

  it('gives an invalid verdict, naming the field, for a record with a wrong field', async () => {
    const report = await (await post({ id: 'x', publishedAt: 17 })).json() as Json;
    expect(report.results[0].status).toBe('invalid');
    expect(report.results[0].errors[0].field).toBe('publishedAt');
  });
});

describe('GET /v1/policy and /healthz', () => {
  it('describes the policy: id, hash, elections and every window', async () => {
    const response = await fetch(`${base}/v1/policy`);
    expect(response.status).toBe(200);
    const summary = await response.json() as Json;
    expect(summary).toMatchObject({ id: checker.policy.id, sha256: checker.policy.sha256, version: checker.policy.version });
    expect(summary.elections.map((election: { id: string }) => election.id)).toEqual(checker.policy.elections.map((election) => election.id));
    expect(summary.windows).toHaveLength(checker.policy.windows.length);
    expect(summary.windows).toContainEqual(
      expect.objectContaining({ rule: 'fr.l49.propaganda', election: 'fr-presidentielle-2017-t2', region: 'FR-MET', start: '2017-05-05T22:00:00.000Z', end: '2017-05-07T18:00:00.000Z' }),
    );
  });

  it('answers in French when asked by Accept-Language', async () => {
    const [english, french] = await Promise.all([fetch(`${base}/v1/policy`), fetch(`${base}/v1/policy`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })]);
    expect((await french.json() as Json).notice).not.toBe((await english.json() as Json).notice);
  });

  it('reports health with the policy in use', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json() as Json).toMatchObject({ status: 'ok', policy: { sha256: checker.policy.sha256 } });
  });

  it('fails closed without a policy: 503 with a stable code, health 503 too', async () => {
    const missing = createReloadingChecker(join(tmpdir(), 'blackout-serve-no-policy'), { watch: false });
    const closed = createService({ checker: missing });
    const { url } = await closed.listen(0);
    try {
      const response = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });
      expect(response.status).toBe(503);
      const { error } = await response.json() as Json;
      expect(error.code).toBe('policy-unavailable');
      expect(error.message).toContain('blackout-serve-no-policy');
      const path = join(tmpdir(), 'blackout-serve-no-policy');
      expect(error.message).toBe(`No policy is loaded, so no publication can be cleared: ${path}: cannot read policy: no such file or folder.`);
      // In the request's language, the policy's problem too.
      const french = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'fr' }, body: JSON.stringify(record) });
      expect(((await french.json()) as Json).error.message).toBe(`Aucune politique n'est chargée, aucune publication ne peut donc être autorisée : ${path}: impossible de lire la politique : fichier ou dossier introuvable.`);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as Json).lastError).toMatchObject({ message: `${path}: cannot read policy: no such file or folder`, fr: `${path}: impossible de lire la politique : fichier ou dossier introuvable` });
    } finally {
      await closed.close();
    }
  });
});

describe('bearer token', () => {
  it('refuses /v1/ without the right token, and leaves /healthz open', async () => {
    const guarded = createService({ checker, token: 's3cret' });
    const { url } = await guarded.listen(0);
    try {
      const ask = (headers: Record<string, string>) => fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(record) });
      const none = await ask({});
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await none.json() as Json).error.code).toBe('unauthorized');
      expect((await ask({ authorization: 'Bearer s3cre' })).status).toBe(401);
      expect((await ask({ authorization: 'Basic s3cret' })).status).toBe(401);
      expect((await fetch(`${url}/v1/policy`)).status).toBe(401);
      expect((await ask({ authorization: 'Bearer s3cret' })).status).toBe(200);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('decision log', () => {
  it('logs every decision before answering, with the id the response gives', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-serve-log-')), 'decisions.jsonl');
    const log = openDecisionLog(file, { fsync: false });
    const logged = createService({ checker, decisionLog: log });
    const { url } = await logged.listen(0);
    try {
      const response = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([record, { ...record, id: 'post-2' }]) });
      const report = await response.json() as Json;
      // The response is in: the decisions must already be in the file.
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(lines.map((line) => line.decisionId)).toEqual(report.results.map((verdict: { decisionId: string }) => verdict.decisionId));
      expect(lines.map((line) => line.verdict.status)).toEqual(['blocked', 'blocked']);
      expect(lines[0].policy.sha256).toBe(checker.policy.sha256);
    } finally {
      await logged.close();
      await log.close();
    }
  });

  it('with durableLog, answers each request only after a flush that covers its decision', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-serve-log-')), 'decisions.jsonl');
    const log = openDecisionLog(file, { fsync: false });
    let flushes = 0;
    const counted: DecisionLog = { ...log, sync: () => (flushes++, log.sync()) };
    const logged = createService({ checker, decisionLog: counted, durableLog: true });
    const { url } = await logged.listen(0);
    try {
      const ids = await Promise.all(
        Array.from({ length: 40 }, async (_, index) => {
          const response = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...record, id: `r${index}` }) });
          return ((await response.json()) as Json).results[0].decisionId as string;
        }),
      );
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).decisionId);
      expect(new Set(lines)).toEqual(new Set(ids));
      expect(flushes).toBe(40);
    } finally {
      await logged.close();
      await log.close();
    }
  });

  it('gives no verdict it could not log', async () => {
    const broken: DecisionLog = {
      file: '/dev/full',
      record: () => {
        throw new Error('no space left on device');
      },
      append: () => {
        throw new Error('no space left on device');
      },
      sync: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const logged = createService({ checker, decisionLog: broken });
    const { url } = await logged.listen(0);
    try {
      const response = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });
      expect(response.status).toBe(503);
      const { error } = await response.json() as Json;
      expect(error).toMatchObject({ code: 'decision-log-unavailable', status: 503 });
      expect(error.message).toContain('no space left on device');
    } finally {
      await logged.close();
    }
  });
});
