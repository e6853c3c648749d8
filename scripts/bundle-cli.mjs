// Bundles the CLI's start and its check command, after tsc: dist/cli/bin.js is
// replaced by one file holding it, main.js, check-command.js and every module
// they import, so `blackout check` loads one file instead of some sixty (Node
// 20 takes about half a millisecond for each module it loads, and has no
// compile cache). The other commands, the policy compiler and the readers of
// YAML and front matter stay apart, imported from dist/ when asked for, as do
// the packages. The bundle sits where bin.js was, so the paths our modules
// find from import.meta.url (../../package.json, ../../policies/fr, and the
// compiler's folder ../policy/) are the same from it as from dist/cli/ and
// dist/policy/.
// Run: node scripts/bundle-cli.mjs (npm run build does, after tsc).
import { build } from 'esbuild';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli');
const bin = join(cli, 'bin.js');
/** The only module imported when asked for that the bundle carries: the command a cold start is timed on. */
const BUNDLED_ON_DEMAND = join(cli, 'check-command.js');

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
  entryPoints: [bin],
  outfile: bin,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [onDemand],
  logLevel: 'warning',
});
