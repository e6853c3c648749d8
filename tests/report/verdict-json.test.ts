import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/engine/checker.js';
import { verdictJson } from '../../src/report/verdict-json.js';
import { makeRecords } from '../../bench/records.mjs';
import { frenchPolicy } from '../helpers/policies.js';

describe('verdictJson', () => {
  it('writes exactly what JSON.stringify writes of the verdict with its source, for every kind of verdict', async () => {
    const checker = createChecker(await frenchPolicy());
    const records: unknown[] = makeRecords(4000, 7);
    // Invalid records, detector hits and odd ids, beside the generated mix.
    records.push(
      { id: 'bad "quote"\n<tag>', publishedAt: 'yesterday', categories: ['nope'] },
      { id: 'hit', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'], title: 'Un sondage exclusif' },
      { publishedAt: '2017-05-06T10:00:00+02:00' },
      { id: 'remain', action: 'remain', firstPublishedAt: '2017-05-04T10:00:00Z', publishedAt: '2017-05-06T10:00:00Z', categories: ['propaganda'] },
    );
    const statuses = new Set<string>();
    records.forEach((record, index) => {
      for (const lang of ['en', 'fr']) {
        const verdict = checker.check(record, { lang });
        statuses.add(verdict.status);
        const source = index % 3 === 0 ? undefined : { file: `dir/"file"${index % 2}.ndjson`, index, ...(index % 2 ? { line: index + 1 } : {}) };
        expect(verdictJson({ verdict, source })).toBe(JSON.stringify({ ...verdict, source: source ?? null }));
      }
    });
    expect([...statuses].sort()).toEqual(['allowed', 'blocked', 'invalid', 'review']);
  });
});
