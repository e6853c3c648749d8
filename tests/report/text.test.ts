import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { checked, context, notesOf, records, unread } from './verdicts.js';

describe('text format', () => {
  it('writes a blocked record with its rule, citation, regions, local window and earliest allowed time in words', async () => {
    const { policy, report } = await checked([records.blocked], { sources: [{ file: 'drafts.ndjson', index: 0, line: 12 }] });
    const lines = formatReport('text', report, context(policy)).split('\n');
    expect(lines[0]).toBe('BLOCKED poll  drafts.ndjson:12  2017-05-06T10:00:00.000+02:00');
    expect(lines[1]).toMatch(/^ {2}✖ block {2}fr\.loi77-808\.art11\.polls · Loi n° 77-808 du 19 juillet 1977, art\. 11/);
    expect(lines[2]).toBe('    No poll about the election may be published, broadcast or commented on from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris).');
    expect(lines[3]).toBe('    regions: FR-MET, PM, GF, GP, MQ, BL, MF, RE, YT, NC, WF · election: fr-presidentielle-2017-t2');
    expect(lines[4]).toBe('    window: from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris) · 2017-05-05T22:00:00.000Z → 2017-05-07T18:00:00.000Z');
    expect(lines[5]).toBe('  → may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)');
  });

  it('names a record of a JSON array by its index', async () => {
    const { policy, report } = await checked([records.allowed, records.blocked]);
    expect(formatReport('text', report, context(policy))).toContain('BLOCKED poll  drafts.json#1  ');
  });

  it('counts allowed records without listing them, and ends with the summary and the notice', async () => {
    const { policy, report } = await checked([records.allowed, records.blocked, records.review, records.invalid]);
    const out = formatReport('text', report, context(policy));
    expect(out).not.toContain('ALLOWED');
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('4 records: 1 blocked, 1 to review, 1 allowed (not listed), 1 invalid');
    expect(lines.at(-1)).toMatch(/^fr 2026\.11\.0 · .*not legal advice/i);
  });

  it('writes only the summary when every record is allowed', async () => {
    const { policy, report } = await checked([records.allowed]);
    const lines = formatReport('text', report, context(policy)).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('1 record: 0 blocked, 0 to review, 1 allowed (not listed), 0 invalid');
  });

  it('lists the detector hit that made a record review, and the field at fault of an invalid record', async () => {
    const { policy, report } = await checked([records.detected, records.invalid]);
    const out = formatReport('text', report, context(policy));
    expect(out).toContain('REVIEW  detected  drafts.json#0');
    expect(out).toContain('  ? detector: "sondage" in the title suggests the category poll\n');
    expect(out).toMatch(/INVALID bad {2}drafts\.json#1 {2}2017-05-06T10:00:00\.000\+02:00\n {2}✖ categories\[0\]: .*nope/);
  });

  it('writes French when asked, badges and dates included', async () => {
    const { policy, report } = await checked([records.blocked, records.allowed], { lang: 'fr' });
    const lines = formatReport('text', report, context(policy, { lang: 'fr' })).trimEnd().split('\n');
    expect(lines[0]).toBe('BLOQUÉ   poll  drafts.json#0  2017-05-06T10:00:00.000+02:00');
    expect(lines[1]).toMatch(/^ {2}✖ interdit {2}fr\.loi77-808\.art11\.polls/);
    expect(lines[3]).toMatch(/^ {4}régions : FR-MET/);
    expect(lines[4]).toMatch(/^ {4}période : du sam\. 6 mai 00:00 au dim\. 7 mai 20:00 \(Europe\/Paris\)/);
    expect(lines[5]).toBe('  → peut paraître à partir du dim. 7 mai 2017 20:00 Europe/Paris (18:00 UTC)');
    expect(lines.at(-2)).toBe('2 publications : 1 bloquée, 0 à revoir, 1 autorisée (non listées), 0 invalide');
  });

  it('paints only when asked to', async () => {
    const { policy, report } = await checked([records.blocked, records.allowed]);
    expect(formatReport('text', report, context(policy))).not.toContain('\u001b');
    const painted = formatReport('text', report, context(policy, { color: true }));
    expect(painted).toContain('\u001b[31mBLOCKED\u001b[0m \u001b[1mpoll\u001b[0m');
    expect(painted).toContain('\u001b[32m1 allowed\u001b[0m (not listed)');
  });

  it('shows control characters and bidi overrides of record data escaped, never raw', async () => {
    const { policy, report } = await checked([records.hostile], { sources: [{ file: 'evil\u001b]0;x\u0007.json', index: 0 }] });
    const out = formatReport('text', report, context(policy, { color: true }));
    expect(out).toContain('a"b\'<c>&d%e,f:g\\u000ah\\u000d\\u0000i\\u001b[31m\\u202ej');
    expect(out).toContain('evil\\u001b]0;x\\u0007.json#0');
    // The only escapes left are the formatter's own colours.
    expect(out.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('names a record of a JSON array by line and column when it has them', async () => {
    const { policy, report } = await checked([records.blocked], { sources: [{ file: 'export.json', index: 4, line: 12, column: 3 }] });
    expect(formatReport('text', report, context(policy))).toContain('BLOCKED poll  export.json:12:3  ');
  });

  it('lists input problems with their places and skipped items in groups, and counts both in the summary line', async () => {
    const { policy, results } = await checked([records.allowed, records.blocked]);
    const inputs = notesOf([unread.badLine, unread.org, unread.missing, unread.org2, unread.draft, unread.adoc, unread.yaml]);
    const lines = formatReport('text', { policy, results, inputs }, context(policy)).trimEnd().split('\n');
    expect(lines.slice(-11)).toEqual([
      '',
      '3 input problems (not read, so not checked):',
      "  ✖ feed.ndjson:4  not valid JSON: Unexpected token 'b'",
      '  ✖ missing.json  no such file',
      '  ✖ desk.yaml:5:3  not valid YAML: bad indentation',
      '4 skipped (knowingly not checked):',
      '  - 3 files of a kind not read: .org ×2, .adoc ×1',
      '  - 1 draft: content/posts/draft.md',
      '',
      '2 records: 1 blocked, 0 to review, 1 allowed (not listed), 0 invalid; 3 input problems, 4 skipped',
      lines.at(-1),
    ]);
  });

  it('says how many problems it did not list, in French too, and colours them when asked', async () => {
    const { policy, results } = await checked([records.allowed]);
    const many = Array.from({ length: 4 }, (_, n) => ({ ...unread.badLine, source: { file: 'feed.ndjson', index: n, line: n + 1 } }));
    const out = formatReport('text', { policy, results, inputs: notesOf([...many, unread.draft, unread.expired], 1) }, context(policy, { lang: 'fr' }));
    expect(out).toContain('4 problèmes de lecture (non lus, donc non vérifiés) :\n  ✖ feed.ndjson:1  ');
    expect(out).toContain('  … et 3 de plus, non listés\n');
    expect(out).toContain('  - 1 brouillon : content/posts/draft.md\n  - 1 expiré : … et 1 de plus, non listé\n');
    expect(out).toContain('1 publication : 0 bloquée, 0 à revoir, 1 autorisée (non listées), 0 invalide ; 4 problèmes de lecture, 2 ignorés\n');
    const painted = formatReport('text', { policy, results, inputs: notesOf([unread.badLine]) }, context(policy, { color: true }));
    expect(painted).toContain('\u001b[35m1 input problem\u001b[0m');
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
