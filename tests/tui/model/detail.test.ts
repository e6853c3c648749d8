import { describe, expect, it } from 'vitest';
import { detailLines, indexWindows, wrapLines, type DetailContext } from '../../../src/tui/model/detail.js';
import { allowedReasons } from '../../../src/tui/model/why.js';
import { messagesFor } from '../../../src/tui/messages.js';
import { cell } from '../../../src/tui/model/rows.js';
import { whatIf } from '../../../src/tui/model/what-if.js';
import { exampleRows, frenchChecker } from '../helpers.js';

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
      'source: examples/macronleaks/records.json:336',
      '✖ fr.l52-2.results · Code électoral, art. L52-2 (version issue de la loi 2016-508)',
      '  No partial or final result or estimate may be communicated to the public from Fri 5 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe).',
      '  https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070239/LEGISCTA000006148458/2016-04-27/',
      '  regions: Guadeloupe · fr-presidentielle-2017-t2',
      '    GP: from Fri 5 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe) = 05-05 04:00Z → 05-07 18:00Z',
      'earliest allowed: Sun 7 May 20:00 Europe/Paris · 2017-05-07T18:00:00.000Z',
    ]);
  });

  it('puts regions with the same wall-clock window on one line', async () => {
    const checker = await frenchChecker();
    const lines = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-02-4chan-post'), undefined, messagesFor('en'), 'en').map((line) => line.text);
    expect(lines).toContain('    GP, MQ, BL, MF, FE-AM-EST, FE-AM-CAR, FE-AM-PRY: from Fri 5 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe) = 05-05 04:00Z → 05-07 18:00Z');
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

describe('where the answer holds', () => {
  const context = async (key: string, region: string | undefined): Promise<DetailContext> => {
    const checker = await frenchChecker();
    const found = await row(key);
    const audience = found.audience === 'default' ? checker.policy.defaultAudience : found.audience.split(',').flatMap((code) => checker.policy.audiences.get(code)!);
    return { region: region === undefined ? -1 : checker.policy.regions.findIndex((candidate) => candidate.code === region), audience, why: [] };
  };

  it('says when a record is blocked for some regions of its audience only, and what the others get', async () => {
    const checker = await frenchChecker();
    // Friday 16:00 Paris: a national poll is blocked only where Saturday has begun (Nouméa, Wallis).
    const lines = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-15-poll-published-friday-afternoon'), undefined, messagesFor('en'), 'en', await context('ml-15-poll-published-friday-afternoon', undefined));
    expect(lines[2]).toEqual({ text: 'Blocked only for readers in New Caledonia, Wallis-et-Futuna; allowed for the 21 other regions of its audience.', role: 'blocked' });
  });

  it('gives the status for the filtered region first, then where it differs', async () => {
    const checker = await frenchChecker();
    const ml15 = await row('ml-15-poll-published-friday-afternoon');
    const mainland = detailLines(checker.policy, indexWindows(checker.policy), ml15, undefined, messagesFor('en'), 'en', await context(ml15.key, 'FR-MET'));
    expect(mainland[0]!.text).toBe('BLOCKED  ml-15-poll-published-friday-afternoon');
    expect(mainland[2]).toEqual({ text: 'For Mainland France and Corsica: ALLOWED · BLOCKED for New Caledonia, Wallis-et-Futuna', role: 'allowed' });
    const french = detailLines(checker.policy, indexWindows(checker.policy), ml15, undefined, messagesFor('fr'), 'fr', await context(ml15.key, 'NC'));
    // The 21 other regions would run long by name: by code.
    expect(french[2]!.text).toBe('Pour Nouvelle-Calédonie : BLOQUÉ · AUTORISÉ pour FR-MET, PM, GF, GP, MQ, BL, MF, PF, RE, YT, FE-AM-PAC, FE-AM-CEN-US, FE-AM-MEX, FE-AM-CAM, FE-AM-EST, FE-AM-AND, FE-AM-ATL, FE-AM-CAR, FE-AM-SUD, FE-AM-PRY, FE-AM-CHL');
    expect(french.map((line) => line.text)).toContain('vérifié à : ven. 5 mai 16:00 Europe/Paris · 2017-05-05T14:00:00.000Z');
  });

  it('says why an allowed record is allowed: the window opened after it was first published', async () => {
    const checker = await frenchChecker();
    const leftOnline = await row('ml-13-candidate-page-left-online');
    const why = allowedReasons(checker, leftOnline, 'en');
    expect(why[0]!.rule).toBe('fr.l49.propaganda');
    expect(why[0]!.reason).toContain('it opened after the content was first published');
    const lines = detailLines(checker.policy, indexWindows(checker.policy), leftOnline, undefined, messagesFor('en'), 'en', { region: -1, audience: [], why }).map((line) => line.text);
    expect(lines).toContain('No rule applies at this instant.');
    expect(lines).toContain('why:');
    expect(lines.some((line) => line.startsWith('  fr.l49.propaganda: time: inside the window'))).toBe(true);
    expect(allowedReasons(checker, await row('ml-22-guadeloupe-results-saturday-night'), 'en')).toEqual([]);
  });

  it('shows a provisional verdict’s note, a rule’s policy in a combined check, and a record checked at the clock', async () => {
    const checker = await frenchChecker();
    const base = await row('ml-01-pastebin-archive');
    // Sat 10 April 2027 noon Paris: a poll in the eve's silence of a round whose decree is not out.
    const verdict = checker.check({ id: 'p', publishedAt: '2027-04-10T12:00:00+02:00', categories: ['poll'] });
    expect(verdict.provisional).toBe(true);
    const combined = { ...verdict, violations: verdict.violations.map((violation) => ({ ...violation, policy: 'fr-2027' })) };
    const lines = detailLines(checker.policy, indexWindows(checker.policy), { ...base, verdict: combined, clocked: true }, undefined, messagesFor('en'), 'en').map((line) => line.text);
    expect(lines).toContain(`provisional calendar: ${verdict.provisionalNote}`);
    expect(lines).toContain('  policy: fr-2027');
    expect(lines).toContain('  no publishedAt: checked at the clock, and again when a window opens or closes');
  });

  it('names a record of a line-based input by file and line, as check does', async () => {
    const checker = await frenchChecker();
    const base = await row('ml-01-pastebin-archive');
    const lines = detailLines(checker.policy, indexWindows(checker.policy), { ...base, input: { ...base.input, source: { file: 'desk.csv', index: 3, line: 5 } } }, undefined, messagesFor('en'), 'en');
    expect(lines.map((line) => line.text)).toContain('source: desk.csv:5');
  });
});

describe('wrapLines', () => {
  it('wraps every line to the width at spaces, with a hanging indent, and drops no word', async () => {
    const checker = await frenchChecker();
    const logical = detailLines(checker.policy, indexWindows(checker.policy), await row('ml-05-philippot-tweet'), undefined, messagesFor('en'), 'en');
    for (const width of [40, 80, 90]) {
      const wrapped = wrapLines(logical, width);
      expect(Math.max(...wrapped.map((line) => [...line.text].length))).toBeLessThanOrEqual(width);
      // Every character is still there, in order (a URL longer than the line is broken, not cut).
      const letters = (lines: readonly { text: string }[]) => lines.map((line) => line.text.replace(/\s+/g, '')).join('');
      expect(letters(wrapped)).toBe(letters(logical));
    }
    const message = wrapLines([{ text: '  Electoral propaganda may not be published online from Fri 5 May 00:00 until Sun 7 May 16:00 (America/Miquelon).', role: 'plain' }], 80);
    expect(message.map((line) => line.text)).toEqual(['  Electoral propaganda may not be published online from Fri 5 May 00:00 until', '    Sun 7 May 16:00 (America/Miquelon).']);
    // A word longer than the line (a URL) is broken where the line ends.
    expect(wrapLines([{ text: `  ${'x'.repeat(30)}`, role: 'dim' }], 20).map((line) => line.text)).toEqual([`  ${'x'.repeat(18)}`, `    ${'x'.repeat(12)}`]);
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
