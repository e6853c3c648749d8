import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/report/index.js';
import { checked, context, notesOf, records, unread } from '../verdicts.js';

/** The last notice of a run without a job summary. */
const lastNotice = (errors: number, warnings: number, notices = 0) => {
  const kinds = `${errors} error${errors === 1 ? '' : 's'}${notices === 0 ? ' and ' : ', '}${warnings} warning${warnings === 1 ? '' : 's'}${notices === 0 ? '' : ` and ${notices} notice${notices === 1 ? '' : 's'}`}`;
  return `::notice title=blackout/summary::blackout wrote ${kinds} as annotations; GitHub shows at most 10 of each kind per step: the step’s log has every one.\n`;
};

describe('github format', () => {
  it('writes an error per block violation on the record file and line, nothing for allowed records', async () => {
    const { policy, report } = await checked([records.allowed, { ...records.blocked, channel: 'web' }], {
      sources: [{ file: 'drafts.ndjson', index: 0, line: 1 }, { file: 'drafts.ndjson', index: 1, line: 2 }],
    });
    expect(formatReport('github', report, context(policy))).toBe(
      '::error file=drafts.ndjson,line=2,title=fr.loi77-808.art11.polls · poll::poll: No poll about the election may be published, broadcast or commented on ' +
        'from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris). (Loi n° 77-808 du 19 juillet 1977, art. 11 (version issue de la loi 2016-508); ' +
        'regions: FR-MET, PM, GF, GP, MQ, BL, MF, RE, YT, NC, WF, FE-AM-PAC, FE-AM-CEN-US, FE-AM-MEX, FE-AM-CAM, FE-AM-EST, FE-AM-AND, FE-AM-ATL, FE-AM-CAR, FE-AM-SUD, FE-AM-PRY, FE-AM-CHL). May go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC).\n' +
        lastNotice(1, 0),
    );
  });

  it('writes review violations as warnings, as errors with failOn review', async () => {
    const { policy, report } = await checked([records.review]);
    expect(formatReport('github', report, context(policy))).toMatch(/^::warning file=drafts\.json,title=fr\.cnccep\.2017-05-macronleaks · leak::leak: /);
    expect(formatReport('github', report, context(policy, { failOn: 'review' }))).toMatch(/^::error file=drafts\.json,title=/);
  });

  it('writes an invalid record as one error naming its fields', async () => {
    const { policy, report } = await checked([records.invalid], { sources: [{ file: 'x.ndjson', index: 0, line: 9 }] });
    const out = formatReport('github', report, context(policy));
    expect(out).toMatch(/^::error file=x\.ndjson,line=9,title=blackout\/invalid-record · bad::bad: categories\[0\]: .*nope.*\n::notice /);
    expect(out.split('\n')).toHaveLength(3);
  });

  it('escapes %, newlines and the property separators so that one record cannot forge a command', async () => {
    const { policy, report } = await checked([{ ...records.hostile, channel: 'web' }], {
      sources: [{ file: 'we,ird:name%.json', index: 0, line: 3 }],
    });
    const out = formatReport('github', report, context(policy));
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    const [, properties, message] = /^::error (.*?)::(.*)$/.exec(lines[0]!)!;
    expect(properties).toBe(
      'file=we%2Cird%3Aname%25.json,line=3,title=fr.l49.propaganda · a"b\'<c>&d%25e%2Cf%3Ag\\u000ah\\u000d\\u0000i\\u001b[31m\\u202ej',
    );
    expect(message!.startsWith('a"b\'<c>&d%25e,f:g\\u000ah\\u000d\\u0000i\\u001b[31m\\u202ej: ')).toBe(true);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('leaves out the file of records read from standard input', async () => {
    const { policy, report } = await checked([{ ...records.blocked, channel: 'web' }], { sources: [{ file: '<stdin>', index: 0 }] });
    expect(formatReport('github', report, context(policy))).toMatch(/^::error title=fr\.loi77-808\.art11\.polls · poll::/);
  });

  it('points a record of a JSON array at its line and column', async () => {
    const { policy, report } = await checked([records.invalid], { sources: [{ file: 'export.json', index: 0, line: 3, column: 5 }] });
    expect(formatReport('github', report, context(policy))).toMatch(/^::error file=export\.json,line=3,col=5,title=blackout\/invalid-record · bad::/);
  });

  it('writes an error per input problem on its file and line, one for those left out, and one notice for every skipped item', async () => {
    const { policy, results } = await checked([records.allowed]);
    const inputs = notesOf([unread.badLine, unread.org, unread.missing, unread.org2, unread.stdin, unread.draft, unread.adoc, unread.expired, unread.yaml], 3);
    expect(formatReport('github', { policy, results, inputs }, context(policy)).split('\n')).toEqual([
      "::error file=feed.ndjson,line=4,title=blackout/input-problem::feed.ndjson:4: not valid JSON: Unexpected token 'b'",
      '::error file=missing.json,title=blackout/input-problem::missing.json: no such file',
      '::error line=3,title=blackout/input-problem::<stdin>:3: longer than 1 MiB, the limit for one record; skipped',
      '::error title=blackout/input-problem::1 more input problem, not listed (each was told on standard error)',
      // Three of five listed: the counts are whole, the names those listed.
      '::notice title=blackout/skipped::5 skipped (knowingly not checked): 3 files of a kind not read: .org ×2, … and 1 more, not listed; ' +
        '1 draft: content/posts/draft.md; 1 expired: … and 1 more, not listed',
      lastNotice(4, 0, 1).trimEnd(),
      '',
    ]);
  });

  it('escapes the file names and messages of input problems as it escapes records', async () => {
    const { policy, results } = await checked([]);
    const inputs = notesOf([{ kind: 'error', source: { file: 'a,b:c%d\n.ndjson', index: 0, line: 2 }, message: 'bad\r\n::error file=evil::forged 100%' }]);
    const out = formatReport('github', { policy, results, inputs }, context(policy));
    expect(out).toBe('::error file=a%2Cb%3Ac%25d\\u000a.ndjson,line=2,title=blackout/input-problem::a,b:c%25d\\u000a.ndjson:2: bad\\u000d\\u000a::error file=evil::forged 100%25\n' + lastNotice(1, 0));
  });
});
