import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dirnamePosix, joinPosix, normalizePosix } from '../../src/policy/posix-path.js';

/** Paths made of the pieces that matter: names, dots, double dots and runs of slashes. */
const pathText = fc.array(fc.constantFrom('a', 'bc', '.', '..', '/', '//', '.yaml', '...'), { maxLength: 10 }).map((parts) => parts.join(''));

describe('posix paths without node:path', () => {
  it('normalizes as path.posix.normalize does', () => {
    fc.assert(fc.property(pathText, (path) => {
      expect(normalizePosix(path)).toBe(posix.normalize(path));
    }), { numRuns: 2000 });
  });

  it('joins as path.posix.join does', () => {
    fc.assert(fc.property(fc.array(pathText, { maxLength: 4 }), (parts) => {
      expect(joinPosix(...parts)).toBe(posix.join(...parts));
    }), { numRuns: 2000 });
  });

  it('takes the folder as path.posix.dirname does', () => {
    fc.assert(fc.property(pathText, (path) => {
      expect(dirnamePosix(path)).toBe(posix.dirname(path));
    }), { numRuns: 2000 });
  });

  it('resolves an extends the way the policy loader does', () => {
    expect(joinPosix(dirnamePosix('policies/fr/presidentielle-2017.yaml'), './code-electoral.yaml')).toBe('policies/fr/code-electoral.yaml');
    expect(joinPosix(dirnamePosix('a.yaml'), '../shared/base.yaml')).toBe('../shared/base.yaml');
    expect(joinPosix(dirnamePosix('/etc/p.yaml'), '../../../x.yaml')).toBe('/x.yaml');
  });
});
