/** `/v1/policy` answers HEAD, and conditional GETs with its ETag: a CMS polling it fetches 1.5 MB only when the policy changed. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReloadingChecker } from '../../src/cms/reloading-checker.js';
import { createChecker } from '../../src/index.js';
import { noneMatchHolds, policyRepresentations } from '../../src/serve/policy-route.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';

let service: Service;
let base: string;
beforeAll(async () => {
  service = createService({ checker: createChecker(await frenchPolicy()), token: 'a-long-token' });
  base = (await service.listen(0)).url;
});
afterAll(() => service.close());

const auth = { authorization: 'Bearer a-long-token' };
const policy = (headers: Record<string, string> = {}, method = 'GET') => fetch(`${base}/v1/policy`, { method, headers: { ...auth, ...headers } });

describe('GET and HEAD /v1/policy', () => {
  it('encodes each language’s body once: every response sends the same bytes (clients that pipeline requests and read nothing hold no copies)', async () => {
    const represent = policyRepresentations();
    const french = await frenchPolicy();
    const first = represent(french, 'fr');
    expect(represent(french, 'fr').bytes).toBe(first.bytes);
    expect(represent(french, 'en').bytes).not.toBe(first.bytes);
    const [one, two] = await Promise.all([policy({ 'accept-language': 'fr' }), policy({ 'accept-language': 'fr' })]);
    expect(Buffer.from(await one.arrayBuffer()).equals(Buffer.from(await two.arrayBuffer()))).toBe(true);
  });

  it('HEAD gives the headers of GET, no body', async () => {
    const [get, head] = await Promise.all([policy(), policy({}, 'HEAD')]);
    const body = await get.text();
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const name of ['etag', 'content-type', 'content-length', 'cache-control', 'vary', 'content-language']) expect(head.headers.get(name), name).toBe(get.headers.get(name));
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(get.headers.get('etag')).toMatch(/^"[\w-]{43}"$/);
    expect(get.headers.get('cache-control')).toBe('private, no-cache');
    expect(get.headers.get('vary')).toBe('Accept-Language');
  });

  it('answers 304, without a body, while the ETag holds: exact, weak, in a list, or *', async () => {
    const etag = (await policy()).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await policy({ 'if-none-match': ifNoneMatch });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
    expect((await policy({ 'if-none-match': etag }, 'HEAD')).status).toBe(304);
    expect((await policy({ 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('has one ETag per language, and asks for the token before anything', async () => {
    const [english, french] = await Promise.all([policy(), policy({ 'accept-language': 'fr' })]);
    expect(french.headers.get('etag')).not.toBe(english.headers.get('etag'));
    expect(french.headers.get('content-language')).toBe('fr');
    expect((await policy({ 'accept-language': 'fr', 'if-none-match': english.headers.get('etag')! })).status).toBe(200);
    expect((await fetch(`${base}/v1/policy`, { method: 'HEAD' })).status).toBe(401);
    expect((await fetch(`${base}/v1/policy`, { headers: { 'if-none-match': '*' } })).status).toBe(401);
  });

  it('changes its ETag when the reloading checker loads a new policy', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-etag-'));
    writeFileSync(join(folder, 'code-electoral.yaml'), readFileSync('policies/fr/code-electoral.yaml', 'utf8'));
    writeFileSync(join(folder, 'presidentielle-2017.yaml'), readFileSync('policies/fr/presidentielle-2017.yaml', 'utf8'));
    const checker = createReloadingChecker(folder, { debounceMs: 20, settleMs: 50 });
    const reloading = createService({ checker });
    try {
      const { url } = await reloading.listen(0);
      const before = (await fetch(`${url}/v1/policy`)).headers.get('etag')!;
      expect((await fetch(`${url}/v1/policy`, { headers: { 'if-none-match': before } })).status).toBe(304);
      const sha = checker.policy!.sha256;
      writeFileSync(join(folder, 'code-electoral.yaml'), `${readFileSync('policies/fr/code-electoral.yaml', 'utf8')}\n# edited\n`);
      for (let tries = 0; tries < 100 && checker.policy!.sha256 === sha; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(checker.policy!.sha256).not.toBe(sha);
      const after = await fetch(`${url}/v1/policy`, { headers: { 'if-none-match': before } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(before);
      expect(((await after.json()) as { sha256: string }).sha256).toBe(checker.policy!.sha256);
    } finally {
      await reloading.close();
      checker.close();
    }
  });
});

describe('If-None-Match', () => {
  it('holds for the tag, weak or strong, in a list, or *; not for another tag or a malformed one', () => {
    expect(noneMatchHolds('"abc"', '"abc"')).toBe(true);
    expect(noneMatchHolds('W/"abc"', '"abc"')).toBe(true);
    expect(noneMatchHolds(' "x" ,W/"abc" ', '"abc"')).toBe(true);
    expect(noneMatchHolds(' * ', '"abc"')).toBe(true);
    expect(noneMatchHolds('"abcd"', '"abc"')).toBe(false);
    expect(noneMatchHolds('abc', '"abc"')).toBe(false);
    expect(noneMatchHolds('', '"abc"')).toBe(false);
    expect(noneMatchHolds(undefined, '"abc"')).toBe(false);
  });
});
