import { UsageError } from '../errors.js';
import { PUBLISHER_KINDS, type CompiledPolicy, type CompiledWindow, type ProvisionalReason, type RuleInfo, type RuleSlice } from '../compile/compiled.js';
import { provisionalCalendarNote, provisionalVerdictNote } from '../compile/notes.js';
import type { DetectorHit } from '../compile/detectors.js';
import { parseInstant, type InstantResult } from '../records/instant.js';
import type { ScannedRecord } from '../records/formats/scan-record.js';
import { OutcomeCache } from './outcome-cache.js';
import { ALL_BITS, describeValue, RecordReader, type LocalizedRecordError } from './read-record.js';
import { RECORD_MESSAGES, said } from './record-messages.js';
import type { RecordError, Status, Verdict, Violation } from './verdict.js';

/** Options of a checker. */
export interface CheckerOptions {
  /**
   * How many (segment, record key) outcomes a checker remembers
   * (default 100,000): verdicts of records alike are then shared. A stream of
   * millions of unlike records wants fewer, to keep its memory flat.
   */
  readonly outcomeCacheSize?: number;
}

const DEFAULT_OUTCOME_CACHE_SIZE = 100_000;

/** Options of one check. */
export interface CheckOptions {
  /** Check as if published at this instant ("can I publish this now?"); overrides publishedAt. */
  readonly at?: string | Date | number;
  /** Language of violation messages (default en; one the policy has no texts for reads as en). */
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

/** A checker that also takes records scanned from NDJSON bytes (the CLI's fast path; not part of the library's face). */
export interface ScanningChecker extends Checker {
  /** The verdict `check` gives the object JSON.parse makes of the same line. */
  checkScanned(record: ScannedRecord, options?: CheckOptions): Verdict;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * What the rules say of a record at an instant, apart from its id and
 * instant. Within one timeline segment it depends only on which rules cover
 * the record and on its audience (its key), so it is shared, frozen, by
 * every record with that key.
 */
interface Outcome {
  readonly status: Exclude<Status, 'invalid'>;
  readonly violations: readonly Violation[];
  readonly earliestAllowedAt: string | null;
  readonly detections: readonly DetectorHit[];
}

/**
 * Distinct outcomes kept to be shared (see `sameOutcomes` in createScanningChecker):
 * some 2,000 cover 200,000 records spread over eight election weekends.
 * Each is a few kilobytes, and a check on workers holds a set per worker: at
 * 2 million records on two workers, 4,096 took the peak RSS from 196 to 210 MB.
 */
const MAX_SAME_OUTCOMES = 2048;

/** How a rule came to a record: it covers a category declared (null), a detector hit brought it in, or the record declares none. */
type Way = DetectorHit | null | typeof UNCATEGORISED;
const UNCATEGORISED = 'uncategorised';

/** Ways alike: the same, or hits of the same phrase, field and category. */
function sameWay(a: Way, b: Way): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === UNCATEGORISED || b === UNCATEGORISED) return false;
  return a.category === b.category && a.field === b.field && a.phrase === b.phrase;
}

/** FNV-1a over a text's code units, from `hash`. */
function textHash(text: string, hash: number): number {
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash;
}

/** An outcome said already, with what it follows from (see `evaluate`). */
interface Said {
  readonly lang: string;
  readonly windows: readonly CompiledWindow[];
  readonly ways: readonly Way[];
  readonly opens: readonly boolean[];
  readonly outcome: Outcome;
}

const ALLOWED: Outcome = Object.freeze({ status: 'allowed', violations: EMPTY, earliestAllowedAt: null, detections: EMPTY });

function verdictOf(id: string | null, at: string, outcome: Outcome): Verdict {
  return { id, status: outcome.status, at, violations: outcome.violations, earliestAllowedAt: outcome.earliestAllowedAt, errors: EMPTY, detections: outcome.detections };
}

/** How a rule relates to a record. */
const enum Coverage {
  Covers = 1,
  /** Channel and publisher fit, but no declared category: a detector could bring it in. */
  CategoryOnly = 2,
  Excluded = 3,
  /**
   * Channel and publisher fit a record that declares no category, and the
   * rule makes such a record `review` (a detector could also bring it in).
   */
  Uncategorised = 4,
}

