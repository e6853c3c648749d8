import type { Status } from '../../engine/verdict.js';
import { describeInstant, recordZone } from '../../compile/window-text.js';
import { localize } from '../../policy/text.js';
import type { FormatContext } from '../format.js';
import type { InputNotes } from '../inputs.js';
import { skippedGroups } from '../inputs-text.js';
import { messages } from '../messages.js';
import type { CheckedRecord, Summary } from '../results.js';
import { placeLabel, recordName, sourceLabel } from '../source-text.js';
import { markdownText } from './markdown.js';
import { ciWords, type AnnotationCounts } from './messages.js';

/** The rule named for records that could not be checked, as in the annotations and SARIF. */
const INVALID_RECORD = 'blackout/invalid-record';
const NONE = '—';

/** The summary as written, and how many of its annotations' rows it holds. */
export interface SummaryText {
  readonly markdown: string;
  readonly listed: number;
  readonly total: number;
}

/**
 * GitHub's job summary for one run, in Markdown: the counts, then a table
 * row per annotation of a record (id, status, rule, why, regions, earliest
 * lawful time in the reader's zone, file:line), then the input problems and
 * the skipped items. GitHub drops a step's whole summary past 1 MiB, so it is
 * kept within the room the sink gives: rows past it are counted, not kept
 * (memory stays bounded), and the text says how many were left out.
 */
export class JobSummaryText {
  readonly #ctx: FormatContext;
  readonly #room: number;
  readonly #zone: string;
  readonly #rows: string[] = [];
  #rowBytes = 0;
  #total = 0;

  constructor(ctx: FormatContext, room: number) {
    this.#ctx = ctx;
    this.#room = room;
    // One zone for the table: a combination of policies, which is no one's home, writes UTC.
    this.#zone = ctx.displayZone ?? recordZone(ctx.policy, undefined);
  }

  /** A record's rows: one per violation, or one for an invalid record; none for an allowed one. */
  add(record: CheckedRecord, index: number): void {
    const { verdict, source } = record;
    const name = recordName(verdict.id, source, index);
    const where = source === undefined ? NONE : sourceLabel(source);
    if (verdict.status === 'invalid') {
      const why = verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ') || messages(this.#ctx.lang).invalidRecord;
      this.#row(name, 'invalid', INVALID_RECORD, why, NONE, NONE, where);
      return;
    }
    for (const violation of verdict.violations) {
      const blocks = violation.severity === 'block';
      const earliest = blocks && verdict.earliestAllowedAt !== null ? describeInstant(verdict.earliestAllowedAt, this.#zone, this.#ctx.lang) : NONE;
      this.#row(name, blocks ? 'blocked' : 'review', violation.rule, violation.message, violation.regions.join(', '), earliest, where);
    }
  }

  #row(name: string, status: Status, rule: string, why: string, regions: string, earliest: string, where: string): void {
    this.#total++;
    const word = messages(this.#ctx.lang).status[status].toLowerCase();
    const cells = [name, word, rule, why, regions, earliest, where].map((cell) => (cell === NONE ? NONE : markdownText(cell)));
    const row = `| ${cells.join(' | ')} |\n`;
    const bytes = Buffer.byteLength(row);
    // Past the room, a row could never be written: counted, not kept.
    if (this.#rowBytes + bytes > this.#room) return;
    this.#rows.push(row);
    this.#rowBytes += bytes;
  }

  /** The whole summary within the room, or undefined when not even its head fits. */
  finish(summary: Summary, inputs: InputNotes, counts: AnnotationCounts): SummaryText | undefined {
    const { lang, policy } = this.#ctx;
    const words = messages(lang);
    const ci = ciWords(lang);
    const order: readonly Status[] = ['blocked', 'review', 'allowed', 'invalid'];
    const notChecked = [];
    if (inputs.problemCount > 0) notChecked.push(words.inputs.problems(inputs.problemCount));
    if (inputs.skippedCount > 0) notChecked.push(words.inputs.skipped(inputs.skippedCount));
    const line = `${words.records(summary.records)}${words.colon} ${order.map((status) => words.counts[status](summary[status])).join(', ')}${notChecked.length === 0 ? '' : `${words.semicolon} ${notChecked.join(', ')}`}.`;
    const head = `### blackout · ${markdownText(`${policy.id} ${policy.version}`)}\n\n${markdownText(line)}\n\n`;
    const { columns } = ci;
    const tableHead = `| ${[columns.record, columns.status, columns.rule, columns.why, columns.regions, `${columns.earliest} (${this.#zone})`, columns.where].map(markdownText).join(' | ')} |\n|${' --- |'.repeat(7)}\n`;
    const problems = inputs.problems.map(({ source, message }) => `- ${markdownText(`${placeLabel(source)}${words.colon} ${message}`)}\n`);
    const problemsHead = inputs.problemCount === 0 ? '' : `${markdownText(words.inputs.problemsHeading(inputs.problemCount))}\n\n`;
    const skipped = inputs.skippedCount === 0 ? '' : `${markdownText(`${words.inputs.skippedHeading(inputs.skippedCount)} ${skippedGroups(inputs, words).join(`${words.semicolon} `)}`)}\n\n`;
    const policyNotice = localize(policy.notice, lang);
    const notice = policyNotice === '' ? '' : `${markdownText(policyNotice)}\n`;
    const written = counts.error + counts.warning + counts.notice > 0;
    const annotationsLine = (listed: number) => {
      if (!written) return '';
      const tail = listed === this.#total ? ci.summaryListsAll : ci.summaryOutcome({ kind: 'partial', listed, total: this.#total });
      return `${markdownText(`${ci.annotations(counts)}${words.semicolon} ${ci.githubShows}${words.colon} ${tail}`)}\n\n`;
    };
    const size = (text: string) => Buffer.byteLength(text);
    const fixed = size(head) + size(problemsHead) + size(skipped) + size(notice) + size(tableHead) + 1;
    // What a cut adds: the longest annotations line and the two "not listed" lines.
    const reserve =
      Math.max(size(annotationsLine(this.#total)), size(annotationsLine(0))) +
      size(`${markdownText(ci.rowsNotListed(this.#total))}\n\n`) +
      size(`- ${markdownText(ci.problemsNotListed(inputs.problemCount))}\n\n`);
    const rows = [...this.#rows];
    let rowBytes = this.#rowBytes;
    let problemBytes = problems.reduce((sum, text) => sum + size(text), 0);
    const over = () => fixed + reserve + rowBytes + problemBytes > this.#room;
    // Rows go first, then the problems' lines: each is also an annotation in the step's log.
    while (over() && rows.length > 0) rowBytes -= size(rows.pop()!);
    while (over() && problems.length > 0) problemBytes -= size(problems.pop()!);
    if (over()) return undefined;
    const rowsLeft = this.#total - rows.length;
    const table =
      this.#total === 0 ? `${markdownText(ci.nothingAtFault)}\n\n` : `${tableHead}${rows.join('')}\n${rowsLeft === 0 ? '' : `${markdownText(ci.rowsNotListed(rowsLeft))}\n\n`}`;
    const problemsLeft = inputs.problemCount - problems.length;
    const problemList = inputs.problemCount === 0 ? '' : `${problemsHead}${problems.join('')}${problemsLeft === 0 ? '' : `- ${markdownText(ci.problemsNotListed(problemsLeft))}\n`}\n`;
    return { markdown: `${head}${annotationsLine(rows.length)}${table}${problemList}${skipped}${notice}`, listed: rows.length, total: this.#total };
  }
}
