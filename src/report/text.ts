import type { Status, Violation } from '../engine/verdict.js';
import type { RegionInfo } from '../compile/compiled.js';
import { localize } from '../policy/text.js';
import { describeInstant, describeWindow, recordZone } from '../compile/window-text.js';
import type { FormatContext, StreamFormatter } from './format.js';
import { NO_INPUT_NOTES, type InputNotes } from './inputs.js';
import { skippedGroups } from './inputs-text.js';
import { messages, type ReportMessages } from './messages.js';
import { printable } from './printable.js';
import { audienceRegions, calendarIsProvisional, windowGroups } from './region-windows.js';
import type { CheckedRecord } from './results.js';
import { placeLabel, sourceLabel } from './source-text.js';
import { wrap } from '../text/wrap.js';

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
  // An allowed record whose answer a provisional calendar could change is listed too: it is the one to watch.
  result: (checked, _index, ctx) => (checked.verdict.status === 'allowed' && !ctx.verbose && !checked.verdict.provisional ? '' : describeRecord(checked, ctx)),
  end: (summary, ctx, inputs = NO_INPUT_NOTES) => {
    const paint = ctx.color ? ansi : plain;
    const words = messages(ctx.lang);
    const order: readonly Status[] = ['blocked', 'review', 'allowed', 'invalid'];
    const counts = order.map((status) => {
      const phrase = words.counts[status](summary[status]);
      const note = status === 'allowed' && summary.allowed > 0 && !ctx.verbose ? ` (${words.notListed})` : '';
      return summary[status] > 0 ? paint(STATUS_STYLE[status], phrase) + note : phrase;
    });
    const notChecked = [];
    if (inputs.problemCount > 0) notChecked.push(paint('magenta', words.inputs.problems(inputs.problemCount)));
    if (inputs.skippedCount > 0) notChecked.push(words.inputs.skipped(inputs.skippedCount));
    const notes = describeInputs(inputs, words, paint, ctx.width ?? DEFAULT_TEXT_WIDTH);
    const { policy } = ctx;
    const line = `${words.records(summary.records)}${words.colon} ${counts.join(', ')}${notChecked.length === 0 ? '' : `${words.semicolon} ${notChecked.join(', ')}`}`;
    const width = ctx.width ?? DEFAULT_TEXT_WIDTH;
    const notice = wrap(printable(`${policy.id} ${policy.version} · ${localize(policy.notice, ctx.lang)}`), width, '').map((text) => paint('dim', text));
    return `${notes}${notes === '' ? '' : '\n'}${wrap(line, width, '', '  ').join('\n')}\n${notice.join('\n')}\n`;
  },
};

