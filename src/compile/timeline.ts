import type { CompiledWindow, PolicyTimeline, RuleInfo, RuleSlice, StoredTimeline } from './compiled.js';
import type { WindowList } from './restored-window.js';

/** Integers read when asked for: an Int32Array is one, and so is a part of a cache entry read in pages (undefined when unreadable). */
export interface IntegerSource {
  readonly length: number;
  slice(start: number, end: number): Int32Array | undefined;
}

/** A restored timeline's numbers, each segment made from them when first asked for. */
interface Unmade {
  readonly slices: IntegerSource;
  readonly starts: Int32Array;
  readonly windows: WindowList;
  readonly rules: readonly RuleInfo[];
}

/**
 * The windows of a policy cut into elementary segments between consecutive
 * window edges; each segment knows which windows cover it, grouped by rule.
 * Finding the windows at an instant is a binary search.
 */
export class Timeline implements PolicyTimeline {
  /** Sorted, distinct window edges (ms). Segment i is [edges[i], edges[i + 1]). */
  readonly edges: Float64Array;
  /** The slices of each segment; a restored timeline's are made on first use. */
  readonly #segments: (readonly RuleSlice[] | undefined)[];
  readonly #unmade: Unmade | undefined;
  /**
   * For each UTC day from the first edge's, the last edge at or before its
   * start: the search is then within one day. Built after a few lookups (a
   * one-record check needs none); null when the span is too long to index.
   */
  #dayStarts: Int32Array | null | undefined;
  #firstDay = 0;
  #lookups = 0;

  /**
   * How many (segment, window) slots a timeline of these windows holds: a
   * window is listed in every segment it spans, so a policy of many
   * overlapping windows grows quadratically. The compiler caps it.
   */
  static slotCount(windows: readonly CompiledWindow[]): number {
    const edges = sortedEdges(windows);
    let slots = 0;
    for (const window of windows) slots += lastAtOrBefore(edges, window.endMs) - lastAtOrBefore(edges, window.startMs);
    return slots;
  }

  /**
   * The timeline {@link store} wrote, for `windows` and `rules` as restored
   * beside it; throws on edges out of order or segments that do not fit.
   * Each segment is made when first asked for (a one-record check needs
   * one), from its numbers, or from the windows when they do not fit them.
   */
  static restore(stored: Omit<StoredTimeline, 'slices'> & { readonly slices: IntegerSource }, windows: WindowList, rules: readonly RuleInfo[]): Timeline {
    const edges = Float64Array.from(stored.edges);
    const { slices, starts } = stored;
    let fits = starts.length === Math.max(0, edges.length - 1);
    for (let index = 0; fits && index < starts.length; index++) fits = starts[index]! >= (index === 0 ? 0 : starts[index - 1]!) && starts[index]! < slices.length;
    for (let index = 1; fits && index < edges.length; index++) fits = edges[index]! > edges[index - 1]!;
    if (!fits) throw new Error('the stored timeline does not fit its policy');
    return new Timeline([], edges, { slices, starts, windows, rules });
  }

  /** `windows` must be in policy order: rule, then election, then region. */
  constructor(windows: readonly CompiledWindow[], restoredEdges?: Float64Array, unmade?: Unmade) {
    this.edges = restoredEdges ?? sortedEdges(windows);
    this.#unmade = unmade;
    this.#segments = unmade ? new Array<undefined>(Math.max(0, this.edges.length - 1)) : this.#cut(windows);
  }

  get segmentCount(): number {
    return this.#segments.length;
  }

  /** The slices of a segment (0 <= segment < segmentCount). */
  slicesAt(segment: number): readonly RuleSlice[] {
    return this.#segments[segment] ?? (this.#segments[segment] = this.#make(segment) ?? this.#covering(segment));
  }

  /** Every segment's slices. */
  get segments(): readonly (readonly RuleSlice[])[] {
    for (let segment = 0; segment < this.#segments.length; segment++) this.slicesAt(segment);
    return this.#segments as readonly (readonly RuleSlice[])[];
  }

  /** Each window listed in every segment it covers, in policy order. */
  #cut(windows: readonly CompiledWindow[]): RuleSlice[][] {
    const edges = this.edges;
    const segments: Slice[][] = Array.from({ length: Math.max(0, edges.length - 1) }, () => []);
    for (const window of windows) {
      for (let index = this.#indexOf(window.startMs); index < segments.length && edges[index]! < window.endMs; index++) addWindow(segments[index]!, window);
    }
    return segments;
  }

  /** The windows covering one segment of a restored timeline, in policy order. */
  #covering(segment: number): RuleSlice[] {
    const at = this.edges[segment]!;
    const slices: Slice[] = [];
    for (const window of this.#unmade!.windows.all()) if (window.startMs <= at && at < window.endMs) addWindow(slices, window);
    return slices;
  }

  /** A restored segment's slices, from its numbers; undefined when they do not fit the windows and rules. */
  #make(segment: number): RuleSlice[] | undefined {
    const { slices: source, starts, windows, rules } = this.#unmade ?? {};
    if (!source || !starts || !windows || !rules) return undefined;
    const numbers = source.slice(starts[segment]!, segment + 1 < starts.length ? starts[segment + 1]! : source.length);
    if (!numbers) return undefined;
    const end = numbers.length;
    let at = 0;
    const count = numbers[at++]!;
    if (!(count >= 0 && count <= rules.length)) return undefined;
    const slices = new Array<RuleSlice>(count);
    for (let slice = 0; slice < slices.length; slice++) {
      const rule = rules[numbers[at]!];
      const regionMask = numbers[at + 1]!;
      const windowCount = numbers[at + 2]!;
      at += 3;
      if (!rule || !(windowCount > 0 && at + windowCount <= end)) return undefined;
      const sliceWindows = new Array<CompiledWindow>(windowCount);
      for (let index = 0; index < windowCount; index++) {
        const window = numbers[at++]!;
        if (!(window >= 0 && window < windows.length)) return undefined;
        sliceWindows[index] = windows.at(window);
      }
      slices[slice] = { rule, windows: sliceWindows, regionMask };
    }
    return at === end ? slices : undefined;
  }

