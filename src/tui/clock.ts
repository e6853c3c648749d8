import type { Checker } from '../engine/checker.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import type { Lang } from './messages.js';
import type { RecordStore } from './model/store.js';

/** An interval of instants [fromMs, untilMs) over which no verdict can change. */
export interface Steady {
  readonly fromMs: number;
  readonly untilMs: number;
}

// The instants where an answer can change do not change with the policy: sorted once.
const pointsCache = new WeakMap<CompiledPolicy, Float64Array>();

/**
 * The instants at which a verdict can change, sorted: the edges of every
 * window (the compiled timeline's segments) and of the spans where a
 * provisional calendar could move one (which make a verdict `provisional`).
 * Between two of them every record gets the same answer at any instant.
 */
export function changePoints(policy: CompiledPolicy): Float64Array {
  let points = pointsCache.get(policy);
  if (!points) {
    const all = Float64Array.from([...policy.timeline.edges, ...policy.provisionalBounds]).sort();
    const distinct: number[] = [];
    for (const point of all) if (distinct.length === 0 || distinct[distinct.length - 1] !== point) distinct.push(point);
    points = Float64Array.from(distinct);
    pointsCache.set(policy, points);
  }
  return points;
}

/** The interval around `ms` between two change points: [last point at or before it, first point after it). */
export function steadyAround(policy: CompiledPolicy, ms: number): Steady {
  const points = changePoints(policy);
  // The first point after ms.
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle]! <= ms) low = middle + 1;
    else high = middle;
  }
  return { fromMs: low > 0 ? points[low - 1]! : -Infinity, untilMs: low < points.length ? points[low]! : Infinity };
}

/**
 * Checks again, at `nowMs`, every record among the store's first `count` that
 * was checked at the clock at an instant on the other side of a change point:
 * a draft without publishedAt is ALLOWED at 23:59:59 and BLOCKED at 00:00 on
 * the eve of a vote. Returns the records checked again (none, most seconds:
 * the test is one comparison a record).
 */
export function recheckClocked(store: RecordStore, checker: Checker, count: number, nowMs: number, lang: Lang): number[] {
  if (store.clockedCount === 0) return [];
  const steady = steadyAround(checker.policy, nowMs);
  const stale = store.staleClocked(count, steady.fromMs, steady.untilMs);
  if (stale.length === 0) return stale;
  const now = new Date(nowMs).toISOString();
  for (const index of stale) store.recheck(index, checker.check(atClock(store.input(index).record, now), { lang }), nowMs);
  return stale;
}

/** A record without publishedAt as checked at the clock: the instant it would go out now. */
export function atClock(record: unknown, nowIso: string): unknown {
  return { ...(record as object), publishedAt: nowIso };
}

/** Whether a record has no publishedAt, so the UI checks it at the clock. */
export function isUndated(record: unknown): boolean {
  return record !== null && typeof record === 'object' && !Array.isArray(record) && (record as { publishedAt?: unknown }).publishedAt === undefined;
}
