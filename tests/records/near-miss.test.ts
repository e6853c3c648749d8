import { describe, expect, it } from 'vitest';
import { editDistance, meantField, publisherKeys, recordKeys } from '../../src/records/near-miss.js';

const record = recordKeys();
const meant = (key: string, value: unknown = 'x') => meantField(record.classify(key), value);

describe('near misses of record fields', () => {
  it.each([
    ['Categories', ['poll'], 'categories'],
    ['CATEGORIES', ['poll'], 'categories'],
    ['published_at', '2017-05-06T10:00:00+02:00', 'publishedAt'],
    ['published-at', '2017-05-06T10:00:00+02:00', 'publishedAt'],
    ['Published At', '2017-05-06T10:00:00+02:00', 'publishedAt'],
    ['first_published_at', '2017-05-04T10:00:00+02:00', 'firstPublishedAt'],
    ['categorie', ['poll'], 'categories'],
    ['cateogries', ['poll'], 'categories'],
    ['audiance', ['FR-MET'], 'audience'],
    ['chanel', 'web', 'channel'],
    ['Channel', 'web', 'channel'],
    ['tilte', 'Sondage', 'title'],
    ['ID', 'a', 'id'],
    ['Zone', 'Europe/Paris', 'zone'],
    ['category', 'poll', 'categories'],
    ['regions', ['GP'], 'audience'],
    ['publishDate', '2017-05-06T10:00:00+02:00', 'publishedAt'],
    ['pubDate', '2017-05-06T10:00:00+02:00', 'publishedAt'],
    ['publish_date', 1494057600000, 'publishedAt'],
    ['timezone', 'Europe/Paris', 'zone'],
  ])('%s holding %j is taken for %s', (key, value, field) => {
    expect(meant(key, value)).toBe(field);
  });

  it.each([
    // Keys CMSs carry, far from any field.
    ['slug', 'x'],
    ['author', 'x'],
    ['tags', ['politique']],
    ['date', '2017-05-06'],
    ['status', 'draft'],
    ['excerpt', 'x'],
    ['locale', 'fr'],
    ['name', 'x'],
    ['uri', 'x'],
    ['note', 'x'],
    ['type', 'post'],
    ['content', 'x'],
  ])('%s holding %j is another key', (key, value) => {
    expect(meant(key, value)).toBeUndefined();
  });

  it('is not fooled by a value no field takes: a CMS flag published: true is not a misspelt publishedAt', () => {
    expect(meant('published', true)).toBeUndefined();
    expect(meant('published', '2017-05-06T10:00:00+02:00')).toBe('publishedAt');
    expect(meant('published', { kind: 'party' })).toBe('publisher');
    expect(meant('Categories', null)).toBeUndefined();
  });

  it('knows the publisher’s own fields', () => {
    const publisher = publisherKeys();
    expect(meantField(publisher.classify('Kind'), 'party')).toBe('kind');
    expect(meantField(publisher.classify('type'), 'party')).toBe('kind');
    expect(meantField(publisher.classify('Name'), 'Le Monde')).toBe('name');
    expect(meantField(publisher.classify('url'), 'https://x')).toBeUndefined();
  });

  it('measures typos with swaps, and gives up past its limit', () => {
    expect(editDistance('categorie', 'categories', 2)).toBe(1);
    expect(editDistance('cateogries', 'categories', 2)).toBe(1);
    expect(editDistance('audiance', 'audience', 2)).toBe(1);
    expect(editDistance('category', 'categories', 2)).toBe(3);
    expect(editDistance('x'.repeat(1000), 'categories', 2)).toBe(3);
  });

  it('classifies a hostile stream of distinct keys in bounded memory and time', () => {
    const classifier = recordKeys();
    const started = Date.now();
    for (let index = 0; index < 50_000; index++) classifier.classify(`k${index}`);
    expect(meantField(classifier.classify('categorie'), ['poll'])).toBe('categories');
    // A generous bound: it fails only if classification went quadratic.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
