import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/index.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import { parseRaw, rawExchange, type Json } from './client.js';

const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'] };
const TEN_MB = 10 * 1024 * 1024;

let service: Service;
let base: string;
let port: number;
beforeAll(async () => {
  service = createService({
    checker: createChecker(await frenchPolicy()),
    limits: { headersTimeoutMs: 400, bodyTimeoutMs: 400, maxRecords: 50 },
  });
  ({ url: base, port } = await service.listen(0));
});
afterAll(() => service.close());

const post = (body: string, query = '', type = 'application/json') => fetch(`${base}/v1/check${query}`, { method: 'POST', headers: { 'content-type': type }, body });

/** The status and error code of a refused request. */
async function refusal(response: Response): Promise<[number, string]> {
  const body = await response.json() as Json;
  expect(body.error.status).toBe(response.status);
  expect(body.error.message.length).toBeGreaterThan(0);
  return [response.status, body.error.code];
}

/** The service still checks records after whatever a test threw at it. */
async function stillServes(): Promise<void> {
  const response = await post(JSON.stringify(record));
  expect(response.status).toBe(200);
  expect((await response.json() as Json).results[0].status).toBe('blocked');
}

describe('bad requests get a 4xx JSON error with a stable code, and the service lives on', () => {
  it('malformed JSON', async () => {
    expect(await refusal(await post('{"id": "a", '))).toEqual([400, 'malformed-json']);
    await stillServes();
  });

  it('a body of the wrong type', async () => {
    for (const body of ['42', '"record"', 'null', 'true']) expect(await refusal(await post(body))).toEqual([400, 'invalid-body']);
    await stillServes();
  });

  it('an empty array, which would clear nothing: refused, as `check` refuses an empty input', async () => {
    expect(await refusal(await post('[]'))).toEqual([400, 'no-records']);
    expect(await refusal(await post(' [ ] '))).toEqual([400, 'no-records']);
    await stillServes();
  });

  it('a key written twice in one object, whichever value would block: refused and named, never read either way', async () => {
    const twice = (first: string, second: string) => `{"id":"post-1","publishedAt":"2017-05-06T10:00:00+02:00","categories":${first},"categories":${second}}`;
    // JSON.parse keeps the last: with ["news"] last the poll would be cleared on the eve of the vote.
    for (const body of [twice('["poll"]', '["news"]'), twice('["news"]', '["poll"]'), `[${JSON.stringify(record)},${twice('["poll"]', '["news"]')}]`]) {
      const response = await post(body);
      expect(await refusal(response.clone())).toEqual([400, 'duplicate-key']);
      expect(((await response.json()) as Json).error.message).toContain('"categories"');
    }
    // The same key in two objects, or a key decoded alike from two spellings (\u0061 is a), as JSON.parse decodes it.
    expect((await post(`[${JSON.stringify(record)},${JSON.stringify(record)}]`)).status).toBe(200);
    const escaped = await post('{"id":"p","publishedAt":"2017-05-06T10:00:00+02:00","categories":["poll"],"publisher":{"kind":"media","kin\\u0064":"party"}}', '?lang=fr');
    expect(await refusal(escaped.clone())).toEqual([400, 'duplicate-key']);
    expect(((await escaped.json()) as Json).error.message).toMatch(/^La clé "kind" figure deux fois/);
    await stillServes();
  });

  it('a bad query parameter, with the message in French when asked', async () => {
    expect(await refusal(await post(JSON.stringify(record), '?at=tomorrow'))).toEqual([400, 'invalid-option']);
    expect(await refusal(await post(JSON.stringify(record), '?lang=de'))).toEqual([400, 'invalid-option']);
    const french = await (await post('{', '?lang=fr')).json() as Json;
    expect(french.error.message).toMatch(/^Le corps n'est pas du JSON valide/);
  });

  it('an unknown path, a wrong method, a body that is not JSON', async () => {
    expect(await refusal(await fetch(`${base}/v2/check`, { method: 'POST' }))).toEqual([404, 'not-found']);
    const get = await fetch(`${base}/v1/check`);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await refusal(get)).toEqual([405, 'method-not-allowed']);
    expect(await refusal(await post(JSON.stringify(record), '', 'text/plain'))).toEqual([415, 'unsupported-media-type']);
  });

  it('a path the URL parser would rewrite names no endpoint (a proxy filtering by path never saw the one it resolves to)', async () => {
    for (const path of ['/x/../v1/policy', '/v1\\policy', '//v1//policy', '/v1/%2e%2e/v1/policy', '/v1/./policy']) {
      const raw = await rawExchange(port, (socket) => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      expect(parseRaw(raw), path).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    }
    // The absolute form (RFC 9112, 3.2.2) names the same endpoint as its path.
    const absolute = await rawExchange(port, (socket) => socket.write('GET http://service/healthz HTTP/1.1\r\nHost: service\r\nConnection: close\r\n\r\n'));
    expect(parseRaw(absolute)).toMatchObject({ status: 200 });
    await stillServes();
  });

  it('an Expect the service cannot meet: 417 as JSON, in the language asked for, the connection closed (its body unread); 100-continue is met', async () => {
    const expecting = (expect: string, query = '') => `POST /v1/check${query} HTTP/1.1\r\nHost: x\r\nExpect: ${expect}\r\nContent-Type: application/json\r\nContent-Length: ${JSON.stringify(record).length}\r\n\r\n${JSON.stringify(record)}`;
    const refused = parseRaw(await rawExchange(port, (socket) => socket.write(expecting('200-ok'))));
    expect(refused).toEqual({
      status: 417,
      body: { error: { code: 'expectation-failed', status: 417, message: 'The request expects "200-ok", which the service cannot meet: send it without Expect (or with Expect: 100-continue).' } },
    });
    const french = await rawExchange(port, (socket) => socket.write(expecting('nope', '?lang=fr')));
    expect(french).toMatch(/^HTTP\/1\.1 417 Expectation Failed\r\n/);
    expect(french.toLowerCase()).toContain('connection: close');
    expect(parseRaw(french).body.error.message).toBe('La requête attend "nope", ce que le service ne peut satisfaire : envoyez-la sans Expect (ou avec Expect: 100-continue).');
    // 100-continue: Node answers 100, then the check's 200.
    const continued = await rawExchange(port, (socket) => {
      socket.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${JSON.stringify(record).length}\r\nConnection: close\r\n\r\n`);
      socket.once('data', () => socket.write(JSON.stringify(record)));
    });
    expect(continued).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    await stillServes();
  });

  it('too many records in one request', async () => {
    expect(await refusal(await post(JSON.stringify(Array.from({ length: 51 }, (_, index) => ({ ...record, id: `r${index}` })))))).toEqual([413, 'too-many-records']);
  });

  it('a 10 MB body with its length declared, refused before it is read', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': TEN_MB } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      outgoing.on('error', reject);
      outgoing.write(Buffer.alloc(64 * 1024, 0x20));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('body-too-large');
    await stillServes();
  });

  it('a 10 MB body streamed without a length, refused once it passes the limit', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const answer = await rawExchange(port, (socket) => {
      socket.write('POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let sent = 0; sent < 10; sent++) socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    });
    expect(parseRaw(answer)).toMatchObject({ status: 413, body: { error: { code: 'body-too-large' } } });
    await stillServes();
  });

  it('a client that sends its body too slowly', async () => {
    const started = Date.now();
    const answer = await rawExchange(port, (socket) => {
      socket.write('POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":');
    });
    expect(parseRaw(answer)).toMatchObject({ status: 408, body: { error: { code: 'request-timeout' } } });
    expect(Date.now() - started).toBeLessThan(3000);
    await stillServes();
  });

  it('a client that sends its headers too slowly', async () => {
    const answer = await rawExchange(port, (socket) => socket.write('POST /v1/check HTTP/1.1\r\nHost: x\r\n'));
    expect(parseRaw(answer)).toMatchObject({ status: 408, body: { error: { code: 'request-timeout' } } });
    await stillServes();
  });

  it('bytes that are not HTTP, and headers too large', async () => {
    const garbage = await rawExchange(port, (socket) => socket.write('\u0000\u0001garbage\r\n\r\n'));
    expect(parseRaw(garbage)).toMatchObject({ status: 400, body: { error: { code: 'bad-request' } } });
    // The status line's reason is HTTP's own; the error's code is in the body.
    expect(garbage.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    const huge = await rawExchange(port, (socket) => socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`));
    expect(parseRaw(huge)).toMatchObject({ status: 431, body: { error: { code: 'header-too-large' } } });
    await stillServes();
  });

  /** A POST of `record` as raw HTTP/1.1, with `Connection: close` if asked. */
  const rawPost = (close: boolean) => {
    const body = JSON.stringify(record);
    return `POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${close ? 'Connection: close\r\n' : ''}\r\n${body}`;
  };
  /** The responses in a raw exchange, in order: status and parsed body. */
  const responses = (text: string) =>
    text
      .split(/(?=HTTP\/1\.1 \d{3} )/)
      .filter((part) => part.length > 0)
      .map(parseRaw);

  it('bytes after a request that said Connection: close: ignored, the request answered, the connection closed', async () => {
    const answer = await rawExchange(port, (socket) => socket.write(rawPost(true) + rawPost(false)));
    const [first, ...more] = responses(answer);
    expect(first).toMatchObject({ status: 200, body: { results: [{ id: 'post-1', status: 'blocked' }] } });
    expect(more).toEqual([]);
    // Also when they are not HTTP at all.
    const garbage = await rawExchange(port, (socket) => socket.write(`${rawPost(true)}\u0000\u0001garbage\r\n\r\n`));
    expect(responses(garbage).map((response) => response.status)).toEqual([200]);
    await stillServes();
  });

  it('bytes that are not HTTP after a good request on a kept-alive connection: the request answered first, then 400', async () => {
    const answer = await rawExchange(port, (socket) => socket.write(`${rawPost(false)}\u0000\u0001garbage\r\n\r\n`));
    const found = responses(answer);
    expect(found).toMatchObject([
      { status: 200, body: { results: [{ id: 'post-1', status: 'blocked' }] } },
      { status: 400, body: { error: { code: 'bad-request' } } },
    ]);
    await stillServes();
  });

  it('deeply nested JSON within the size limit: a record that is not an object is invalid', async () => {
    const depth = 200_000;
    const response = await post(`[${'['.repeat(depth)}${']'.repeat(depth)}]`);
    expect(response.status).toBe(200);
    const body = await response.json() as Json;
    expect(body.results[0]).toMatchObject({ status: 'invalid', errors: [{ field: 'record' }] });
    await stillServes();
  });

  it('many concurrent bad and good requests: every good one answered', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, index) => (index % 2 ? post('{') : post(JSON.stringify({ ...record, id: `r${index}` })))));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 200 }, (_, index) => (index % 2 ? 400 : 200)));
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  });
});
