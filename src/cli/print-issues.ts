import { formatIssue, type PolicyIssue } from '../errors.js';
import type { CliIo } from './io.js';

/** Each policy problem as `file:line:col: message`, then its excerpt, on stderr. */
export function printIssues(io: CliIo, issues: readonly PolicyIssue[]): void {
  for (const issue of issues) io.stderr(`${formatIssue(issue)}\n${issue.excerpt ? `${issue.excerpt}\n` : ''}`);
}
