import type { CompiledWindow, RuleInfo } from './compiled.js';

/** The windows of one rule within a segment, so a rule that cannot apply is skipped at once. */
export interface RuleSlice {
  readonly rule: RuleInfo;
  /** In policy order: election, then region. */
  readonly windows: readonly CompiledWindow[];
  /** Bit i set when a window is for region i; -1 when a region's index is beyond 30. */
  readonly regionMask: number;
}

/**
 * A timeline as numbers, for the policy cache: per segment its slice count,
 * then per slice the rule's index, the region mask, the window count and the
 * windows' indices in the policy's list.
 */
export interface StoredTimeline {
  readonly edges: readonly number[];
  readonly slices: readonly number[];
}

/**
 * The windows of a policy cut into elementary segments between consecutive
 * window edges; each segment knows which windows cover it, grouped by rule.
 * Finding the windows at an instant is a binary search.
 */
export class Timeline {
  /** Sorted, distinct window edges (ms). Segment i is [edges[i], edges[i + 1]). */
  readonly edges: Float64Array;
  readonly segments: readonly (readonly RuleSlice[])[];
  /** For each UTC day from the first edge's, the last edge at or before its start: the search is then within one day. */
  readonly #dayStarts: Int32Array | undefined;
  readonly #firstDay: number;

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
   * Rebuilds a timeline {@link store} wrote, for `windows` and `rules` as
   * restored beside it; throws on numbers that do not fit them.
   */
  static restore(stored: StoredTimeline, windows: readonly CompiledWindow[], rules: readonly RuleInfo[]): Timeline {
    const edges = Float64Array.from(stored.edges);
    const numbers = stored.slices;
    const segments: RuleSlice[][] = new Array<RuleSlice[]>(Math.max(0, edges.length - 1));
    let at = 0;
    const next = (limit: number): number => {
      const value = numbers[at++];
      if (!Number.isInteger(value) || value! < 0 || value! >= limit) throw new Error('the stored timeline does not fit its policy');
      return value!;
    };
    for (let segment = 0; segment < segments.length; segment++) {
      const slices: RuleSlice[] = (segments[segment] = new Array<RuleSlice>(next(rules.length + 1)));
      for (let slice = 0; slice < slices.length; slice++) {
        const rule = rules[next(rules.length)]!;
        const regionMask = numbers[at++]! | 0;
        const sliceWindows = new Array<CompiledWindow>(next(windows.length + 1));
        for (let index = 0; index < sliceWindows.length; index++) sliceWindows[index] = windows[next(windows.length)]!;
        slices[slice] = { rule, windows: sliceWindows, regionMask };
      }
    }
    if (at !== numbers.length || !(edges.every((edge, index) => index === 0 || edge > edges[index - 1]!))) throw new Error('the stored timeline does not fit its policy');
    return new Timeline(windows, { edges, segments });
  }

  /** `windows` must be in policy order: rule, then election, then region. */
  constructor(windows: readonly CompiledWindow[], restored?: { readonly edges: Float64Array; readonly segments: readonly (readonly RuleSlice[])[] }) {
    const edges = restored?.edges ?? sortedEdges(windows);
    this.edges = edges;
    this.#firstDay = edges.length > 0 ? Math.floor(edges[0]! / DAY_MS) : 0;
    const days = edges.length > 0 ? Math.floor(edges[edges.length - 1]! / DAY_MS) - this.#firstDay + 2 : 0;
    // Policies span years, not millennia; a pathological span keeps the plain binary search.
    this.#dayStarts = days > 0 && days <= MAX_INDEXED_DAYS ? dayStarts(edges, this.#firstDay, days) : undefined;
    this.segments = restored?.segments ?? this.#cut(windows);
  }

  /** Each window listed in every segment it covers, in policy order. */
  #cut(windows: readonly CompiledWindow[]): RuleSlice[][] {
    const edges = this.edges;
    const segments: { rule: RuleInfo; windows: CompiledWindow[]; regionMask: number }[][] = Array.from({ length: Math.max(0, edges.length - 1) }, () => []);
    for (const window of windows) {
      for (let index = this.#indexOf(window.startMs); index < segments.length && edges[index]! < window.endMs; index++) {
        const slices = segments[index]!;
        const last = slices[slices.length - 1];
        const bit = window.region <= 30 ? 1 << window.region : -1;
        if (last?.rule === window.rule) {
          last.windows.push(window);
          last.regionMask = bit === -1 || last.regionMask === -1 ? -1 : last.regionMask | bit;
        } else slices.push({ rule: window.rule, windows: [window], regionMask: bit });
      }
    }
    return segments;
  }

  /** The numbers {@link restore} rebuilds this timeline from; `indexOf` gives a window's index in the policy's list. */
  store(indexOf: (window: CompiledWindow) => number): StoredTimeline {
    const slices: number[] = [];
    for (const segment of this.segments) {
      slices.push(segment.length);
      for (const slice of segment) slices.push(slice.rule.index, slice.regionMask, slice.windows.length, ...slice.windows.map(indexOf));
    }
    return { edges: [...this.edges], slices };
  }

  /** The segment containing `ms`, or -1 outside every window's span. */
  segmentAt(ms: number): number {
    const edges = this.edges;
    if (edges.length < 2 || ms < edges[0]! || ms >= edges[edges.length - 1]!) return -1;
    return this.#indexOf(ms);
  }

  #indexOf(ms: number): number {
    const dayStarts = this.#dayStarts;
    if (!dayStarts) return lastAtOrBefore(this.edges, ms);
    const day = Math.floor(ms / DAY_MS) - this.#firstDay;
    return lastAtOrBetween(this.edges, ms, dayStarts[day]!, day + 1 < dayStarts.length ? dayStarts[day + 1]! : this.edges.length - 1);
  }
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
