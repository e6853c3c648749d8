/**
 * The bundled CLI (dist/cli/bin.cjs, the package's bin, which runs
 * dist/cli/program.cjs through V8's code cache; both made by
 * scripts/bundle-cli.mjs after tsc): every command run through it says, byte
 * for byte, what the CLI's modules say run in-process, so the bundle finds
 * what it finds from import.meta.url (package.json, the default policy, the
 * compiler's folder) and reaches the modules it leaves apart (the other
 * commands, the compiler, the YAML reader). `npm test` builds dist/ first
 * (pretest).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRAM_WRAPPER } from '../../src/cli/program-wrapper.js';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const PROGRAM = join(ROOT, 'dist', 'cli', 'program.cjs');
const MACRONLEAKS = 'examples/macronleaks/records.json';
const scratch = mkdtempSync(join(tmpdir(), 'blackout-bundle-'));
const cache = join(scratch, 'cache');
/** Read by the YAML reader, which the bundle leaves apart. */
const YAML_RECORDS = join(scratch, 'records.yaml');
writeFileSync(YAML_RECORDS, '- id: eve-poll\n  publishedAt: 2017-05-06T10:00:00+02:00\n  categories: [poll]\n  channel: web\n');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function bundled(args: readonly string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LANG: 'C', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the bundled CLI', () => {
  it('is a loader and one CommonJS program that require nothing but Node’s modules, and import the rest when asked for, through the loader', () => {
    const loader = readFileSync(BIN, 'utf8');
    expect(loader.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const text = readFileSync(PROGRAM, 'utf8');
    for (const bundle of [loader, text]) {
      const required = [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
      expect(required.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    }
    // The function the loader compiles, its text the file's own.
    expect(text.startsWith(PROGRAM_WRAPPER)).toBe(true);
    expect(text.endsWith('\n})')).toBe(true);
    // Code compiled from V8's code cache cannot run import(): every one goes through the loader's.
    const imported = [...text.matchAll(/\b__blackoutLoaderImport\("([^"]+)"\)/g)].map((match) => match[1]!);
    expect(imported).toEqual(expect.arrayContaining(['../policy-load/load.js', './commands/explain-command.js', './commands/tui-command.js']));
    expect(text.match(/\bimport\(/g)).toBeNull();
    for (const specifier of imported.filter((path) => path.startsWith('.'))) expect(existsSync(join(ROOT, 'dist', 'cli', specifier)), specifier).toBe(true);
    // tsc's entries, the bundles' inputs, are not left beside them.
    expect(existsSync(join(ROOT, 'dist', 'cli', 'bin.js'))).toBe(false);
    expect(existsSync(join(ROOT, 'dist', 'cli', 'program.js'))).toBe(false);
  });

  it.each([
    [['--version']],
    [['help']],
    [['check', '--help']],
    [['check', MACRONLEAKS]],
    [['check', MACRONLEAKS, '--format', 'sarif']],
    [['check', YAML_RECORDS, '--format', 'json']],
    [['explain', MACRONLEAKS, '--id', 'ml-01-pastebin-archive']],
    [['sweep', MACRONLEAKS, '--from', '2017-05-05T00:00:00Z', '--days', '3']],
    [['policy', 'validate', 'policies/fr']],
    [['policy', 'show', '--election', 'fr-presidentielle-2017', '--region', 'FR-MET']],
    [['frobnicate']],
  ])('blackout %j says what the modules say', async (args) => {
    const expected = await runCli(args, { env: { BLACKOUT_CACHE_DIR: cache, NO_COLOR: '1', LANG: 'C' } });
    // Twice: compiling the policy into the cache, then restoring it.
    for (let round = 0; round < 2; round++) expect(bundled(args, { BLACKOUT_CACHE_DIR: cache })).toEqual(expected);
    expect(bundled(args, { BLACKOUT_NO_CACHE: '1' })).toEqual(expected);
  });

  describe('in a damaged installation (its program missing, cut, or not compiling)', () => {
    const program = readFileSync(PROGRAM, 'latin1');
    // The loader alone in a folder of its own, beside the program as given (undefined: none).
    const installed = (text: string | undefined) => {
      const cli = join(mkdtempSync(join(scratch, 'install-')), 'dist', 'cli');
      mkdirSync(cli, { recursive: true });
      copyFileSync(BIN, join(cli, 'bin.cjs'));
      if (text !== undefined) writeFileSync(join(cli, 'program.cjs'), text, 'latin1');
      return { bin: join(cli, 'bin.cjs'), program: join(cli, 'program.cjs') };
    };
    it.each([
      ['missing', undefined, 'is missing', 'est absent'],
      ['cut short', program.slice(0, program.length >> 1), 'is not the program its build writes', 'n’est pas le programme qu’écrit sa compilation'],
      ['not compiling', `${PROGRAM_WRAPPER}\nsyntax error(\n})`, 'does not compile (', 'ne se compile pas ('],
    ])('says so in one line, in the reader’s language, and exits 2, running nothing: %s', (_case, text, english, french) => {
      const { bin, program: file } = installed(text);
      for (const [lang, why] of [['en', english], ['fr', french]] as const) {
        const run = spawnSync(process.execPath, [bin, 'check', MACRONLEAKS, '--lang', lang], { cwd: ROOT, env: { ...process.env, BLACKOUT_CACHE_DIR: cache }, encoding: 'utf8', timeout: 60_000 });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        const lines = run.stderr.split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[1]).toBe('');
        expect(lines[0]).toContain(`${file} ${why}`);
        expect(lines[0]).toMatch(lang === 'en' ? /^blackout: this installation is damaged: .*; install it again / : /^blackout: cette installation est endommagée : .* ; installez-la à nouveau /);
      }
    });
  });
});
