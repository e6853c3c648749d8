import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/cli/id-set.js';

describe('IdSet', () => {
  it('says whether an id came before, through every growth of its table', () => {
    const ids = new IdSet();
    for (let index = 0; index < 200_000; index++) expect(ids.add(`rec-${index}`)).toBe(true);
    for (let index = 0; index < 200_000; index += 997) expect(ids.add(`rec-${index}`)).toBe(false);
    expect(ids.add('rec-200000')).toBe(true);
  });

  it('tells apart ids that differ by one character, by case, by accents or by length', () => {
    const ids = new IdSet();
    const distinct = ['a', 'A', 'b', 'ab', 'ba', 'é', 'e\u0301', '', ' ', 'a ', 'rec-1', 'rec-10', 'rec-01', '\u0000', '😀'];
    for (const id of distinct) expect(ids.add(id)).toBe(true);
    for (const id of distinct) expect(ids.add(id)).toBe(false);
  });
});
