import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../src/policy/file-text.js';

describe('policy text without Buffer', () => {
  it('counts UTF-8 bytes as Buffer.byteLength does, lone surrogates included', () => {
    for (const text of ['', 'a', 'é', '€', '😀', '\ud800', '\udc00x', '\ud83d\ude00\ud83d', 'résultats « 2017 »']) expect(utf8Length(text)).toBe(Buffer.byteLength(text));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((code) => String.fromCharCode(code)), maxLength: 20 }), (a, b) => {
        expect(utf8Length(a + b)).toBe(Buffer.byteLength(a + b));
      }),
      { numRuns: 1000 },
    );
  });
});
