/**
 * What names the policy compiler's code in a cache entry's key
 * (src/policy-load/compiler-stamp.ts): the build's stamp, a SHA-256 of the
 * compiler's files in dist/ (scripts/stamp-compiler.mjs), else, run from the
 * sources, their names, sizes and times of change. `npm test` builds dist/ first (pretest).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compilerStamp } from '../../src/policy-load/compiler-stamp.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'blackout-stamp-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FOLDERS = ['policy', 'policy/schema', 'compile', 'policy-load'];

/** A root with the compiler's folders and a file or two in each. */
function fakeRoot(name: string): string {
  const root = join(scratch, name);
  for (const folder of FOLDERS) {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'a.js'), `// ${folder}\n`);
  }
  writeFileSync(join(root, 'compile', 'a.d.ts'), 'export {};\n');
  writeFileSync(join(root, 'compile', 'notes.txt'), 'not code\n');
  return root;
}

describe('the compiler’s stamp', () => {
  it('is the build’s: the SHA-256 of every compiler file in dist/, by folder and name, with its size', () => {
    const hash = createHash('sha256');
    for (const folder of FOLDERS) {
      const names = readdirSync(join(DIST, folder))
        .filter((name) => /\.(js|ts|json)$/.test(name) && !name.endsWith('.d.ts') && name !== 'compiler-stamp.json')
        .sort();
      for (const name of names) {
        const bytes = readFileSync(join(DIST, folder, name));
        hash.update(`${folder}/${name} ${bytes.length}\n`).update(bytes);
      }
    }
    const written = JSON.parse(readFileSync(join(DIST, 'policy-load', 'compiler-stamp.json'), 'utf8')) as { sha256: string };
    expect(written.sha256).toBe(hash.digest('hex'));
    expect(compilerStamp(DIST)).toBe(`stamp ${JSON.stringify(written)}`);
  });

  it('is read from the stamp file when there is one: another stamp, another key', () => {
    const root = fakeRoot('stamped');
    writeFileSync(join(root, 'policy-load', 'compiler-stamp.json'), '{"sha256":"one"}\n');
    const one = compilerStamp(root);
    expect(one).toBe('stamp {"sha256":"one"}');
    writeFileSync(join(root, 'policy-load', 'compiler-stamp.json'), '{"sha256":"two"}\n');
    expect(compilerStamp(root)).not.toBe(one);
  });

  it('without one, names each code file with its size and time of change: an edit or a rewrite changes it, other files do not', () => {
    const root = fakeRoot('sources');
    const before = compilerStamp(root);
    expect(before.split('\n')).toEqual(FOLDERS.map((folder) => expect.stringMatching(new RegExp(`^${folder}/a\\.js ${folder.length + 4} [0-9.]+$`))));
    writeFileSync(join(root, 'compile', 'notes.txt'), 'still not code\n');
    expect(compilerStamp(root)).toBe(before);
    utimesSync(join(root, 'compile', 'a.js'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(compilerStamp(root)).not.toBe(before);
  });
});
