import type { Status, Verdict } from '../../engine/verdict.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import type { RecordSource, SourcedRecord } from '../../records/source.js';
import { foldForSearch } from './fold.js';
import { statusForRegion } from './region-status.js';
import { cell, field, strings, type Row } from './rows.js';

/** An input, or a line of one, that could not be read: readInputs' error items. */
export interface InputProblem {
  readonly source: RecordSource;
  readonly message: string;
  /** Nothing after it in that input was read (missing, unreadable, not valid JSON...). */
  readonly fatal: boolean;
}

/** `file:line` or `file`, as check prints a problem's place. */
export function problemPlace(problem: InputProblem): string {
  return problem.source.line === undefined ? problem.source.file : `${problem.source.file}:${problem.source.line}`;
}

/** Statuses by code, worst first, as the store keeps them (one byte a record). */
export const STATUSES: readonly Status[] = ['blocked', 'review', 'invalid', 'allowed'];
const STATUS_CODE: Readonly<Record<Status, number>> = { blocked: 0, review: 1, invalid: 2, allowed: 3 };

/** The search texts of records [first, first + starts.length - 1), joined by newlines; `starts` has each one's offset, then the end. */
interface SearchChunk {
  readonly first: number;
  readonly text: string;
  readonly starts: Int32Array;
}

/** A distinct audience of the input: records naming the same codes share one. */
interface Audience {
  readonly regions: readonly number[];
  readonly label: string;
}

const INITIAL_CAPACITY = 1024;

/**
 * The checked records, in input order. It only grows, a batch at a time, while
 * the inputs are read, so a list state made when it held n records stays
 * valid as it grows. What it holds never changes, but for the verdicts of
 * records checked at the clock (no publishedAt), which `recheck` replaces
 * when the clock crosses a window edge (the list state then sorts them
 * again). It keeps per record only what sorting and filtering need (instant,
 * status, audience); the texts a row shows and the folded text search looks
 * in are made when first asked for, and kept.
 */
export class RecordStore {
  readonly policy: CompiledPolicy;
  /** The audience column of a record that names none. */
  readonly defaultLabel: string;
  /** Inputs and lines that could not be read, in the order met. */
  readonly problems: InputProblem[] = [];
  readonly #inputs: SourcedRecord[] = [];
  readonly #verdicts: Verdict[] = [];
  #at = new Float64Array(INITIAL_CAPACITY);
  #status = new Uint8Array(INITIAL_CAPACITY);
  #audience = new Uint32Array(INITIAL_CAPACITY);
  /** 1 for a record checked at the clock (it has no publishedAt). */
  #clocked = new Uint8Array(INITIAL_CAPACITY);
  /** The records checked at the clock, in input order, and the instant each was last checked at. */
  readonly #clockedIndices: number[] = [];
  readonly #clockedAt: number[] = [];
  /** Status codes for one region (see statusForRegion), by region index; each covers the first `filled` records. */
  readonly #regionStatus = new Map<number, { codes: Uint8Array; filled: number }>();
  /** The earliest and latest instants of the records that have their own (NaN before the first). */
  #firstAt = Number.NaN;
  #lastAt = Number.NaN;
  readonly #audiences: Audience[] = [];
  readonly #audienceIds = new Map<string, number>();
  readonly #rows: (Row | undefined)[] = [];
  readonly #haystacks: (string | undefined)[] = [];
  /** The search texts of the first records, joined a few thousand at a time: see markMatches. */
  readonly #searchChunks: SearchChunk[] = [];
  #searchIndexed = 0;

  constructor(policy: CompiledPolicy, defaultLabel: string) {
    this.policy = policy;
    this.defaultLabel = defaultLabel;
  }

  get length(): number {
    return this.#inputs.length;
  }