/** The input problems, each with its place, and the skipped items in groups; '' when there are none. */
function describeInputs(inputs: InputNotes, words: ReportMessages, paint: Paint, width: number): string {
  const lines: string[] = [];
  if (inputs.problemCount > 0) {
    lines.push(paint('magenta', words.inputs.problemsHeading(inputs.problemCount)));
    for (const { source, message } of inputs.problems) lines.push(...wrap(printable(message), width, `  ${paint('magenta', '✖')} ${paint('dim', printable(placeLabel(source)))}  `, '    '));
    const more = inputs.problemCount - inputs.problems.length;
    if (more > 0) lines.push(`  ${words.inputs.more(more)}`);
  }
  if (inputs.skippedCount > 0) {
    lines.push(words.inputs.skippedHeading(inputs.skippedCount));
    for (const group of skippedGroups(inputs, words)) lines.push(...wrap(printable(group), width, `  ${paint('dim', '-')} `, '    '));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The text report's width unless told otherwise: wide enough for a window on one line, narrow enough for a side-by-side diff. */
export const DEFAULT_TEXT_WIDTH = 100;

/**
 * One record's block of the text report, in the reader's words: status, id
 * and source; when and what (in the display zone, the policy's home zone by
 * default); which regions block, by name, and what narrowing the audience
 * would give; each rule with each region's own window (regions whose windows
 * are the same together), the rule's reading and penalty, its citation and
 * link; detector hits, fields at fault, and when it may go out. Every line
 * fits the width, wrapped at word boundaries with a hanging indent.
 */
export function describeRecord(checked: CheckedRecord, ctx: FormatContext): string {
  const { verdict, source, record } = checked;
  const paint = ctx.color ? ansi : plain;
  const words = messages(ctx.lang);
  const width = ctx.width ?? DEFAULT_TEXT_WIDTH;
  const zone = ctx.displayZone ?? recordZone(ctx.policy, record);
  const lines: string[] = [];
  const say = (text: string, first: string, rest = first, style?: Style) =>
    lines.push(...wrap(printable(text), width, first, rest).map((line) => (style ? paint(style, line) : line)));
  const where = sourceLabel(source);
  const id = verdict.id === null ? words.noId : printable(verdict.id);
  lines.push(`${paint(STATUS_STYLE[verdict.status], words.status[verdict.status].padEnd(words.badgeWidth))} ${paint('bold', id)}${where === '' ? '' : `  ${paint('dim', printable(where))}`}`);
  const facts = [verdict.at === null ? undefined : describeInstant(verdict.at, zone, ctx.lang), ...recordFacts(record)].filter((fact) => fact !== undefined);
  if (facts.length > 0) say(facts.join(' · '), '  ', '    ', 'dim');
  const blocking = verdict.violations.filter((violation) => violation.severity === 'block');
  if (blocking.length > 0 && record !== undefined) {
    const blocked = new Set(blocking.flatMap((violation) => violation.regions));
    const audience = audienceRegions(ctx.policy, record);
    const free = audience.filter((region) => !blocked.has(region.code));
    const held = audience.filter((region) => blocked.has(region.code));
    // Said from the smaller side: where it is held, or, when that is most of the audience, where it may go out.
    if (free.length > 0 && held.length > free.length) say(words.text.onlyFreeFor(regionNames(free, ctx, words), held.length), '  ', '  ');
    else if (free.length > 0) say(words.text.onlyFor(regionNames(held, ctx, words), regionNames(free, ctx, words)), '  ', '  ');
  }
  if (verdict.violations.some((violation) => violation.uncategorised)) say(words.text.uncategorised, '  ', '  ', 'yellow');
  for (const violation of verdict.violations) violationLines(violation, ctx, zone, words, paint, say);
  for (const hit of verdict.detections) say(words.detected(hit.phrase, hit.field, hit.category), `  ${paint('yellow', '?')} `, '    ');
  for (const error of verdict.errors) say(`${error.field}: ${error.message}`, `  ${paint('magenta', '✖')} `, '    ');
  if (verdict.provisionalNote !== undefined) say(verdict.provisionalNote, `  ${paint('yellow', '~')} `, '    ');
  if (verdict.earliestAllowedAt !== null) say(`${words.mayGoOut} ${describeInstant(verdict.earliestAllowedAt, zone, ctx.lang)}`, `  ${paint('green', '→')} `, '    ');
  if (verdict.status === 'allowed') say(words.text.allowedBecause(recordCategories(record)), '  ', '  ', 'dim');
  // A blank line after each block: a record's lines stay together, apart from the next.
  return `${lines.join('\n')}\n\n`;
}

/** What the record says it is, for the line under its header: its categories, channel and audience. */
function recordFacts(record: unknown): string[] {
  if (record === null || typeof record !== 'object') return [];
  const { channel, audience } = record as { channel?: unknown; audience?: unknown };
  const facts = [recordCategories(record).join(', ')];
  if (typeof channel === 'string') facts.push(channel);
  if (Array.isArray(audience)) facts.push(audience.filter((code) => typeof code === 'string').join(', '));
  return facts.filter((fact) => fact !== '');
}

function recordCategories(record: unknown): string[] {
  const categories = record !== null && typeof record === 'object' ? (record as { categories?: unknown }).categories : undefined;
  return Array.isArray(categories) ? categories.filter((category): category is string => typeof category === 'string') : [];
}

/** Regions by name, in the report's language: "A, B and C". */
function regionNames(regions: readonly RegionInfo[], ctx: FormatContext, words: ReportMessages): string {
  const names = regions.map((region) => localize(region.name, ctx.lang));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${words.text.and} ${names[names.length - 1]}`;
}

type Say = (text: string, first: string, rest?: string, style?: Style) => void;

function violationLines(violation: Violation, ctx: FormatContext, zone: string, words: ReportMessages, paint: Paint, say: Say): void {
  const rule = ctx.policy.rules.find((candidate) => candidate.id === violation.rule);
  const block = violation.severity === 'block';
  const mark = paint(block ? 'red' : 'yellow', block ? '✖' : '!');
  const title = rule ? localize(rule.title, ctx.lang) : violation.rule;
  const prefix = violation.uncategorised && rule ? `${capitalise(words.text.ifItIs(rule.categories.map((index) => ctx.policy.categories[index]!.name)))} — ` : '';
  // Provisional for either reason, said as the JSON message says it: the calendar is not official, or the rule's legal basis not confirmed.
  const provisional = violation.provisional ? [...(calendarIsProvisional(ctx.policy, violation) ? [words.text.provisionalCalendar] : []), ...(rule?.provisional ? [words.text.provisionalRule] : [])] : [];
  const tags = [words.severity[violation.severity], violation.rule, ...(violation.policy ? [`${words.text.policy} ${violation.policy}`] : []), ...provisional];
  say(`${prefix}${title} · ${tags.join(' · ')}`, `  ${mark} `, '    ', 'bold');
  const groups = windowGroups(ctx.policy, violation);
  if (groups.length === 0) say(violation.message, '    ');
  for (const group of groups) {
    const inZone = describeWindow(group.startMs, group.endMs, zone, ctx.lang);
    // The regions' own clock, where it reads otherwise than the reader's (the regions are named: no zone needed).
    const local = [...new Set(group.regions.map((region) => stripZone(describeWindow(group.startMs, group.endMs, region.zone, ctx.lang))))].filter(
      (text) => text !== stripZone(inZone),
    );
    const localText = local.length === 0 ? '' : ` · ${words.text.localTime} ${local.join(' / ')}`;
    say(`${regionNames(group.regions, ctx, words)}${words.colon} ${inZone}${localText}`, '    ', '      ');
  }
  if (rule?.note !== undefined) say(`${words.text.reading}${words.colon} ${firstSentence(localize(rule.note, ctx.lang))}`, '    ', '      ', 'dim');
  if (rule?.penalty !== undefined) say(`${words.text.penalty}${words.colon} ${localize(rule.penalty, ctx.lang)}`, '    ', '      ', 'dim');
  say(`${violation.citation}${violation.citationUrl === null ? '' : ` ${violation.citationUrl}`}`, '    ', '      ', 'dim');
}

/** A window in words without its zone, to see whether two clocks read it alike. */
function stripZone(text: string): string {
  return text.replace(/ \([^)]*\)$/, '');
}

/** A note's first sentence, with a mark when more follows (--verbose is for everything; a report line for the gist). */
function firstSentence(note: string): string {
  const text = note.replace(/\s+/g, ' ').trim();
  const end = text.search(/[.;](\s|$)/);
  return end < 0 || end === text.length - 1 ? text : `${text.slice(0, end + 1)} …`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
