import type { Verdict, Violation } from '../engine/verdict.js';
import { localize } from '../policy/text.js';
import { summarize, type CheckReport } from './results.js';

/** Options of the text report; colour is decided by the caller, never detected here. */
export interface TextOptions {
  readonly color: boolean;
  readonly lang: string;
}

const STYLE = { red: 31, yellow: 33, green: 32, magenta: 35, dim: 2, bold: 1 } as const;
type Style = keyof typeof STYLE;

const STATUS_STYLE: Readonly<Record<Verdict['status'], Style>> = { allowed: 'green', blocked: 'red', review: 'yellow', invalid: 'magenta' };

/** Human report: one block per record, then a summary line and the policy's notice. */
export function formatText(report: CheckReport, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const { verdict, source } of report.results) {
    const where = source ? paint('dim', ` (${printable(source.file)}#${source.index})`) : '';
    lines.push(`${paint(STATUS_STYLE[verdict.status], verdict.status.toUpperCase().padEnd(7))} ${paint('bold', printable(verdict.id ?? '<no id>'))}${where}  ${verdict.at ?? ''}`);
    for (const violation of verdict.violations) lines.push(...violationLines(violation, paint));
    for (const error of verdict.errors) lines.push(`  ${paint('magenta', printable(error.field))}: ${printable(error.message)}`);
    if (verdict.earliestAllowedAt) lines.push(`  ${paint('green', 'earliest allowed:')} ${verdict.earliestAllowedAt}`);
  }
  const summary = summarize(report.results);
  lines.push(
    '',
    `${summary.records} records: ${paint('red', `${summary.blocked} blocked`)}, ${paint('yellow', `${summary.review} review`)}, ${paint('green', `${summary.allowed} allowed`)}, ${paint('magenta', `${summary.invalid} invalid`)}`,
    paint('dim', `${report.policy.id} ${report.policy.version} · ${localize(report.policy.notice, options.lang)}`),
  );
  return `${lines.join('\n')}\n`;
}

/** Record data must not drive the terminal: control characters are shown escaped. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function violationLines(violation: Violation, paint: (style: Style, text: string) => string): string[] {
  const mark = violation.severity === 'block' ? paint('red', '✖') : paint('yellow', '!');
  return [
    `  ${mark} ${violation.rule} · ${violation.citation} · ${violation.election} · ${violation.regions.join(', ')}`,
    `    ${violation.message}`,
    paint('dim', `    window ${violation.localWindow.start} → ${violation.localWindow.end} (${violation.window.start} → ${violation.window.end} UTC)`),
  ];
}
