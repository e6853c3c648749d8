import type { Status } from '../engine/verdict.js';
import type { Row } from './rows.js';

/** What the list is narrowed to. */
export interface Filter {
  readonly status: Status | 'all';
  /** A region index, or -1 for every region. */
  readonly region: number;
  /** Lower-case text to find in the row's id, title, channel, categories or audience. */
  readonly search: string;
}

export const NO_FILTER: Filter = { status: 'all', region: -1, search: '' };

/** Statuses in the order the status filter cycles through them. */
export const STATUS_CYCLE: readonly (Status | 'all')[] = ['all', 'blocked', 'review', 'invalid', 'allowed'];

function passes(row: Row, filter: Filter): boolean {
  return (
    (filter.status === 'all' || row.verdict.status === filter.status) &&
    (filter.region < 0 || row.regions.includes(filter.region)) &&
    (filter.search === '' || row.haystack.includes(filter.search))
  );
}

/**
 * Positions in `rows` of the rows that pass. `within`, when given, is an
 * earlier result for a filter at least as broad: typing one more letter of a
 * search then only looks at what the last letter left.
 */
export function filterRows(rows: readonly Row[], filter: Filter, within?: Int32Array): Int32Array {
  const candidates = within ?? null;
  const count = candidates ? candidates.length : rows.length;
  const out = new Int32Array(count);
  let kept = 0;
  for (let index = 0; index < count; index++) {
    const position = candidates ? candidates[index]! : index;
    if (passes(rows[position]!, filter)) out[kept++] = position;
  }
  return out.slice(0, kept);
}

/** `next` keeps only rows `previous` kept (same status and region, a longer search). */
export function narrows(previous: Filter, next: Filter): boolean {
  return previous.status === next.status && previous.region === next.region && next.search.startsWith(previous.search);
}
