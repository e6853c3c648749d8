#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { printable } from '../text/printable.js';
import { loadProgram, NotBundled } from './code-cache.js';
import { langOfRun } from './options/lang-option.js';

// The package's bin: the CLI itself is program.cjs, beside this file, run through V8's code cache.

const MESSAGES = {
  en: {
    damaged: (file: string, why: string) => `this installation is damaged: ${file} ${why}; install it again (npm ci in its folder, or npm install)`,
    missing: 'is missing',
    notBundled: 'is not the program its build writes',
    notCompiling: (reason: string) => `does not compile (${reason})`,
    unreadable: (reason: string) => `cannot be read (${reason})`,
  },
  fr: {
    damaged: (file: string, why: string) => `cette installation est endommagée : ${file} ${why} ; installez-la à nouveau (npm ci dans son dossier, ou npm install)`,
    missing: 'est absent',
    notBundled: 'n’est pas le programme qu’écrit sa compilation',
    notCompiling: (reason: string) => `ne se compile pas (${reason})`,
    unreadable: (reason: string) => `ne peut être lu (${reason})`,
  },
} as const;

const args = process.argv.slice(2);
const program = fileURLToPath(new URL('./program.cjs', import.meta.url));
let start: (() => void) | undefined;
try {
  start = loadProgram(program, args, process.env);
} catch (error) {
  // One line and exit 2, as for any check that cannot be made: never a stack trace, nor a line of the bundle.
  const say = MESSAGES[langOfRun(args, process.env)];
  const why =
    (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? say.missing
      : error instanceof NotBundled
        ? say.notBundled
        : error instanceof SyntaxError
          ? say.notCompiling(error.message)
          : say.unreadable((error as Error).message);
  process.stderr.write(`blackout: ${printable(say.damaged(program, why))}\n`);
  process.exitCode = 2;
}
start?.();
