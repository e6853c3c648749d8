import type { CompiledWindow, RuleInfo } from './compiled.js';

/** The windows of one rule within a segment, so a rule that cannot apply is skipped at once. */
export interface RuleSlice {
  readonly rule: RuleInfo;
  /** In policy order: election, then region. */
  readonly windows: readonly CompiledWindow[];
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

  /** `windows` must be in policy order: rule, then election, then region. */
  constructor(windows: readonly CompiledWindow[]) {
    const edges = sortedEdges(windows);
    this.edges = edges;
    const segments: { rule: RuleInfo; windows: CompiledWindow[] }[][] = Array.from({ length: Math.max(0, edges.length - 1) }, () => []);
    for (const window of windows) {
      for (let index = this.#indexOf(window.startMs); index < segments.length && edges[index]! < window.endMs; index++) {
        const slices = segments[index]!;
        const last = slices[slices.length - 1];
        if (last?.rule === window.rule) last.windows.push(window);
        else slices.push({ rule: window.rule, windows: [window] });
      }
    }
    this.segments = segments;
  }

  /** The segment containing `ms`, or -1 outside every window's span. */
  segmentAt(ms: number): number {
    const edges = this.edges;
    if (edges.length < 2 || ms < edges[0]! || ms >= edges[edges.length - 1]!) return -1;
    return this.#indexOf(ms);
  }

  #indexOf(ms: number): number {
    return lastAtOrBefore(this.edges, ms);
  }
}

function sortedEdges(windows: readonly CompiledWindow[]): Float64Array {
  return Float64Array.from(new Set(windows.flatMap((window) => [window.startMs, window.endMs]))).sort();
}

/** Last index i with edges[i] <= ms (edges non-empty, ms >= edges[0]). */
function lastAtOrBefore(edges: Float64Array, ms: number): number {
  let low = 0;
  let high = edges.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (edges[middle]! <= ms) low = middle;
    else high = middle - 1;
  }
  return low;
}
