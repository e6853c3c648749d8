/**
 * The error hierarchy of blackout. Violations are data (verdicts); these are
 * thrown only when a policy cannot be used or a call is malformed.
 */

/** Where a problem stands in a policy file, with a short excerpt of the line. */
export interface PolicyIssue {
  /** The file as it was named to the loader (or `<text>` for in-memory text). */
  readonly file: string;
  /** 1-based line and column; 0 when the problem is not tied to a place (an unreadable file). */
  readonly line: number;
  readonly column: number;
  /** `yaml` (syntax), `schema` (shape), `semantic` (meaning), `io` (reading), `limit` (size, depth). */
  readonly code: PolicyIssueCode;
  /** In English. */
  readonly message: string;
  /** `message` in French; absent on an issue built elsewhere than blackout's loader. */
  readonly fr?: string;
  /** The offending line with a caret under the column, or '' when there is none. */
  readonly excerpt: string;
}

export type PolicyIssueCode = 'yaml' | 'schema' | 'semantic' | 'io' | 'limit';

/** Base class of every error blackout throws. */
export class BlackoutError extends Error {
  override name = 'BlackoutError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
  /** True on every blackout error, also across realms where `instanceof` fails. */
  get isBlackoutError(): true {
    return true;
  }
}

/**
 * A policy could not be loaded. `issues` lists every problem found, each with
 * file, line and column; the message lists them too, one a line, in English.
 */
export class PolicyError extends BlackoutError {
  override name = 'PolicyError' as const;
  readonly issues: readonly PolicyIssue[];
  constructor(issues: readonly PolicyIssue[]) {
    super(`Policy has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`);
    this.issues = issues;
  }
}

/** A call was made with arguments that cannot work (an unknown option value, a bad instant). */
export class UsageError extends BlackoutError {
  override name = 'UsageError' as const;
}

/** Input records could not be read at all (not a bad record: that is an `invalid` verdict). */
export class InputError extends BlackoutError {
  override name = 'InputError' as const;
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}

/**
 * `file:line:col: message` — the form editors and terminals make clickable;
 * the French text with `lang` 'fr' when the issue has one.
 */
export function formatIssue(issue: PolicyIssue, lang?: 'en' | 'fr'): string;
/** As a callback, `issues.map(formatIssue)`, which passes an index: English. */
export function formatIssue(issue: PolicyIssue, index: number, issues: readonly PolicyIssue[]): string;
export function formatIssue(issue: PolicyIssue, lang?: unknown): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return `${where}: ${lang === 'fr' && issue.fr !== undefined ? issue.fr : issue.message}`;
}

/** @example if (isBlackoutError(e)) console.error(e.message) */
export function isBlackoutError(error: unknown): error is BlackoutError {
  // An Error from another realm (a vm context, an iframe running blackout/core) is no `instanceof Error` here.
  return error instanceof BlackoutError || (Object.prototype.toString.call(error) === '[object Error]' && (error as Partial<BlackoutError>).isBlackoutError === true);
}

export function isPolicyError(error: unknown): error is PolicyError {
  return isBlackoutError(error) && error.name === 'PolicyError';
}
