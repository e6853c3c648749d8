import type { CompiledPolicy } from '../compile/compiled.js';
import type { Verdict, Status } from '../engine/verdict.js';
import type { RecordSource } from '../records/source.js';
import type { InputNotes } from './inputs.js';

/** A verdict with the place its record was read from. */
export interface CheckedRecord {
  readonly verdict: Verdict;
  readonly source: RecordSource | undefined;
  /** The record as read, when at hand: the text report names the audience regions a violation leaves free. */
  readonly record?: unknown;
}

/** What every formatter receives. */
export interface CheckReport {
  readonly policy: CompiledPolicy;
  readonly results: readonly CheckedRecord[];
  /** Input problems and skipped items met while reading (none when left out). */
  readonly inputs?: InputNotes;
}

export type Summary = { readonly records: number } & Readonly<Record<Status, number>>;

/** A summary being counted while records stream by. */
export type SummaryCounts = { records: number } & Record<Status, number>;

/** Zero counts, to pass to `count` as records stream by. */
export function emptySummary(): SummaryCounts {
  return { records: 0, allowed: 0, blocked: 0, review: 0, invalid: 0 };
}

/** Adds one verdict to running counts (for streaming: no list of results is kept). */
export function count(counts: SummaryCounts, status: Status): SummaryCounts {
  counts.records++;
  counts[status]++;
  return counts;
}

/** Counts of records per status. */
export function summarize(results: readonly CheckedRecord[]): Summary {
  const counts = emptySummary();
  for (const { verdict } of results) count(counts, verdict.status);
  return counts;
}
