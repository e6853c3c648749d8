import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHER_KINDS } from '../../src/compile/compiled.js';
import { explain } from '../../src/engine/explain.js';
import { createChecker, isPolicyError, loadPolicyFromText, type Checker, type CompiledPolicy } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { frenchPolicy, syntheticPolicy } from '../helpers/policies.js';

let policy: CompiledPolicy;
let checker: Checker;
beforeAll(async () => {
  policy = await frenchPolicy();
  checker = createChecker(policy);
});

/** An instant in Paris, computed by luxon apart from the engine. */
const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toISO()!;
const SATURDAY_10H = paris('2017-05-06T10:00:00');
const SILENCE_RULES_2017 = ['fr.l49.propaganda', 'fr.l49.documents', 'fr.l49-1.phoning', 'fr.loi77-808.art11.polls', 'fr.l52-2.results'];

describe('keys that were meant as fields are errors, never ignored', () => {
  it.each([
    ['Categories', 'categories'],
    ['categorie', 'categories'],
    ['category', 'categories'],
  ])('a poll on the Saturday with %s is invalid, naming %s', (key, field) => {
    const verdict = checker.check({ id: 'p', publishedAt: SATURDAY_10H, [key]: ['poll'] });
    expect(verdict.status).toBe('invalid');
    expect(verdict.errors).toContainEqual({ field: key, code: 'near-miss', message: `"${key}" is not a record field: did you mean "${field}"?` });
  });

  it('names every near miss, the publisher’s too, beside the other errors', () => {
    const verdict = checker.check({ id: 'p', published_at: SATURDAY_10H, audiance: ['FR-MET'], categories: ['poll'], publisher: { Kind: 'party' } });
    expect(verdict.errors.map((error) => [error.field, error.code])).toEqual([
      ['published_at', 'near-miss'],
      ['audiance', 'near-miss'],
      ['publishedAt', 'required'],
      ['publisher.Kind', 'near-miss'],
    ]);
  });

  it('says what to fix in the reader’s language: every field error in French when French is asked for, English otherwise', () => {
    const record = { id: '', published_at: SATURDAY_10H, categories: ['Poll'], audience: 'FR-MET', channel: 'Web', publisher: { kind: 'Media' }, action: 'delete' };
    const english = checker.check(record);
    const french = checker.check(record, { lang: 'fr' });
    expect(french.errors.map(({ field, code }) => [field, code])).toEqual(english.errors.map(({ field, code }) => [field, code]));
    expect(french.errors.map(({ field, message }) => `${field}: ${message}`)).toEqual([
      'published_at: "published_at" n’est pas un champ d’enregistrement : vouliez-vous dire "publishedAt" ?',
      'id: id doit être une chaîne non vide d’au plus 1024 caractères',
      'action: action doit valoir l’une de ces valeurs : publish, update, remain',
      'publishedAt: publishedAt est obligatoire quand aucun instant à vérifier n’est donné',
      `categories[0]: catégorie inconnue "Poll" ; la politique connaît ${policy.categories.map((category) => category.name).join(', ')}`,
      'audience: audience doit être un tableau non vide de codes de régions ou de groupes',
      `channel: canal inconnu "Web" ; la politique connaît ${policy.channels.join(', ')}`,
      `publisher.kind: publisher.kind doit valoir l’une de ces valeurs : ${PUBLISHER_KINDS.join(', ')}`,
    ]);
    expect(english.errors[1]!.message).toBe('id must be a non-empty string of at most 1024 characters');
    // Times: what the instant's reader says, in French too.
    const times = (publishedAt: string, zone?: string) => checker.check({ id: 't', publishedAt, categories: ['poll'], ...(zone ? { zone } : {}) }, { lang: 'fr' }).errors[0]!.message;
    expect(times('samedi')).toBe('« samedi » n’est pas une date et heure ISO 8601 telle que 2017-05-06T10:00:00+02:00');
    expect(times('2017-05-06T10:00:00')).toBe('« 2017-05-06T10:00:00 » n’a pas de décalage : ajoutez Z ou ±HH:MM, ou donnez un fuseau (zone) à l’enregistrement');
    expect(times('2017-03-26T02:30:00', 'Europe/Paris')).toBe('2017-03-26T02:30:00 n’existe pas dans Europe/Paris (les horloges la sautent au passage à l’heure d’été)');
    expect(times('2017-10-29T02:30:00', 'Europe/Paris')).toBe('2017-10-29T02:30:00 existe deux fois dans Europe/Paris (2017-10-29T02:30:00.000+02:00 et 2017-10-29T02:30:00.000+01:00) : donnez un décalage');
  });

  it('keeps the keys CMS records carry, and a flag that no field would hold', () => {
    const verdict = checker.check({ id: 'p', publishedAt: SATURDAY_10H, categories: ['poll'], slug: 'x', author: 'y', tags: ['a'], published: true, status: 'publish' });
    expect(verdict.status).toBe('blocked');
  });

  it('reads a near miss in every input format the same way', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-near-miss-'));
    const files = {
      'a.ndjson': `{"id":"n1","publishedAt":"${SATURDAY_10H}","Categories":["poll"]}\n`,
      'b.json': JSON.stringify([{ id: 'j1', publishedAt: SATURDAY_10H, categorie: ['poll'] }]),
      'c.yaml': `id: y1\npublishedAt: "${SATURDAY_10H}"\nCategories: [poll]\n`,
      'd.csv': `id,publishedAt,Categories\nc1,${SATURDAY_10H},poll\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    const { code, stdout } = await runCli(['check', folder, '--format', 'ndjson']);
    const verdicts = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; status: string; errors: { code: string }[] });
    expect(verdicts.map((verdict) => [verdict.id, verdict.status, verdict.errors[0]?.code])).toEqual([
      ['n1', 'invalid', 'near-miss'],
      ['j1', 'invalid', 'near-miss'],
      ['y1', 'invalid', 'near-miss'],
      ['c1', 'invalid', 'near-miss'],
    ]);
    expect(code).toBe(2);
  });

  it('refuses a YAML merge key at its line, in records and front matter, and checks the other documents', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-merge-'));
    writeFileSync(join(folder, 'a.yaml'), `id: good\npublishedAt: "${SATURDAY_10H}"\ncategories: [news]\n---\nid: merge\npublishedAt: "${SATURDAY_10H}"\n<<: {categories: [poll]}\n`);
    writeFileSync(join(folder, 'b.md'), `---\nid: page\npublishedAt: "${SATURDAY_10H}"\nbase: &base {categories: [poll]}\n<<: *base\n---\nText\n`);
    const { code, stdout, stderr } = await runCli(['check', folder, '--format', 'ndjson']);
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['good']);
    expect(stderr).toContain(`${join(folder, 'a.yaml')}:7: YAML merge keys (<<) are not read`);
    expect(stderr).toContain(`${join(folder, 'b.md')}:5: YAML merge keys (<<) are not read`);
    expect(code).toBe(2);
  });

  it('bounds the work on a list however long it claims to be', () => {
    const sparse: string[] = [];
    sparse.length = 2 ** 32 - 1;
    const started = performance.now();
    const verdict = checker.check({ id: 'p', publishedAt: SATURDAY_10H, categories: sparse, audience: sparse });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(verdict.errors.map((error) => [error.field, error.code])).toEqual([
      ['categories', 'too-long'],
      ['audience', 'too-long'],
    ]);
  });
});

describe('a record that declares no category, inside a silence', () => {
  const uncategorised = (publishedAt: string, extra: Record<string, unknown> = {}) =>
    checker.check({ id: 'u', publishedAt, channel: 'web', audience: ['FR-MET'], title: 'Les derniers chiffres', ...extra });

  it('is review from the mainland eve 00:00 to Sunday 20:00 Paris, naming every silence rule that could apply', () => {
    const eve = DateTime.fromISO('2017-05-06T00:00:00', { zone: 'Europe/Paris' });
    const close = DateTime.fromISO('2017-05-07T20:00:00', { zone: 'Europe/Paris' });
    expect(uncategorised(eve.minus({ milliseconds: 1 }).toISO()!).status).toBe('allowed');
    for (const instant of [eve, close.minus({ milliseconds: 1 })]) {
      const verdict = uncategorised(instant.toISO()!);
      expect(verdict.status).toBe('review');
      expect(verdict.violations.map((violation) => violation.rule)).toEqual(SILENCE_RULES_2017);
      expect(verdict.violations.every((violation) => violation.severity === 'review' && violation.uncategorised === true && violation.detected === null)).toBe(true);
      expect(verdict.earliestAllowedAt).toBeNull();
    }
    expect(uncategorised(close.toISO()!).status).toBe('allowed');
  });

  it('says why, and what to write, in English and in French', () => {
    const [english] = uncategorised(SATURDAY_10H).violations;
    expect(english!.message).toMatch(/^No category declared: during the silence every publication must say what it is \(news if it is not electoral\)\. If it is propaganda or new-polemic: Electoral propaganda/);
    const [french] = checker.check({ id: 'u', publishedAt: SATURDAY_10H, audience: ['FR-MET'] }, { lang: 'fr' }).violations;
    expect(french!.message).toMatch(/^Aucune catégorie déclarée : pendant le silence, chaque publication doit dire ce qu'elle est/);
  });

  it('stays allowed when it says it is news, and when only the excepted L52-1 ban holds', () => {
    expect(uncategorised(SATURDAY_10H, { categories: ['news'] }).status).toBe('allowed');
    expect(uncategorised(paris('2017-05-04T10:00:00')).status).toBe('allowed');
  });

  it('is placed by a detector when one recognises it, and then only that rule is named', () => {
    const verdict = uncategorised(SATURDAY_10H, { title: 'Le dernier sondage' });
    expect(verdict.violations.map((violation) => violation.rule)).toEqual(['fr.loi77-808.art11.polls']);
    expect(verdict.violations[0]!.uncategorised).toBeUndefined();
  });

  it('shares outcomes between records alike without mixing them up with declared ones', () => {
    const fresh = createChecker(policy);
    for (let round = 0; round < 3; round++) {
      expect(fresh.check({ id: `d${round}`, publishedAt: SATURDAY_10H, categories: ['poll'], audience: ['FR-MET'], channel: 'web' }).status).toBe('blocked');
      expect(fresh.check({ id: `u${round}`, publishedAt: SATURDAY_10H, audience: ['FR-MET'], channel: 'web' }).status).toBe('review');
      expect(fresh.check({ id: `n${round}`, publishedAt: SATURDAY_10H, categories: ['news'], audience: ['FR-MET'], channel: 'web' }).status).toBe('allowed');
    }
  });

  it('is explained rule by rule', () => {
    const { rules } = explain(policy, { id: 'u', publishedAt: SATURDAY_10H, audience: ['FR-MET'], channel: 'web' });
    const propaganda = rules.find((rule) => rule.rule === 'fr.l49.propaganda')!;
    expect(propaganda.applies).toBe(true);
    expect(propaganda.category).toEqual({ fits: true, via: 'uncategorised', covered: ['propaganda', 'new-polemic'] });
    expect(propaganda.sentences[0]).toContain('the record declares none');
    const ads = rules.find((rule) => rule.rule === 'fr.l52-1.political-ads')!;
    expect(ads.category.fits).toBe(false);
  });
});

describe('the uncategorised setting of a policy', () => {
  const elections = `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`;
  const rules = `  - id: silence
    title: Silence
    citation: { text: A }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
  - id: ads
    title: Ads
    citation: { text: B }
    severity: block
    covers: { categories: [poll] }
    window:
      start: { kind: votingDay, days: -30, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
  - id: soft
    title: Soft
    citation: { text: C }
    severity: review
    covers: { categories: [poll] }
    window:
      start: { kind: votingDay, days: -30, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`;
  const withSetting = (setting: string) => loadPolicyFromText(`${syntheticPolicy({ regions: { PARIS: 'Europe/Paris' }, elections, rules })}${setting}`, { name: 'test.yaml' });
  const record = (publishedAt: string) => ({ id: 'u', publishedAt, channel: 'web' });
  const SATURDAY = paris('2030-06-08T10:00:00');
  const MAY = paris('2030-05-20T10:00:00');

  it('is review under every block rule when the policy does not say (fail closed)', () => {
    const local = createChecker(withSetting(''));
    expect(local.check(record(SATURDAY)).violations.map((violation) => violation.rule)).toEqual(['silence', 'ads']);
    expect(local.check(record(MAY)).violations.map((violation) => violation.rule)).toEqual(['ads']);
  });

  it('leaves out the block rules it excepts', () => {
    const local = createChecker(withSetting('uncategorised: { status: review, except: [ads] }\n'));
    expect(local.check(record(SATURDAY)).violations.map((violation) => violation.rule)).toEqual(['silence']);
    expect(local.check(record(MAY)).status).toBe('allowed');
  });

  it('lets uncategorised records through with allowed', () => {
    expect(createChecker(withSetting('uncategorised: allowed\n')).check(record(SATURDAY)).status).toBe('allowed');
  });

  it('refuses an except list that names an unknown or a review rule, at its line', () => {
    let caught: unknown;
    try {
      withSetting('uncategorised:\n  status: review\n  except: [nope, soft]\n');
    } catch (error) {
      caught = error;
    }
    expect(isPolicyError(caught)).toBe(true);
    const issues = (caught as { issues: { message: string; line?: number }[] }).issues;
    expect(issues.map((issue) => issue.message)).toEqual([
      "unknown rule 'nope'",
      "rule 'soft' is a review rule: only block rules' windows make an uncategorised record review, so there is nothing to except",
    ]);
    expect(issues.every((issue) => typeof issue.line === 'number')).toBe(true);
  });
});

describe('a record that says it was edited after its publication, inside a window, is invalid: the edit went out again', () => {
  // The silence of 6 May 2017 opens at Saturday 00:00 Paris, computed by luxon apart from the engine.
  const opens = DateTime.fromISO('2017-05-06T00:00:00', { zone: 'Europe/Paris' });
  const friday = paris('2017-05-05T23:00:00');
  const tract = (edit: Record<string, unknown>) => ({ id: 'tract', publishedAt: friday, categories: ['propaganda'], audience: ['FR-MET'], channel: 'web', ...edit });

  it.each(['updatedAt', 'updated_at', 'modifiedAt', 'modified_at', 'modified', 'dateModified', 'lastModified', 'last_modified', 'last_modified_at', 'lastmod'])('%s inside the silence', (key) => {
    const verdict = checker.check(tract({ [key]: SATURDAY_10H }));
    expect(verdict.status).toBe('invalid');
    expect(verdict.errors).toEqual([expect.objectContaining({ field: key, code: 'edited-in-window' })]);
    expect(verdict.errors[0]!.message).toContain('action: update');
    expect(verdict.errors[0]!.message).toContain('fr.l49.propaganda');
  });

  it('at the window’s edge: 1 ms before it opens the edit is lawful, at its first instant it is not', () => {
    expect(checker.check(tract({ updatedAt: opens.minus({ milliseconds: 1 }).toUTC().toISO() })).status).toBe('allowed');
    expect(checker.check(tract({ updatedAt: opens.toUTC().toISO() })).status).toBe('invalid');
  });

  it('says nothing of an edit after the silence, before the publication, of content no rule covers, or when an instant is given', () => {
    expect(checker.check(tract({ updatedAt: paris('2017-05-08T10:00:00') })).status).toBe('allowed');
    expect(checker.check(tract({ updatedAt: paris('2017-05-05T10:00:00') })).status).toBe('allowed');
    expect(checker.check({ ...tract({ modified: SATURDAY_10H }), categories: ['news'] }).status).toBe('allowed');
    // Asked about one instant (a CMS hook, --at): that is the instant checked.
    expect(checker.check(tract({ updatedAt: SATURDAY_10H }), { at: friday }).status).toBe('allowed');
  });

  it('leaves records that say their action alone, and reads a local edit time in the record’s zone', () => {
    expect(checker.check({ ...tract({ updatedAt: SATURDAY_10H }), action: 'remain', firstPublishedAt: friday, publishedAt: SATURDAY_10H }).status).toBe('allowed');
    const local = checker.check({ ...tract({ lastmod: '2017-05-06T10:00:00' }), zone: 'Europe/Paris' });
    expect(local.errors[0]).toMatchObject({ field: 'lastmod', code: 'edited-in-window' });
    expect(local.errors[0]!.message).toContain('2017-05-06T10:00:00.000+02:00');
  });

  it('refuses an edit time it cannot read, which may be inside a window; reads a Date as the instant it is', () => {
    for (const value of ['hier', '2017-05-06 10:00:00', '2017-05-06T10:00:00', 1494057600000, true, { at: 'x' }]) {
      const verdict = checker.check(tract({ updatedAt: value }));
      expect(verdict.status, JSON.stringify(value)).toBe('invalid');
      expect(verdict.errors, JSON.stringify(value)).toEqual([expect.objectContaining({ field: 'updatedAt', code: 'unreadable-edit' })]);
    }
    expect(checker.check(tract({ modified: 'hier' }), { lang: 'fr' }).errors[0]!.message).toMatch(/^modified dit quand l’enregistrement a été modifié/);
    expect(checker.check(tract({ updatedAt: new Date(SATURDAY_10H) })).errors[0]).toMatchObject({ field: 'updatedAt', code: 'edited-in-window' });
    expect(checker.check(tract({ updatedAt: new Date(paris('2017-05-08T10:00:00')) })).status).toBe('allowed');
    expect(checker.check(tract({ updatedAt: null })).status).toBe('allowed');
  });

  it('names the latest of several edit times, and speaks French', () => {
    const verdict = checker.check(tract({ modified: paris('2017-05-06T09:00:00'), updatedAt: SATURDAY_10H }), { lang: 'fr' });
    expect(verdict.errors[0]).toMatchObject({ field: 'updatedAt' });
    expect(verdict.errors[0]!.message).toMatch(/^updatedAt indique une modification le 2017-05-06T10:00:00\.000\+02:00/);
  });
});