/** What reaches a record in a segment (bits). */
const enum Reach {
  None = 0,
  Covers = 1,
  Detectable = 2,
  Uncategorised = 4,
}

/** The reach of each coverage that reaches at all. */
function reachOf(state: Coverage): Reach {
  return state === Coverage.Covers ? Reach.Covers : state === Coverage.CategoryOnly ? Reach.Detectable : Reach.Uncategorised;
}

/**
 * Each rule's categories, channels and publisher kinds as bit masks, for a
 * policy whose vocabularies fit in 31 bits: whether a rule covers the record
 * read is then a few ANDs on small arrays that stay in cache.
 */
interface RuleMasks {
  readonly categories: Int32Array;
  readonly channels: Int32Array;
  readonly kinds: Int32Array;
  /** 1 when some category the rule covers has detectors. */
  readonly detectable: Uint8Array;
  /** 1 when the rule makes a record that declares no category `review`. */
  readonly uncategorised: Uint8Array;
}

function ruleMasks(policy: CompiledPolicy): RuleMasks {
  const count = policy.rules.length;
  const masks = { categories: new Int32Array(count), channels: new Int32Array(count), kinds: new Int32Array(count), detectable: new Uint8Array(count), uncategorised: new Uint8Array(count) };
  for (const rule of policy.rules) {
    masks.detectable[rule.index] = rule.detectable ? 1 : 0;
    masks.uncategorised[rule.index] = rule.reviewsUncategorised ? 1 : 0;
    masks.categories[rule.index] = rule.categories.reduce((mask, category) => mask | (1 << category), 0);
    masks.channels[rule.index] = rule.channels === undefined ? ALL_BITS : [...rule.channels].reduce((mask, channel) => mask | (1 << channel), 0);
    masks.kinds[rule.index] = rule.publisherKinds === undefined ? ALL_BITS : [...rule.publisherKinds].reduce((mask, kind) => mask | (1 << PUBLISHER_KINDS.indexOf(kind)), 0);
  }
  return masks;
}

