import type { Status } from '../../engine/verdict.js';
import { foldForSearch } from './fold.js';
import { STATUSES, type RecordStore } from './store.js';

/** What the list is narrowed to. */
export interface Filter {
  readonly status: Status | 'all';
  /** A region index, or -1 for every region. */
  readonly region: number;
  /** Text to find in the row's id, title, channel, categories or audience, as typed; compared folded (case and accents ignored). */
  readonly search: string;
}

export const NO_FILTER: Filter = { status: 'all', region: -1, search: '' };

/** From this many candidates a search scans the store's joined search texts once rather than each record's. */
const JOINED_SCAN = 4096;

/** Statuses in the order the status filter cycles through them. */
export const STATUS_CYCLE: readonly (Status | 'all')[] = ['all', 'blocked', 'review', 'invalid', 'allowed'];

export function isNoFilter(filter: Filter): boolean {
  return filter.status === 'all' && filter.region < 0 && filter.search === '';
}

/**
 * The records of `candidates` (record indices, kept in their order) that pass.
 * Status and region are read from the store's typed arrays, a byte or two a
 * record; under a region filter the status is the record's status for that
 * region. Search text is made on first use. Narrowing a search passes the
 * last result as `candidates`, so one more letter only looks at what the
 * last one left.
 */
export function filterIndices(store: RecordStore, candidates: Int32Array, filter: Filter): Int32Array {
  if (isNoFilter(filter)) return candidates;
  const status = filter.status === 'all' ? -1 : STATUSES.indexOf(filter.status);
  // Whether each distinct audience reaches the region: a few entries, whatever the number of records.
  const reaches = filter.region < 0 ? undefined : store.audienceRegions().map((regions) => regions.includes(filter.region));
  const search = foldForSearch(filter.search);
  const columns = store.columns();
  const statuses = filter.region >= 0 && status >= 0 ? store.regionStatusCodes(filter.region) : columns.status;
  const texts = store.searchTexts();
  // Over many records, one scan of the joined search texts; over a narrowed list, each one's own.
  const indexed = search !== '' && candidates.length >= JOINED_SCAN ? store.searchIndexed : 0;
  const marks = indexed > 0 ? new Uint8Array(indexed) : undefined;
  if (marks) store.markMatches(search, marks);
  const out = new Int32Array(candidates.length);
  let kept = 0;
  for (let position = 0; position < candidates.length; position++) {
    const index = candidates[position]!;
    if (status >= 0 && statuses[index] !== status) continue;
    if (reaches && !reaches[columns.audience[index]!]) continue;
    if (search !== '' && (index < indexed ? marks![index] === 0 : !(texts[index] ?? store.haystack(index)).includes(search))) continue;
    out[kept++] = index;
  }
  return kept === out.length ? out : out.slice(0, kept);
}

/** `next` keeps only records `previous` kept (same status and region, a longer search). */
export function narrows(previous: Filter, next: Filter): boolean {
  return previous.status === next.status && previous.region === next.region && next.search.startsWith(previous.search);
}
