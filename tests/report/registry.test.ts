import { describe, expect, it } from 'vitest';
import { formatReport, formats, isFormatName, type FormatName } from '../../src/report/index.js';
import { summarize } from '../../src/report/results.js';
import { checked, context, records } from './verdicts.js';

const batch = [records.blocked, records.allowed, records.review, records.detected, records.invalid, records.hostile];

describe('format registry', () => {
  it('knows exactly these formats, streaming where the format allows', () => {
    expect(Object.fromEntries(Object.entries(formats).map(([name, formatter]) => [name, formatter.kind]))).toEqual({
      text: 'stream',
      json: 'stream',
      ndjson: 'stream',
      junit: 'report',
      sarif: 'report',
      github: 'stream',
    });
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it.each(['text', 'json', 'ndjson', 'github'] as const)('streams %s chunk by chunk to the same text as the whole report, whatever was formatted before', async (name) => {
    const { policy, report, results } = await checked(batch);
    const ctx = context(policy);
    const formatter = formats[name];
    const whole = formatReport(name, report, ctx);
    // Chunks formatted backwards, each twice: a formatter that kept state would differ.
    const chunks = results.map((_, index) => results.length - 1 - index).map((index) => [index, formatter.result(results[index]!, index, ctx), formatter.result(results[index]!, index, ctx)] as const);
    for (const [, first, second] of chunks) expect(second).toBe(first);
    const ordered = chunks.sort(([a], [b]) => a - b).map(([, chunk]) => chunk);
    expect(formatter.start(ctx) + ordered.join('') + formatter.end(summarize(results), ctx)).toBe(whole);
  });
});
