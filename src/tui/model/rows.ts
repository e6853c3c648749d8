import type { Verdict } from '../../engine/verdict.js';
import type { SourcedRecord } from '../../records/source.js';
import { printable } from '../../text/printable.js';

// The one escaping function of everything printed; the components take it from here.
export { printable };

/**
 * One checked record as the list shows it. Built only for the rows that are
 * drawn (and the selected one), when first drawn, then kept: see RecordStore.row.
 */
export interface Row {
  /** Position of the record in the store (input order). */
  readonly index: number;
  /** Identity across re-checks: the record's id, or its place when it has none. */
  readonly key: string;
  /** The key as drawn: escaped by cell(), since a record's id is whatever its file says. */
  readonly label: string;
  readonly input: SourcedRecord;
  readonly verdict: Verdict;
  /** The instant checked (epoch ms), NaN when the record has none. */
  readonly atMs: number;
  /** It has no publishedAt: checked at the clock, and again as the clock crosses a window edge. */
  readonly clocked: boolean;
  readonly audience: string;
  readonly channel: string;
  readonly categories: string;
  readonly title: string;
}

// A title of a megabyte must not cost a megabyte per render or per search.
const CELL_LIMIT = 240;

/**
 * A value as one safe line of bounded length: control characters and bidi
 * overrides escaped as the reports show them (`\u001b`), so an id cannot
 * drive the terminal, rewrite its row or reorder the screen.
 */
export function cell(value: unknown): string {
  if (typeof value !== 'string') return '';
  return printable(value.length > CELL_LIMIT ? `${value.slice(0, CELL_LIMIT)}…` : value);
}

export function field(record: unknown, name: string): unknown {
  return record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[name] : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
