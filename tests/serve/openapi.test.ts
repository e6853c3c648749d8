/**
 * GET /v1/openapi.json: valid OpenAPI 3.1 by an OpenAPI validator from npm,
 * and true to the service: every answer the running service gives below
 * (each status of each operation, bodies and headers) is one the document
 * lists, its body valid against the document's schema made closed (a field
 * the document does not name fails), and every status the document lists is
 * seen here (but 500, which nothing here can provoke).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDecisionLog, type DecisionLog } from '../../src/cms/decision-log.js';
import { createReloadingChecker, type ReloadingChecker } from '../../src/cms/reloading-checker.js';
import { createChecker } from '../../src/index.js';
import { createService, type Service } from '../../src/serve/server.js';
import { ERROR_STATUS } from '../../src/serve/service-error.js';
import { frenchPolicy } from '../helpers/policies.js';
import { parseRaw, rawExchange, type Json } from './client.js';

const TOKEN = 'a-long-token';
const CMS = 'https://cms.example.org';
const MAX_RECORDS = 5;

let service: Service;
let unloaded: Service;
let log: DecisionLog;
let empty: ReloadingChecker;
let base: string;
let port: number;
let noPolicy: string;
let doc: Json;
beforeAll(async () => {
  log = openDecisionLog(join(mkdtempSync(join(tmpdir(), 'blackout-openapi-')), 'decisions.jsonl'), { fsync: false });
  service = createService({
    checker: createChecker(await frenchPolicy()),
    token: TOKEN,
    decisionLog: log,
    corsOrigins: [CMS],
    limits: { maxRecords: MAX_RECORDS, maxBodyBytes: 64 * 1024, bodyTimeoutMs: 300 },
  });
  ({ url: base, port } = await service.listen(0));
  // A service whose policy never loaded: it fails closed.
  empty = createReloadingChecker(join(tmpdir(), 'blackout-no-such-policy', 'p.yaml'), { watch: false });
  unloaded = createService({ checker: empty });
  noPolicy = (await unloaded.listen(0)).url;
  doc = await (await fetch(`${base}/v1/openapi.json`)).json();
});
afterAll(async () => {
  await Promise.all([service.close(), unloaded.close()]);
  empty.close();
  await log.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };

/** The document's schemas as one schema resource, every object closed, for Ajv. */
const ID = 'https://blackout.invalid/openapi.json';
let ajv: Ajv2020;
const compiled = new Map<string, ValidateFunction>();
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, inner]) => [name, closed(inner)])) : closed(value)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}
function validatorOf(schema: unknown): ValidateFunction {
  const text = JSON.stringify(closed(schema)).replaceAll('"#/components/schemas/', `"${ID}#/$defs/`);
  let validate = compiled.get(text);
  if (!validate) compiled.set(text, (validate = ajv.compile(JSON.parse(text))));
  return validate;
}
function resolve(node: Json): Json {
  return node?.$ref ? node.$ref.split('/').slice(1).reduce((at: Json, key: string) => at[key], doc) : node;
}

/** What each operation answered, as `METHOD path status`. */
const seen = new Set<string>();

