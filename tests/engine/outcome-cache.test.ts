import { describe, expect, it } from 'vitest';
import { OutcomeCache } from '../../src/engine/outcome-cache.js';

const outcome = (name: string) => ({ name });

describe('the outcome cache', () => {
  it('keeps an outcome the second time its key comes, not the first', () => {
    const cache = new OutcomeCache<{ name: string }>(4, 100);
    cache.set('en', 1, 7, outcome('first'));
    expect(cache.get('en', 1, 7)).toBeUndefined();
    const second = outcome('second');
    cache.set('en', 1, 7, second);
    expect(cache.get('en', 1, 7)).toBe(second);
    cache.setByText('long key', outcome('a'));
    expect(cache.getByText('long key')).toBeUndefined();
    cache.setByText('long key', outcome('b'));
    expect(cache.getByText('long key')).toEqual({ name: 'b' });
  });

  it('keeps languages, segments and keys apart', () => {
    const cache = new OutcomeCache<{ name: string }>(4, 100);
    for (let time = 0; time < 2; time++) {
      cache.set('en', 0, 1, outcome('en 0 1'));
      cache.set('fr', 0, 1, outcome('fr 0 1'));
      cache.set('en', 3, 1, outcome('en 3 1'));
      cache.set('en', 0, 2, outcome('en 0 2'));
    }
    expect([cache.get('en', 0, 1), cache.get('fr', 0, 1), cache.get('en', 3, 1), cache.get('en', 0, 2)].map((found) => found?.name)).toEqual(['en 0 1', 'fr 0 1', 'en 3 1', 'en 0 2']);
    expect(cache.get('fr', 3, 1)).toBeUndefined();
    expect(cache.get('de', 0, 1)).toBeUndefined();
  });

  it('counts the keys it remembers, seen once or kept, and empties itself when full', () => {
    const cache = new OutcomeCache<{ name: string }>(2, 3);
    cache.set('en', 0, 1, outcome('a'));
    cache.set('en', 0, 1, outcome('a'));
    cache.set('en', 0, 2, outcome('b'));
    cache.setByText('t', outcome('c'));
    expect(cache.size).toBe(3);
    expect(cache.get('en', 0, 1)).toEqual({ name: 'a' });
    // The fourth key finds the cache full: everything goes, the new key is seen once.
    cache.set('en', 1, 9, outcome('d'));
    expect(cache.size).toBe(1);
    expect(cache.get('en', 0, 1)).toBeUndefined();
    expect(cache.getByText('t')).toBeUndefined();
  });
});
