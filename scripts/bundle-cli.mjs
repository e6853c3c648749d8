// Bundles the CLI, after tsc, into three files in dist/cli/:
// - program.cjs, the CLI: program.js, main.js, check-command.js, the parallel
//   check and every module they import. `blackout check` then loads one file
//   instead of some sixty ES modules (Node 20 takes about half a millisecond
//   for each), and a CommonJS file spares the ES module loader's own start (some 3 ms). The
//   other commands, the policy compiler and the readers of YAML and front
//   matter stay apart, ES modules imported from dist/ when asked for, as do
//   the packages.
// - bin.cjs, the package's bin: runs program.cjs through V8's code cache
//   (src/cli/code-cache.ts). program.cjs is written as the function bin.cjs
//   compiles, the CommonJS wrapper's parameters and the loader's import():
//   code compiled from a cache cannot run import(), so the program's go through it.
// - check-worker.js, the parallel check's worker thread and what it imports,
//   an ES module.
// All sit beside the modules, so the paths our modules find from
// import.meta.url (../../package.json, ../../policies/fr, the compiler's
// folder ../policy/) are the same from them; tsc's outputs, their inputs, are removed.
// Run: node scripts/bundle-cli.mjs (npm run build does, after tsc).
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROGRAM_WRAPPER } from '../dist/cli/program-wrapper.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli');
const program = join(cli, 'program.js');
const loader = join(cli, 'bin.js');
/**
 * Modules imported when asked for that the bundle carries all the same: the
 * command a cold start is timed on, and the parallel check of large files
 * (else the main thread would load a second copy of the engine beside the bundle's).
 */
const BUNDLED_ON_DEMAND = new Set([join(cli, 'commands', 'check-command.js'), join(cli, 'check', 'parallel-check.js')]);
/** The check worker's own module, and its bundle: beside program.cjs, so that the parallel check, bundled or not, finds it as ./check-worker.js. */
const worker = join(cli, 'check', 'check-worker.js');
const workerBundle = join(cli, 'check-worker.js');

/** Modules imported when asked for stay imports, their paths made relative to the bundle. */
const onDemand = {
  name: 'on-demand-modules',
  setup(builder) {
    builder.onResolve({ filter: /^\./, namespace: 'file' }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = resolve(dirname(args.importer), args.path);
      if (BUNDLED_ON_DEMAND.has(target)) return undefined;
      const path = relative(cli, target).split(sep).join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // CommonJS has no import.meta: the bundle's own URL stands in, the same folder as the modules'.
  define: { 'import.meta.url': '__blackoutModuleUrl' },
  // Whitespace and syntax, not names: a cold start reads and keeps the whole source (some 30 % smaller), and stack traces keep their function names.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};
const moduleUrl = "const __blackoutModuleUrl = require('node:url').pathToFileURL(__filename).href;";

const programFile = join(cli, 'program.cjs');
await build({
  ...common,
  entryPoints: [program],
  outfile: programFile,
  plugins: [onDemand],
  banner: { js: moduleUrl },
});
const bundled = readFileSync(programFile, 'utf8');
// import() goes through the loader's (code compiled from a cache cannot run its own).
const rewritten = bundled.replace(/\bimport\(("[^"]+")\)/g, '__blackoutLoaderImport($1)');
// Any other import() (a computed one) would throw when run from the code cache: refused here.
const left = rewritten.match(/\bimport\(/g);
if (left) throw new Error(`program.cjs holds ${left.length} import() call(s) the loader cannot serve`);
// Written as the function bin.cjs compiles: the text V8 compiles is then the file's, not a copy joined to a wrapper.
writeFileSync(programFile, `${PROGRAM_WRAPPER}${rewritten}\n})`);

// The worker, an ES module as its sources are (import.meta.url is its own, in the same folder as program.cjs): one file to load, not some forty.
await build({ ...common, format: 'esm', define: {}, entryPoints: [worker], outfile: workerBundle, plugins: [onDemand] });

await build({ ...common, entryPoints: [loader], outfile: join(cli, 'bin.cjs'), banner: { js: moduleUrl } });
rmSync(program);
rmSync(loader);
