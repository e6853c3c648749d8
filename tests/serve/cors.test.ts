/**
 * CORS for the pages the operator lists (`--cors`), exact origins only:
 * interop check V4 found a Decap admin page could not call the service at
 * all (its preflight got 401).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createChecker, type Checker } from '../../src/index.js';
import { readOrigin } from '../../src/serve/cors.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import type { Json } from './client.js';

const CMS = 'https://cms.example.org';
const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] };

let checker: Checker;
const running: Service[] = [];
async function start(corsOrigins?: string[]): Promise<string> {
  const service = createService({ checker, token: 'a-long-token', ...(corsOrigins ? { corsOrigins } : {}) });
  running.push(service);
  return (await service.listen(0)).url;
}
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});
afterAll(() => Promise.all(running.map((service) => service.close())));

/** A request as a browser sends it (fetch would refuse to set Origin itself). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const preflight = (base: string, origin: string, path = '/v1/check', extra: Record<string, string> = {}) =>
  send(`${base}${path}`, 'OPTIONS', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type', ...extra });

describe('CORS with --cors ORIGIN', () => {
  it('answers a preflight from a listed origin: 204, that origin, the methods and headers a page needs, no token asked', async () => {
    const base = await start([CMS, 'http://localhost:1313']);
    const answer = await preflight(base, CMS);
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': CMS,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Authorization, Content-Type, Accept-Language, If-None-Match',
      'access-control-max-age': '600',
      vary: 'Origin',
      allow: 'POST, OPTIONS',
    });
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight(base, 'http://localhost:1313', '/v1/policy')).headers['access-control-allow-methods']).toBe('GET, HEAD');
    // Chrome's Private Network Access: a public page asking a service on this machine.
    expect((await preflight(base, CMS, '/v1/check', { 'access-control-request-private-network': 'true' })).headers['access-control-allow-private-network']).toBe('true');
  });

  it('refuses a preflight from any other origin with 403 and no CORS header; matches origins exactly', async () => {
    const base = await start([CMS]);
    for (const origin of ['https://evil.example', 'https://cms.example.org.evil.example', 'http://cms.example.org', 'https://cms.example.org:8443', 'https://CMS.example.org/', 'null']) {
      const answer = await preflight(base, origin);
      expect(answer.status, origin).toBe(403);
      expect(answer.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(answer.headers.vary).toBe('Origin');
      expect(JSON.parse(answer.body).error).toMatchObject({ code: 'origin-not-allowed', status: 403, message: expect.stringContaining('--cors') });
    }
  });

  it('adds the origin to the answers of a listed origin, errors included; other origins get none', async () => {
    const base = await start([CMS]);
    const check = (origin: string, authorization = 'Bearer a-long-token') =>
      send(`${base}/v1/check`, 'POST', { origin, authorization, 'content-type': 'application/json' }, JSON.stringify(record));
    const allowed = await check(CMS);
    expect(allowed.status).toBe(200);
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': CMS, 'access-control-expose-headers': 'ETag, WWW-Authenticate, Allow', vary: 'Origin' });
    expect((JSON.parse(allowed.body) as Json).results[0].status).toBe('blocked');
    const refused = await check(CMS, 'Bearer wrong-token');
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(CMS);
    const other = await check('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers.vary).toBe('Origin');
    const policy = await send(`${base}/v1/policy`, 'GET', { origin: CMS, authorization: 'Bearer a-long-token' });
    expect(policy.headers).toMatchObject({ 'access-control-allow-origin': CMS, vary: 'Accept-Language, Origin', etag: expect.any(String) });
  });

  it('allows no origin without --cors, and every origin only with --cors *', async () => {
    const closed = await start();
    expect((await preflight(closed, CMS)).status).toBe(403);
    expect((await send(`${closed}/healthz`, 'GET', { origin: CMS })).headers['access-control-allow-origin']).toBeUndefined();
    expect((await send(`${closed}/healthz`, 'GET', { origin: CMS })).headers.vary).toBeUndefined();
    const open = await start(['*']);
    const answer = await preflight(open, 'https://anywhere.example');
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers.vary).toBeUndefined();
    expect((await send(`${open}/healthz`, 'GET', { origin: 'null' })).headers['access-control-allow-origin']).toBe('*');
  });

  it('answers a plain OPTIONS with the methods, and an unknown path with 404', async () => {
    const base = await start([CMS]);
    const plain = await send(`${base}/healthz`, 'OPTIONS', {});
    expect(plain.status).toBe(204);
    expect(plain.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(base, CMS, '/v2/check')).status).toBe(404);
  });
});

describe('the origins --cors takes', () => {
  it('as browsers send them: scheme, host and port, lowercased, default port and trailing slash dropped', () => {
    expect(readOrigin('https://cms.example.org')).toBe('https://cms.example.org');
    expect(readOrigin('https://CMS.Example.org/')).toBe('https://cms.example.org');
    expect(readOrigin('https://cms.example.org:443')).toBe('https://cms.example.org');
    expect(readOrigin('http://localhost:1313')).toBe('http://localhost:1313');
    expect(readOrigin('*')).toBe('*');
  });

  it('refuses what is not an origin', () => {
    for (const value of ['cms.example.org', 'https://cms.example.org/admin', 'https://cms.example.org/?x=1', 'ftp://cms.example.org', 'file:///tmp', 'https://user@cms.example.org', '']) {
      expect(() => readOrigin(value), value).toThrow(UsageError);
    }
  });
});
