import type { Formatter, FormatContext, SpoolRange } from './format.js';
import { github } from './ci/github.js';
import { json } from './json.js';
import { junit } from './ci/junit.js';
import { ndjson } from './ndjson.js';
import { summarize, type CheckReport } from './results.js';
import { sarif } from './ci/sarif.js';
import { text } from './text.js';

export type { FormatContext, Formatter, JobSummary, JunitSchema, Lang, ReportOptions, SpoolFormatter, SpoolRange, SpoolWriter, StreamFormatter } from './format.js';
export { JUNIT_SCHEMAS } from './format.js';
export { InputNotesBuilder, LISTED_LIMIT, NO_INPUT_NOTES } from './inputs.js';
export type { InputNotes } from './inputs.js';
export { count, emptySummary, summarize } from './results.js';
export type { CheckedRecord, CheckReport, Summary, SummaryCounts } from './results.js';

/** Every output format by name; `text` is the default. */
export const formats = { text, json, ndjson, junit, sarif, github } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/**
 * A whole report in one format, as one string (the CLI streams the same
 * texts to its output instead). `report.inputs`: the input problems and
 * skipped items to tell, if any.
 *
 * @example
 * const out = formatReport('sarif', { policy, results }, { policy, color: false, lang: 'en' });
 */
export function formatReport(name: FormatName, report: CheckReport, ctx: FormatContext): string {
  const formatter: Formatter = formats[name];
  const summary = summarize(report.results);
  if (formatter.kind === 'spool') {
    // The spool in memory: the records' texts, then the report laid out around ranges of it.
    const writer = formatter.open(ctx);
    const spool = Buffer.from(report.results.map((record, index) => writer.result(record, index)).join(''));
    const piece = (part: string | SpoolRange) => (typeof part === 'string' ? part : spool.toString('utf8', part.start, part.end));
    return writer.finish(summary, report.inputs).map(piece).join('');
  }
  let out = formatter.start(ctx);
  let written = false;
  report.results.forEach((record, index) => {
    const text = formatter.result(record, index, ctx);
    if (text === '') return;
    if (written && formatter.separator !== undefined) out += formatter.separator;
    out += text;
    written = true;
  });
  return out + formatter.end(summary, ctx, report.inputs);
}