/** A response the document must describe: its status under the operation, its body by the schema, its headers named. */
async function conforms(path: string, method: string, response: { status: number; headers: Headers; text: string }, operationMethod = method): Promise<Json> {
  const operation = doc.paths[path]?.[operationMethod.toLowerCase()];
  expect(operation, `${operationMethod} ${path}`).toBeDefined();
  const described = resolve(operation.responses[String(response.status)]);
  expect(described, `${operationMethod} ${path} answered ${response.status}, which the document does not list`).toBeDefined();
  seen.add(`${operationMethod} ${path} ${response.status}`);
  const schema = described.content?.['application/json']?.schema;
  if (schema === undefined || method === 'HEAD') {
    expect(response.text, `${method} ${path} ${response.status} has no body`).toBe('');
  } else {
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(response.text);
    const validate = validatorOf(schema);
    expect(validate(body), `${method} ${path} ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  for (const name of Object.keys(described.headers ?? {})) {
    if (name === 'Access-Control-Allow-Origin') continue;
    expect(response.headers.get(name), `${method} ${path} ${response.status}: header ${name}`).not.toBeNull();
  }
  return schema === undefined || method === 'HEAD' ? undefined : JSON.parse(response.text);
}

async function call(url: string, method: string, headers: Record<string, string> = {}, body?: string | Uint8Array) {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const check = (body: unknown, headers: Record<string, string> = {}, query = '') =>
  call(`${base}/v1/check${query}`, 'POST', { 'content-type': 'application/json', ...auth, ...headers }, typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body));

describe('GET /v1/openapi.json', () => {
  it('is valid OpenAPI 3.1 by @seriousme/openapi-schema-validator, and describes this service', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(Object.keys(doc.paths).sort()).toEqual(['/healthz', '/v1/check', '/v1/openapi.json', '/v1/policy']);
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.paths['/v1/check'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/check'].post.requestBody.content['application/json'].schema.oneOf[1].maxItems).toBe(MAX_RECORDS);
    // Every error code of the service, each under its status.
    expect(resolve(doc.components.responses.PayloadTooLarge).content['application/json'].schema.properties.error.properties.code.enum).toEqual(['body-too-large', 'too-many-records']);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_STATUS));
  });

  it('is a document whose every schema compiles in Ajv 2020-12 strict mode, with formats', () => {
    ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: ID, $defs: JSON.parse(JSON.stringify(closed(doc.components.schemas)).replaceAll('"#/components/schemas/', '"#/$defs/')) });
    for (const name of Object.keys(doc.components.schemas)) expect(ajv.getSchema(`${ID}#/$defs/${name}`), name).toBeDefined();
    for (const [name, response] of Object.entries(doc.components.responses as Record<string, Json>)) {
      if (response.content) expect(validatorOf(response.content['application/json'].schema), name).toBeTypeOf('function');
    }
  });

  it('is open (no token), on GET and HEAD', async () => {
    await conforms('/v1/openapi.json', 'GET', await call(`${base}/v1/openapi.json`, 'GET'));
    await conforms('/v1/openapi.json', 'HEAD', await call(`${base}/v1/openapi.json`, 'HEAD'));
  });
});

