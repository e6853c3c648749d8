/**
 * Citations of the shipped French policy (issue 14, point 3): each election is
 * cited with the wording of L49 in force for it (« al. 1 / al. 2 » and L49-1
 * until 29 June 2020, 1° to 4° from 30 June 2020, loi n° 2019-1269), every
 * statute links to Légifrance, every rule states its penalty. Read from the
 * YAML text, and checked on verdicts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChecker, loadPolicy } from '../../src/index.js';

interface YamlRule {
  id: string;
  citation: { text: string; url?: string };
  inForce?: { from?: string; until?: string };
  penalty?: { fr?: string; en?: string };
  note?: { fr?: string; en?: string } | string;
}

const POLICY_DIR = 'policies/fr';
const RULES: YamlRule[] = readdirSync(POLICY_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .flatMap((name) => (parse(readFileSync(join(POLICY_DIR, name), 'utf8')) as { rules?: YamlRule[] }).rules ?? []);
const NEW_WORDING = '2020-06-30';
const noteEn = (rule: YamlRule) => (typeof rule.note === 'string' ? rule.note : (rule.note?.en ?? ''));

describe('citations in the YAML', () => {
  it('holds the rules of every family', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(RULES.filter((rule) => /^(Code électoral|Loi n°)/.test(rule.citation.text)))('$id links its statute to Légifrance', (rule) => {
    expect(rule.citation.url).toMatch(/^https:\/\/www\.legifrance\.gouv\.fr\//);
  });

  it.each(RULES)('$id states its penalty in French and English', (rule) => {
    expect(rule.penalty?.fr).toBeTruthy();
    expect(rule.penalty?.en).toBeTruthy();
  });

  // A link built on Légifrance's pattern (a section or a law as in force on a date) was not opened: the note says so.
  it.each(RULES.filter((rule) => /section_lc|\/loda\/id\/.*\/\d{4}-\d{2}-\d{2}\/$/.test(rule.citation.url ?? '')))('$id says its dated link was built, not opened', (rule) => {
    expect(noteEn(rule)).toMatch(/built\b.*not opened/);
  });

  const l49 = RULES.filter((rule) => /art\. L49,/.test(rule.citation.text));
  it.each(l49.filter((rule) => rule.inForce?.until !== undefined && rule.inForce.until < NEW_WORDING))('$id (before 30 June 2020) cites al. 1 or al. 2', (rule) => {
    expect(rule.citation.text).toMatch(/art\. L49, al\. [12]/);
    expect(rule.citation.text).not.toMatch(/\d°/);
  });
  it.each(l49.filter((rule) => (rule.inForce?.from ?? '') >= NEW_WORDING))('$id (from 30 June 2020) cites 1° to 4° and loi 2019-1269', (rule) => {
    expect(rule.citation.text).toMatch(/art\. L49, [1-4]°/);
    expect(rule.citation.text).toMatch(/30 juin 2020/);
    expect(rule.citation.text).not.toMatch(/al\. [12]/);
  });
  it('cites L49-1 only until 29 June 2020', () => {
    for (const rule of RULES.filter((rule) => rule.citation.text.includes('L49-1') && !rule.id.startsWith('fr.nc-consultation'))) expect(rule.inForce?.until).toBe('2020-06-29');
  });
});

const checker = createChecker(await loadPolicy(POLICY_DIR));

describe('citations on verdicts', () => {
  const first = (record: Record<string, unknown>) => checker.check({ id: 'c', channel: 'web', audience: ['FR-MET'], ...record }).violations[0]!;

  it('2017: L49, al. 2, linked to chapter V as in force before 30 June 2020', () => {
    const violation = first({ publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'] });
    expect(violation.citation).toBe('Code électoral, art. L49, al. 2');
    expect(violation.citationUrl).toBe('https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070239/LEGISCTA000006148458/2020-06-29/');
  });

  it('2022: L49, 2°, linked to the version in force since 30 June 2020', () => {
    const violation = first({ publishedAt: '2022-04-09T10:00:00+02:00', categories: ['propaganda'] });
    expect(violation.citation).toBe('Code électoral, art. L49, 2° (depuis le 30 juin 2020, loi n° 2019-1269)');
    expect(violation.citationUrl).toBe('https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039446215');
  });

  it('2022: documents are 1°; 2017: al. 1', () => {
    expect(first({ publishedAt: '2022-04-09T10:00:00+02:00', categories: ['leaflet'], channel: 'print' }).citation).toMatch(/art\. L49, 1°/);
    expect(first({ publishedAt: '2017-05-06T10:00:00+02:00', categories: ['leaflet'], channel: 'print' }).citation).toBe('Code électoral, art. L49, al. 1');
  });

  it('municipales of 28 June 2020: still al. 2, two days before the new wording', () => {
    expect(first({ publishedAt: '2020-06-27T10:00:00+02:00', categories: ['propaganda'] }).citation).toBe('Code électoral, art. L49, al. 2');
  });

  it('the 2005 referendum: the 2004 wording, through its decree', () => {
    expect(first({ publishedAt: '2005-05-28T10:00:00+02:00', categories: ['propaganda'] }).citation).toBe(
      'Code électoral, art. L49, al. 2 (version du 22 juin 2004 au 19 avril 2011), rendu applicable par le décret n° 2005-238, art. 2',
    );
  });
});