/** A segment's slices as (region mask, rule index) pairs in one array: what reach() reads for most records. */
function flatSlices(slices: readonly RuleSlice[]): Int32Array {
  const flat = new Int32Array(2 * slices.length);
  slices.forEach((slice, index) => {
    flat[2 * index] = slice.regionMask;
    flat[2 * index + 1] = slice.rule.index;
  });
  return flat;
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
export function createChecker(policy: CompiledPolicy, options: CheckerOptions = {}): Checker {
  return createScanningChecker(policy, options);
}

/** {@link createChecker}, with {@link ScanningChecker.checkScanned}. */
export function createScanningChecker(policy: CompiledPolicy, options: CheckerOptions = {}): ScanningChecker {
  const facts = new RecordReader(policy);
  const { timeline } = policy;
  // A segment's outcomes, then those of content left online there (see `check`).
  const outcomes = new OutcomeCache<Outcome>(2 * timeline.segmentCount, options.outcomeCacheSize ?? DEFAULT_OUTCOME_CACHE_SIZE);
  const masks = facts.masked ? ruleMasks(policy) : undefined;
  const ruleCount = policy.rules.length;
  // A record's key is its audience, the rules that cover it and whether it declares a category, as one exact integer; else its signature.
  const keyedByCoverage = masks !== undefined && ruleCount <= 31 && policy.regions.length + ruleCount + 1 <= 53;
  const ruleSpan = 2 ** ruleCount;

  /** Built as segments are first met: most checks read only this. */
  const flatSegments: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(timeline.segmentCount).fill(undefined);

  /** The distinct starts of each segment's windows, ascending, as segments are first met. */
  const segmentStarts = new Array<Float64Array | undefined>(timeline.segmentCount).fill(undefined);
  const startsOf = (segment: number): Float64Array => {
    let starts = segmentStarts[segment];
    if (!starts) {
      const distinct = new Set<number>();
      for (const slice of timeline.slicesAt(segment)) for (const window of slice.windows) distinct.add(window.startMs);
      starts = segmentStarts[segment] = Float64Array.from(distinct).sort();
    }
    return starts;
  };

  /** How rule `index` relates to the record read, from the masks. */
  const maskedCoverage = (masks: RuleMasks, index: number): Coverage => {
    if ((masks.channels[index]! & facts.channelBit) === 0 || (masks.kinds[index]! & facts.kindBit) === 0) return Coverage.Excluded;
    if ((masks.categories[index]! & facts.categoryMask) !== 0) return Coverage.Covers;
    if (facts.categoryMask === 0 && masks.uncategorised[index] === 1) return Coverage.Uncategorised;
    return masks.detectable[index] === 1 ? Coverage.CategoryOnly : Coverage.Excluded;
  };

  /**
   * What an outcome depends on besides segment and language: the audience and
   * the rules that cover the record (here and in the segments the earliest
   * lawful time crosses), or for a record that declares no category, the
   * rules that would make it `review`. Records alike in that share it,
   * whatever else differs.
   */
  const outcomeKey = (): number => {
    if (!keyedByCoverage) return facts.signature();
    const uncategorised = facts.categoryMask === 0;
    const counted = uncategorised ? Coverage.Uncategorised : Coverage.Covers;
    let covering = 0;
    for (let index = 0; index < ruleCount; index++) if (maskedCoverage(masks!, index) === counted) covering |= 1 << index;
    return (facts.regionMask * ruleSpan + (covering >>> 0)) * 2 + (uncategorised ? 1 : 0);
  };

  /**
   * The key of an outcome that depends on more than {@link outcomeKey} says:
   * how many of the segment's windows had opened when content left online was
   * first published, which rules a detector could bring in, and the hits.
   * Undefined when the policy is too large for a signature.
   */
  const textKey = (lang: string, lane: number, opened: number, hits: readonly DetectorHit[] | undefined): string | undefined => {
    let key: string;
    if (keyedByCoverage) {
      let covering = 0;
      let detectable = 0;
      for (let index = 0; index < ruleCount; index++) {
        const state = maskedCoverage(masks!, index);
        if (state === Coverage.Covers || state === Coverage.Uncategorised) covering |= 1 << index;
        else if (state === Coverage.CategoryOnly) detectable |= 1 << index;
      }
      // Covering bits of a record that declares no category are the rules that would make it review.
      key = `${lang}|${lane}|${opened}|${facts.regionMask}|${covering}|${detectable}|${facts.categoryMask === 0 ? 1 : 0}`;
    } else {
      const signature = facts.signature();
      if (signature < 0) return undefined;
      key = `${lang}|${lane}|${opened}|${signature}`;
    }
    if (hits) for (const hit of hits) key += `|${hit.category}|${hit.field}|${hit.phrase}`;
    return key;
  };

  /** How a rule relates to the record read. */
  const coverageOf = (rule: RuleInfo): Coverage => {
    if (masks) return maskedCoverage(masks, rule.index);
    const fits =
        (facts.channel < 0 || rule.channels === undefined || rule.channels.has(facts.channel)) &&
      (facts.publisherKind === undefined || rule.publisherKinds === undefined || rule.publisherKinds.has(facts.publisherKind));
    if (!fits) return Coverage.Excluded;
    if (declaresAny(facts.categories, rule.categories)) return Coverage.Covers;
    if (facts.declaresNoCategory && rule.reviewsUncategorised) return Coverage.Uncategorised;
    return rule.detectable ? Coverage.CategoryOnly : Coverage.Excluded;
  };

  /**
   * Whether any rule of `segment` reaches the record: Reach.Covers for a
   * rule whose categories it declares, Reach.Detectable for one a detector
   * could bring in, Reach.Uncategorised for one that makes a record without
   * category `review`; none means allowed, with nothing allocated.
   */
  const reach = (segment: number, since: number): number => {
    let found = Reach.None;
    if (masks && since === Infinity) {
      // Every window of a slice has opened by the segment: the region masks say whether one counts.
      const flat = (flatSegments[segment] ??= flatSlices(timeline.slicesAt(segment)));
      for (let index = 0; index < flat.length; index += 2) {
        if ((flat[index]! & facts.regionMask) === 0) continue;
        const state = maskedCoverage(masks, flat[index + 1]!);
        if (state !== Coverage.Excluded) found |= reachOf(state);
      }
      return found;
    }
    for (const slice of timeline.slicesAt(segment)) {
      // The rule first: its coverage is a few bit tests, the audience a walk over windows.
      const state = coverageOf(slice.rule);
      if (state === Coverage.Excluded || !reachesAudience(slice, facts, since)) continue;
      found |= reachOf(state);
    }
    return found;
  };

  /** The block window covering the record in `segment` that ends last, if any. */
  const lastEndingBlock = (segment: number, since: number): CompiledWindow | undefined => {
    let last: CompiledWindow | undefined;
    for (const slice of timeline.slicesAt(segment)) {
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
   * What the rules of `segment` say of the record read: violations, one per
   * rule and election, regions in policy order. Only windows that started by
   * `since` count: content online since before a window opened may stay
   * (CE, 8 July 2002, n° 239220).
   *
   * The windows that count are gathered first, with how each rule came in;
   * what they say is then looked up among the outcomes said already (see
   * `sameOutcomes`), and the violations are written only when it is new.
   */
  const evaluate = (segment: number, since: number, lang: string): Outcome => {
    clearGathered();
    // Rules that make this record, which declares no category, review, unless a detector says what it is.
    let unclassified: RuleSlice[] | undefined;
    for (const slice of timeline.slicesAt(segment)) {
      const state = coverageOf(slice.rule);
      if (state === Coverage.Excluded) continue;
      let detected: DetectorHit | undefined;
      if (state !== Coverage.Covers) {
        // Reading the text costs more than everything else: only for a window that reaches the audience.
        if (!reachesAudience(slice, facts, since)) continue;
        if (slice.rule.detectable) detected = hitFor(slice.rule);
        if (!detected) {
          if (state === Coverage.Uncategorised) (unclassified ??= []).push(slice);
          continue;
        }
      }
      take(slice, detected ?? null, since);
    }
    // A record that declares no category, and that no detector recognised, must say what it is while a silence holds.
    if (unclassified && gathered === 0) for (const slice of unclassified) take(slice, UNCATEGORISED, since);
    if (gathered === 0) return ALLOWED;
    const status: Outcome['status'] = blocking ? 'blocked' : 'review';
    const earliestAllowedAt = blocking ? earliestAllowed(blocking, since) : null;
    // Everything the violations say follows from these windows, how each rule came in, and the language:
    // an outcome said already is found by a hash of them, and compared with them.
    const hash = gatheredHash(lang, status, earliestAllowedAt);
    const candidates = sameOutcomes.get(hash);
    if (candidates !== undefined) {
      for (const candidate of candidates) if (isGathered(candidate, lang, status, earliestAllowedAt)) return candidate.outcome;
    }
    const outcome: Outcome = {
      status,
      violations: violationsOf(lang),
      earliestAllowedAt,
      detections: detections ? Object.freeze(detections) : EMPTY,
    };
    if (sameOutcomesKept >= MAX_SAME_OUTCOMES) forgetOlderOutcomes();
    const said: Said = { lang, windows: counted.slice(0, gathered), ways: ways.slice(0, gathered), opens: opens.slice(0, gathered), outcome };
    const kept = sameOutcomes.get(hash);
    if (kept === undefined) sameOutcomes.set(hash, [said]);
    else kept.push(said);
    sameOutcomesKept++;
    return outcome;
  };

  // What `evaluate` gathers, kept between records: per window that counts, the window, how its rule came in, and whether it opens its rule's windows.
  const counted: CompiledWindow[] = [];
  const ways: Way[] = [];
  const opens: boolean[] = [];
  let gathered = 0;
  let detections: DetectorHit[] | undefined;
  // The block window holding the instant that ends last: where the search for the earliest lawful time starts.
  let blocking: CompiledWindow | undefined;

  /** Empties what `evaluate` gathers. */
  const clearGathered = (): void => {
    // Counted, not emptied: an array set to length 0 lets its storage go, and the next record would grow it again.
    gathered = 0;
    detections = undefined;
    blocking = undefined;
  };

  /** The windows of one rule that count, added to what `evaluate` gathers. */
  const take = (slice: RuleSlice, way: Way, since: number): void => {
    let first = true;
    for (const window of slice.windows) {
      if (!counts(window, facts.regions, since)) continue;
      if (way === null && slice.rule.severity === 'block' && (!blocking || window.endMs > blocking.endMs)) blocking = window;
      counted[gathered] = window;
      ways[gathered] = way;
      opens[gathered] = first;
      gathered++;
      first = false;
    }
    // Frozen: records with the same hits share the outcome.
    if (way !== null && way !== UNCATEGORISED && !first && !detections?.includes(way)) (detections ??= []).push(Object.freeze(way));
  };

  /** The record's detector hits, found when first needed: reading the title and body costs more than the rest of a check. */
  let recordHits: readonly DetectorHit[] | undefined;
  const hitsOf = (): readonly DetectorHit[] => (recordHits ??= policy.detectors.match(facts.title, facts.body));
  /** The first hit whose category `rule` covers. */
  const hitFor = (rule: RuleInfo): DetectorHit | undefined => {
    for (const hit of hitsOf()) if (rule.categories.includes(policy.categoryIndex.get(hit.category)!)) return hit;
    return undefined;
  };

  /**
   * Outcomes said already, by what they follow from: records in other
   * segments, or with other keys, often get the same violations, and one
   * shared outcome lets a report write its JSON once (verdict-json.ts keeps
   * it per frozen list). Bounded: when full, the older half is forgotten.
   */
  const sameOutcomes = new Map<number, Said[]>();
  let sameOutcomesKept = 0;
  const forgetOlderOutcomes = (): void => {
    // A map iterates in the order keys came: the first are the oldest.
    for (const [hash, said] of sameOutcomes) {
      if (sameOutcomesKept <= MAX_SAME_OUTCOMES / 2) break;
      sameOutcomes.delete(hash);
      sameOutcomesKept -= said.length;
    }
  };

  /** A hash of what `evaluate` gathered and what it found. */
  const gatheredHash = (lang: string, status: string, earliestAllowedAt: string | null): number => {
    let hash = Math.imul(textHash(lang, 0x811c9dc5) ^ status.length, 0x01000193);
    if (earliestAllowedAt !== null) hash = textHash(earliestAllowedAt, hash);
    for (let index = 0; index < gathered; index++) {
      const window = counted[index]!;
      hash = Math.imul(hash ^ window.rule.index, 0x01000193);
      hash = Math.imul(hash ^ window.region, 0x01000193);
      hash = Math.imul(hash ^ ((window.startMs / 1000) | 0), 0x01000193);
      hash = Math.imul(hash ^ (opens[index] ? 1 : 0) ^ (ways[index] === null ? 0 : 2), 0x01000193);
    }
    return hash;
  };

  /** Whether an outcome said already follows from what `evaluate` gathered and found. */
  const isGathered = (said: Said, lang: string, status: string, earliestAllowedAt: string | null): boolean => {
    const { outcome } = said;
    if (said.lang !== lang || outcome.status !== status || outcome.earliestAllowedAt !== earliestAllowedAt || said.windows.length !== gathered) return false;
    for (let index = 0; index < gathered; index++) {
      if (said.windows[index] !== counted[index] || said.opens[index] !== opens[index] || !sameWay(said.ways[index]!, ways[index]!)) return false;
    }
    const found = detections ?? EMPTY;
    if (outcome.detections.length !== found.length) return false;
    for (let index = 0; index < found.length; index++) if (!sameWay(outcome.detections[index]!, found[index]!)) return false;
    return true;
  };

  /** The violations of the windows that count: one per rule and election (a run of its windows), regions in policy order. */
  const violationsOf = (lang: string): readonly Violation[] => {
    const violations: Violation[] = [];
    let current: Mutable<Violation> | undefined;
    for (let index = 0; index < gathered; index++) {
      const window = counted[index]!;
      const way = ways[index]!;
      const code = policy.regions[window.region]!.code;
      if (!opens[index] && current && current.election === window.election) {
        (current.regions as string[]).push(code);
        // The violation shows the first region's window; a later region's provisional date still counts.
        if (window.provisionalCalendar && !current.provisional) {
          current.provisional = true;
          current.message = `${current.message} ${provisionalCalendarNote(lang, window.provisionalCalendar)}`;
        }
        continue;
      }
      const detected = way === null || way === UNCATEGORISED ? undefined : way;
      current = toViolation(window, [code], detected, way === UNCATEGORISED ? categoryNames(policy, window.rule) : undefined, lang);
      violations.push(current);
    }
    for (const violation of violations) Object.freeze(Object.freeze(violation).regions);
    return Object.freeze(violations);
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

  // Provisional calendars' spans, in clusters of overlapping ones: most instants are in none.
  const clusters = spanClusters(policy.provisionalBounds);

  /**
   * Why the answer for the record read could change once a provisional
   * calendar is fixed: the elections (by id) whose possible windows, for a
   * rule that covers it or could, hold its instant for its audience.
   */
  const provisionalElections = (): Map<string, ProvisionalReason> | undefined => {
    const ms = facts.checkedAt.ms;
    const cluster = countUpTo(clusters.starts, ms) - 1;
    if (cluster < 0 || ms >= clusters.ends[cluster]!) return undefined;
    const first = facts.action === 'remain' ? facts.first.ms : Infinity;
    const spans = policy.provisionalSpans;
    let found: Map<string, ProvisionalReason> | undefined;
    for (let index = clusters.firstSpans[cluster]!; index < clusters.firstSpans[cluster + 1]!; index++) {
      const span = spans[index]!;
      if (span.startMs > ms) break;
      if (ms >= span.endMs || facts.regions[span.region] !== 1 || span.startMs > first || found?.has(span.election)) continue;
      const state = coverageOf(span.rule);
      if (state === Coverage.Excluded) continue;
      if (state === Coverage.CategoryOnly && hitFor(span.rule) === undefined) continue;
      (found ??= new Map()).set(span.election, span.reason);
    }
    return found;
  };

  /** The verdict for the record read, marked provisional when a provisional calendar could change it. */
  const answer = (outcome: Outcome, lang: string): Verdict => {
    const verdict = verdictOf(facts.id, facts.checkedAt.iso, outcome);
    if (clusters.starts.length === 0) return verdict;
    const elections = provisionalElections();
    if (!elections) return verdict;
    const titles = [...elections].map(([id, reason]) => ({ title: policy.elections.find((election) => election.id === id)!.title, reason }));
    return { ...verdict, provisional: true, provisionalNote: provisionalVerdictNote(titles, lang) };
  };

  /** The language of a check: one the policy has no texts for reads as English, so its outcomes are cached once. */
  const langOf = (options: CheckOptions | undefined): string => {
    const requested = options?.lang;
    return requested !== undefined && policy.languages.includes(requested) ? requested : 'en';
  };

  const check = (record: unknown, options?: CheckOptions): Verdict => {
    const lang = langOf(options);
    recordHits = undefined;
    const at = options?.at === undefined ? undefined : readAt(options.at);
    try {
      facts.read(record, at);
    } catch (error) {
      // A record is data from elsewhere: a getter that throws or a proxy must not take the caller down.
      return invalid(null, null, [{ field: 'record', code: 'unreadable', message: said(RECORD_MESSAGES.unreadable(describeValue((error as Error)?.message ?? error)), lang) }]);
    }
    const verdict = decide(lang);
    // Checked at its own time as a publication: an edit it records later than that, inside a window, went out again then.
    return at === undefined && verdict.status !== 'invalid' && facts.action === 'publish' ? unlessEditedInWindow(record, verdict, facts.checkedAt.ms, options) : verdict;
  };

  /**
   * The verdict, unless the record says it was edited (updatedAt, lastmod, …)
   * after `publishedMs` at an instant where it would not be allowed as an
   * update: then invalid, the edit named, since which instant to check is the
   * caller's to say. An edit time that cannot be read is invalid too: it may
   * be inside a window.
   */
  const unlessEditedInWindow = (record: unknown, verdict: Verdict, publishedMs: number, options: CheckOptions | undefined): Verdict => {
    let edited: { readonly key: string; readonly ms: number; readonly iso: string } | undefined;
    try {
      const fields = record as Record<string, unknown>;
      for (const key of EDIT_KEYS) {
        const value = fields[key];
        if (value === undefined || value === null) continue;
        // A Date from a library caller's document is an instant; anything else must be the text of one.
        const read = value instanceof Date && Number.isFinite(value.getTime()) ? { ok: true as const, ms: value.getTime(), iso: value.toISOString() } : parseInstant(typeof value === 'string' ? value : describeValue(value), typeof fields.zone === 'string' ? fields.zone : undefined);
        if (!read.ok) {
          return invalid(verdict.id, verdict.at, errorsIn([{ field: key, code: 'unreadable-edit', message: RECORD_MESSAGES.unreadableEdit(key, { en: read.message, fr: read.fr }) }], langOf(options)));
        }
        if (read.ms > publishedMs && (edited === undefined || read.ms > edited.ms)) edited = { key, ms: read.ms, iso: read.iso };
      }
      if (edited === undefined) return verdict;
      const update: Record<string, unknown> = { ...fields, action: 'update', publishedAt: edited.iso };
      for (const key of EDIT_KEYS) delete update[key];
      const again = check(update, options);
      if (again.status !== 'blocked' && again.status !== 'review') return verdict;
      const rules = [...new Set(again.violations.map((violation) => violation.rule))].join(', ');
      return invalid(verdict.id, verdict.at, errorsIn([{ field: edited.key, code: 'edited-in-window', message: RECORD_MESSAGES.editedInWindow(edited.key, edited.iso, rules) }], langOf(options)));
    } catch (error) {
      return invalid(verdict.id, verdict.at, [{ field: 'record', code: 'unreadable', message: said(RECORD_MESSAGES.unreadable(describeValue((error as Error)?.message ?? error)), langOf(options)) }]);
    }
  };

  const checkScanned = (record: ScannedRecord, options?: CheckOptions): Verdict => {
    recordHits = undefined;
    facts.readScanned(record, options?.at === undefined ? undefined : readAt(options.at));
    return decide(langOf(options));
  };

  /** The verdict for the record read. */
  const decide = (lang: string): Verdict => {
    if (facts.errors) return invalid(facts.id, facts.hasCheckedAt ? facts.checkedAt.iso : null, errorsIn(facts.errors, lang));
    const checkAt = facts.checkedAt;
    const segment = timeline.segmentAt(checkAt.ms);
    if (segment < 0) return answer(ALLOWED, lang);
    // Content left online answers only to the windows open when it was first published:
    // how many of the segment's had opened then says all (later windows open after the
    // instant checked), so the latest start among those stands for the whole class.
    let opened = -1;
    let since = Infinity;
    let allOpened = true;
    if (facts.action === 'remain') {
      const starts = startsOf(segment);
      opened = countUpTo(starts, facts.first.ms);
      since = opened === 0 ? -Infinity : starts[opened - 1]!;
      allOpened = opened === starts.length;
    }
    const reached = reach(segment, allOpened ? Infinity : since);
    if (reached === Reach.None) return answer(ALLOWED, lang);
    let hits: readonly DetectorHit[] | undefined;
    if ((reached & (Reach.Detectable | Reach.Uncategorised)) !== 0) {
      hits = hitsOf();
      if (hits.length === 0 && reached === Reach.Detectable) return answer(ALLOWED, lang);
    }
    const detected = hits !== undefined && hits.length > 0;
    // Records alike in what the rules see share the outcome: most by a number, the rest by a text key.
    const lane = opened < 0 ? segment : timeline.segmentCount + segment;
    let outcome: Outcome | undefined;
    if (allOpened && !detected) {
      const key = outcomeKey();
      outcome = key < 0 ? undefined : outcomes.get(lang, lane, key);
      if (!outcome) {
        outcome = evaluate(segment, since, lang);
        if (key >= 0) outcomes.set(lang, lane, key, outcome);
      }
    } else {
      const key = textKey(lang, lane, opened, detected ? hits : undefined);
      outcome = key === undefined ? undefined : outcomes.getByText(key);
      if (!outcome) {
        outcome = evaluate(segment, since, lang);
        if (key !== undefined) outcomes.setByText(key, outcome);
      }
    }
    return answer(outcome, lang);
  };

  return {
    policy,
    check,
    checkScanned,
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

/** Keys that say when a record was last edited, as CMSs, generators and schema.org name them. */
const EDIT_KEYS = ['updatedAt', 'updated_at', 'modifiedAt', 'modified_at', 'modified', 'dateModified', 'lastModified', 'last_modified', 'last_modified_at', 'lastmod'] as const;

/** How many of the ascending `values` are at most `limit` (a binary search). */
function countUpTo(values: Float64Array, limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Spans (by start: their bounds in turn) in clusters of overlapping ones:
 * each cluster's start and end, and the index of its first span (one more
 * at the end, past the last span).
 */
function spanClusters(bounds: Float64Array): { starts: Float64Array; ends: Float64Array; firstSpans: Int32Array } {
  const starts: number[] = [];
  const ends: number[] = [];
  const firstSpans: number[] = [];
  for (let span = 0; span < bounds.length / 2; span++) {
    const startMs = bounds[2 * span]!;
    const endMs = bounds[2 * span + 1]!;
    if (ends.length > 0 && startMs < ends[ends.length - 1]!) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, endMs);
    else {
      starts.push(startMs);
      ends.push(endMs);
      firstSpans.push(span);
    }
  }
  firstSpans.push(bounds.length / 2);
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), firstSpans: Int32Array.from(firstSpans) };
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
function reachesAudience(slice: RuleSlice, facts: RecordReader, since: number): boolean {
  if (slice.regionMask !== -1) {
    // No window of the slice is the audience's; or every one has opened by the segment,
    // and only content left online needs each window's start.
    const someRegion = (slice.regionMask & facts.regionMask) !== 0;
    if (!someRegion || since === Infinity) return someRegion;
  }
  const windows = slice.windows;
  for (let index = 0; index < windows.length; index++) if (counts(windows[index]!, facts.regions, since)) return true;
  return false;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toViolation(window: CompiledWindow, regions: string[], detected: DetectorHit | undefined, uncategorised: readonly string[] | undefined, lang: string): Mutable<Violation> {
  const message = window.messages.get(lang) ?? window.messages.get('en')!;
  const violation: Mutable<Violation> = {
    rule: window.rule.id,
    severity: detected || uncategorised ? 'review' : window.rule.severity,
    citation: window.rule.citation.text,
    citationUrl: window.rule.citation.url ?? null,
    election: window.election,
    regions,
    window: window.utc,
    localWindow: window.local,
    message: detected ? `${detectedPrefix(detected, lang)} ${message}` : uncategorised ? `${uncategorisedPrefix(uncategorised, lang)} ${message}` : message,
    provisional: window.provisional,
    detected: detected ?? null,
  };
  if (uncategorised) violation.uncategorised = true;
  if (window.rule.policy !== undefined) violation.policy = window.rule.policy;
  return violation;
}

function detectedPrefix(hit: DetectorHit, lang: string): string {
  return lang === 'fr'
    ? `« ${hit.phrase} » (${hit.field === 'title' ? 'titre' : 'texte'}) laisse penser à la catégorie ${hit.category}, non déclarée :`
    : `"${hit.phrase}" in the ${hit.field} suggests category ${hit.category}, which the record does not declare:`;
}

/** The categories a rule covers, by name, for the message to an uncategorised record. */
function categoryNames(policy: CompiledPolicy, rule: RuleInfo): readonly string[] {
  return rule.categories.map((index) => policy.categories[index]!.name);
}

function uncategorisedPrefix(categories: readonly string[], lang: string): string {
  return lang === 'fr'
    ? `Aucune catégorie déclarée : pendant le silence, chaque publication doit dire ce qu'elle est (news si elle n'est pas électorale). S'il s'agit de ${categories.join(' ou ')} :`
    : `No category declared: during the silence every publication must say what it is (news if it is not electoral). If it is ${categories.join(' or ')}:`;
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

/** A record's errors with their messages in `lang`. */
function errorsIn(errors: readonly LocalizedRecordError[], lang: string): RecordError[] {
  return errors.map(({ field, code, message }) => ({ field, code, message: said(message, lang) }));
}
