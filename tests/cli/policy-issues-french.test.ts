/**
 * The CLI shows a policy's problems in the run's language: `--lang fr` (or a
 * French LANG) prints each as `file:line:col: message` in French, by every
 * command that loads a policy, and the English run stays as it was.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const GOOD = `policy: { id: test, title: Test, jurisdiction: FR, version: "1", notice: Not legal advice. }
regions:
  MET: { name: Mainland, zone: Europe/Paris }
categories:
  poll: { description: Polls }
elections:
  - id: e
    kind: presidential
    title: E
    rounds: [{ id: t1, date: "2017-04-23" }]
rules:
  - id: polls
    title: Polls
    citation: { text: Law }
    severity: block
    covers: { categories: [poll] }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
`;

const scratch = mkdtempSync(join(tmpdir(), 'blackout-cli-issues-fr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** One broken policy per kind of problem: YAML, schema, meaning, reading, limits. */
const BROKEN = {
  yaml: write('syntax.yaml', GOOD.replace('title: Polls', 'title: "Polls')),
  schema: write('shape.yaml', GOOD.replace('    covers:', '    cover:').replace('version: "1"', 'version: 1')),
  semantic: write('meaning.yaml', GOOD.replace('categories: [poll] }', 'categories: [pol] }').replace('zone: Europe/Paris }\ncategories', 'zone: Europe/Atlantis }\ncategories')),
  io: write('reading.yaml', 'extends: gone.yaml\n'),
  limit: write('depth.yaml', `${GOOD}deep: ${'['.repeat(70)}${']'.repeat(70)}\n`),
};

/** What each broken policy gets said of it, in English and in French. */
const SAID = {
  yaml: ['Missing closing "quote', 'guillemet double fermant manquant'],
  schema: ["rules[0]: unknown key 'cover' (did you mean 'covers'?)", 'rules[0] : clé inconnue « cover » (vouliez-vous dire « covers » ?)'],
  semantic: ["unknown category 'pol'", 'catégorie inconnue « pol »'],
  io: ["cannot read '", '» : fichier introuvable'],
  limit: ['nesting deeper than 64 levels', 'imbrication de plus de 64 niveaux'],
} as const;

/** Lines of stderr that are not an excerpt of a policy (`  12 | text`, `     |   ^`). */
const said = (stderr: string) => stderr.split('\n').filter((line) => line !== '' && !/^ {0,4}\d* \| /.test(line));

/** Words of the English messages that no French one holds; names and values in « » aside. */
const ENGLISH = /\b(the|is|are|must|unknown|cannot|not|and|be|missing|does|already|defined|only|more than|at most|problems?|key|expected|give|use|has)\b/;

describe('policy problems in the run’s language', () => {
  it('policy validate --lang fr says every kind of problem in French, and no line of it in English', async () => {
    const paths = Object.values(BROKEN);
    const french = await runCli(['policy', 'validate', ...paths, '--lang', 'fr']);
    expect(french.code).toBe(2);
    for (const [kind, [, fr]] of Object.entries(SAID)) expect(french.stderr, kind).toContain(fr);
    for (const path of paths) expect(french.stderr).toMatch(new RegExp(`^${path}: \\d+ problèmes?$`, 'm'));
    const lines = said(french.stderr);
    expect(lines.length).toBeGreaterThanOrEqual(paths.length * 2);
    for (const line of lines) expect(line.replace(/« [^»]*»/g, '«»').replace(/^[^ ]*:\d+:\d+: /, ''), line).not.toMatch(ENGLISH);

    const english = await runCli(['policy', 'validate', ...paths]);
    for (const [kind, [en]] of Object.entries(SAID)) expect(english.stderr, kind).toContain(en);
    expect(english.stderr).toContain(`${BROKEN.schema}:16:5: rules[0]: unknown key 'cover' (did you mean 'covers'?)\n  16 |     cover: { categories: [poll] }\n     |     ^\n`);
    expect(english.stderr).not.toContain('«');
  });

  it('follows a French LANG when no --lang is given', async () => {
    const run = await runCli(['policy', 'validate', BROKEN.semantic], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(run.stderr).toContain(`${BROKEN.semantic}:3:32: fuseau horaire inconnu « Europe/Atlantis »\n`);
    expect(run.stderr).toContain(`${BROKEN.semantic}: 2 problèmes\n`);
  });

  it('says a valid policy’s counts in French too', async () => {
    const run = await runCli(['policy', 'validate', write('good.yaml', GOOD), '--lang', 'fr']);
    expect(run.stdout).toMatch(/: valide \(test 1, 1 règle, 1 élection, 1 fenêtre\)\n$/);
  });

  it.each([
    ['check', ['check', '-', '--policy']],
    ['explain', ['explain', '-', '--policy']],
    ['sweep', ['sweep', '-', '--policy']],
    ['tui', ['tui', write('records.json', '[]'), '--policy']],
    ['serve', ['serve', '--port', '0', '--policy']],
    ['policy show', ['policy', 'show', '--policy']],
  ])('%s --lang fr with a broken policy: its problems in French, exit 2', async (_, args) => {
    const record = JSON.stringify({ id: 'a', publishedAt: '2017-04-22T10:00:00+02:00', categories: ['poll'] });
    const french = await runCli([...args, BROKEN.semantic, '--lang', 'fr'], { stdin: record });
    expect(french.code).toBe(2);
    expect(french.stderr).toContain(`${BROKEN.semantic}:3:32: fuseau horaire inconnu « Europe/Atlantis »\n`);
    expect(french.stderr).toMatch(/:\d+:\d+: catégorie inconnue « pol »\n/);
    expect(french.stderr).toContain('blackout: la politique a 2 problèmes\n');
    const english = await runCli([...args, BROKEN.semantic], { stdin: record });
    expect(english.stderr).toContain(`${BROKEN.semantic}:3:32: unknown time zone 'Europe/Atlantis'\n`);
    expect(english.stderr).toContain('blackout: the policy has 2 problems\n');
  });

  it('policy test --lang fr says the problems of its suites and of their policies in French', async () => {
    const folder = join(scratch, 'suite-policy');
    mkdirSync(join(folder, 'tests'), { recursive: true });
    writeFileSync(join(folder, 'policy.yaml'), GOOD.replace('categories: [poll] }', 'categories: [pol] }'));
    writeFileSync(join(folder, 'tests', 'a.yaml'), 'tests:\n  - { name: n, why: w, record: { categorie: [poll] }, expect: { status: allowed } }\n');
    writeFileSync(join(folder, 'tests', 'b.yaml'), 'tests:\n  - { name: n, why: w, record: { categories: [poll] }, expect: { status: allowed } }\n');
    const run = await runCli(['policy', 'test', folder, '--lang', 'fr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a\.yaml:2:\d+: champ d’enregistrement inconnu « categorie » ; un enregistrement a id, /);
    expect(run.stderr).toMatch(/policy\.yaml:16:\d+: catégorie inconnue « pol »\n/);
    expect(run.stderr).toContain('les suites ou politiques ont 2 problème(s)');
    const english = await runCli(['policy', 'test', folder]);
    expect(english.stderr).toMatch(/a\.yaml:2:\d+: unknown record field 'categorie'; a record has id, /);
  });
});
