import type { CompiledPolicy } from '../policy/compiled.js';
import type { Verdict, Status } from '../engine/verdict.js';
import type { RecordSource } from '../records/source.js';

/** A verdict with the place its record was read from. */
export interface CheckedRecord {
  readonly verdict: Verdict;
  readonly source: RecordSource | undefined;
}

/** What every formatter receives. */
export interface CheckReport {
  readonly policy: CompiledPolicy;
  readonly results: readonly CheckedRecord[];
}

export type Summary = { readonly records: number } & Readonly<Record<Status, number>>;

/** Counts of records per status. */
export function summarize(results: readonly CheckedRecord[]): Summary {
  const counts = { records: results.length, allowed: 0, blocked: 0, review: 0, invalid: 0 };
  for (const { verdict } of results) counts[verdict.status]++;
  return counts;
}