  /**
   * Adds a checked record; `verdict` answers `input`. `clockedAt` is the
   * instant a record without publishedAt was checked at: its verdict may
   * change as the clock runs (see recheck).
   */
  add(input: SourcedRecord, verdict: Verdict, clockedAt?: number): void {
    const index = this.#inputs.length;
    if (index === this.#at.length) this.#grow();
    this.#inputs.push(input);
    this.#verdicts.push(verdict);
    const at = verdict.at === null ? Number.NaN : Date.parse(verdict.at);
    this.#at[index] = at;
    this.#status[index] = STATUS_CODE[verdict.status];
    this.#audience[index] = this.#audienceId(strings(field(input.record, 'audience')));
    if (clockedAt !== undefined) {
      this.#clocked[index] = 1;
      this.#clockedIndices.push(index);
      this.#clockedAt.push(clockedAt);
    } else if (Number.isFinite(at)) {
      if (!(at >= this.#firstAt)) this.#firstAt = at;
      if (!(at <= this.#lastAt)) this.#lastAt = at;
    }
  }

  /** Whether the record has no publishedAt and was checked at the clock. */
  clocked(index: number): boolean {
    return this.#clocked[index] === 1;
  }

  /**
   * The records among the first `count` checked at the clock at an instant
   * outside [fromMs, untilMs): the ones whose verdict may differ there.
   */
  staleClocked(count: number, fromMs: number, untilMs: number): number[] {
    const stale: number[] = [];
    const indices = this.#clockedIndices;
    for (let position = 0; position < indices.length && indices[position]! < count; position++) {
      const at = this.#clockedAt[position]!;
      if (!(at >= fromMs && at < untilMs)) stale.push(indices[position]!);
    }
    return stale;
  }

  /** How many records are checked at the clock (see add). */
  get clockedCount(): number {
    return this.#clockedIndices.length;
  }

  /**
   * Replaces the verdict of a record checked at the clock by one at `atMs`.
   * The list state must sort the record again: its instant changed.
   */
  recheck(index: number, verdict: Verdict, atMs: number): void {
    const position = sortedPosition(this.#clockedIndices, index);
    if (position < 0) throw new Error(`record ${index} was not checked at the clock`);
    this.#clockedAt[position] = atMs;
    this.#verdicts[index] = verdict;
    this.#at[index] = verdict.at === null ? Number.NaN : Date.parse(verdict.at);
    this.#status[index] = STATUS_CODE[verdict.status];
    this.#rows[index] = undefined;
    for (const [region, column] of this.#regionStatus) {
      if (index < column.filled) column.codes[index] = STATUS_CODE[statusForRegion(verdict, this.policy.regions[region]!.code)];
    }
  }

  /** Whether the records with their own instant fall in more than one year of `zone`. */
  spansYears(zone: string, yearOf: (ms: number, zone: string) => number): boolean {
    return Number.isFinite(this.#firstAt) && yearOf(this.#firstAt, zone) !== yearOf(this.#lastAt, zone);
  }

  /**
   * Status codes (as statusCode) for region `region`, by record index: each
   * record's status for readers there. Made on first use for a region, and
   * kept as the store grows; valid for the first `length` records.
   */
  regionStatusCodes(region: number): Uint8Array {
    let column = this.#regionStatus.get(region);
    if (!column || column.codes.length < this.length) {
      const codes = new Uint8Array(this.#at.length);
      if (column) codes.set(column.codes.subarray(0, column.filled));
      column = { codes, filled: column?.filled ?? 0 };
      this.#regionStatus.set(region, column);
    }
    const code = this.policy.regions[region]!.code;
    for (let index = column.filled; index < this.length; index++) column.codes[index] = STATUS_CODE[statusForRegion(this.#verdicts[index]!, code)];
    column.filled = this.length;
    return column.codes;
  }

  addProblem(problem: InputProblem): void {
    this.problems.push(problem);
  }

  input(index: number): SourcedRecord {
    return this.#inputs[index]!;
  }

  verdict(index: number): Verdict {
    return this.#verdicts[index]!;
  }

  /** The instant checked (epoch ms), NaN for a record without one. */
  atMs(index: number): number {
    return this.#at[index]!;
  }

  /** The status as an index in STATUSES. */
  statusCode(index: number): number {
    return this.#status[index]!;
  }

  /** The audience regions of each distinct audience, by id; `audienceId` gives a record's. */
  audienceRegions(): readonly (readonly number[])[] {
    return this.#audiences.map((audience) => audience.regions);
  }

  audienceId(index: number): number {
    return this.#audience[index]!;
  }

  /**
   * The columns filters read, for a loop over every record without a call per
   * record: status codes and audience ids by record index. Read-only views,
   * valid for the first `length` records until the store grows.
   */
  columns(): { readonly status: Uint8Array; readonly audience: Uint32Array } {
    return { status: this.#status.subarray(0, this.length), audience: this.#audience.subarray(0, this.length) };
  }

  /** Identity across re-checks: the record's id, or its file and place when it has none. */
  key(index: number): string {
    const verdict = this.#verdicts[index]!;
    if (verdict.id !== null) return verdict.id;
    const { source } = this.#inputs[index]!;
    return `#${source.file}#${source.index}`;
  }

  /** The row as the list draws it, made on first use. */
  row(index: number): Row {
    let row = this.#rows[index];
    if (row === undefined) {
      const input = this.#inputs[index]!;
      const record = input.record;
      row = {
        index,
        key: this.key(index),
        label: cell(this.key(index)),
        input,
        verdict: this.#verdicts[index]!,
        atMs: this.#at[index]!,
        clocked: this.#clocked[index] === 1,
        audience: this.#audiences[this.#audience[index]!]!.label,
        channel: cell(field(record, 'channel')),
        categories: cell(strings(field(record, 'categories')).join(',')),
        title: cell(field(record, 'title')),
      };
      this.#rows[index] = row;
    }
    return row;
  }

  /** Folded text (see foldForSearch) that search looks in: id, title, channel, categories, audience. Made on first use. */
  haystack(index: number): string {
    let text = this.#haystacks[index];
    if (text === undefined) {
      const record = this.#inputs[index]!.record;
      const id = this.#verdicts[index]!.id;
      text = `${id === null ? '' : cell(id)} ${cell(field(record, 'title'))} ${cell(field(record, 'channel'))} ${cell(strings(field(record, 'categories')).join(','))} ${this.#audiences[this.#audience[index]!]!.label}`;
      text = foldForSearch(text);
      this.#haystacks[index] = text;
    }
    return text;
  }

  /** The search texts made so far, by record index (undefined where not made yet: haystack makes it). */
  searchTexts(): readonly (string | undefined)[] {
    return this.#haystacks;
  }

  /**
   * Makes the search text of records [from, to) now (in the background), so
   * the first search need not; when `from` is where the joined texts end, the
   * range's texts are joined too, for markMatches.
   */
  prepareSearch(from: number, to: number): void {
    const end = Math.min(to, this.length);
    for (let index = from; index < end; index++) this.haystack(index);
    if (from !== this.#searchIndexed || end <= from) return;
    // A newline never occurs in a search text (cell() escapes control characters), nor in a search.
    const starts = new Int32Array(end - from + 1);
    let offset = 0;
    for (let index = from; index < end; index++) {
      starts[index - from] = offset;
      offset += this.#haystacks[index]!.length + 1;
    }
    starts[end - from] = offset;
    this.#searchChunks.push({ first: from, text: this.#haystacks.slice(from, end).join('\n'), starts });
    this.#searchIndexed = end;
  }

  /** How many records, from the first, markMatches covers. */
  get searchIndexed(): number {
    return this.#searchIndexed;
  }

  /**
   * Sets `marks[index]` to 1 for every record below `searchIndexed` whose
   * search text holds `search` (folded, no newline). One native scan of
   * the joined texts: a word found in few records costs a few milliseconds
   * over 100,000, where testing each record's text would cost tens.
   */
  markMatches(search: string, marks: Uint8Array): void {
    for (const chunk of this.#searchChunks) {
      const { text, starts, first } = chunk;
      let record = 0;
      for (let at = text.indexOf(search); at >= 0; ) {
        while (starts[record + 1]! <= at) record++;
        marks[first + record] = 1;
        // On to the next record's text: one mark a record is enough.
        at = text.indexOf(search, starts[record + 1]!);
      }
    }
  }

  /** List order: by instant, undated last, input order among equals. */
  compare(a: number, b: number): number {
    const x = this.#at[a]!;
    const y = this.#at[b]!;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return a - b;
    // At least one is NaN (undated): they go last.
    const xUndated = Number.isNaN(x);
    const yUndated = Number.isNaN(y);
    if (xUndated && yUndated) return a - b;
    return xUndated ? 1 : -1;
  }

  /** Records [from, to) in list order. */
  sortRange(from: number, to: number): Int32Array {
    const indices = new Int32Array(Math.max(0, to - from));
    for (let offset = 0; offset < indices.length; offset++) indices[offset] = from + offset;
    return indices.sort((a, b) => this.compare(a, b));
  }

  /** Two lists in list order, merged; either may be empty. */
  merge(left: Int32Array, right: Int32Array): Int32Array {
    if (right.length === 0) return left;
    if (left.length === 0) return right;
    const out = new Int32Array(left.length + right.length);
    let l = 0;
    let r = 0;
    let o = 0;
    while (l < left.length && r < right.length) out[o++] = this.compare(left[l]!, right[r]!) <= 0 ? left[l++]! : right[r++]!;
    while (l < left.length) out[o++] = left[l++]!;
    while (r < right.length) out[o++] = right[r++]!;
    return out;
  }

  /** Where record `index` is in `list` (in list order), or -1 when it is not there. */
  positionOf(list: Int32Array, index: number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(list[middle]!, index) < 0) low = middle + 1;
      else high = middle;
    }
    return low < list.length && list[low] === index ? low : -1;
  }

  #audienceId(codes: readonly string[]): number {
    const name = codes.join('\u0000');
    let id = this.#audienceIds.get(name);
    if (id === undefined) {
      const { policy } = this;
      const regions = codes.length === 0 ? policy.defaultAudience : [...new Set(codes.flatMap((code) => policy.audiences.get(code) ?? []))];
      id = this.#audiences.length;
      this.#audiences.push({ regions, label: codes.length === 0 ? this.defaultLabel : cell(codes.join(',')) });
      this.#audienceIds.set(name, id);
    }
    return id;
  }

  #grow(): void {
    const capacity = this.#at.length * 2;
    const at = new Float64Array(capacity);
    at.set(this.#at);
    this.#at = at;
    const status = new Uint8Array(capacity);
    status.set(this.#status);
    this.#status = status;
    const audience = new Uint32Array(capacity);
    audience.set(this.#audience);
    this.#audience = audience;
    const clocked = new Uint8Array(capacity);
    clocked.set(this.#clocked);
    this.#clocked = clocked;
  }
}

/** Where `value` is in an ascending list, or -1. */
function sortedPosition(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return list[low] === value ? low : -1;
}
