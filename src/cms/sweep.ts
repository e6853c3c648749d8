import { readAt } from '../engine/checker.js';
import type { Status, Verdict } from '../engine/verdict.js';
import { UsageError } from '../errors.js';
import { parseInstant } from '../records/instant.js';
import type { Lang } from './lang.js';
import type { VerdictSource } from './verdict-source.js';

/** Options of {@link sweep}: the range of scheduled times to look at, `[from, to)`. */
export interface SweepOptions {
  readonly from: string | Date | number;
  readonly to: string | Date | number;
  /** Language of violation messages (default en). */
  readonly lang?: Lang;
}

/** A scheduled item that would not go out as planned. */
export interface SweepItem {
  /** Position in the input (0-based). */
  readonly index: number;
  readonly id: string | null;
  /** The scheduled time as given, normalised (the record's own offset), or null when unreadable. */
  readonly scheduledAt: string | null;
  readonly status: Exclude<Status, 'allowed'>;
  /** The rules that apply, in verdict order, each once. */
  readonly rules: readonly string[];
  /** When it may go out instead (UTC); null unless blocked by a window. */
  readonly earliestAllowedAt: string | null;
  readonly verdict: Verdict;
}

/** What a sweep found. */
export interface SweepResult {
  /** The range, in UTC. */
  readonly from: string;
  readonly to: string;
  /** Items read, items whose scheduled time is in the range. */
  readonly items: number;
  readonly inRange: number;
  /** Items in the range that are not allowed, plus items whose scheduled time cannot be read, in input order. */
  readonly flagged: readonly SweepItem[];
}

/**
 * Goes through a CMS's queue of scheduled items (records whose `publishedAt`
 * is the scheduled time) and lists those due in `[from, to)` that fall into a
 * window, with the earliest lawful time for each: the list to work through the
 * Thursday before a vote. An item whose time cannot be read is listed as
 * `invalid`: it cannot be known to be safe.
 *
 * @example
 * const { flagged } = sweep(checker, queue, { from: Date.now(), to: Date.now() + 7 * 86_400_000 });
 * for (const item of flagged) reschedule(item.id, item.earliestAllowedAt);
 */
export function sweep(checker: VerdictSource, items: Iterable<unknown>, options: SweepOptions): SweepResult {
  const from = readAt(options.from);
  const to = readAt(options.to);
  if (to.ms <= from.ms) throw new UsageError(`the sweep range ends (${to.iso}) before it starts (${from.iso})`);
  const lang = options.lang ?? 'en';
  const flagged: SweepItem[] = [];
  let count = 0;
  let inRange = 0;
  for (const item of items) {
    const index = count++;
    const scheduled = scheduledMs(item);
    if (scheduled !== undefined && (scheduled < from.ms || scheduled >= to.ms)) continue;
    if (scheduled !== undefined) inRange++;
    const verdict = checker.check(item, { lang });
    if (verdict.status === 'allowed') continue;
    flagged.push({
      index,
      id: verdict.id,
      scheduledAt: verdict.at,
      status: verdict.status,
      rules: [...new Set(verdict.violations.map((violation) => violation.rule))],
      earliestAllowedAt: verdict.earliestAllowedAt,
      verdict,
    });
  }
  return { from: new Date(from.ms).toISOString(), to: new Date(to.ms).toISOString(), items: count, inRange, flagged };
}

/** The item's scheduled instant, or undefined when it cannot be read (the check then says why). */
function scheduledMs(item: unknown): number | undefined {
  try {
    const { publishedAt, zone } = item as { publishedAt?: unknown; zone?: unknown };
    if (typeof publishedAt !== 'string' || (zone !== undefined && typeof zone !== 'string')) return undefined;
    const instant = parseInstant(publishedAt, zone);
    return instant.ok ? instant.ms : undefined;
  } catch {
    return undefined;
  }
}