describe('the service answers as its document says', () => {
  it('POST /v1/check 200: verdicts of every status, provisional, with decision ids; the document\'s own examples', async () => {
    const records = [
      { id: 'blocked', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] },
      { id: 'review', publishedAt: '2017-05-07T19:30:00+02:00', categories: ['news'], title: 'Les premiers résultats du scrutin' },
      { id: 'allowed', publishedAt: '2017-05-01T10:00:00+02:00', categories: ['propaganda'], channel: 'web', publisher: { name: 'X', kind: 'party' } },
      { id: 'provisional', publishedAt: '2027-04-10T10:00:00+02:00', categories: ['poll'] },
      { id: 'blocked', publishedAt: 42, categorie: ['poll'] },
    ];
    const report = await conforms('/v1/check', 'POST', await check(records, { 'accept-language': 'fr' }));
    expect(report.results.map((verdict: Json) => verdict.status)).toEqual(['blocked', 'review', 'allowed', expect.any(String), 'invalid']);
    expect(report.results.some((verdict: Json) => verdict.provisional === true)).toBe(true);
    expect(report.results.every((verdict: Json) => typeof verdict.decisionId === 'string')).toBe(true);
    const examples = doc.paths['/v1/check'].post.requestBody.content['application/json'].examples;
    const request = validatorOf(doc.paths['/v1/check'].post.requestBody.content['application/json'].schema);
    for (const [name, example] of Object.entries(examples as Record<string, { value: unknown }>)) {
      expect(request(example.value), `${name}: ${ajv.errorsText(request.errors)}`).toBe(true);
      const answer = await conforms('/v1/check', 'POST', await check(example.value));
      expect(answer.results.every((verdict: Json) => verdict.status !== 'invalid'), name).toBe(true);
    }
  });

  it('POST /v1/check refusals: 400, 401, 405, 408, 413, 415, 417, 431, 503', async () => {
    const one = { id: 'a', publishedAt: '2017-05-06T10:00:00+02:00' };
    const codes = async (response: Awaited<ReturnType<typeof call>>, method = 'POST') => (await conforms('/v1/check', method, response, 'POST')).error.code;
    expect(await codes(await check('{'))).toBe('malformed-json');
    expect(await codes(await check('42'))).toBe('invalid-body');
    expect(await codes(await check('[]'))).toBe('no-records');
    expect(await codes(await check('{"id":"a","id":"b"}'))).toBe('duplicate-key');
    expect(await codes(await check(one, {}, '?at=tomorrow'))).toBe('invalid-option');
    expect(await codes(await check(Buffer.from('{"id":"é"}', 'latin1')))).toBe('invalid-encoding');
    expect(await codes(await check(one, { authorization: 'Bearer nope-nope-nope' }))).toBe('unauthorized');
    expect(await codes(await call(`${base}/v1/check`, 'GET', auth), 'GET')).toBe('method-not-allowed');
    expect(await codes(await check(Array.from({ length: MAX_RECORDS + 1 }, (_, index) => ({ ...one, id: `r${index}` }))))).toBe('too-many-records');
    expect(await codes(await check(`[${'{},'.repeat(30_000)}{}]`))).toBe('body-too-large');
    expect(await codes(await check(JSON.stringify(one), { 'content-type': 'text/plain' }))).toBe('unsupported-media-type');
    expect(await codes(await check(JSON.stringify(one), { 'content-type': 'application/json; charset=utf-16' }))).toBe('unsupported-charset');
    const unavailable = await call(`${noPolicy}/v1/check`, 'POST', { 'content-type': 'application/json' }, JSON.stringify(one));
    expect(await codes(unavailable)).toBe('policy-unavailable');
    // What only a raw client sends: a body that never comes, headers too large.
    const slow = parseRaw(await rawExchange(port, (socket) => socket.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{`)));
    expect(slow.status).toBe(408);
    await conforms('/v1/check', 'POST', { status: slow.status, headers: new Headers({ 'content-type': 'application/json; charset=utf-8', 'content-language': 'en' }), text: JSON.stringify(slow.body) });
    const big = parseRaw(await rawExchange(port, (socket) => socket.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)));
    expect(big.status).toBe(431);
    await conforms('/v1/check', 'POST', { status: big.status, headers: new Headers({ 'content-type': 'application/json; charset=utf-8', 'content-language': 'en' }), text: JSON.stringify(big.body) });
    // fetch refuses to send Expect.
    const body = JSON.stringify(one);
    const expecting = parseRaw(await rawExchange(port, (socket) => socket.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nExpect: 200-ok\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`)));
    expect(expecting.status).toBe(417);
    const refused = await conforms('/v1/check', 'POST', { status: expecting.status, headers: new Headers({ 'content-type': 'application/json; charset=utf-8', 'content-language': 'en' }), text: JSON.stringify(expecting.body) });
    expect(refused.error.code).toBe('expectation-failed');
  });

  it('/v1/policy: 200 and 304 on GET and HEAD, 400, 401, 503', async () => {
    for (const method of ['GET', 'HEAD']) {
      const first = await call(`${base}/v1/policy`, method, auth);
      await conforms('/v1/policy', method, first);
      await conforms('/v1/policy', method, await call(`${base}/v1/policy`, method, { ...auth, 'if-none-match': first.headers.get('etag')! }));
      await conforms('/v1/policy', method, await call(`${base}/v1/policy?lang=de`, method, auth));
      await conforms('/v1/policy', method, await call(`${base}/v1/policy`, method));
      await conforms('/v1/policy', method, await call(`${noPolicy}/v1/policy`, method));
    }
  });

  it('/healthz and the document: 200 and 503 on GET and HEAD, 400', async () => {
    for (const method of ['GET', 'HEAD']) {
      await conforms('/healthz', method, await call(`${base}/healthz`, method));
      await conforms('/healthz', method, await call(`${noPolicy}/healthz`, method));
      await conforms('/healthz', method, await call(`${base}/healthz?lang=de`, method));
      await conforms('/v1/openapi.json', method, await call(`${base}/v1/openapi.json?lang=de`, method));
    }
    const health = await conforms('/healthz', 'GET', await call(`${base}/healthz`, 'GET'));
    expect(health.decisionLog).toEqual({ status: 'ok', reason: null, since: null, repaired: null });
  });

  it('OPTIONS: 204 for a preflight of a listed origin, 403 for another, 400', async () => {
    for (const path of Object.keys(doc.paths)) {
      await conforms(path, 'OPTIONS', await call(`${base}${path}`, 'OPTIONS', { origin: CMS, 'access-control-request-method': 'GET' }));
      await conforms(path, 'OPTIONS', await call(`${base}${path}`, 'OPTIONS', { origin: 'https://evil.example', 'access-control-request-method': 'GET' }));
      await conforms(path, 'OPTIONS', await call(`${base}${path}?lang=de`, 'OPTIONS', { origin: CMS, 'access-control-request-method': 'GET' }));
    }
  });

  it('lists no status the service was not seen to answer (but 500)', () => {
    const listed = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`)),
    );
    expect(listed.filter((entry) => !seen.has(entry) && !entry.endsWith(' 500'))).toEqual([]);
  });
});
