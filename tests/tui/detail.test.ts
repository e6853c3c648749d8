import { describe, expect, it } from 'vitest';
import { detailLines, indexWindows } from '../../src/tui/detail.js';
import { messagesFor } from '../../src/tui/messages.js';
import { cell } from '../../src/tui/rows.js';
import { whatIf } from '../../src/tui/what-if.js';
import { exampleRows, frenchChecker } from './helpers.js';

async function row(key: string, lang: 'en' | 'fr' = 'en') {
  const found = (await exampleRows(lang)).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

describe('the detail pane', () => {
  it('names each rule and its citation, every region’s window in local time and UTC, and the earliest allowed time', async () => {
    const checker = await frenchChecker();
    const lines = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-22-guadeloupe-results-saturday-night'), undefined, messagesFor('en'), 'en').map((line) => line.text);
    expect(lines).toEqual([
      'BLOCKED  ml-22-guadeloupe-results-saturday-night',
      "Guadeloupe : les résultats du second tour dans l'archipel",
      'checked at: Sun 7 May 01:30 Europe/Paris · 2017-05-06T23:30:00.000Z',
      'source: examples/macronleaks/records.json#21',
      '✖ fr.l52-2.results · Code électoral, art. L52-2 (version issue de la loi 2016-508)',
      '  No partial or final result or estimate may be communicated to the public from Fri 5 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe).',
      '  regions: GP · fr-presidentielle-2017-t2',
      '    GP: from Fri 5 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe) = 05-05 04:00Z → 05-07 18:00Z',
      'earliest allowed: Sun 7 May 20:00 Europe/Paris · 2017-05-07T18:00:00.000Z',
    ]);
  });

  it('puts regions with the same wall-clock window on one line', async () => {
    const checker = await frenchChecker();
    const lines = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-02-4chan-post'), undefined, messagesFor('en'), 'en').map((line) => line.text);
    expect(lines).toContain('    GP, MQ, BL, MF: from Fri 5 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe) = 05-05 04:00Z → 05-07 18:00Z');
    expect(lines).toContain('    NC: from Sat 6 May 00:00 until Mon 8 May 05:00 (Pacific/Noumea) = 05-05 13:00Z → 05-07 18:00Z');
  });

  it('shows the detector hits that made a record review, in French too', async () => {
    const checker = await frenchChecker();
    const english = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-18-commission-des-sondages-warning'), undefined, messagesFor('en'), 'en');
    expect(english[0]).toEqual({ text: 'REVIEW  ml-18-commission-des-sondages-warning', role: 'review' });
    expect(english.map((line) => line.text)).toContain('  "sondages" in the title suggests poll');
    const french = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-18-commission-des-sondages-warning', 'fr'), undefined, messagesFor('fr'), 'fr');
    expect(french[0]!.text).toBe('À REVOIR  ml-18-commission-des-sondages-warning');
    expect(french.map((line) => line.text)).toContain('  « sondages » (titre) laisse penser à poll');
  });

  it('says why an invalid record cannot be checked', async () => {
    const checker = await frenchChecker();
    const verdict = checker.check({ id: 'bad', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['nope'] });
    const base = await row('ml-01-pastebin-archive');
    const lines = detailLines(checker.policy, indexWindows(checker.policy), { ...base, verdict }, undefined, messagesFor('en'), 'en').map((line) => line.text);
    expect(lines[0]).toBe('INVALID  bad');
    expect(lines).toContain('cannot be checked:');
    expect(lines.some((line) => line.startsWith('  categories[0]: '))).toBe(true);
  });
});

describe('what if', () => {
  it('moves a blocked record to its earliest allowed time and checks it again there', async () => {
    const checker = await frenchChecker();
    const blocked = await row('ml-25-foreign-estimates-before-eight');
    const result = whatIf(checker, blocked, 'en');
    expect(result.atMs).toBe(Date.parse('2017-05-07T18:00:00.000Z'));
    expect(result.verdict!.status).toBe('allowed');
    const lines = detailLines(checker.policy, indexWindows(checker.policy), blocked, result, messagesFor('en'), 'en');
    expect(lines.at(-1)).toEqual({ text: 'What if published at Sun 7 May 20:00 Europe/Paris (2017-05-07T18:00:00.000Z): ALLOWED', role: 'allowed' });
  });

  it('has nothing to move for a record that is not blocked', async () => {
    const checker = await frenchChecker();
    const allowed = await row('ml-27-results-at-eight');
    const result = whatIf(checker, allowed, 'en');
    expect(result).toEqual({ key: 'ml-27-results-at-eight', atMs: null, verdict: null });
    expect(detailLines(checker.policy, indexWindows(checker.policy), allowed, result, messagesFor('en'), 'en').at(-1)!.text).toBe(messagesFor('en').detail.whatIfNothing);
  });
});

describe('cell', () => {
  it('keeps record text from driving the terminal, and bounds its length', () => {
    expect(cell('a\u001b[2Jb\nc\u202ed')).toBe('a\\u001b[2Jb\\u000ac\\u202ed');
    expect(cell('x'.repeat(10_000))).toHaveLength(241);
    expect(cell(42)).toBe('');
  });
});
