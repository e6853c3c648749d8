/**
 * The published package as a user gets it: `npm pack` (of the built dist/:
 * npm test builds first), installed in a new project (from npm's cache when
 * it has the dependencies, else from the registry), then the CLI and the
 * library run from there. Ink and React are not installed: the terminal UI's
 * bundle carries them, and nothing else in the package imports them.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const folder = mkdtempSync(join(tmpdir(), 'blackout-tarball-'));
const project = join(folder, 'newsroom');
const installed = join(project, 'node_modules', 'blackout');
const bin = join(project, 'node_modules', '.bin', 'blackout');

/** The environment without what `npm test` adds (npm_config_*, INIT_CWD), which would point npm back at this repository. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && name !== 'INIT_CWD')) as NodeJS.ProcessEnv;

function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { cwd: project, env, encoding: 'utf8', timeout: 120_000, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

beforeAll(() => {
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: ROOT });
  expect(packed.code).toBe(0);
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  // The CMS examples' own installed packages stay out (they made the tarball 40 MB).
  expect(files.filter((file) => file.path.includes('node_modules'))).toEqual([]);
  rmSync(project, { recursive: true, force: true });
  run('mkdir', ['-p', project], { cwd: folder });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'newsroom', private: true, type: 'module' }));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(folder, filename)]);
  expect([install.code, install.stderr]).toEqual([0, expect.any(String)]);
}, 180_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every file under a folder, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => statSync(join(dir, path)).isFile());
}

describe('the package as published (npm pack, installed in a new project)', () => {
  it('installs its five runtime dependencies and neither Ink nor React, which are build-time only', () => {
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['ajv', 'luxon', 'smol-toml', 'ts-pattern', 'yaml']);
    expect(Object.keys(manifest.devDependencies)).toEqual(expect.arrayContaining(['ink', 'react']));
    const modules = join(project, 'node_modules');
    expect(existsSync(join(modules, 'ink'))).toBe(false);
    expect(existsSync(join(modules, 'react'))).toBe(false);
    const names = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((scoped) => `${name}/${scoped}`) : name.startsWith('.') ? [] : [name]));
    expect(names).toEqual(expect.arrayContaining(['blackout', 'ajv', 'luxon', 'smol-toml', 'ts-pattern', 'yaml']));
    // ajv brings four of its own: no more than a dozen packages in all.
    expect(names.length).toBeLessThanOrEqual(12);
  });

  it('ships the licence, and no module outside the UI bundle imports Ink or React', () => {
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    const scripts = files(installed).filter((path) => /\.(c?js|mjs|d\.ts)$/.test(path));
    expect(scripts).toContain(join('dist', 'tui', 'start.bundle.js'));
    const importers = scripts.filter((path) => /(from\s*|import\s*\(\s*|require\s*\(\s*)["'](ink|react)(\/[^"']*)?["']/.test(readFileSync(join(installed, path), 'utf8')));
    expect(importers).toEqual([]);
    // The bundle carries its packages' licence texts.
    expect(readFileSync(join(installed, 'dist', 'tui', 'start.bundle.js.LICENSES.txt'), 'utf8')).toMatch(/\nink@\d+\.\d+\.\d+ \(MIT\)\n\nMIT License/);
  });

  it('runs blackout --version and blackout check on the shipped example', () => {
    expect(run(bin, ['--version'])).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
    const check = run(bin, ['check', relative(project, join(installed, 'examples', 'macronleaks', 'records.json')), '--format', 'json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).summary).toMatchObject({ records: 27, blocked: 14, review: 3, allowed: 10, invalid: 0 });
  });

  it('is a library: createChecker and loadDefaultPolicy from "blackout", with its types', () => {
    const script = `import { createChecker, loadDefaultPolicy } from 'blackout';
const checker = createChecker(await loadDefaultPolicy());
const verdict = checker.check({ id: 'poll', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] });
console.log(JSON.stringify([verdict.status, verdict.earliestAllowedAt]));`;
    const library = run(process.execPath, ['--input-type=module', '-e', script]);
    expect([library.code, library.stderr]).toEqual([0, '']);
    expect(JSON.parse(library.stdout)).toEqual(['blocked', '2017-05-07T18:00:00.000Z']);
    const types = readFileSync(join(installed, 'dist', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/\bcreateChecker\b/);
    expect(types).toMatch(/\bloadDefaultPolicy\b/);
  });

  it('loads the terminal UI’s bundle without Ink or React installed, and says so plainly when the bundle is gone', () => {
    const bundle = join(installed, 'dist', 'tui', 'start.bundle.js');
    const loaded = run(process.execPath, ['--input-type=module', '-e', `const ui = await import(${JSON.stringify(new URL(`file://${bundle}`).href)}); console.log(typeof ui.startTui);`]);
    expect([loaded.code, loaded.stdout.trim()]).toEqual([0, 'function']);
    rmSync(bundle);
    // On a terminal (script gives one), where the UI would open.
    const tui = run('script', ['-qefc', `${bin} tui --no-watch`, '/dev/null'], { env: Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'CI' && !name.startsWith('CI_') && name !== 'CONTINUOUS_INTEGRATION')), input: '' });
    expect(tui.code).toBe(2);
    expect(tui.stdout).toContain('blackout: the terminal UI is missing from this installation: dist/tui/start.bundle.js is not there');
    expect(tui.stdout).not.toMatch(/\n\s+at /);
  });
});
