import type { Violation } from '../engine/verdict.js';
import type { CompiledPolicy, CompiledWindow } from '../policy/compiled.js';
import { describeWindow, utcIso } from '../policy/window-text.js';
import type { Lang, Messages } from './messages.js';
import { cell, type Row } from './rows.js';
import type { WhatIf } from './state.js';
import { problemPlace, type InputProblem } from './store.js';
import { instantText } from './time-text.js';

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

/** Everything the detail pane says about a row: rules, citations, windows per region, earliest time, detector hits, what-if. */
export function detailLines(policy: CompiledPolicy, index: WindowIndex, row: Row, whatIf: WhatIf | undefined, messages: Messages, lang: Lang): DetailLine[] {
  const { verdict } = row;
  const zone = policy.regions[0]?.zone ?? 'UTC';
  const lines: DetailLine[] = [
    { text: `${messages.status[verdict.status]}  ${verdict.id === null ? '<no id>' : cell(verdict.id)}`, role: verdict.status },
  ];
  if (row.title !== '') lines.push({ text: row.title, role: 'title' });
  const at = Number.isFinite(row.atMs) ? `${instantText(row.atMs, zone, lang)} · ${utcIso(row.atMs)}` : '—';
  lines.push({ text: `${messages.detail.checkedAt}: ${at}`, role: 'plain' });
  lines.push({ text: `${messages.detail.source}: ${cell(row.input.source.file)}#${row.input.source.index}`, role: 'dim' });
  if (verdict.status === 'invalid') {
    lines.push({ text: `${messages.detail.errors}:`, role: 'invalid' });
    for (const error of verdict.errors) lines.push({ text: `  ${cell(error.field)}: ${cell(error.message)}`, role: 'invalid' });
  } else if (verdict.violations.length === 0) {
    lines.push({ text: messages.detail.noViolation, role: 'allowed' });
  }
  for (const violation of verdict.violations) {
    const provisional = violation.provisional ? ` (${messages.detail.provisional})` : '';
    lines.push({ text: `${violation.severity === 'block' ? '✖' : '!'} ${violation.rule} · ${violation.citation}${provisional}`, role: violation.severity === 'block' ? 'blocked' : 'review' });
    lines.push({ text: `  ${violation.message}`, role: 'plain' });
    lines.push({ text: `  ${messages.detail.regions}: ${violation.regions.join(', ')} · ${violation.election}`, role: 'plain' });
    lines.push(...regionWindowLines(policy, index, violation, lang));
  }
  if (verdict.earliestAllowedAt !== null) {
    const ms = Date.parse(verdict.earliestAllowedAt);
    lines.push({ text: `${messages.detail.earliest}: ${instantText(ms, zone, lang)} · ${verdict.earliestAllowedAt}`, role: 'allowed' });
  }
  if (verdict.detections.length > 0) {
    lines.push({ text: `${messages.detail.detections}:`, role: 'review' });
    for (const hit of verdict.detections) lines.push({ text: `  ${messages.detail.detectorHit(cell(hit.phrase), hit.field, hit.category)}`, role: 'review' });
  }
  if (whatIf && whatIf.key === row.key) {
    if (whatIf.atMs === null || whatIf.verdict === null) lines.push({ text: messages.detail.whatIfNothing, role: 'dim' });
    else lines.push({ text: messages.detail.whatIf(`${instantText(whatIf.atMs, zone, lang)} (${utcIso(whatIf.atMs)})`, messages.status[whatIf.verdict.status]), role: whatIf.verdict.status });
  }
  return lines;
}

/** The list of input problems (key e): where, then what, one a line; what could not be read is not in the list. */
export function problemLines(problems: readonly InputProblem[], messages: Messages): DetailLine[] {
  if (problems.length === 0) return [{ text: messages.noProblems, role: 'allowed' }];
  const lines: DetailLine[] = [{ text: messages.problemsTitle(problems.length), role: 'title' }];
  for (const problem of problems) lines.push({ text: `${cell(problemPlace(problem))}: ${cell(problem.message)}`, role: problem.fatal ? 'invalid' : 'review' });
  lines.push({ text: messages.problemsClose, role: 'dim' });
  return lines;
}
