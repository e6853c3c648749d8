import type { Formatter, FormatContext } from './format.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { ndjson } from './ndjson.js';
import { summarize, type CheckReport } from './results.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

export type { FormatContext, Formatter, Lang, ReportFormatter, StreamFormatter } from './format.js';
export { count, emptySummary, summarize } from './results.js';
export type { CheckedRecord, CheckReport, Summary, SummaryCounts } from './results.js';

/** Every output format by name; `text` is the default. */
export const formats = { text, json, ndjson, junit, sarif, github } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/**
 * A whole report in one format, streamed or not.
 *
 * @example
 * const out = formatReport('sarif', { policy, results }, { policy, color: false, lang: 'en' });
 */
export function formatReport(name: FormatName, report: CheckReport, ctx: FormatContext): string {
  const formatter: Formatter = formats[name];
  if (formatter.kind === 'report') return formatter.format(report, ctx);
  let out = formatter.start(ctx);
  report.results.forEach((record, index) => (out += formatter.result(record, index, ctx)));
  return out + formatter.end(summarize(report.results), ctx);
}
