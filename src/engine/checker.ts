import { UsageError } from '../errors.js';
import type { CompiledPolicy, CompiledWindow, RuleInfo } from '../policy/compiled.js';
import { provisionalCalendarNote } from '../policy/compile.js';
import type { DetectorHit } from '../policy/detectors.js';
import { parseInstant, type InstantResult } from '../records/instant.js';
import { describeValue, RecordReader } from './read-record.js';
import type { RecordError, Verdict, Violation } from './verdict.js';

/** Options of one check. */
export interface CheckOptions {
  /** Check as if published at this instant ("can I publish this now?"); overrides publishedAt. */
  readonly at?: string | Date | number;
  /** Language of violation messages (default en; falls back to en). */
  readonly lang?: string;
}

/** A policy bound to a reusable evaluator. Not safe to share across worker threads. */
export interface Checker {
  readonly policy: CompiledPolicy;
  /** Checks one record. Synchronous; never throws on a bad record (it is `invalid`). */
  check(record: unknown, options?: CheckOptions): Verdict;
  /** Checks a batch in order; a repeated id makes the later records invalid. */
  checkAll(records: Iterable<unknown>, options?: CheckOptions): Verdict[];
}

const EMPTY: readonly never[] = Object.freeze([]);

/** How a rule relates to the record being checked (memoised per check). */
const enum Coverage {
  Unknown = 0,
  Covers = 1,
  /** Channel and publisher fit, but no declared category: a detector could bring it in. */
  CategoryOnly = 2,
  Excluded = 3,
}

/**
 * Binds a compiled policy to an evaluator. `check` is synchronous and
 * allocation-light: a record outside every window costs a binary search.
 *
 * @example
 * const checker = createChecker(await loadPolicy('policies/fr'));
 * const verdict = checker.check({ id: 'a1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'] });
 * if (verdict.status === 'blocked') throw new Error(verdict.violations[0].message);
 */
export function createChecker(policy: CompiledPolicy): Checker {
  const facts = new RecordReader(policy);
  const coverage = new Uint8Array(policy.rules.length);
  const { timeline } = policy;

  const coverageOf = (rule: RuleInfo): Coverage => {
    let state: Coverage = coverage[rule.index]!;
    if (state !== Coverage.Unknown) return state;
    const channelFits = facts.channel < 0 || rule.channels === undefined || rule.channels.has(facts.channel);
    const publisherFits = facts.publisherKind === undefined || rule.publisherKinds === undefined || rule.publisherKinds.has(facts.publisherKind);
    if (!channelFits || !publisherFits) state = Coverage.Excluded;
    else if (declaresAny(facts.categories, rule.categories)) state = Coverage.Covers;
    else state = rule.detectable && (facts.title !== undefined || facts.body !== undefined) ? Coverage.CategoryOnly : Coverage.Excluded;
    coverage[rule.index] = state;
    return state;
  };

  /** The block window covering the record in `segment` that ends last, if any. */
  const lastEndingBlock = (segment: number, since: number): CompiledWindow | undefined => {
    let last: CompiledWindow | undefined;
    for (const slice of timeline.segments[segment]!) {
      if (slice.rule.severity !== 'block' || coverageOf(slice.rule) !== Coverage.Covers) continue;
      for (const window of slice.windows) {
        if ((!last || window.endMs > last.endMs) && counts(window, facts.regions, since)) last = window;
      }
    }
    return last;
  };

  /**
   * The earliest instant at which no block rule covers the record, from a
   * block window that holds the instant checked: jump to the end of the block
   * window that ends last, until none holds that end. Windows that touch or
   * overlap are crossed in one go.
   */
  const earliestAllowed = (holding: CompiledWindow, since: number): string => {
    let last = holding;
    for (;;) {
      const segment = timeline.segmentAt(last.endMs);
      const next = segment < 0 ? undefined : lastEndingBlock(segment, since);
      if (!next) return last.utc.end;
      last = next;
    }
  };

  /**
   * Violations at `ms`, one per rule and election, regions in policy order.
   * Only windows that started by `since` count: content online since before a
   * window opened may stay (CE, 8 July 2002, n° 239220).
   */
  const evaluate = (
    ms: number,
    since: number,
    lang: string,
  ): { violations: Violation[]; detections: readonly DetectorHit[]; blocking: CompiledWindow | undefined } | undefined => {
    const segment = timeline.segmentAt(ms);
    if (segment < 0) return undefined;
    let violations: Violation[] | undefined;
    let detections: DetectorHit[] | undefined;
    let hits: DetectorHit[] | undefined;
    // The block window holding `ms` that ends last: where the search for the earliest lawful time starts.
    let blocking: CompiledWindow | undefined;
    for (const slice of timeline.segments[segment]!) {
      const state = coverageOf(slice.rule);
      if (state === Coverage.Excluded) continue;
      let detected: DetectorHit | undefined;
      if (state === Coverage.CategoryOnly) {
        // Reading the text costs more than everything else: only for a window that reaches the audience.
        if (!reachesAudience(slice.windows, facts.regions, since)) continue;
        hits ??= policy.detectors.match(facts.title, facts.body);
        detected = hits.find((hit) => slice.rule.categories.includes(policy.categoryIndex.get(hit.category)!));
        if (!detected) continue;
      }
      let current: Mutable<Violation> | undefined;
      for (const window of slice.windows) {
        if (!counts(window, facts.regions, since)) continue;
        if (!detected && slice.rule.severity === 'block' && (!blocking || window.endMs > blocking.endMs)) blocking = window;
        const code = policy.regions[window.region]!.code;
        if (current && current.election === window.election) {
          (current.regions as string[]).push(code);
          // The violation shows the first region's window; a later region's provisional date still counts.
          if (window.provisionalCalendar && !current.provisional) {
            current.provisional = true;
            current.message = `${current.message} ${provisionalCalendarNote(lang)}`;
          }
          continue;
        }
        current = toViolation(window, [code], detected, lang);
        (violations ??= []).push(current);
      }
      if (detected && current && !detections?.includes(detected)) (detections ??= []).push(detected);
    }
    return violations ? { violations, detections: detections ?? EMPTY, blocking } : undefined;
  };

  const invalid = (id: string | null, at: string | null, errors: readonly RecordError[]): Verdict => ({
    id,
    status: 'invalid',
    at,
    violations: EMPTY,
    earliestAllowedAt: null,
    errors,
    detections: EMPTY,
  });

  const check = (record: unknown, options?: CheckOptions): Verdict => {
    const lang = options?.lang ?? 'en';
    const at = options?.at === undefined ? undefined : readAt(options.at);
    try {
      facts.read(record, at);
    } catch (error) {
      // A record is data from elsewhere: a getter that throws or a proxy must not take the caller down.
      return invalid(null, null, [{ field: 'record', code: 'unreadable', message: `the record cannot be read: ${describeValue((error as Error)?.message ?? error)}` }]);
    }
    const checkIso = facts.checkedAt?.ok ? facts.checkedAt.iso : null;
    if (facts.errors) return invalid(facts.id, checkIso, facts.errors);
    coverage.fill(Coverage.Unknown);
    const checkAt = facts.checkedAt as InstantResult & { ok: true };
    // Content left online answers only to the windows it was first published in.
    const since = facts.action === 'remain' ? (facts.first as InstantResult & { ok: true }).ms : Infinity;
    const found = evaluate(checkAt.ms, since, lang);
    if (!found) return { id: facts.id, status: 'allowed', at: checkIso, violations: EMPTY, earliestAllowedAt: null, errors: EMPTY, detections: EMPTY };
    return {
      id: facts.id,
      status: found.blocking ? 'blocked' : 'review',
      at: checkAt.iso,
      violations: found.violations,
      earliestAllowedAt: found.blocking ? earliestAllowed(found.blocking, since) : null,
      errors: EMPTY,
      detections: found.detections,
    };
  };

  return {
    policy,
    check,
    checkAll(records, options) {
      const seen = new Set<string>();
      const verdicts: Verdict[] = [];
      for (const record of records) {
        const verdict = check(record, options);
        if (verdict.id !== null && seen.has(verdict.id)) {
          verdicts.push(invalid(verdict.id, verdict.at, [{ field: 'id', code: 'duplicate-id', message: `id '${verdict.id}' appears earlier in the batch` }]));
          continue;
        }
        if (verdict.id !== null) seen.add(verdict.id);
        verdicts.push(verdict);
      }
      return verdicts;
    },
  };
}

