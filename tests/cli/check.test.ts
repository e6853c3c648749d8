import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'blackout-cli-'));
function recordsFile(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const blocked = { id: 'poll', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] };
const allowed = { id: 'news', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'] };
const review = { id: 'leak', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['leak'], audience: ['FR-MET'] };

describe('blackout check exit codes', () => {
  it('exits 0 when nothing is blocked, with the JSON report on stdout only', async () => {
    const { code, stdout, stderr } = await runCli(['check', recordsFile('ok.json', [allowed]), '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report.policy).toMatchObject({ id: 'fr', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.summary).toEqual({ records: 1, allowed: 1, blocked: 0, review: 0, invalid: 0, problems: 0, skipped: 0 });
  });

  it('exits 1 when a record is blocked, and reads a single object as one record', async () => {
    const { code, stdout } = await runCli(['check', recordsFile('one.json', blocked), '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).results[0]).toMatchObject({ id: 'poll', status: 'blocked', source: { index: 0 } });
  });

  it('exits 1 on review only with --fail-on review', async () => {
    const file = recordsFile('review.json', [review]);
    expect((await runCli(['check', file])).code).toBe(0);
    expect((await runCli(['check', file, '--fail-on', 'review'])).code).toBe(1);
  });

  it('exits 2 when a record is invalid, still reporting every record', async () => {
    const { code, stdout, stderr } = await runCli(['check', recordsFile('bad.json', [blocked, { id: 'x', categories: ['nope'] }]), '--format', 'json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).summary).toMatchObject({ blocked: 1, invalid: 1 });
    expect(stderr).toContain('could not be checked');
  });

  it('checks drafts at --at', async () => {
    const draft = recordsFile('draft.json', [{ id: 'd', categories: ['propaganda'], audience: ['FR-MET'] }]);
    expect((await runCli(['check', draft, '--at', '2017-05-06T09:00:00+02:00'])).code).toBe(1);
    expect((await runCli(['check', draft, '--at', '2017-05-08T09:00:00+02:00'])).code).toBe(0);
    expect((await runCli(['check', draft])).code).toBe(2);
  });

  it('writes one verdict per line with --format ndjson, in input order', async () => {
    const { code, stdout } = await runCli(['check', recordsFile('nd.json', [blocked, allowed]), '--format', 'ndjson']);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.status, line.source.index])).toEqual([['poll', 'blocked', 0], ['news', 'allowed', 1]]);
  });

  it('reads standard input with -', async () => {
    const { code, stdout } = await runCli(['check', '-', '--format', 'json'], { stdin: JSON.stringify([blocked, allowed]) });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).results.map((r: { source: { file: string } }) => r.source.file)).toEqual(['<stdin>', '<stdin>']);
  });

  it.each([
    [['check'], 'no input'],
    [['check', 'x.json', '--format', 'xml'], "unknown format 'xml'"],
    [['check', 'x.json', '--fail-on', 'never'], '--fail-on takes block or review'],
    [['check', 'x.json', '--bogus'], "unknown option '--bogus' for blackout check; `blackout check --help` lists its options"],
    [['policy', 'validate', '--policy', 'x.yaml'], "unknown option '--policy' for blackout policy validate; `blackout policy validate --help` lists its options"],
    [['explain', 'x.json', '--idd', 'a', '--lang', 'fr'], "option inconnue '--idd' pour blackout explain ; `blackout explain --help` en donne la liste"],
    [['check', 'x.json', '--at', 'tomorrow'], "--at: 'tomorrow' is not an ISO 8601 instant with its offset, such as 2017-05-06T10:00:00+02:00, nor now"],
    [['check', 'missing-but-never-read.json', '--at', 'tomorrow'], '--at:'],
    [['check', 'x.json', '--at', '2017-05-06T10:00:00', '--lang', 'fr'], '--at : « 2017-05-06T10:00:00 » n’est pas un instant ISO 8601 avec son décalage'],
    [['explain', 'x.json', '--at', 'demain', '--lang', 'fr'], '--at : « demain » n’est pas un instant ISO 8601'],
    [['sweep', 'x.json', '--from', 'lundi', '--lang', 'fr'], '--from : « lundi » n’est pas un instant ISO 8601'],
    [['check', 'x.json', '--at', '--format', 'json', '--lang', 'fr'], '--at attend une valeur, pas une autre option'],
    [['check', 'x.json', '--output', '/nonexistent-folder/report.json', '--lang', 'fr'], 'impossible d’écrire /nonexistent-folder/report.json : dossier introuvable (ENOENT)'],
    [['serve', '--port', '99999', '--lang', 'fr'], '--port prend un nombre de 0 à 65535, pas « 99999 »'],
    [['policy', 'frob', '--lang', 'fr'], 'action de policy inconnue « frob » ; utilisez validate, test, show ou list'],
    [['tui', '-', '--lang', 'fr'], 'l’interface lit des fichiers, pas l’entrée standard'],
    [['serve', '--token', 'short', '--lang', 'fr'], 'le jeton doit faire au moins 8 caractères'],
    [['serve', '--cors', 'ftp://cms.example.org', '--lang', 'fr'], '--cors prend une origine http ou https, pas « ftp://cms.example.org »'],
    [['check', 'x.json', '--lang', 'de'], '--lang takes en or fr'],
    [['frobnicate'], "unknown command 'frobnicate'; 'blackout --help' lists them"],
    [['frobnicate', '--lang', 'fr'], "commande inconnue 'frobnicate' ; 'blackout --help' en donne la liste"],
    [['help', 'nonsense'], "unknown command 'nonsense'"],
    [['check', 'x.json', '--format'], '--format needs a value'],
    [['check', 'x.json', '--lang', 'fr', '--at'], '--at attend une valeur'],
  ])('exits 2 with one clear line for bad usage %j', async (args, message) => {
    const file = recordsFile('x.json', [allowed]);
    const { code, stderr, stdout } = await runCli(args.map((arg) => (arg === 'x.json' ? file : arg)));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it.each([
    [['help', 'check'], { LANG: 'fr_FR.UTF-8' }, 'Usage : blackout check'],
    [['help', 'explain', '--lang', 'fr'], {}, 'Usage : blackout explain'],
    [['help', 'serve'], { LANG: 'fr_FR.UTF-8' }, 'Usage : blackout serve'],
    [['help', 'sweep'], { LANG: 'fr_FR.UTF-8' }, 'Usage : blackout sweep'],
    [['help', 'tui', '--lang', 'fr'], {}, 'Usage : blackout tui'],
    [['help', 'policy'], { LANG: 'fr_FR.UTF-8' }, 'Usage : blackout policy'],
    [['help', 'policy', 'show', '--lang', 'fr'], {}, 'Usage : blackout policy show'],
    [['help', 'policy', 'test'], { LANG: 'C' }, 'Usage: blackout policy test'],
    [['--help'], { LANG: 'fr_FR.UTF-8' }, 'blackout : vérification du silence électoral'],
    [['--lang', 'fr', 'check', '--help'], {}, 'Usage : blackout check'],
    [['help', 'serve'], { LANG: 'C' }, 'Usage: blackout serve'],
  ])('%j gives that command’s own help, in the run’s language', async (args, env, first) => {
    const { code, stdout } = await runCli(args, { env });
    expect(code).toBe(0);
    expect(stdout.startsWith(first)).toBe(true);
  });

  it.each([
    ['missing.json', undefined, 'no such file'],
    ['empty.json', '', 'the input is empty'],
    ['broken.json', '[{"id": "a",\n  "x": }]', 'broken.json:2: not valid JSON'],
    ['scalar.json', '42', 'expected a JSON object or an array'],
  ])('exits 2 for unreadable input %s', async (name, content, message) => {
    const path = content === undefined ? join(folder, name) : recordsFile(name, content);
    const { code, stderr } = await runCli(['check', path]);
    expect(code).toBe(2);
    expect(stderr).toContain(name);
    expect(stderr).toContain(message);
  });

  it('exits 2 with located problems when the policy is invalid', async () => {
    const policy = join(folder, 'broken-policy.yaml');
    writeFileSync(policy, 'policy:\n  id: x\n  title: X\n  jurisdiction: FR\n  version: "1"\n  notice: N\nrules:\n  - id: r\n    severity: blocker\n');
    const { code, stderr } = await runCli(['check', recordsFile('p.json', [allowed]), '--policy', policy]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${policy}:9:15`);
    expect(stderr).toContain('severity');
  });

  it('prints text by default, without colour when not on a terminal', async () => {
    const { stdout } = await runCli(['check', recordsFile('t.json', [blocked])]);
    expect(stdout).toContain('BLOCKED poll');
    expect(stdout).toContain('fr.loi77-808.art11.polls');
    expect(stdout).toContain('may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)');
    expect(stdout).toContain('not legal advice');
    expect(stdout).not.toContain('\u001b[');
  });
});

describe('blackout policy validate', () => {
  it('accepts the shipped policy', async () => {
    const { code, stdout } = await runCli(['policy', 'validate', 'policies/fr']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/policies\/fr: valid \(fr 2026\.11\.0, \d+ rules/);
  });

  it('lists every problem of a bad policy with file:line:col and exits 2', async () => {
    const policy = join(folder, 'two-problems.yaml');
    writeFileSync(policy, 'policy:\n  id: x\n  title: X\n  jurisdiction: FR\n  version: "1"\n  notice: N\n  colour: red\nregions:\n  A: { name: A, zone: 5 }\n');
    const { code, stderr } = await runCli(['policy', 'validate', policy]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${policy}:7:3: policy: unknown key 'colour'`);
    expect(stderr).toContain(`${policy}:9:23: regions.A.zone: must be string`);
    expect(stderr).toContain('2 problems');
    expect(stderr).toContain('^');
  });
});

describe('blackout --version and --help', () => {
  it('prints the text report of the #MacronLeaks example when no command is given off a terminal', async () => {
    const { code, stdout, stderr } = await runCli([]);
    const check = await runCli(['check', 'examples/macronleaks/records.json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toBe(check.stdout);
    expect(stdout).toContain('BLOCKED ml-02-4chan-post  examples/macronleaks/records.json:17:3\n  Fri 5 May 2017 20:35 Europe/Paris (18:35 UTC)');
  });

  it('prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help for check', async () => {
    const { code, stdout } = await runCli(['check', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes');
  });

  it('refuses an --output that names an input (by any path) or a record file in an input folder, before anything is written; a report beside its records under another extension is fine', async () => {
    const input = recordsFile('clobber.ndjson', `${JSON.stringify(blocked)}\n`);
    const before = readFileSync(input, 'utf8');
    const other = join(folder, 'sub', '..', 'clobber.ndjson');
    for (const [output, lang, message] of [
      [input, 'en', `--output ${input} is one of the inputs: the report would overwrite it before it is read`],
      [other, 'fr', `--output ${other} est l’une des entrées`],
    ] as const) {
      mkdirSync(join(folder, 'sub'), { recursive: true });
      const run = await runCli(['check', input, '--format', 'ndjson', '--output', output, '--lang', lang]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(readFileSync(input, 'utf8')).toBe(before);
    }
    const site = join(folder, 'site');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'post.json'), JSON.stringify(allowed));
    const inside = await runCli(['check', site, '--format', 'json', '--output', join(site, 'report.json')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain(`is in the input folder ${site} and named as a record file`);
    expect(existsSync(join(site, 'report.json'))).toBe(false);
    expect((await runCli(['check', site, '--format', 'sarif', '--output', join(site, 'blackout.sarif')])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(site, 'blackout.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});
