import type { YAMLError } from 'yaml';
import { yamlReason } from '../text/parser-reasons.js';
import type { IssueText } from './issue-text.js';

/** A parser problem as an issue's text: its first line in the parser's words, in French said as records' YAML problems are (src/text/parser-reasons.ts). */
export function yamlProblemText(problem: Pick<YAMLError, 'code' | 'message'>): IssueText {
  const en = problem.message.split('\n')[0] ?? problem.message;
  return { en, fr: yamlReason(problem.code, en.replace(/ at line \d+, column \d+:?$/, ''), 'fr') };
}