function declaresAny(flags: Uint8Array, categories: readonly number[]): boolean {
  for (let index = 0; index < categories.length; index++) if (flags[categories[index]!] === 1) return true;
  return false;
}

/**
 * Whether a window counts against the record: it covers one of the audience's
 * regions and had opened by `since` (the first publication of content left online).
 */
function counts(window: CompiledWindow, regions: Uint8Array, since: number): boolean {
  return regions[window.region] === 1 && window.startMs <= since;
}

/** Some window of the slice counts against the record. */
function reachesAudience(windows: readonly CompiledWindow[], regions: Uint8Array, since: number): boolean {
  for (let index = 0; index < windows.length; index++) if (counts(windows[index]!, regions, since)) return true;
  return false;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toViolation(window: CompiledWindow, regions: string[], detected: DetectorHit | undefined, lang: string): Mutable<Violation> {
  const message = window.messages.get(lang) ?? window.messages.get('en')!;
  return {
    rule: window.rule.id,
    severity: detected ? 'review' : window.rule.severity,
    citation: window.rule.citation.text,
    citationUrl: window.rule.citation.url ?? null,
    election: window.election,
    regions,
    window: window.utc,
    localWindow: window.local,
    message: detected ? `${detectedPrefix(detected, lang)} ${message}` : message,
    provisional: window.provisional,
    detected: detected ?? null,
  };
}

function detectedPrefix(hit: DetectorHit, lang: string): string {
  return lang === 'fr'
    ? `« ${hit.phrase} » (${hit.field === 'title' ? 'titre' : 'texte'}) laisse penser à la catégorie ${hit.category}, non déclarée :`
    : `"${hit.phrase}" in the ${hit.field} suggests category ${hit.category}, which the record does not declare:`;
}

/** Reads the `at` option; a wrong one is the caller's bug, so it throws. */
export function readAt(at: unknown): InstantResult & { ok: true } {
  if (typeof at === 'string') {
    const parsed = parseInstant(at);
    if (!parsed.ok) throw new UsageError(`at: ${parsed.message}`);
    return parsed;
  }
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new UsageError('at: not a valid instant (give an ISO 8601 string with an offset, a Date or epoch milliseconds)');
  return { ok: true, ms, iso: new Date(ms).toISOString() };
}
