import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { themeFor } from '../../src/tui/theme.js';
import { runCli } from '../helpers/cli.js';

describe('blackout tui off a terminal', () => {
  it('prints the text report of the files, with check’s exit code', async () => {
    const { code, stdout, stderr } = await runCli(['tui', 'examples/early-estimates/records.json']);
    const check = await runCli(['check', 'examples/early-estimates/records.json']);
    expect(stderr).toBe('');
    expect(code).toBe(check.code);
    expect(stdout).toBe(check.stdout);
  });

  it('checks a draft without publishedAt at --at, where check would call it invalid', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-tui-')), 'draft.json');
    writeFileSync(file, JSON.stringify([{ id: 'draft', categories: ['propaganda'], audience: ['FR-MET'] }]));
    const during = await runCli(['tui', file, '--at', '2017-05-05T22:00:00Z']);
    expect(during.code).toBe(1);
    expect(during.stdout).toContain('BLOCKED draft');
    const before = await runCli(['tui', file, '--at', '2017-05-05T21:59:59.999Z']);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('1 record: 0 blocked, 0 to review, 1 allowed');
  });

  it('reads what check reads, and tells every input problem on stderr with exit 2, as check does', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(join(tmpdir(), 'blackout-tui-'));
    const post = { id: 'p1', publishedAt: '2017-05-06T09:00:00+02:00', categories: ['propaganda'] };
    writeFileSync(join(folder, 'feed.ndjson'), `${JSON.stringify(post)}\n{"id":\n`);
    writeFileSync(join(folder, 'desk.csv'), 'id,publishedAt,categories\np2,2017-05-06T09:00:00+02:00,news\n');
    const tui = await runCli(['tui', folder]);
    const check = await runCli(['check', folder]);
    expect(tui.stdout).toBe(check.stdout);
    expect(tui.stdout).toContain('2 records: 1 blocked, 0 to review, 1 allowed');
    expect(tui.code).toBe(2);
    expect(tui.stderr.split('\n')[0]).toBe(check.stderr.split('\n')[0]);
    expect(tui.stderr).toMatch(/feed\.ndjson:2: .*\nblackout: 1 input problem: some records were not read\n$/);
  });

  it('speaks the locale’s language as check does (LC_ALL, LC_MESSAGES, LANG), unless --lang says otherwise', async () => {
    const file = 'examples/early-estimates/records.json';
    const french = await runCli(['tui', file], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(french.stdout).toBe((await runCli(['check', file], { env: { LANG: 'fr_FR.UTF-8' } })).stdout);
    expect(french.stdout).not.toBe((await runCli(['tui', file], { env: { LANG: 'C.UTF-8' } })).stdout);
    expect((await runCli(['tui', file, '--lang', 'en'], { env: { LC_ALL: 'fr_FR.UTF-8' } })).stdout).toBe((await runCli(['check', file, '--lang', 'en'])).stdout);
    expect((await runCli(['tui', file], { env: { LC_MESSAGES: 'fr_CA.UTF-8' } })).stdout).toBe(french.stdout);
  });

  it('ends on check’s own line about invalid records, in the run’s language', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-tui-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ id: 'a', publishedAt: 'samedi' }));
    for (const lang of ['en', 'fr']) {
      const tui = await runCli(['tui', file, '--lang', lang]);
      const check = await runCli(['check', file, '--lang', lang]);
      expect(tui.code).toBe(2);
      expect(tui.stderr.trim().split('\n').at(-1)).toBe(check.stderr.trim().split('\n').at(-1));
    }
    expect((await runCli(['tui', file, '--lang', 'fr'])).stderr).toContain('blackout: 1 enregistrement n’a pas pu être vérifié (statut invalid)');
  });

  it('prints its help, and refuses bad arguments with one line and exit 2', async () => {
    const help = (await runCli(['tui', '--help'])).stdout;
    expect(help).toContain('Usage: blackout tui');
    expect(help).toMatch(/--lang en\|fr +language of the UI \(default: the locale's, from LC_ALL,\n +LC_MESSAGES or LANG/);
    expect((await runCli(['help', 'tui'])).stdout).toContain('Usage: blackout tui');
    for (const [args, message] of [
      [['tui', '--lang', 'de'], "--lang takes en or fr, not 'de'"],
      [['tui', '-'], 'reads files, not standard input'],
      [['tui', '--at', 'tomorrow'], 'at: '],
      [['tui', 'missing.json'], 'missing.json: no such file'],
      [['tui', '--colour'], "unknown option '--colour' for blackout tui"],
    ] as const) {
      const { code, stderr } = await runCli([...args]);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('NO_COLOR', () => {
  it('turns every colour of the theme off when set and not empty', () => {
    const plain = themeFor({ NO_COLOR: '1' });
    expect([...Object.values(plain.status), plain.accent, plain.band.block, plain.band.review, plain.now, plain.cursor].every((colour) => colour === undefined)).toBe(true);
    expect(themeFor({}).status.blocked).toBe('red');
    expect(themeFor({ NO_COLOR: '' }).status.blocked).toBe('red');
  });
});

/** Static imports (`import … from`, `export … from`) of a source file; dynamic `import()` is left out on purpose. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]!);
}

function resolveSource(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.') || specifier.endsWith('.json')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`]) if (statSync(candidate, { throwIfNoEntry: false })) return candidate;
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

describe('cold start of blackout check', () => {
  it('never loads Ink or React: the CLI reaches the UI through a dynamic import only', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    // The CLI's program (bin.ts runs it) and the check command, which main.ts imports when asked for.
    const queue = [resolve('src/cli/program.ts'), resolve('src/cli/commands/check-command.ts')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of staticImports(file)) {
        const local = resolveSource(file, specifier);
        if (local) queue.push(local);
        else packages.add(specifier);
      }
    }
    expect([...seen].some((file) => file.endsWith('main.ts'))).toBe(true);
    expect([...seen].some((file) => file.endsWith('tui-command.ts'))).toBe(false);
    expect(readFileSync('src/cli/main.ts', 'utf8')).toContain("await import('./commands/tui-command.js')");
    expect([...seen].filter((file) => file.includes('/src/tui/'))).toEqual([]);
    expect([...packages].filter((name) => /^(ink|react)(\/|$)/.test(name))).toEqual([]);
    // The UI's own modules do use them, so the walk above would have found them.
    expect(readdirSync('src/tui/components').length).toBeGreaterThan(0);
    expect(staticImports('src/tui/components/App.tsx')).toContain('ink');
  });
});
