import { describe, expect, it } from 'vitest';
import { IdSet } from '../../../src/cli/check/id-set.js';

describe('IdSet', () => {
  it('says whether an id came before, through every growth of its table', () => {
    const ids = new IdSet();
    for (let index = 0; index < 200_000; index++) expect(ids.add(`rec-${index}`)).toBe(true);
    for (let index = 0; index < 200_000; index += 997) expect(ids.add(`rec-${index}`)).toBe(false);
    expect(ids.add('rec-200000')).toBe(true);
  });

  it('grows the same when it must be copied, past the address space it reserved', () => {
    const ids = new IdSet(0);
    for (let index = 0; index < 50_000; index++) expect(ids.add(`rec-${index}`)).toBe(true);
    for (let index = 0; index < 50_000; index += 97) expect(ids.add(`rec-${index}`)).toBe(false);
  });

  it('keeps ids whose probes run past the last slot of the table, through its growth', () => {
    const ids = new IdSet();
    // 300 hashes with the last home slot of the first table (1024 slots), then enough others to grow it twice.
    const last = (k: number) => ((1023 ^ (0x27d4eb2d & 1023)) | (k << 12)) >>> 0;
    for (let k = 1; k <= 300; k++) expect(ids.addHash(last(k), 1)).toBe(true);
    for (let k = 1; k <= 300; k++) expect(ids.addHash(last(k), 1)).toBe(false);
    for (let index = 0; index < 3000; index++) expect(ids.add(`other-${index}`)).toBe(true);
    for (let k = 1; k <= 300; k++) expect(ids.addHash(last(k), 1)).toBe(false);
    for (let index = 0; index < 3000; index++) expect(ids.add(`other-${index}`)).toBe(false);
  });

  it('tells apart ids that differ by one character, by case, by accents or by length', () => {
    const ids = new IdSet();
    const distinct = ['a', 'A', 'b', 'ab', 'ba', 'é', 'e\u0301', '', ' ', 'a ', 'rec-1', 'rec-10', 'rec-01', '\u0000', '😀'];
    for (const id of distinct) expect(ids.add(id)).toBe(true);
    for (const id of distinct) expect(ids.add(id)).toBe(false);
  });
});
