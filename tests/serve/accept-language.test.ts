import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/index.js';
import { preferredLang } from '../../src/serve/accept-language.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import type { Json } from './client.js';

describe('Accept-Language, read with its q-values', () => {
  it.each([
    ['en;q=0.5, fr;q=0.9', 'fr'],
    ['de, fr;q=0.1', 'fr'],
    ['de, en;q=0.1, fr;q=0.2', 'fr'],
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-be;q=0.4, EN-gb;q=0.3', 'fr'],
    ['en-GB, fr;q=0.99', 'en'],
    ['*', 'en'],
    ['*;q=0.5, en;q=0', 'fr'],
    ['fr;q=0, *', 'en'],
    ['de, it;q=0.9', 'en'],
    ['fr;q=0', 'en'],
    ['en;q=0.5, fr;q=0.5', 'en'],
    ['fr;q=1.000, en;q=1', 'en'],
    ['fr ; q = 0.8 , en ; q = 0.7', 'fr'],
    // Malformed ranges and weights count for nothing; the rest of the header still does.
    ['en;q=2, fr;q=0.3', 'fr'],
    ['en;q=abc, fr;q=0.3', 'fr'],
    ['fran çais, fr;q=0.1', 'fr'],
    ['frx, de', 'en'],
    ['', 'en'],
  ])('%j is %s', (header, lang) => {
    expect(preferredLang(header)).toBe(lang);
  });

  it('reads no more than the first 64 ranges of a long header', () => {
    expect(preferredLang(`${Array.from({ length: 64 }, (_, index) => `x${index}`).join(',')}, fr`)).toBe('en');
    expect(preferredLang(`${Array.from({ length: 63 }, (_, index) => `x${index}`).join(',')}, fr`)).toBe('fr');
    expect(preferredLang(`${'de;q=0.5, '.repeat(2000)}fr`)).toBe('en');
  });
});

describe('the service answers in the language asked', () => {
  let service: Service;
  let base: string;
  beforeAll(async () => {
    service = createService({ checker: createChecker(await frenchPolicy()) });
    base = (await service.listen(0)).url;
  });
  afterAll(() => service.close());

  const message = async (headers: Record<string, string>, query = '') => {
    const response = await fetch(`${base}/v1/check${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{' });
    return { language: response.headers.get('content-language'), text: ((await response.json()) as Json).error.message as string };
  };

  it('in French for `en;q=0.5, fr;q=0.9` and for `de, fr;q=0.1`, in English otherwise, ?lang= first', async () => {
    expect(await message({ 'accept-language': 'en;q=0.5, fr;q=0.9' })).toEqual({ language: 'fr', text: expect.stringMatching(/^Le corps n'est pas du JSON valide/) });
    expect((await message({ 'accept-language': 'de, fr;q=0.1' })).language).toBe('fr');
    expect(await message({ 'accept-language': 'fr;q=0.1, en' })).toEqual({ language: 'en', text: expect.stringMatching(/^The body is not valid JSON/) });
    // The parser's reason too, with where it broke, and never V8's echo of the body.
    expect((await message({}, '?lang=fr')).text).toBe("Le corps n'est pas du JSON valide : nom de clé ou « } » attendu (ligne 1, colonne 2).");
    expect((await message({})).text).toBe("The body is not valid JSON: Expected property name or '}' (line 1, column 2).");
    expect((await message({})).language).toBe('en');
    expect((await message({ 'accept-language': 'fr' }, '?lang=en')).language).toBe('en');
  });
});
