import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders of dist/ (or src/, run from the sources) whose files make a compiled policy: the language, the compiler, and this loader. */
export const COMPILER_FOLDERS = ['policy', 'policy/schema', 'compile', 'policy-load'];
/** Where the build writes the SHA-256 of those files (scripts/stamp-compiler.mjs), from dist/. */
export const COMPILER_STAMP_FILE = 'policy-load/compiler-stamp.json';

export function isCompilerFile(name: string): boolean {
  return /\.(js|ts|json)$/.test(name) && !name.endsWith('.d.ts') && name !== 'compiler-stamp.json';
}

/**
 * What names the compiler's code, from the root of its folders: the build's
 * stamp, the SHA-256 of their files; without one (the sources run as they
 * are, by the tests) their names, sizes and times of change. A tsc run
 * without the rest of `npm run build` leaves the stamp as it was, as it
 * leaves the bundled CLI.
 */
export function compilerStamp(root: string): string {
  const stamp = join(root, COMPILER_STAMP_FILE);
  if (existsSync(stamp)) return `stamp ${readFileSync(stamp, 'utf8').trim()}`;
  const parts: string[] = [];
  for (const folder of COMPILER_FOLDERS) {
    for (const name of readdirSync(join(root, folder)).filter(isCompilerFile).sort()) {
      const { size, mtimeMs } = statSync(join(root, folder, name));
      parts.push(`${folder}/${name} ${size} ${mtimeMs}`);
    }
  }
  return parts.join('\n');
}