  /** The numbers {@link restore} rebuilds this timeline from; `indexOf` gives a window's index in the policy's list. */
  store(indexOf: (window: CompiledWindow) => number): StoredTimeline {
    const slices: number[] = [];
    const starts: number[] = [];
    for (const segment of this.segments) {
      starts.push(slices.length);
      slices.push(segment.length);
      for (const slice of segment) slices.push(slice.rule.index, slice.regionMask, slice.windows.length, ...slice.windows.map(indexOf));
    }
    return { edges: [...this.edges], slices: Int32Array.from(slices), starts: Int32Array.from(starts) };
  }

  /** The segment containing `ms`, or -1 outside every window's span. */
  segmentAt(ms: number): number {
    const edges = this.edges;
    if (edges.length < 2 || ms < edges[0]! || ms >= edges[edges.length - 1]!) return -1;
    return this.#indexOf(ms);
  }

  #indexOf(ms: number): number {
    const dayStarts = this.#dayStarts === undefined ? this.#dayIndex() : this.#dayStarts;
    if (!dayStarts) return lastAtOrBefore(this.edges, ms);
    const day = Math.floor(ms / DAY_MS) - this.#firstDay;
    return lastAtOrBetween(this.edges, ms, dayStarts[day]!, day + 1 < dayStarts.length ? dayStarts[day + 1]! : this.edges.length - 1);
  }

  /** The day index, once enough lookups were made to pay for it. */
  #dayIndex(): Int32Array | null | undefined {
    if (++this.#lookups < LOOKUPS_BEFORE_INDEX) return undefined;
    const edges = this.edges;
    const firstDay = (this.#firstDay = edges.length > 0 ? Math.floor(edges[0]! / DAY_MS) : 0);
    const days = edges.length > 0 ? Math.floor(edges[edges.length - 1]! / DAY_MS) - firstDay + 2 : 0;
    // Policies span years, not millennia; a pathological span keeps the plain binary search.
    return (this.#dayStarts = days > 0 && days <= MAX_INDEXED_DAYS ? dayStarts(edges, firstDay, days) : null);
  }
}

type Slice = { rule: RuleInfo; windows: CompiledWindow[]; regionMask: number };

/** Adds a window to a segment's slices: to the last slice when of the same rule (windows come in policy order). */
function addWindow(slices: Slice[], window: CompiledWindow): void {
  const last = slices[slices.length - 1];
  const bit = window.region <= 30 ? 1 << window.region : -1;
  if (last?.rule === window.rule) {
    last.windows.push(window);
    last.regionMask = bit === -1 || last.regionMask === -1 ? -1 : last.regionMask | bit;
  } else slices.push({ rule: window.rule, windows: [window], regionMask: bit });
}

/** For each day from `firstDay`, the last edge at or before its start (the first edge for days before it), in one pass. */
function dayStarts(edges: Float64Array, firstDay: number, days: number): Int32Array {
  const starts = new Int32Array(days);
  let edge = 0;
  for (let day = 0; day < days; day++) {
    const start = (firstDay + day) * DAY_MS;
    while (edge + 1 < edges.length && edges[edge + 1]! <= start) edge++;
    starts[day] = edge;
  }
  return starts;
}

function sortedEdges(windows: readonly CompiledWindow[]): Float64Array {
  return Float64Array.from(new Set(windows.flatMap((window) => [window.startMs, window.endMs]))).sort();
}

const DAY_MS = 86_400_000;
const MAX_INDEXED_DAYS = 1_000_000;
const LOOKUPS_BEFORE_INDEX = 64;

/** Last index i with edges[i] <= ms (edges non-empty, ms >= edges[0]). */
function lastAtOrBefore(edges: Float64Array, ms: number): number {
  return lastAtOrBetween(edges, ms, 0, edges.length - 1);
}

/** Last index i in [low, high] with edges[i] <= ms, given edges[low] <= ms. */
function lastAtOrBetween(edges: Float64Array, ms: number, low: number, high: number): number {
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (edges[middle]! <= ms) low = middle;
    else high = middle - 1;
  }
  return low;
}
