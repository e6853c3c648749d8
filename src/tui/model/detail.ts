import type { Status, Verdict, Violation } from '../../engine/verdict.js';
import type { CompiledPolicy, CompiledWindow } from '../../compile/compiled.js';
import { describeWindow, homeZone, utcIso } from '../../compile/window-text.js';
import { regionsLabel } from './live.js';
import type { Lang, Messages } from '../messages.js';
import { otherStatuses, statusForRegion } from './region-status.js';
import { cell, type Row } from './rows.js';
import type { WhatIf } from './state.js';
import { problemPlace, type InputProblem } from './store.js';
import { instantText } from '../time-text.js';
import type { Reason } from './why.js';
import { wrap, widthOf } from '../text-width.js';

/** One line of the detail pane, with the theme role that colours it. */
export interface DetailLine {
  readonly text: string;
  readonly role: 'title' | 'blocked' | 'review' | 'allowed' | 'invalid' | 'plain' | 'dim';
}

/** Windows by rule, election and region, so the pane can show every region's own window. */
export type WindowIndex = ReadonlyMap<string, CompiledWindow>;

export function indexWindows(policy: CompiledPolicy): WindowIndex {
  return new Map(policy.windows.map((window) => [`${window.rule.id}|${window.election}|${window.region}`, window]));
}

/** `05-05 02:00Z`: UTC in a few columns, the full ISO form is in the JSON report. */
function shortUtc(ms: number): string {
  return `${utcIso(ms).slice(5, 16).replace('T', ' ')}Z`;
}

/**
 * The window of each violated region, regions sharing a window on one line:
 * local time in words, then UTC.
 */
function regionWindowLines(policy: CompiledPolicy, index: WindowIndex, violation: Violation, lang: Lang): DetailLine[] {
  const groups = new Map<string, { window: CompiledWindow; codes: string[] }>();
  for (const code of violation.regions) {
    const region = policy.audiences.get(code)?.[0];
    const window = region === undefined ? undefined : index.get(`${violation.rule}|${violation.election}|${region}`);
    if (!window) continue;
    // Zones with the same offsets have the same wall-clock window: one line for GP, MQ, BL and MF.
    const key = `${window.local.start}|${window.local.end}`;
    const group = groups.get(key);
    if (group) group.codes.push(code);
    else groups.set(key, { window, codes: [code] });
  }
  return [...groups.values()].map(({ window, codes }) => ({
    text: `    ${codes.join(', ')}: ${describeWindow(window.startMs, window.endMs, window.local.zone, lang)} = ${shortUtc(window.startMs)} → ${shortUtc(window.endMs)}`,
    role: 'dim',
  }));
}

/** What the detail adds beside the record: the region filtered on, and why an allowed record is allowed. */
export interface DetailContext {
  /** The region the list is filtered on, or -1. */
  readonly region: number;
  /** The audience's regions, by index. */
  readonly audience: readonly number[];
  /** For an allowed record: why the rules that would otherwise hold it do not (allowedReasons). */
  readonly why: readonly Reason[];
}

const NO_CONTEXT: DetailContext = { region: -1, audience: [], why: [] };

/** Names of regions longer than this are given by code. */
const NAMES_WIDTH = 60;

/**
 * Region codes in words: `New Caledonia, Wallis-et-Futuna`, `every region
 * but Mainland France and Corsica`; by code when the names would run long.
 */
function regionNames(policy: CompiledPolicy, codes: readonly string[], messages: Messages, lang: Lang): string {
  const regions = codes.map((code) => policy.audiences.get(code)?.[0]);
  if (regions.some((region) => region === undefined)) return codes.map(cell).join(', ');
  const named = regionsLabel(policy, regions as number[], messages, lang);
  return named.length <= NAMES_WIDTH ? named : regionsLabel(policy, regions as number[], messages, lang, true);
}

