import type { Status, Verdict, Violation } from '../engine/verdict.js';
import type { RecordSource } from '../records/source.js';
import { localize } from '../policy/text.js';
import { describeInstant, describeWindow, homeZone } from '../policy/window-text.js';
import type { FormatContext, StreamFormatter } from './format.js';
import { NO_INPUT_NOTES, type InputNotes } from './inputs.js';
import { skippedGroups } from './inputs-text.js';
import { messages, type ReportMessages } from './messages.js';
import { printable } from './printable.js';
import { placeLabel, sourceLabel } from './source-text.js';

const STYLE = { red: 31, yellow: 33, green: 32, magenta: 35, dim: 2, bold: 1 } as const;
type Style = keyof typeof STYLE;
type Paint = (style: Style, text: string) => string;

const STATUS_STYLE: Readonly<Record<Status, Style>> = { allowed: 'green', blocked: 'red', review: 'yellow', invalid: 'magenta' };
const plain: Paint = (_style, text) => text;
const ansi: Paint = (style, text) => `\u001b[${STYLE[style]}m${text}\u001b[0m`;

/**
 * The human report: one block per record that needs attention, then the
 * input problems and skipped items, a summary line and the policy's notice.
 * Allowed records are counted, not listed: as with a linter's clean files, a
 * batch of thousands would bury the few that matter; json and ndjson list
 * every verdict.
 */
export const text: StreamFormatter = {
  kind: 'stream',
  start: () => '',
  result: ({ verdict, source }, _index, ctx) => (verdict.status === 'allowed' ? '' : describeRecord(verdict, source, ctx)),
  end: (summary, ctx, inputs = NO_INPUT_NOTES) => {
    const paint = ctx.color ? ansi : plain;
    const words = messages(ctx.lang);
    const order: readonly Status[] = ['blocked', 'review', 'allowed', 'invalid'];
    const counts = order.map((status) => {
      const phrase = words.counts[status](summary[status]);
      const note = status === 'allowed' && summary.allowed > 0 ? ` (${words.notListed})` : '';
      return summary[status] > 0 ? paint(STATUS_STYLE[status], phrase) + note : phrase;
    });
    const notChecked = [];
    if (inputs.problemCount > 0) notChecked.push(paint('magenta', words.inputs.problems(inputs.problemCount)));
    if (inputs.skippedCount > 0) notChecked.push(words.inputs.skipped(inputs.skippedCount));
    const notes = describeInputs(inputs, words, paint);
    const { policy } = ctx;
    // A blank line parts the listed records from what follows, when any were listed.
    const gap = summary.records > summary.allowed ? '\n' : '';
    const line = `${words.records(summary.records)}${words.colon} ${counts.join(', ')}${notChecked.length === 0 ? '' : `${words.semicolon} ${notChecked.join(', ')}`}`;
    return `${gap}${notes}${notes === '' ? '' : '\n'}${line}\n${paint('dim', printable(`${policy.id} ${policy.version} · ${localize(policy.notice, ctx.lang)}`))}\n`;
  },
};

/** The input problems, each with its place, and the skipped items in groups; '' when there are none. */
function describeInputs(inputs: InputNotes, words: ReportMessages, paint: Paint): string {
  const lines: string[] = [];
  if (inputs.problemCount > 0) {
    lines.push(paint('magenta', words.inputs.problemsHeading(inputs.problemCount)));
    for (const { source, message } of inputs.problems) lines.push(`  ${paint('magenta', '✖')} ${paint('dim', printable(placeLabel(source)))}  ${printable(message)}`);
    const more = inputs.problemCount - inputs.problems.length;
    if (more > 0) lines.push(`  ${words.inputs.more(more)}`);
  }
  if (inputs.skippedCount > 0) {
    lines.push(words.inputs.skippedHeading(inputs.skippedCount));
    for (const group of skippedGroups(inputs, words)) lines.push(`  ${paint('dim', '-')} ${printable(group)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One record's block of the text report: status, id, source, then each violation, detection, error and the earliest allowed time. */
export function describeRecord(verdict: Verdict, source: RecordSource | undefined, ctx: FormatContext): string {
  const paint = ctx.color ? ansi : plain;
  const words = messages(ctx.lang);
  const where = sourceLabel(source);
  const id = verdict.id === null ? words.noId : printable(verdict.id);
  const header = [`${paint(STATUS_STYLE[verdict.status], words.status[verdict.status].padEnd(words.badgeWidth))} ${paint('bold', id)}`];
  if (where !== '') header.push(paint('dim', printable(where)));
  if (verdict.at !== null) header.push(verdict.at);
  const lines = [header.join('  ')];
  for (const violation of verdict.violations) lines.push(...violationLines(violation, words, paint, ctx));
  for (const hit of verdict.detections) lines.push(`  ${paint('yellow', '?')} ${printable(words.detected(hit.phrase, hit.field, hit.category))}`);
  for (const error of verdict.errors) lines.push(`  ${paint('magenta', '✖')} ${printable(error.field)}: ${printable(error.message)}`);
  if (verdict.earliestAllowedAt !== null) {
    lines.push(`  ${paint('green', '→')} ${words.mayGoOut} ${describeInstant(verdict.earliestAllowedAt, homeZone(ctx.policy), ctx.lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

function violationLines(violation: Violation, words: ReportMessages, paint: Paint, ctx: FormatContext): string[] {
  const block = violation.severity === 'block';
  const mark = paint(block ? 'red' : 'yellow', `${block ? '✖' : '!'} ${words.severity[violation.severity]}`);
  const url = violation.citationUrl === null ? '' : ` ${paint('dim', printable(violation.citationUrl))}`;
  const { window, localWindow } = violation;
  const local = describeWindow(Date.parse(window.start), Date.parse(window.end), localWindow.zone, ctx.lang);
  return [
    `  ${mark}  ${paint('bold', printable(violation.rule))} · ${printable(violation.citation)}${url}`,
    `    ${printable(violation.message)}`,
    paint('dim', `    ${words.regions}${words.colon} ${violation.regions.join(', ')} · ${words.election}${words.colon} ${printable(violation.election)}`),
    paint('dim', `    ${words.window}${words.colon} ${local} · ${window.start} → ${window.end}`),
  ];
}
