import type { Verdict } from '../engine/verdict.js';
import type { SourcedRecord } from '../records/source.js';

/**
 * One checked record as the list shows it. Built only for the rows that are
 * drawn (and the selected one), when first drawn, then kept: see RecordStore.row.
 */
export interface Row {
  /** Position of the record in the store (input order). */
  readonly index: number;
  /** Identity across re-checks: the record's id, or its place when it has none. */
  readonly key: string;
  readonly input: SourcedRecord;
  readonly verdict: Verdict;
  /** The instant checked (epoch ms), NaN when the record has none. */
  readonly atMs: number;
  readonly audience: string;
  readonly channel: string;
  readonly categories: string;
  readonly title: string;
}

// A title of a megabyte must not cost a megabyte per render or per search.
const CELL_LIMIT = 240;
// Control characters would drive the terminal, and bidi overrides would reorder the screen.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A value as one safe line of bounded length. */
export function cell(value: unknown): string {
  if (typeof value !== 'string') return '';
  const text = value.length > CELL_LIMIT ? `${value.slice(0, CELL_LIMIT)}…` : value;
  return text.replace(UNSAFE, ' ');
}

export function field(record: unknown, name: string): unknown {
  return record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[name] : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
