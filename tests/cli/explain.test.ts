import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'blackout-explain-'));
function recordsFile(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const poll = { id: 'poll', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] };
const news = { id: 'news', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'], channel: 'web' };

describe('blackout explain', () => {
  it('explains the record --id picks, the rules that apply first, and exits 1 when it is blocked', async () => {
    const { code, stdout, stderr } = await runCli(['explain', recordsFile('two.json', [news, poll]), '--id', 'poll']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('poll at Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC): BLOCKED');
    expect(lines[1]).toBe('may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)');
    expect(lines[4]).toMatch(/^✖ fr\.loi77-808\.art11\.polls · Loi n° 77-808 .* · applies \(block\)$/);
    expect(lines[5]).toBe('    ✓ category: the rule covers poll, which the record declares');
    expect(lines[8]).toBe('    ✓ time: inside the window for Mainland France and Corsica (2017 presidential election, round 2: from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris))');
    expect(stdout).toMatch(/· fr\.l49\.propaganda · .* · does not apply\n +✗ category: the rule covers propaganda, new-polemic; the record declares poll/);
  });

  it('exits 2 when the file holds several records and no --id, listing the ids', async () => {
    const { code, stderr } = await runCli(['explain', recordsFile('many.json', [news, poll])]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/many\.json holds 2 records: choose one with --id \(news, poll\)/);
    const missing = await runCli(['explain', recordsFile('many2.json', [news, poll]), '--id', 'nope', '--lang', 'fr']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/aucun enregistrement d'id « nope » ; les ids sont news, poll/);
  });

  it('reads standard input, checks at --at, and speaks French', async () => {
    const draft = { id: 'draft', categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] };
    const { code, stdout } = await runCli(['explain', '-', '--at', '2017-05-08T09:00:00+02:00', '--lang', 'fr'], { stdin: JSON.stringify(draft) });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^draft à lun\. 8 mai 2017 09:00 Europe\/Paris \(07:00 UTC\): AUTORISÉ/);
    expect(stdout).toMatch(
      /✗ moment : hors de toute fenêtre pour ce public : la dernière fenêtre \(Élection présidentielle 2017, 2e tour, France métropolitaine et Corse\) s’est fermée le dim\. 7 mai 2017 20:00 Europe\/Paris \(18:00 UTC\), 13\u00a0heures avant/,
    );
  });

  it('exits 2 on an invalid record, naming the field, and on unreadable input', async () => {
    const invalid = await runCli(['explain', recordsFile('bad.json', { id: 'bad', publishedAt: '2017-05-06T10:00:00', categories: ['news'] })]);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toMatch(/^bad at \?: INVALID\n  publishedAt: /);
    const missing = await runCli(['explain', join(folder, 'none.json')]);
    expect(missing.code).toBe(2);
    // Told as check tells an input problem, once: nothing is left to pick from.
    expect(missing.stderr).toBe(`${join(folder, 'none.json')}: no such file\n`);
    expect((await runCli(['explain'])).code).toBe(2);
  });

  it('prints its help in English and French, and the main help lists it', async () => {
    expect((await runCli(['explain', '--help'])).stdout).toContain('blackout explain examples/macronleaks/records.json --id ml-05-philippot-tweet');
    expect((await runCli(['explain', '--help', '--lang', 'fr'])).stdout).toContain('Explique le verdict d’un enregistrement');
    expect((await runCli(['--help'])).stdout).toContain('blackout explain FILE');
  });

  it('explains the record asked for when other lines are bad, tells them on stderr, and exits 2, as check does', async () => {
    const file = join(folder, 'mixed.ndjson');
    writeFileSync(file, `${JSON.stringify(poll)}\nnot json\n${JSON.stringify(news)}\n`);
    const { code, stdout, stderr } = await runCli(['explain', file, '--id', 'news']);
    expect(stdout.split('\n')[0]).toBe('news at Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC): ALLOWED');
    expect(stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON: [^\\n]*\\n$`));
    expect(code).toBe(2);
  });

  it('refuses an --id two records share, naming their lines, rather than explain the first as if it were the one', async () => {
    const file = join(folder, 'twice.ndjson');
    writeFileSync(file, `${JSON.stringify({ ...news, id: 'x' })}\n${JSON.stringify({ ...poll, id: 'x' })}\n`);
    const { code, stdout, stderr } = await runCli(['explain', file, '--id', 'x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}: the id 'x' is on 2 records (lines 1, 2); give each record its own id`);
    expect((await runCli(['explain', file, '--id', 'x', '--lang', 'fr'])).stderr).toContain('est sur 2 enregistrements (lignes 1, 2)');
  });

  it('speaks the language of the environment, as check does, when --lang is not given', async () => {
    const file = recordsFile('env-lang.json', poll);
    const french = await runCli(['explain', file], { env: { BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', LANG: 'fr_FR.UTF-8' } });
    expect(french.stdout.split('\n')[0]).toBe('poll à sam. 6 mai 2017 10:00 Europe/Paris (08:00 UTC): BLOQUÉ');
    const forced = await runCli(['explain', file, '--lang', 'en'], { env: { BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', LANG: 'fr_FR.UTF-8' } });
    expect(forced.stdout.split('\n')[0]).toBe('poll at Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC): BLOCKED');
    const policy = await runCli(['policy', 'validate', 'policies/fr'], { env: { BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', LC_ALL: 'fr_FR.UTF-8' } });
    expect(policy.code).toBe(0);
    expect(policy.stdout).not.toBe((await runCli(['policy', 'validate', 'policies/fr'])).stdout);
  });
});

describe('blackout explain, in the newsroom’s words', () => {
  const p17 = { id: 'p17', publishedAt: '2027-04-17T12:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' };

  it('says the instant in the reader’s zone, that a provisional calendar could change the answer, and leaves far rules to --all', async () => {
    const file = recordsFile('p17.json', p17);
    const { code, stdout } = await runCli(['explain', file]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('p17 at Sat 17 Apr 2027 12:00 Europe/Paris (10:00 UTC): ALLOWED');
    expect(lines[1]).toMatch(/^Provisional answer \(2027 presidential election: .*\): it may change once the calendar is settled\.$/);
    expect(stdout).toContain('the last window (2027 presidential election, round 1, Mainland France and Corsica) closed Sun 11 Apr 2027 20:00 Europe/Paris (18:00 UTC), 5 days and 16 hours before');
    const left = /^(\d+) other rules do not apply: not the record's kind, and no window of theirs within 60 days of it \(--all lists them\)$/m.exec(stdout);
    expect(left).not.toBeNull();
    const shown = stdout.split('\n').filter((line) => /^[✖!·] /.test(line)).length;
    const all = await runCli(['explain', file, '--all']);
    const listed = all.stdout.split('\n').filter((line) => /^[✖!·] /.test(line)).length;
    expect(listed).toBe(shown + Number(left![1]));
    expect(all.stdout).toContain('policy fr');
    expect(all.stdout).not.toContain('other rules do not apply');
  });

  it('writes times in --display-zone, and refuses an unknown one in the run’s language', async () => {
    const file = recordsFile('p17-zone.json', p17);
    const { stdout } = await runCli(['explain', file, '--display-zone', 'America/Guadeloupe']);
    expect(stdout.split('\n')[0]).toBe('p17 at Sat 17 Apr 2027 06:00 America/Guadeloupe (10:00 UTC): ALLOWED');
    const bad = await runCli(['explain', file, '--display-zone', 'Europe/Pariss', '--lang', 'fr']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'blackout: --display-zone : fuseau horaire inconnu « Europe/Pariss »']);
  });

  it('reads a local time in --zone, as check does', async () => {
    const file = recordsFile('local.json', { id: 'local', publishedAt: '2017-05-06T10:00:00', categories: ['poll'] });
    const explained = await runCli(['explain', file, '--zone', 'Europe/Paris']);
    expect([explained.code, explained.stdout.split('\n')[0]]).toEqual([1, 'local at Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC): BLOCKED']);
    const checked = await runCli(['check', file, '--zone', 'Europe/Paris', '--format', 'json']);
    expect(JSON.parse(checked.stdout).results[0]).toMatchObject({ status: 'blocked', at: '2017-05-06T10:00:00.000+02:00' });
    expect((await runCli(['explain', file])).code).toBe(2);
    const bad = await runCli(['explain', file, '--zone', 'Europe/Pariss', '--lang', 'fr']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'blackout: --zone : fuseau horaire inconnu « Europe/Pariss »']);
  });
});
