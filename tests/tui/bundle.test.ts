// npm test builds first (pretest): dist/tui/start.bundle.js is made by scripts/bundle-tui.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadUi, UI_MODULES } from '../../src/cli/commands/tui-command.js';
import { isBlackoutError } from '../../src/errors.js';

const BUNDLE = 'dist/tui/start.bundle.js';

describe('the UI bundle', () => {
  it('carries Ink and React in one file, and imports blackout’s other modules and luxon rather than copying them', () => {
    expect(existsSync(BUNDLE)).toBe(true);
    const text = readFileSync(BUNDLE, 'utf8');
    const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]!);
    expect([...new Set(imports.filter((specifier) => !specifier.startsWith('node:')))].sort()).toEqual([
      '../compile/window-text.js',
      '../engine/explain.js',
      '../policy/text.js',
      '../records/input-item.js',
      '../records/read-inputs.js',
      '../text/printable.js',
      '../text/wrap.js',
      'luxon',
    ]);
    for (const specifier of imports.filter((path) => path.startsWith('.'))) expect(existsSync(new URL(specifier, new URL(`../../${BUNDLE}`, import.meta.url)))).toBe(true);
    // React's production build only.
    expect(text).not.toContain('react.development');
    expect(readFileSync(`${BUNDLE}.LICENSES.txt`, 'utf8')).toMatch(/^ink@\d+\.\d+\.\d+ \(MIT\)$/m);
  });

  it('carries Ink’s fix for drawing only the lines that changed, and turns that on; the modules alone do not', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    // vadimdemedes/ink#910, made by scripts/bundle-tui.mjs in the bundle's copy of Ink 6.
    expect(text).toMatch(/buffer\.push\(\w+\.cursorUp\(previousLines\.length - 1\)\);/);
    expect(text).not.toContain('cursorUp(previousVisible - 1)');
    // Folded by esbuild to a constant: on in the bundle.
    expect(text).toMatch(/^ +incrementalRendering: true,$/m);
    expect(readFileSync('dist/tui/start.js', 'utf8')).toContain("typeof BLACKOUT_INK_LINES_FIXED !== 'undefined' && BLACKOUT_INK_LINES_FIXED");
  });

  it('is what the CLI loads, with the modules as a fallback', () => {
    // Loaded by Node itself: through vitest's transform a file of this size takes long.
    const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', `const ui = await import('./${BUNDLE}'); console.log(typeof ui.startTui);`], { encoding: 'utf8' });
    expect(loaded.trim()).toBe('function');
    expect(UI_MODULES).toEqual({ bundle: '../../tui/start.bundle.js', modules: '../../tui/start.js' });
  });

  it('fails with a message, not a stack trace, when neither the bundle nor the modules can load', async () => {
    const missing = { bundle: './no-such.bundle.js', modules: './no-such-start.js' };
    const error = await loadUi('en', missing).catch((caught: unknown) => caught);
    expect(isBlackoutError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'the terminal UI is missing from this installation: dist/tui/start.bundle.js is not there (npm run build makes it), nor are Ink and React to run its modules without it; blackout check and the other commands work without it',
    );
    expect(((await loadUi('fr', missing).catch((caught: unknown) => caught)) as Error).message).toMatch(/^l’interface en terminal manque à cette installation/);
  });
});
