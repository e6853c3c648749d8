import { describe, expect, it } from 'vitest';
import { formatReport, formats } from '../../src/report/index.js';
import { summarize } from '../../src/report/results.js';
import { checked, context, HOSTILE_ID, notesOf, records, unread } from './verdicts.js';

const all = [records.blocked, records.allowed, records.review, records.invalid, records.hostile];

describe('json format', () => {
  it('parses to the contract report: policy, summary and every verdict with its source, in input order', async () => {
    const { policy, report, results } = await checked(all, {
      sources: [{ file: 'a.ndjson', index: 0, line: 1 }, { file: 'a.ndjson', index: 1, line: 3 }, { file: 'b.json', index: 0 }, undefined, { file: 'b.json', index: 2 }],
    });
    const parsed = JSON.parse(formatReport('json', report, context(policy)));
    expect(parsed).toEqual({
      policy: { id: 'fr', sha256: policy.sha256, version: policy.version },
      summary: { records: 5, allowed: 1, blocked: 2, review: 1, invalid: 1, problems: 0, skipped: 0 },
      results: results.map(({ verdict, source }) => ({ ...verdict, source: source ?? null })),
      problems: [],
      skipped: [],
      notListed: { problems: 0, skipped: 0 },
    });
    expect(parsed.results.map((result: { id: string; source: unknown }) => [result.id, result.source])).toEqual([
      ['poll', { file: 'a.ndjson', index: 0, line: 1 }],
      ['news', { file: 'a.ndjson', index: 1, line: 3 }],
      ['leak', { file: 'b.json', index: 0 }],
      ['bad', null],
      [HOSTILE_ID, { file: 'b.json', index: 2 }],
    ]);
  });

  it('is valid JSON for an empty batch', async () => {
    const { policy, report } = await checked([]);
    expect(JSON.parse(formatReport('json', report, context(policy)))).toEqual({
      policy: { id: 'fr', sha256: policy.sha256, version: policy.version },
      summary: { records: 0, allowed: 0, blocked: 0, review: 0, invalid: 0, problems: 0, skipped: 0 },
      results: [],
      problems: [],
      skipped: [],
      notListed: { problems: 0, skipped: 0 },
    });
  });

  it('lists input problems and skipped items with their places after the results, and counts them in the summary', async () => {
    const { policy, results } = await checked([records.blocked]);
    const inputs = notesOf([unread.badLine, unread.org, unread.missing, unread.draft, unread.yaml]);
    const parsed = JSON.parse(formatReport('json', { policy, results, inputs }, context(policy)));
    expect(Object.keys(parsed)).toEqual(['policy', 'results', 'problems', 'skipped', 'notListed', 'summary']);
    expect(parsed.problems).toEqual([
      { file: 'feed.ndjson', line: 4, message: "not valid JSON: Unexpected token 'b'", fatal: false },
      { file: 'missing.json', message: 'no such file', fatal: true },
      { file: 'desk.yaml', line: 5, column: 3, message: 'not valid YAML: bad indentation', fatal: false },
    ]);
    expect(parsed.skipped).toEqual([
      { file: 'content/notes.org', reason: 'unsupported-kind', message: 'a kind of file not read (.org)' },
      { file: 'content/posts/draft.md', line: 1, reason: 'draft', message: 'a draft (draft: true): not a publication' },
    ]);
    expect(parsed.notListed).toEqual({ problems: 0, skipped: 0 });
    expect(parsed.summary).toEqual({ records: 1, allowed: 0, blocked: 1, review: 0, invalid: 0, problems: 3, skipped: 2 });
  });

  it('lists the first problems only, past the limit, and says how many it left out', async () => {
    const { policy, results } = await checked([records.allowed]);
    const many = Array.from({ length: 7 }, (_, n) => ({ ...unread.badLine, source: { file: 'feed.ndjson', index: n, line: n + 1 } }));
    const inputs = notesOf([...many, unread.org, unread.adoc, unread.draft], 2);
    const parsed = JSON.parse(formatReport('json', { policy, results, inputs }, context(policy)));
    expect(parsed.problems.map((problem: { line: number }) => problem.line)).toEqual([1, 2]);
    expect(parsed.skipped.map((item: { file: string }) => item.file)).toEqual(['content/notes.org', 'content/guide.adoc']);
    expect(parsed.notListed).toEqual({ problems: 5, skipped: 1 });
    expect(parsed.summary).toMatchObject({ problems: 7, skipped: 3 });
  });

  it('streams: the opening names the policy before any verdict, each verdict is one line, the summary closes it', async () => {
    const { policy, results } = await checked([records.blocked, records.allowed]);
    const ctx = context(policy);
    const { json } = formats;
    const chunks = [json.start(ctx), ...results.map((result, index) => json.result(result, index, ctx)), json.end(summarize(results), ctx)];
    expect(chunks[0]).toBe(`{"policy":{"id":"fr","sha256":"${policy.sha256}","version":"${policy.version}"},"results":[\n`);
    expect(chunks[1]).not.toContain('\n');
    expect(chunks[2]!.startsWith(',\n')).toBe(true);
    expect(JSON.parse(chunks.join('')).results.map((result: { id: string }) => result.id)).toEqual(['poll', 'news']);
  });
});

describe('ndjson format', () => {
  it('writes one verdict per line with its source, escaping newlines inside ids', async () => {
    const { policy, report, results } = await checked([records.hostile, records.blocked]);
    const out = formatReport('ndjson', report, context(policy));
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line))).toEqual(results.map(({ verdict, source }) => ({ ...verdict, source })));
  });

  it('writes the source of each record exactly, line included when known', async () => {
    const { policy, results } = await checked([records.allowed, records.allowed], {
      sources: [{ file: 'x "y".ndjson', index: 0, line: 7 }, { file: 'other.json', index: 4 }],
    });
    const ctx = context(policy);
    const sources = results.map((result, index) => JSON.parse(formats.ndjson.result(result, index, ctx)).source);
    expect(sources).toEqual([{ file: 'x "y".ndjson', index: 0, line: 7 }, { file: 'other.json', index: 4 }]);
  });

  it('writes nothing but verdicts: no header, no summary', async () => {
    const { policy, report } = await checked([]);
    expect(formatReport('ndjson', report, context(policy))).toBe('');
  });
});
