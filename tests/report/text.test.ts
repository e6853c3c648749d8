import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createChecker, loadPolicy } from '../../src/index.js';
import { formatReport } from '../../src/report/index.js';
import { checked, context, notesOf, records, unread } from './verdicts.js';

/** Lines of a report, and the widest (in characters: accents are one column). */
const linesOf = (out: string) => out.replace(/\n$/, '').split('\n');
const widest = (out: string) => Math.max(...linesOf(out).filter((line) => !/^\s*https?:\/\//.test(line)).map((line) => [...line].length));

describe('text format', () => {
  it('writes a blocked record in the reader’s words: time and region names, each region’s window, reading, penalty, citation and link', async () => {
    const { policy, report } = await checked([records.blocked], { sources: [{ file: 'drafts.ndjson', index: 0, line: 12 }] });
    const lines = linesOf(formatReport('text', report, context(policy)));
    expect(lines.slice(0, 6)).toEqual([
      'BLOCKED poll  drafts.ndjson:12',
      '  Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC) · poll',
      // Held for most of its audience: said from where it may go out (Tahiti's Saturday has not begun).
      '  May go out now only for readers in French Polynesia: narrow the audience to publish it there.',
      '  Blocked for the 22 other regions of its audience.',
      '  ✖ Opinion polls (Law 77-808, art. 11) · block · fr.loi77-808.art11.polls',
      '    Mainland France and Corsica: from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris)',
    ]);
    expect(lines).toContain('    Mainland France and Corsica: from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris)');
    // New Caledonia's silence starts at its own Saturday 00:00, which is Friday afternoon in Paris.
    expect(lines).toContain('    New Caledonia: from Fri 5 May 15:00 until Sun 7 May 20:00 (Europe/Paris) · local time from Sat 6');
    expect(lines.join('\n')).toMatch(/\n {4}Reading: Sourced \(secondary, paraphrase \[R14\]\): .*\n/);
    expect(lines).toContain('    Penalty: €75,000 fine (art. 12, by reference to L90-1)');
    expect(lines.some((line) => /^ {6}https:\/\//.test(line))).toBe(true);
    expect(lines).toContain('  → may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)');
  });

  it('says when only some regions block, and what narrowing the audience gives', async () => {
    const { policy, report } = await checked([records.fridayPoll]);
    const out = formatReport('text', report, context(policy));
    expect(out).toContain('  Blocked only for readers in New Caledonia and Wallis-et-Futuna; for Mainland France and Corsica,');
    expect(out).toContain('it may go out now: narrow the audience to publish it there.');
  });

  it('fits every line in 100 columns but URLs, and in a narrower terminal when told', async () => {
    const { policy, report } = await checked([records.blocked, records.fridayPoll, records.uncategorised, records.invalid]);
    expect(widest(formatReport('text', report, context(policy)))).toBeLessThanOrEqual(100);
    expect(widest(formatReport('text', report, context(policy, { width: 72 })))).toBeLessThanOrEqual(72);
  });

  it('writes times in the display zone asked for, and the regions’ own clock where it differs', async () => {
    const { policy, report } = await checked([records.fridayPoll]);
    const out = formatReport('text', report, context(policy, { displayZone: 'Pacific/Noumea' }));
    expect(out).toContain('  Sat 6 May 2017 01:00 Pacific/Noumea (Fri 5 May 14:00 UTC) · poll · web');
    expect(out).toContain('    New Caledonia: from Sat 6 May 00:00 until Mon 8 May 05:00 (Pacific/Noumea)\n');
    expect(out).toContain('  → may go out from Mon 8 May 2017 05:00 Pacific/Noumea (Sun 7 May 18:00 UTC)');
  });

  it('tells a record without category what to say, rule by rule', async () => {
    const { policy, report } = await checked([records.uncategorised]);
    const out = formatReport('text', report, context(policy));
    expect(out).toContain('  No category declared: during the silence every publication must say what it is (news if it is not\n  electoral).\n');
    expect(out).toContain('  ! If it is poll — Opinion polls (Law 77-808, art. 11) · review · fr.loi77-808.art11.polls\n');
  });

  it('lists an allowed record that a provisional calendar could change, with the note', async () => {
    const { policy, report } = await checked([records.provisional, records.allowed]);
    const out = formatReport('text', report, context(policy));
    expect(out).toContain('ALLOWED tract  drafts.json#0\n');
    expect(out).toContain('  ~ Provisional answer (2027 presidential election: calendar not official yet (no convocation\n    decree)): it may change once the calendar is settled.\n');
    expect(out).not.toContain('ALLOWED news');
  });

  it('tags a violation provisional for its own reason: the calendar, or the rule’s legal basis', async () => {
    const calendar = await checked([{ id: 'poll-2027', publishedAt: '2027-04-10T12:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] }]);
    const calendarOut = formatReport('text', calendar.report, context(calendar.policy));
    expect(calendarOut).toContain('· block · fr.loi77-808.art11.polls · provisional calendar\n');
    expect(calendarOut).not.toContain('legal basis not confirmed');
    // Spain's day of reflection: an official 2023 calendar, a rule whose text was not confirmed.
    const spain = await loadPolicy(fileURLToPath(new URL('../../policies/es', import.meta.url)));
    const verdicts = createChecker(spain).checkAll([{ id: 'mitin', publishedAt: '2023-07-22T12:00:00+02:00', categories: ['propaganda'], audience: ['ES'] }], { lang: 'fr' });
    expect(verdicts[0]!.violations[0]).toMatchObject({ rule: 'es.loreg.53.reflexion', provisional: true });
    const spainOut = formatReport('text', { policy: spain, results: [{ verdict: verdicts[0]!, source: { file: 'a.json', index: 0 } }] }, context(spain, { lang: 'fr' }));
    expect(spainOut).toContain('· interdit · es.loreg.53.reflexion · base légale non confirmée\n');
    expect(spainOut).not.toContain('calendrier provisoire');
  });

  it('lists allowed records too, with the reason, in --verbose', async () => {
    const { policy, report } = await checked([records.allowed]);
    const out = formatReport('text', report, context(policy, { verbose: true }));
    expect(out).toContain('ALLOWED news  drafts.json#0\n  Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC) · news\n  No window of a rule covering news holds for its audience at this instant.\n');
    expect(out).toContain('1 record: 0 blocked, 0 to review, 1 allowed, 0 invalid');
  });

  it('names a record of a JSON array by its index, or by line and column when it has them', async () => {
    const { policy, report } = await checked([records.allowed, records.blocked]);
    expect(formatReport('text', report, context(policy))).toContain('BLOCKED poll  drafts.json#1\n');
    const placed = await checked([records.blocked], { sources: [{ file: 'export.json', index: 4, line: 12, column: 3 }] });
    expect(formatReport('text', placed.report, context(placed.policy))).toContain('BLOCKED poll  export.json:12:3\n');
  });

  it('counts allowed records without listing them, and ends with the summary and the notice', async () => {
    const { policy, report } = await checked([records.allowed, records.blocked, records.review, records.invalid]);
    const out = formatReport('text', report, context(policy));
    expect(out).not.toContain('ALLOWED');
    const lines = linesOf(out);
    expect(lines.at(-3)).toBe('4 records: 1 blocked, 1 to review, 1 allowed (not listed unless provisional), 1 invalid');
    expect(lines.slice(-2).join(' ')).toMatch(/^fr 2026\.11\.0 · .*not legal advice.*lawyer\.$/i);
  });

  it('writes only the summary when every record is allowed', async () => {
    const { policy, report } = await checked([records.allowed]);
    const lines = linesOf(formatReport('text', report, context(policy)));
    expect(lines[0]).toBe('1 record: 0 blocked, 0 to review, 1 allowed (not listed unless provisional), 0 invalid');
    expect(lines.slice(1).every((line) => !line.startsWith('ALLOWED'))).toBe(true);
  });

  it('lists the detector hit that made a record review, and the field at fault of an invalid record', async () => {
    const { policy, report } = await checked([records.detected, records.invalid]);
    const out = formatReport('text', report, context(policy));
    expect(out).toContain('REVIEW  detected  drafts.json#0\n');
    expect(out).toContain('  ? detector: "sondage" in the title suggests the category poll\n');
    expect(out).toMatch(/INVALID bad {2}drafts\.json#1\n {2}Sat 6 May 2017 10:00 Europe\/Paris \(08:00 UTC\) · nope\n {2}✖ categories\[0\]: .*nope/);
  });

  it('writes French when asked, badges, names and dates included', async () => {
    const { policy, report } = await checked([records.fridayPoll, records.allowed], { lang: 'fr' });
    const out = formatReport('text', report, context(policy, { lang: 'fr' }));
    expect(out).toContain('BLOQUÉ   friday-poll  drafts.json#0\n  ven. 5 mai 2017 16:00 Europe/Paris (14:00 UTC) · poll · web\n');
    expect(out).toContain('  Bloqué seulement pour le public de Nouvelle-Calédonie et Wallis-et-Futuna ; pour France');
    expect(out).toContain('    Nouvelle-Calédonie : du ven. 5 mai 15:00 au dim. 7 mai 20:00 (Europe/Paris) · heure locale du\n      sam. 6 mai 00:00 au lun. 8 mai 05:00\n');
    expect(out).toContain('  → peut paraître à partir du dim. 7 mai 2017 20:00 Europe/Paris (18:00 UTC)');
    expect(out).toContain('2 publications : 1 bloquée, 0 à revoir, 1 autorisée (non listées sauf si provisoires), 0 invalide');
  });

  it('paints only when asked to', async () => {
    const { policy, report } = await checked([records.blocked, records.allowed]);
    expect(formatReport('text', report, context(policy))).not.toContain('\u001b');
    const painted = formatReport('text', report, context(policy, { color: true }));
    expect(painted).toContain('\u001b[31mBLOCKED\u001b[0m \u001b[1mpoll\u001b[0m');
    expect(painted).toContain('\u001b[32m1 allowed\u001b[0m (not listed unless provisional)');
  });

  it('shows control characters and bidi overrides of record data escaped, never raw', async () => {
    const { policy, report } = await checked([records.hostile], { sources: [{ file: 'evil\u001b]0;x\u0007.json', index: 0 }] });
    const out = formatReport('text', report, context(policy, { color: true }));
    expect(out).toContain('a"b\'<c>&d%e,f:g\\u000ah\\u000d\\u0000i\\u001b[31m\\u202ej');
    expect(out).toContain('evil\\u001b]0;x\\u0007.json#0');
    // The only escapes left are the formatter's own colours.
    expect(out.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('lists input problems with their places and skipped items in groups, and counts both in the summary line', async () => {
    const { policy, results } = await checked([records.allowed, records.blocked]);
    const inputs = notesOf([unread.badLine, unread.org, unread.missing, unread.org2, unread.draft, unread.adoc, unread.yaml]);
    const lines = linesOf(formatReport('text', { policy, results, inputs }, context(policy)));
    expect(lines.slice(-13, -2)).toEqual([
      '',
      '3 input problems (not read, so not checked):',
      "  ✖ feed.ndjson:4  not valid JSON: Unexpected token 'b'",
      '  ✖ missing.json  no such file',
      '  ✖ desk.yaml:5:3  not valid YAML: bad indentation',
      '4 skipped (knowingly not checked):',
      '  - 3 files of a kind not read: .org ×2, .adoc ×1',
      '  - 1 draft: content/posts/draft.md',
      '',
      '2 records: 1 blocked, 0 to review, 1 allowed (not listed unless provisional), 0 invalid; 3 input',
      '  problems, 4 skipped',
    ]);
  });

  it('says how many problems it did not list, in French too, and colours them when asked', async () => {
    const { policy, results } = await checked([records.allowed]);
    const many = Array.from({ length: 4 }, (_, n) => ({ ...unread.badLine, source: { file: 'feed.ndjson', index: n, line: n + 1 } }));
    const out = formatReport('text', { policy, results, inputs: notesOf([...many, unread.draft, unread.expired], 1) }, context(policy, { lang: 'fr' }));
    expect(out).toContain('4 problèmes de lecture (non lus, donc non vérifiés) :\n  ✖ feed.ndjson:1  ');
    expect(out).toContain('  … et 3 de plus, non listés\n');
    expect(out).toContain('  - 1 brouillon : content/posts/draft.md\n  - 1 expiré : … et 1 de plus, non listé\n');
    expect(out).toContain('1 publication : 0 bloquée, 0 à revoir, 1 autorisée (non listées sauf si provisoires), 0 invalide ; 4\n  problèmes de lecture, 2 ignorés\n');
    const painted = formatReport('text', { policy, results, inputs: notesOf([unread.badLine]) }, context(policy, { color: true }));
    expect(painted).toContain('\u001b[35m1 input problem (not read, so not checked):\u001b[0m');
  });

  it('shows control characters in the file names and messages of input problems escaped', async () => {
    const { policy, results } = await checked([]);
    const inputs = notesOf([{ kind: 'error', source: { file: 'evil\u001b]52;c;x\u0007.ndjson', index: 0, line: 1 }, message: 'bad \u202e line' }, { ...unread.draft, source: { file: 'dr\u001baft.md', index: 0 } }]);
    const out = formatReport('text', { policy, results, inputs }, context(policy));
    expect(out).toContain('evil\\u001b]52;c;x\\u0007.ndjson:1  bad \\u202e line');
    expect(out).toContain('dr\\u001baft.md');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});
