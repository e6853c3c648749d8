import type { RecordSource } from '../../records/source.js';
import type { CheckedRecord, Summary } from '../results.js';
import type { FormatContext, SpoolFormatter, SpoolRange, SpoolWriter } from '../format.js';
import { describeInstant, homeZone } from '../../compile/window-text.js';
import { NO_INPUT_NOTES, type InputNotes } from '../inputs.js';
import { skippedGroups } from '../inputs-text.js';
import { messages } from '../messages.js';
import { printable } from '../printable.js';
import { placeLabel, recordName, STDIN } from '../source-text.js';
import { JobSummaryText } from './github-summary.js';
import { ciWords, type SummaryOutcome } from './messages.js';

/** Workflow-command data: a newline would end the command, so it is encoded (as @actions/core does). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Titles of the annotations that are about the input rather than a record. */
export const INPUT_PROBLEM_TITLE = 'blackout/input-problem';
export const SKIPPED_TITLE = 'blackout/skipped';

function command(level: 'error' | 'warning' | 'notice', source: RecordSource | undefined, title: string, message: string): string {
  const properties: string[] = [];
  if (source !== undefined && source.file !== STDIN) properties.push(`file=${escapeProperty(printable(source.file))}`);
  if (source?.line !== undefined) properties.push(`line=${source.line}`);
  if (source?.line !== undefined && source.column !== undefined) properties.push(`col=${source.column}`);
  properties.push(`title=${escapeProperty(printable(title))}`);
  return `::${level} ${properties.join(',')}::${escapeData(printable(message))}\n`;
}

function annotations(record: CheckedRecord, index: number, ctx: FormatContext): string {
  const { verdict, source } = record;
  const id = recordName(verdict.id, source, index);
  const words = messages(ctx.lang);
  if (verdict.status === 'invalid') {
    const why = verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    return command('error', source, `blackout/invalid-record · ${id}`, `${id}: ${why || words.invalidRecord}`);
  }
  const earliest = verdict.earliestAllowedAt === null ? '' : ` ${capitalize(words.mayGoOut)} ${describeInstant(verdict.earliestAllowedAt, homeZone(ctx.policy), ctx.lang)}.`;
  let out = '';
  for (const violation of verdict.violations) {
    const level = violation.severity === 'block' || ctx.failOn === 'review' ? 'error' : 'warning';
    const regions = `${words.regions}: ${violation.regions.join(', ')}`;
    out += command(level, source, `${violation.rule} · ${id}`, `${id}: ${violation.message} (${violation.citation}; ${regions}).${violation.severity === 'block' ? earliest : ''}`);
  }
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The title of the last notice, which counts the annotations before it. */
export const SUMMARY_TITLE = 'blackout/summary';

/**
 * Annotations written as a run goes, counted by kind for the last notice,
 * and, when the run has a job summary, gathered for it too. The annotations
 * go to the spool and are written out as they are at the end.
 */
class GithubWriter implements SpoolWriter {
  readonly #ctx: FormatContext;
  readonly #counts = { error: 0, warning: 0, notice: 0 };
  readonly #summary: JobSummaryText | undefined;
  /** Bytes written to the spool so far. */
  #bytes = 0;

  constructor(ctx: FormatContext) {
    this.#ctx = ctx;
    this.#summary = ctx.jobSummary && new JobSummaryText(ctx, ctx.jobSummary.room);
  }

  result(record: CheckedRecord, index: number): string {
    const text = annotations(record, index, this.#ctx);
    this.#count(text);
    this.#bytes += Buffer.byteLength(text);
    this.#summary?.add(record, index);
    return text;
  }

  finish(summary: Summary, inputs: InputNotes = NO_INPUT_NOTES): Array<string | SpoolRange> {
    const tail = inputAnnotations(inputs, this.#ctx);
    this.#count(tail);
    const { jobSummary } = this.#ctx;
    let outcome: SummaryOutcome = { kind: 'none' };
    if (jobSummary !== undefined && this.#summary !== undefined) {
      const written = this.#summary.finish(summary, inputs, this.#counts);
      if (written === undefined) outcome = { kind: 'full' };
      else if (!jobSummary.append(written.markdown)) outcome = { kind: 'failed' };
      else outcome = written.listed === written.total ? { kind: 'complete' } : { kind: 'partial', listed: written.listed, total: written.total };
    }
    const { error, warning, notice } = this.#counts;
    const words = ciWords(this.#ctx.lang);
    const { colon, semicolon } = messages(this.#ctx.lang);
    // A clean run, with nothing annotated, gets no notice either.
    const last = error + warning + notice === 0 ? '' : command('notice', undefined, SUMMARY_TITLE, `${words.annotations(this.#counts)}${semicolon} ${words.githubShows}${colon} ${words.summaryOutcome(outcome)}`);
    return [{ start: 0, end: this.#bytes }, tail + last];
  }

  /** Counts the annotations of a text by kind (each is one line). */
  #count(text: string): void {
    for (const match of text.matchAll(/^::(error|warning|notice) /gm)) this.#counts[match[1] as 'error' | 'warning' | 'notice']++;
  }
}

/**
 * An `::error` per input problem listed, on its file and line, one for those
 * left out, and one `::notice` for every skipped item together: GitHub shows
 * at most ten notices a step, and a skipped draft is not a finding.
 */
function inputAnnotations(inputs: InputNotes, ctx: FormatContext): string {
  const words = messages(ctx.lang);
  let out = '';
  for (const { source, message } of inputs.problems) out += command('error', source, INPUT_PROBLEM_TITLE, `${placeLabel(source)}: ${message}`);
  const more = inputs.problemCount - inputs.problems.length;
  if (more > 0) out += command('error', undefined, INPUT_PROBLEM_TITLE, words.inputs.problemsNotListed(more));
  if (inputs.skippedCount > 0) {
    const groups = skippedGroups(inputs, words);
    out += command('notice', undefined, SKIPPED_TITLE, `${words.inputs.skippedHeading(inputs.skippedCount)} ${groups.join(`${words.semicolon} `)}`);
  }
  return out;
}

/**
 * GitHub Actions workflow commands: an `::error` or `::warning` annotation
 * per violation, on the record's file, line and column; an error per invalid
 * record; nothing for allowed ones; then an error per input problem, a
 * notice for the skipped items, and a last notice that counts the
 * annotations (GitHub shows at most ten of each kind a step) and says where
 * they all are. With a job summary ($GITHUB_STEP_SUMMARY, handed in by the
 * CLI as `ctx.jobSummary`), a Markdown table of every annotation of a record
 * and the input problems is appended there.
 */
export const github: SpoolFormatter = {
  kind: 'spool',
  open: (ctx) => new GithubWriter(ctx),
};
