import type { Status, Verdict } from '../../engine/verdict.js';

/**
 * A record's status for one region of its audience, from its verdict: blocked
 * when a blocking violation holds there, review when only others do, allowed
 * when none does. The engine already made detector hits and undeclared
 * categories `review` violations, so severity says it all. Invalid stays
 * invalid everywhere.
 */
export function statusForRegion(verdict: Verdict, code: string): Status {
  if (verdict.status === 'invalid') return 'invalid';
  let review = false;
  for (const violation of verdict.violations) {
    if (!violation.regions.includes(code)) continue;
    if (violation.severity === 'block') return 'blocked';
    review = true;
  }
  return review ? 'review' : 'allowed';
}

/** The regions of `codes` (a record's audience) whose status differs from the one for `code`, grouped by status. */
export function otherStatuses(verdict: Verdict, code: string, codes: readonly string[]): Map<Status, string[]> {
  const own = statusForRegion(verdict, code);
  const others = new Map<Status, string[]>();
  for (const other of codes) {
    const status = statusForRegion(verdict, other);
    if (status === own) continue;
    const list = others.get(status);
    if (list) list.push(other);
    else others.set(status, [other]);
  }
  return others;
}
