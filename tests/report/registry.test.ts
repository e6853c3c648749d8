import { describe, expect, it } from 'vitest';
import { formatReport, formats, isFormatName, type FormatName, type SpoolRange } from '../../src/report/index.js';
import { summarize } from '../../src/report/results.js';
import { checked, context, notesOf, records, unread } from './verdicts.js';

const batch = [records.blocked, records.allowed, records.review, records.detected, records.invalid, records.hostile];
const inputs = () => notesOf([unread.badLine, unread.org, unread.missing, unread.draft, unread.yaml, unread.stdin]);

describe('format registry', () => {
  it('knows exactly these formats, streaming where the format allows, spooling junit', () => {
    expect(Object.fromEntries(Object.entries(formats).map(([name, formatter]) => [name, formatter.kind]))).toEqual({
      text: 'stream',
      json: 'stream',
      ndjson: 'stream',
      junit: 'spool',
      sarif: 'stream',
      github: 'spool',
    });
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it.each(['text', 'json', 'ndjson', 'sarif'] as const)('streams %s chunk by chunk to the same text as the whole report, whatever was formatted before', async (name) => {
    const { policy, results } = await checked(batch);
    const ctx = context(policy);
    const formatter = formats[name];
    const whole = formatReport(name, { policy, results, inputs: inputs() }, ctx);
    // Chunks formatted backwards, each twice: a formatter that kept state would differ.
    const chunks = results.map((_, index) => results.length - 1 - index).map((index) => [index, formatter.result(results[index]!, index, ctx), formatter.result(results[index]!, index, ctx)] as const);
    for (const [, first, second] of chunks) expect(second).toBe(first);
    const ordered = chunks.sort(([a], [b]) => a - b).map(([, chunk]) => chunk).filter((chunk) => chunk !== '');
    expect(formatter.start(ctx) + ordered.join(formatter.separator ?? '') + formatter.end(summarize(results), ctx, inputs())).toBe(whole);
  });

  it.each(['junit', 'github'] as const)('spools %s: the texts as they come, then the report laid out around byte ranges of them', async (name) => {
    const { policy, results } = await checked(batch, { sources: batch.map((_, index) => ({ file: index % 2 === 0 ? 'é.ndjson' : 'b.json', index, line: index + 1 })) });
    const ctx = context(policy);
    const writer = formats[name].open(ctx);
    const spool = Buffer.from(results.map((result, index) => writer.result(result, index)).join(''));
    const parts = writer.finish(summarize(results), inputs());
    const ranges = parts.filter((part): part is SpoolRange => typeof part !== 'string');
    // Interleaved files: each junit suite takes its own ranges; github's annotations stay in input order. Every byte of the spool is laid out once.
    expect(ranges.map(({ start, end }) => end - start).reduce((a, b) => a + b, 0)).toBe(spool.length);
    expect(ranges.length).toBe(name === 'junit' ? results.length : 1);
    const laidOut = parts.map((part) => (typeof part === 'string' ? part : spool.toString('utf8', part.start, part.end))).join('');
    expect(laidOut).toBe(formatReport(name, { policy, results, inputs: inputs() }, ctx));
  });

  it.each(Object.keys(formats) as FormatName[])('writes %s without input notes as it did (library callers that pass none)', async (name) => {
    const { policy, results } = await checked(batch);
    const none = notesOf([]);
    expect(formatReport(name, { policy, results }, context(policy))).toBe(formatReport(name, { policy, results, inputs: none }, context(policy)));
  });
});
