import { describe, expect, it } from 'vitest';
import { groupHash, NameSet } from '../../src/report/name-set.js';

describe('NameSet', () => {
  it('tells a name given before from a new one, across growth and within each group', () => {
    const names = new NameSet();
    const list = Array.from({ length: 20_000 }, (_, n) => `rec-${n}${n % 3 === 0 ? ' é😀' : ''}`);
    expect(list.every((name) => names.add(name, groupHash('a.json')))).toBe(true);
    expect(list.some((name) => names.add(name, groupHash('a.json')))).toBe(false);
    // The same names in another suite are new there.
    expect(list.every((name) => names.add(name, groupHash('b.json')))).toBe(true);
    expect(names.add('', 0)).toBe(true);
    expect(names.add('', 0)).toBe(false);
  });
});
