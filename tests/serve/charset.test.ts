/**
 * A body is read in the charset its Content-Type declares. Interop check V5:
 * a Latin-1 body read as UTF-8 lost « résultats » to replacement characters
 * and its record went out `allowed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker, type Checker } from '../../src/index.js';
import { bodyDecoder, parseMediaType } from '../../src/serve/body-text.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import type { Json } from './client.js';

// Election night 2017, declared as news: only the results detector can hold it.
const results = { id: 'soir', publishedAt: '2017-05-07T19:30:00+02:00', categories: ['news'], title: 'Les premiers résultats du scrutin « officieux »' };

let checker: Checker;
let service: Service;
let base: string;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
  service = createService({ checker });
  base = (await service.listen(0)).url;
});
afterAll(() => service.close());

const post = (body: Uint8Array | string, type: string, query = '') => fetch(`${base}/v1/check${query}`, { method: 'POST', headers: { 'content-type': type }, body });
const latin1 = (value: unknown) => Buffer.from(JSON.stringify(value), 'latin1');

describe('the charset a request declares', () => {
  it('reads a Latin-1 body as Latin-1: « résultats » is found, the record is held for review, as in UTF-8', async () => {
    const utf8 = (await (await post(JSON.stringify(results), 'application/json')).json()) as Json;
    expect(utf8.results[0]).toMatchObject({ status: 'review', detections: [{ category: 'result', field: 'title' }] });
    for (const type of ['application/json; charset=iso-8859-1', 'application/json;charset="ISO-8859-1"', 'application/json; charset=latin1', 'application/json; charset=windows-1252']) {
      const response = await post(latin1(results), type);
      expect(response.status, type).toBe(200);
      const report = (await response.json()) as Json;
      expect(report.results, type).toEqual(utf8.results);
      expect(report.results[0].status).not.toBe('allowed');
    }
  });

  it('reads 0x80–0x9F as windows-1252 does (’ “ ” œ €), for any Latin-1 label', async () => {
    const title = 'L’œil “premiers résultats du scrutin” à 5 €';
    const bytes = Buffer.from(new TextEncoder().encode(JSON.stringify({ id: 'w', publishedAt: '2017-05-01T10:00:00Z', categories: ['news'], title })));
    const cp1252 = Buffer.from([...JSON.stringify({ id: 'w', publishedAt: '2017-05-01T10:00:00Z', categories: ['news'], title })].map((char) => ({ '’': 0x92, '“': 0x93, '”': 0x94, œ: 0x9c, '€': 0x80 })[char] ?? char.charCodeAt(0)));
    expect(cp1252.length).toBeLessThan(bytes.length);
    const report = (await (await post(cp1252, 'application/json; charset=iso-8859-1', '?at=2017-05-07T19:30:00%2B02:00')).json()) as Json;
    expect(report.results[0].detections).toEqual([{ category: 'result', phrase: expect.any(String), field: 'title' }]);
    expect(bodyDecoder(parseMediaType('application/json; charset=cp1252')!)(cp1252)).toBe(JSON.stringify({ id: 'w', publishedAt: '2017-05-01T10:00:00Z', categories: ['news'], title }));
  });

  it('decodes every byte as the WHATWG index of windows-1252 says', () => {
    // Node 20's TextDecoder reads windows-1252 as ISO-8859-1, so the index's 0x80–0x9F are written out here.
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const expected = Array.from({ length: 256 }, (_, byte) => (byte >= 0x80 && byte < 0xa0 ? high[byte - 0x80] : String.fromCharCode(byte))).join('');
    const all = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    for (const label of ['iso-8859-1', 'latin1', 'windows-1252', 'us-ascii']) expect(bodyDecoder(parseMediaType(`application/json; charset=${label}`)!)(all), label).toBe(expected);
  });

  it('refuses a body that is not UTF-8 when it says nothing (UTF-8 is the default), naming the byte: 400, never guessed', async () => {
    const response = await post(latin1(results), 'application/json');
    expect(response.status).toBe(400);
    const body = (await response.json()) as Json;
    const at = latin1(results).indexOf(0xe9);
    expect(body.error).toEqual({ code: 'invalid-encoding', status: 400, message: expect.stringContaining(`byte ${at}: 0xE9`) });
    expect(body.error.message).toContain('charset=iso-8859-1');
    // A genuine U+FFFD before the bad byte is not taken for it.
    const withReplacement = Buffer.concat([Buffer.from('{"id":"\ufffd', 'utf8'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(((await (await post(withReplacement, 'application/json; charset=utf-8')).json()) as Json).error.message).toContain('byte 10: 0xFF');
  });

  it('refuses any other charset with 415 before reading the body, in the language asked', async () => {
    for (const charset of ['utf-16', 'UTF-16LE', 'shift_jis', 'iso-8859-15', '""']) {
      const response = await post(Buffer.from(JSON.stringify(results), 'utf16le'), `application/json; charset=${charset}`, '?lang=fr');
      expect(response.status, charset).toBe(415);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe('unsupported-charset');
      expect(body.error.message).toMatch(/^Le jeu de caractères .* n'est pas pris en charge : envoyez de l'UTF-8/);
    }
    const english = (await (await post('{}', 'application/json; charset=koi8-r')).json()) as Json;
    expect(english.error.message).toBe(`The body's charset "koi8-r" is not supported: send UTF-8 (the default), or ISO-8859-1 / windows-1252.`);
  });

  it('refuses a compressed body (Content-Encoding other than identity) with 415, saying so, before reading it', async () => {
    const { gzipSync } = await import('node:zlib');
    const send = (body: Uint8Array | string, coding: string, query = '') =>
      fetch(`${base}/v1/check${query}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': coding }, body });
    const gzipped = await send(gzipSync(JSON.stringify(results)), 'gzip');
    expect(gzipped.status).toBe(415);
    expect(((await gzipped.json()) as Json).error).toEqual({ code: 'unsupported-content-encoding', status: 415, message: 'The body is sent with Content-Encoding "gzip", which the service does not decode: send it uncompressed.' });
    // A coding that would not even show in the bytes (br on a plain body) is refused all the same: it is not read as anything it may not be.
    expect((await send(JSON.stringify(results), 'br', '?lang=fr')).status).toBe(415);
    expect((await send(JSON.stringify(results), 'identity')).status).toBe(200);
  });

  it('drops a UTF-8 byte-order mark, and reads UTF-8 however it is labelled', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(results))]);
    expect(((await (await post(withBom, 'application/json')).json()) as Json).results[0].status).toBe('review');
    for (const type of ['application/json; charset=UTF-8', 'application/json; charset=utf8', 'Application/JSON ; Charset = "utf-8"', 'application/vnd.api+json; charset=utf-8']) {
      expect((await post(JSON.stringify(results), type)).status, type).toBe(200);
    }
  });
});

describe('Content-Type, read as RFC 9110 writes it', () => {
  it('reads the essence and parameters, quoted or not, the first of a repeated one', () => {
    const type = parseMediaType('Application/JSON; foo=bar ; charset="iso\\-8859-1"; charset=utf-8')!;
    expect(type.essence).toBe('application/json');
    expect(type.parameters.get('charset')).toBe('iso-8859-1');
    expect(type.parameters.get('foo')).toBe('bar');
    expect(parseMediaType('application/json;')?.parameters.size).toBe(0);
  });

  it('is no media type when malformed', () => {
    for (const header of ['', 'json', 'application/', 'application/json charset=utf-8', 'application/json; charset="utf-8', 'application/json; =x', 'application/json; charset=']) expect(parseMediaType(header), header).toBeUndefined();
    expect(parseMediaType(undefined)).toBeUndefined();
  });
});
