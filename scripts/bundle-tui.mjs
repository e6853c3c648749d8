// Bundles the terminal UI, after tsc: dist/tui/start.js with Ink, React and
// everything they load, into one file, dist/tui/start.bundle.js. Node loads Ink
// as some 900 modules (es-toolkit/compat alone is 700, for one `throttle`),
// which takes half a second on a busy machine; one file takes a tenth of it,
// and the first frame of `blackout tui` comes that much sooner.
// blackout's own modules outside dist/tui/ and its other dependencies (luxon)
// stay imports, shared with the CLI that loads the bundle. The CLI falls back
// to dist/tui/start.js when the bundle is missing.
// Run: node scripts/bundle-tui.mjs (npm run build does).
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tui = join(dist, 'tui');
const outfile = join(tui, 'start.bundle.js');
// Packages the bundle carries; any other package our code imports stays an import.
const BUNDLED = /^(ink|react|string-width)(\/|$)/;

/** blackout's modules outside dist/tui/ stay imports, their paths made relative to the bundle. */
const ownModules = {
  name: 'own-modules',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !args.importer.startsWith(dist + sep)) return undefined;
      if (!args.path.startsWith('.')) return BUNDLED.test(args.path) || args.path.startsWith('node:') ? undefined : { path: args.path, external: true };
      const target = resolve(dirname(args.importer), args.path);
      if (target.startsWith(tui + sep)) return undefined;
      const path = relative(tui, target).split(sep).join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

/**
 * Ink 6's incremental renderer (only the lines that changed are written)
 * moves the cursor one line short when a frame ends with a newline, as ours
 * do, so every frame after the first lands a line low. Ink 7 fixed it
 * (vadimdemedes/ink#910: `cursorUp(previousLines.length - 1)`) but needs
 * Node 22. The same one-line fix is made here, in the bundle's copy; the
 * bundle then turns incremental rendering on (BLACKOUT_INK_LINES_FIXED), the
 * modules run from the sources do not. An Ink that has neither form stops the build.
 */
const BUGGY = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const FIXED = 'buffer.push(ansiEscapes.cursorUp(previousLines.length - 1));';
const inkLinesFix = {
  name: 'ink-lines-fix',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (text.includes(FIXED)) return { contents: text, loader: 'js' };
      if (!text.includes(BUGGY)) throw new Error(`${args.path}: neither form of the incremental renderer's cursor move; see scripts/bundle-tui.mjs`);
      return { contents: text.replace(BUGGY, FIXED), loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [join(tui, 'start.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // React's production build, as the CLI asks for unbundled.
  define: { 'process.env.NODE_ENV': '"production"', BLACKOUT_INK_LINES_FIXED: 'true' },
  // Ink loads its devtools only with DEV=true, which also needs react-devtools-core installed.
  external: ['react-devtools-core', 'ws', './devtools.js'],
  // Some of what Ink loads is CommonJS and requires Node's modules.
  banner: { js: "import { createRequire as __blackoutCreateRequire } from 'node:module';\nconst require = __blackoutCreateRequire(import.meta.url);" },
  plugins: [ownModules, inkLinesFix],
  metafile: true,
  logLevel: 'warning',
});

// The licences of what the bundle carries, beside it, with their texts: those
// who install blackout do not install Ink and React (they are devDependencies),
// so the bundle is the copy their licences ask to carry notices with.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match || packages.has(match[1])) continue;
  const folder = join(root, 'node_modules', match[1]);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(folder).find((name) => /^licen[cs]e(\.(md|txt))?$/i.test(name));
  const text = licenceFile === undefined ? `(no licence file in the package; its package.json says ${manifest.license ?? 'nothing'})` : readFileSync(join(folder, licenceFile), 'utf8').trim();
  packages.set(match[1], { heading: `${manifest.name}@${manifest.version} (${manifest.license ?? 'see its package'})`, text });
}
const sorted = [...packages.values()].sort((a, b) => (a.heading < b.heading ? -1 : 1));
writeFileSync(
  `${outfile}.LICENSES.txt`,
  `dist/tui/start.bundle.js carries these packages, each under its own licence, whose text follows:\n${sorted.map(({ heading }) => heading).join('\n')}\n` +
    sorted.map(({ heading, text }) => `\n${'-'.repeat(78)}\n${heading}\n\n${text}\n`).join(''),
);