/**
 * Where the answer holds: under a region filter, the status there and the
 * other regions' statuses; otherwise, for a record blocked in some regions
 * of its audience only, which ones (narrowing the audience would free it).
 */
function regionLines(policy: CompiledPolicy, verdict: Verdict, context: DetailContext, messages: Messages, lang: Lang): DetailLine[] {
  if (verdict.status === 'invalid') return [];
  const codes = context.audience.map((region) => policy.regions[region]!.code);
  if (context.region >= 0 && context.audience.includes(context.region)) {
    const code = policy.regions[context.region]!.code;
    const own = statusForRegion(verdict, code);
    const others = [...otherStatuses(verdict, code, codes)].map(([status, regions]) => messages.detail.elsewhere(messages.status[status], regionNames(policy, regions, messages, lang)));
    const here = messages.detail.forRegion(regionNames(policy, [code], messages, lang), messages.status[own]);
    return [{ text: [here, ...others].join(' · '), role: own }];
  }
  if (verdict.status !== 'blocked') return [];
  const blocked = codes.filter((code) => statusForRegion(verdict, code) === 'blocked');
  if (blocked.length === 0 || blocked.length === codes.length) return [];
  const free = codes.filter((code) => !blocked.includes(code));
  // Said from the smaller side: where it is held, or, when that is most of the audience, where it may go out.
  if (free.length <= 3 && blocked.length > free.length) return [{ text: messages.detail.allowedOnly(regionNames(policy, free, messages, lang), blocked.length), role: 'blocked' }];
  return [{ text: messages.detail.blockedOnly(regionNames(policy, blocked, messages, lang), free.length <= 3 ? regionNames(policy, free, messages, lang) : undefined, free.length), role: 'blocked' }];
}

/** `file:line` as check names a record's place, or `file#index` for a record of an array. */
function sourceText(row: Row): string {
  const { source } = row.input;
  return source.line === undefined ? `${cell(source.file)}#${source.index}` : `${cell(source.file)}:${source.line}`;
}

/**
 * Everything the detail pane says about a row: where the answer holds,
 * rules, citations and their links, windows per region, earliest time,
 * detector hits, why an allowed record is allowed, what-if. Lines are
 * logical: wrapLines fits them to the pane.
 */
