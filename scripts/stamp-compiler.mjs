// Writes dist/policy-load/compiler-stamp.json after tsc: a SHA-256 of the
// files of dist/ whose code makes a compiled policy (the folders
// COMPILER_FOLDERS names in src/policy-load/compiler-stamp.ts). A policy cache
// entry's key holds it: an entry a build with another compiler wrote is
// compiled afresh. Read at run time in one small file instead of stating
// some thirty. Run: node scripts/stamp-compiler.mjs (npm run build does).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILER_FOLDERS, COMPILER_STAMP_FILE, isCompilerFile } from '../dist/policy-load/compiler-stamp.js';

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const hash = createHash('sha256');
for (const folder of COMPILER_FOLDERS) {
  for (const name of readdirSync(join(dist, folder)).filter(isCompilerFile).sort()) {
    const bytes = readFileSync(join(dist, folder, name));
    hash.update(`${folder}/${name} ${bytes.length}\n`).update(bytes);
  }
}
writeFileSync(join(dist, COMPILER_STAMP_FILE), `${JSON.stringify({ sha256: hash.digest('hex') })}\n`);
