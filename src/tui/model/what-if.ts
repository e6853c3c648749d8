import type { Checker } from '../../engine/checker.js';
import type { Row } from './rows.js';
import type { WhatIf } from './state.js';

/**
 * The verdict the record would get published at its earliest allowed time.
 * A record that is not blocked has nowhere to move to.
 */
export function whatIf(checker: Checker, row: Row, lang: string): WhatIf {
  const earliest = row.verdict.earliestAllowedAt;
  if (earliest === null) return { key: row.key, atMs: null, verdict: null };
  const atMs = Date.parse(earliest);
  return { key: row.key, atMs, verdict: checker.check(row.input.record, { at: atMs, lang }) };
}
