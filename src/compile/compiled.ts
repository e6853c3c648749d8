import type { PhraseMatcher } from './detectors.js';
import type { Source } from '../policy/document.generated.js';
import type { LocalizedText } from '../policy/text.js';
import type { PublisherKind } from '../records/types.js';

export type { PublisherKind } from '../records/types.js';

export type Severity = 'block' | 'review';
/**
 * Why a calendar is not official: no convocation decree yet (the dates are
 * placeholders), or a past date that was inferred rather than sourced.
 */
export type ProvisionalReason = 'no-decree' | 'inferred';
export const PUBLISHER_KINDS: readonly PublisherKind[] = ['candidate', 'party', 'media', 'individual', 'platform', 'government'];

/** An audience region: a place with one time zone and its own voting days. */
export interface RegionInfo {
  readonly code: string;
  readonly name: LocalizedText;
  readonly zone: string;
  /** When its polls close, local time, unless a round says otherwise. */
  readonly closes?: string;
}

export interface CategoryInfo {
  readonly name: string;
  readonly description: LocalizedText;
}

/** One round of an election, with each region's own voting day. */
export interface RoundInfo {
  /** `<election id>-<round id>`, the name verdicts use. */
  readonly ref: string;
  readonly id: string;
  readonly date: string;
  readonly provisional: boolean;
  /** Why, when the round's own calendar is provisional. */
  readonly provisionalReason?: ProvisionalReason;
  /** The first and last dates a provisional main voting day may fall on. */
  readonly range?: { readonly from: string; readonly to: string };
  /** Each region's first voting day, by region index (YYYY-MM-DD), or null where it takes no part in the round. */
  readonly regionDates: readonly (string | null)[];
}

export interface ElectionInfo {
  readonly id: string;
  readonly kind: string;
  readonly title: LocalizedText;
  readonly provisional: boolean;
  /** What the policy says of the election's calendar (its reading, what is sourced), and its sources. */
  readonly note?: LocalizedText;
  readonly sources?: readonly Source[];
  readonly rounds: readonly RoundInfo[];
}

/** A rule with its coverage turned into lookups. */
export interface RuleInfo {
  readonly index: number;
  readonly id: string;
  readonly title: LocalizedText;
  readonly citation: { readonly text: string; readonly url?: string };
  readonly severity: Severity;
  readonly note?: LocalizedText;
  readonly penalty?: LocalizedText;
  /** Where the rule's reading comes from, besides its citation. */
  readonly sources?: readonly Source[];
  /** The template of its violation messages, when not the default one. */
  readonly message?: LocalizedText;
  /** Its legal basis is not confirmed (said in its messages). */
  readonly provisional?: true;
  /** Category indices the rule covers. */
  readonly categories: readonly number[];
  /** Channel indices, or undefined for every channel. */
  readonly channels: ReadonlySet<number> | undefined;
  readonly publisherKinds: ReadonlySet<PublisherKind> | undefined;
  /** Some covered category has detectors, so a record that does not declare it may still be brought in. */
  readonly detectable: boolean;
  /**
   * A block rule whose window makes a record that declares no category
   * `review` (the policy's `uncategorised` setting): during a silence every
   * publication must say what it is.
   */
  readonly reviewsUncategorised: boolean;
  /** The policy the rule comes from, in a combination of policies (see combinePolicies); absent otherwise. */
  readonly policy?: string;
}

/** One rule's window for one region in one round (or election), as UTC milliseconds. */
export interface CompiledWindow {
  readonly rule: RuleInfo;
  /** The round ref, or the election id for rules that apply per election. */
  readonly election: string;
  readonly region: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Bounds in UTC, `2017-05-05T22:00:00.000Z`; shared by every violation of this window. */
  readonly utc: { readonly start: string; readonly end: string };
  /** Bounds in the region's zone, with offset. */
  readonly local: { readonly start: string; readonly end: string; readonly zone: string };
  /** The calendar behind this window is not official, or the rule's legal basis is not confirmed. */
  readonly provisional: boolean;
  /** The calendar behind this window is not official, and why; false when it is. */
  readonly provisionalCalendar: ProvisionalReason | false;
  /** The violation message per language, window already written in. */
  readonly messages: ReadonlyMap<string, string>;
}