export function detailLines(policy: CompiledPolicy, index: WindowIndex, row: Row, whatIf: WhatIf | undefined, messages: Messages, lang: Lang, context: DetailContext = NO_CONTEXT): DetailLine[] {
  const { verdict } = row;
  const zone = homeZone(policy);
  const label = messages.label;
  const lines: DetailLine[] = [
    { text: `${messages.status[verdict.status]}  ${verdict.id === null ? '<no id>' : cell(verdict.id)}`, role: verdict.status },
  ];
  if (row.title !== '') lines.push({ text: row.title, role: 'title' });
  lines.push(...regionLines(policy, verdict, context, messages, lang));
  const at = Number.isFinite(row.atMs) ? `${instantText(row.atMs, zone, lang)} · ${utcIso(row.atMs)}` : '—';
  lines.push({ text: label(messages.detail.checkedAt, at), role: 'plain' });
  if (row.clocked) lines.push({ text: `  ${messages.detail.clocked}`, role: 'dim' });
  lines.push({ text: label(messages.detail.source, sourceText(row)), role: 'dim' });
  if (verdict.provisional && verdict.provisionalNote) lines.push({ text: label(messages.provisional, cell(verdict.provisionalNote)), role: 'review' });
  if (verdict.status === 'invalid') {
    lines.push({ text: label(messages.detail.errors, ''), role: 'invalid' });
    for (const error of verdict.errors) lines.push({ text: `  ${label(cell(error.field), cell(error.message))}`, role: 'invalid' });
  } else if (verdict.violations.length === 0) {
    lines.push({ text: messages.detail.noViolation, role: 'allowed' });
    if (context.why.length > 0) {
      lines.push({ text: label(messages.detail.why, ''), role: 'plain' });
      for (const { rule, reason } of context.why) lines.push({ text: `  ${label(rule, cell(reason))}`, role: 'dim' });
    }
  }
  for (const violation of verdict.violations) {
    const provisional = violation.provisional ? ` (${messages.detail.provisional})` : '';
    lines.push({ text: `${violation.severity === 'block' ? '✖' : '!'} ${violation.rule} · ${violation.citation}${provisional}`, role: violation.severity === 'block' ? 'blocked' : 'review' });
    if (violation.policy !== undefined) lines.push({ text: `  ${label(messages.detail.policy, cell(violation.policy))}`, role: 'plain' });
    lines.push({ text: `  ${violation.message}`, role: 'plain' });
    if (violation.citationUrl) lines.push({ text: `  ${cell(violation.citationUrl)}`, role: 'dim' });
    lines.push({ text: `  ${label(messages.detail.regions, `${regionNames(policy, violation.regions, messages, lang)} · ${violation.election}`)}`, role: 'plain' });
    lines.push(...regionWindowLines(policy, index, violation, lang));
  }
  if (verdict.earliestAllowedAt !== null) {
    const ms = Date.parse(verdict.earliestAllowedAt);
    lines.push({ text: label(messages.detail.earliest, `${instantText(ms, zone, lang)} · ${verdict.earliestAllowedAt}`), role: 'allowed' });
  }
  if (verdict.detections.length > 0) {
    lines.push({ text: label(messages.detail.detections, ''), role: 'review' });
    for (const hit of verdict.detections) lines.push({ text: `  ${messages.detail.detectorHit(cell(hit.phrase), hit.field, hit.category)}`, role: 'review' });
  }
  if (whatIf && whatIf.key === row.key) {
    if (whatIf.atMs === null || whatIf.verdict === null) lines.push({ text: messages.detail.whatIfNothing, role: 'dim' });
    else lines.push({ text: messages.detail.whatIf(`${instantText(whatIf.atMs, zone, lang)} (${utcIso(whatIf.atMs)})`, messages.status[whatIf.verdict.status]), role: whatIf.verdict.status });
  }
  return lines;
}

/** Lines fitted to `width` columns: wrapped at spaces with a hanging indent, never cut. */
export function wrapLines(lines: readonly DetailLine[], width: number): DetailLine[] {
  return lines.flatMap((line) => wrapText(line.text, width).map((text) => ({ text, role: line.role })));
}

/** The status a line colours with, when it is one. */
export function lineStatus(role: DetailLine['role']): Status | undefined {
  return role === 'blocked' || role === 'review' || role === 'allowed' || role === 'invalid' ? role : undefined;
}

/** The list of input problems (key e): where, then what, one a line; what could not be read is not in the list. */
export function problemLines(problems: readonly InputProblem[], messages: Messages): DetailLine[] {
  if (problems.length === 0) return [{ text: messages.noProblems, role: 'allowed' }];
  const lines: DetailLine[] = [{ text: messages.problemsTitle(problems.length), role: 'title' }];
  for (const problem of problems) lines.push({ text: `${cell(problemPlace(problem))}: ${cell(problem.message)}`, role: problem.fatal ? 'invalid' : 'review' });
  lines.push({ text: messages.problemsClose, role: 'dim' });
  return lines;
}

/**
 * A detail line wrapped to the pane, continuation lines two columns deeper
 * than the line's own indent; a word too long for the pane (a URL, an id) is
 * broken where the line ends, so nothing overflows and nothing is dropped.
 */
export function wrapText(text: string, columns: number): string[] {
  const width = Math.max(1, columns);
  if (widthOf(text) <= width) return [text];
  const indent = Math.min(/^ */.exec(text)![0].length, Math.max(0, width - 10));
  const hanging = ' '.repeat(Math.min(indent + 2, Math.max(0, width - 10)));
  return wrap(text.slice(indent), width, ' '.repeat(indent), hanging, 'break');
}
