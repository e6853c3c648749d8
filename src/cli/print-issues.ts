import { formatIssue, type PolicyIssue } from '../errors.js';
import type { ErrorItem, SkippedItem } from '../records/input-item.js';
import { printable } from '../text/printable.js';
import type { CliIo } from './io.js';

/** Each policy problem as `file:line:col: message` in the run's language, then its excerpt, on stderr. */
export function printIssues(io: CliIo, issues: readonly PolicyIssue[], lang: 'en' | 'fr'): void {
  for (const issue of issues) io.stderr(`${formatIssue(issue, lang)}\n${issue.excerpt ? `${issue.excerpt}\n` : ''}`);
}

/**
 * An input problem or skipped item as one line of stderr: `file:line: message`.
 * A file name or a quoted value holding a newline must not start a line of its
 * own (a forged `::error` workflow command, a verdict that is not one), so the
 * line is shown escaped whole; stderr's own escaping keeps line ends.
 */
export function inputProblemLine(item: ErrorItem | SkippedItem): string {
  const where = item.source.line === undefined ? item.source.file : `${item.source.file}:${item.source.line}`;
  return `${printable(`${where}: ${item.message}`)}\n`;
}