/**
 * Where a rule's window could fall for one region while a calendar is
 * provisional: from the earliest start to the latest end over the dates the
 * calendar admits. A covered record whose instant falls in it may get another
 * answer once the calendar is fixed, so its verdict says so.
 */
export interface ProvisionalSpan {
  readonly rule: RuleInfo;
  /** The election's id (not the round's). */
  readonly election: string;
  readonly region: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly reason: ProvisionalReason;
}

/** The start and end of each span in turn, for {@link CompiledPolicy.provisionalBounds}. */
export function spanBounds(spans: readonly ProvisionalSpan[]): Float64Array {
  const bounds = new Float64Array(spans.length * 2);
  spans.forEach((span, index) => bounds.set([span.startMs, span.endMs], index * 2));
  return bounds;
}

/**
 * A policy ready to check records: every window precomputed in UTC and
 * indexed by time, so a check compares numbers.
 */
export interface CompiledPolicy {
  readonly id: string;
  readonly title: LocalizedText;
  readonly jurisdiction: string;
  readonly version: string;
  readonly notice: LocalizedText;
  /** The policy's sources, and when its texts and dates were last reviewed (YYYY-MM-DD). */
  readonly sources: readonly Source[];
  readonly reviewed?: string;
  /** sha256 of the policy files' contents, in merge order. */
  readonly sha256: string;
  readonly files: readonly string[];
  readonly regions: readonly RegionInfo[];
  /** Region and group codes to region indices. */
  readonly audiences: ReadonlyMap<string, readonly number[]>;
  readonly defaultAudience: readonly number[];
  readonly categories: readonly CategoryInfo[];
  readonly categoryIndex: ReadonlyMap<string, number>;
  readonly channels: readonly string[];
  readonly channelIndex: ReadonlyMap<string, number>;
  readonly elections: readonly ElectionInfo[];
  readonly rules: readonly RuleInfo[];
  readonly windows: readonly CompiledWindow[];
  readonly timeline: PolicyTimeline;
  /** The spans of provisional calendars' windows, by start; empty when every calendar is official. */
  readonly provisionalSpans: readonly ProvisionalSpan[];
  /** The start and end of each of `provisionalSpans` in turn: what a check reads for most instants, without the spans themselves ({@link spanBounds}). */
  readonly provisionalBounds: Float64Array;
  readonly detectors: PhraseMatcher;
  /** Languages the policy's texts are written in (always includes en). */
  readonly languages: readonly string[];
}

/** The windows of one rule within a segment, so a rule that cannot apply is skipped at once. */
export interface RuleSlice {
  readonly rule: RuleInfo;
  /** In policy order: election, then region. */
  readonly windows: readonly CompiledWindow[];
  /** Bit i set when a window is for region i; -1 when a region's index is beyond 30. */
  readonly regionMask: number;
}

/**
 * A timeline as numbers, for the policy cache: its edges; per segment its
 * slice count, then per slice the rule's index, the region mask, the window
 * count and the windows' indices in the policy's list; and where each
 * segment's numbers start.
 */
export interface StoredTimeline {
  readonly edges: readonly number[];
  readonly slices: Int32Array;
  readonly starts: Int32Array;
}

/**
 * A policy's windows cut into segments between consecutive window edges,
 * each knowing the windows that cover it, by rule (compile/timeline.ts).
 */
export interface PolicyTimeline {
  /** Sorted, distinct window edges (ms). Segment i is [edges[i], edges[i + 1]). */
  readonly edges: Float64Array;
  readonly segmentCount: number;
  readonly segments: readonly (readonly RuleSlice[])[];
  slicesAt(segment: number): readonly RuleSlice[];
  /** The segment containing `ms`, or -1 outside every window's span. */
  segmentAt(ms: number): number;
  /** The timeline as numbers; `indexOf` numbers the windows. */
  store(indexOf: (window: CompiledWindow) => number): StoredTimeline;
}
