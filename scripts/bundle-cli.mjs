// Bundles the CLI's start and its check command, after tsc, into
// dist/cli/bin.cjs, the package's bin: one CommonJS file holding bin.js,
// main.js, check-command.js and every module they import. `blackout check`
// then loads one file instead of some sixty ES modules (Node 20 takes about
// half a millisecond for each, and has no compile cache), and a CommonJS
// entry spares the ES module loader's own start (some 3 ms). The other
// commands, the policy compiler and the readers of YAML and front matter
// stay apart, ES modules imported from dist/ when asked for, as do the
// packages. The bundle sits beside bin.js, so the paths our modules find
// from import.meta.url (../../package.json, ../../policies/fr, the compiler's
// folder ../policy/) are the same from it; tsc's bin.js, its input, is removed.
// Run: node scripts/bundle-cli.mjs (npm run build does, after tsc).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli');
const entry = join(cli, 'bin.js');
/** The only module imported when asked for that the bundle carries: the command a cold start is timed on. */
const BUNDLED_ON_DEMAND = join(cli, 'commands', 'check-command.js');

/** Modules imported when asked for stay imports, their paths made relative to the bundle. */
const onDemand = {
  name: 'on-demand-modules',
  setup(builder) {
    builder.onResolve({ filter: /^\./, namespace: 'file' }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = resolve(dirname(args.importer), args.path);
      if (target === BUNDLED_ON_DEMAND) return undefined;
      const path = relative(cli, target).split(sep).join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile: join(cli, 'bin.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  plugins: [onDemand],
  // CommonJS has no import.meta: the bundle's own URL stands in, the same folder as the modules'.
  define: { 'import.meta.url': '__blackoutModuleUrl' },
  banner: { js: "const __blackoutModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
rmSync(entry);
