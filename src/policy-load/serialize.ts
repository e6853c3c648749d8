import type { CategoryInfo, CompiledPolicy, ElectionInfo, ProvisionalSpan, PublisherKind, RegionInfo, RuleInfo } from '../compile/compiled.js';
import { PhraseMatcher, type DetectorDefinitions } from '../compile/detectors.js';
import { restoredWindows, windowNumbers, type StoredTexts } from '../compile/restored-window.js';
import type { LocalizedText } from '../policy/text.js';
import { Timeline, type IntegerSource } from '../compile/timeline.js';
import { windowMessages } from '../compile/window-message.js';
import { describeInstant, describeWindow, homeZone, localIso, recordTexts, useKnownTexts, utcIso } from '../compile/window-text.js';
import { restoredSpans, spanNumbers, storedSpanBounds } from './stored-spans.js';

/**
 * A compiled policy as plain JSON, what the on-disk cache stores, apart from
 * its numbers, texts and cold part (see {@link storePolicy}).
 */
export interface StoredPolicy {
  readonly id: string;
  readonly title: LocalizedText;
  readonly jurisdiction: string;
  readonly version: string;
  readonly notice: LocalizedText;
  readonly sources: CompiledPolicy['sources'];
  readonly reviewed?: string;
  readonly sha256: string;
  readonly files: readonly string[];
  readonly regions: readonly RegionInfo[];
  readonly audiences: readonly (readonly [string, readonly number[]])[];
  readonly defaultAudience: readonly number[];
  readonly categories: readonly CategoryInfo[];
  readonly detectors: readonly DetectorDefinitions[];
  readonly channels: readonly string[];
  readonly rules: readonly StoredRule[];
  /** The names provisional spans refer to by index. */
  readonly spanElections: readonly string[];
  /** The names windows refer to by index. */
  readonly windowElections: readonly string[];
  /** The timeline's edges: windows' bounds are indices in them. */
  readonly edges: readonly number[];
  readonly languages: readonly string[];
  /** The key of every {@link TEXT_INDEX_STEP}th text pair: a lookup reads one stretch of the texts, not a dozen spread over them. */
  readonly textIndex: readonly string[];
}

type StoredRule = Omit<RuleInfo, 'channels' | 'publisherKinds'> & {
  readonly channels: readonly number[] | null;
  readonly publisherKinds: readonly PublisherKind[] | null;
};

/** Text pairs between two keys of a stored policy's text index. */
const TEXT_INDEX_STEP = 64;

/** What a check seldom reads, parsed when first asked for. */
export interface StoredCold {
  readonly elections: readonly ElectionInfo[];
}

/** A stored policy: the JSON, the windows, timeline and provisional spans as numbers, the texts and the cold part. */
export interface StoredParts {
  readonly policy: StoredPolicy;
  /** The windows' (see {@link windowNumbers}); the timeline's slices and segment starts (see {@link StoredTimeline}); the provisional spans' (stored-spans.ts). */
  readonly numbers: readonly [windows: Int32Array, slices: Int32Array, starts: Int32Array, spans: Int32Array];
  readonly texts: readonly string[];
  readonly cold: StoredCold;
}

/**
 * Splits a compiled policy into what {@link restorePolicy} rebuilds it from.
 * Windows and the timeline as cut are numbers, read without parsing. The
 * texts, as key and text in key order, are what messages and the text
 * report write of windows and of the instants they end (written by luxon
 * here, so a restored policy writes its messages and reports without it).
 */
export function storePolicy(policy: CompiledPolicy): StoredParts {
  const windowIndex = new Map(policy.windows.map((window, index) => [window, index]));
  const edgeIndex = new Map([...policy.timeline.edges].map((edge, index) => [edge, index]));
  const windowElections = [...new Set(policy.windows.map((window) => window.election))];
  const electionIndex = new Map(windowElections.map((name, index) => [name, index]));
  const windows = windowNumbers(policy.windows, (name) => electionIndex.get(name)!, (ms) => edgeIndex.get(ms)!);
  // In key order, for knownTexts' binary search.
  const pairs = [...reportTexts(policy)].sort(([a], [b]) => (a < b ? -1 : 1));
  const timeline = policy.timeline.store((window) => windowIndex.get(window)!);
  const spans = spanNumbers(policy.provisionalSpans);
  return {
    policy: {
      id: policy.id,
      title: policy.title,
      jurisdiction: policy.jurisdiction,
      version: policy.version,
      notice: policy.notice,
      sources: policy.sources,
      ...(policy.reviewed === undefined ? {} : { reviewed: policy.reviewed }),
      sha256: policy.sha256,
      files: policy.files,
      regions: policy.regions,
      audiences: [...policy.audiences],
      defaultAudience: policy.defaultAudience,
      categories: policy.categories,
      detectors: policy.detectors.definitions,
      channels: policy.channels,
      rules: policy.rules.map((rule) => ({
        ...rule,
        channels: rule.channels ? [...rule.channels] : null,
        publisherKinds: rule.publisherKinds ? [...rule.publisherKinds] : null,
      })),
      spanElections: spans.elections,
      windowElections,
      edges: timeline.edges,
      languages: policy.languages,
      textIndex: pairs.filter((_pair, index) => index % TEXT_INDEX_STEP === 0).map(([key]) => key),
    },
    numbers: [windows, timeline.slices, timeline.starts, spans.numbers],
    texts: pairs.flat(),
    cold: { elections: policy.elections },
  };
}

/**
 * What messages and reports write of a policy's windows: their bounds in UTC
 * and local time, each window in words (checked against the compiled
 * messages), and the end of each block window as the earliest time to publish.
 */
function reportTexts(policy: CompiledPolicy): Map<string, string> {
  const home = homeZone(policy);
  return recordTexts(() => {
    for (const window of policy.windows) {
      const region = policy.regions[window.region]!;
      utcIso(window.startMs);
      utcIso(window.endMs);
      localIso(window.startMs, region.zone);
      localIso(window.endMs, region.zone);
      const messages = windowMessages(window.rule, window, region, policy.languages);
      if ([...messages].some(([lang, message]) => window.messages.get(lang) !== message) || messages.size !== window.messages.size) {
        throw new Error(`the messages of window ${window.election} of ${window.rule.id} are not the rule's`);
      }
      // The text report's words for the window: in the reader's zone (the home zone by default) and the region's own.
      for (const lang of policy.languages) {
        describeWindow(window.startMs, window.endMs, home, lang);
        describeWindow(window.startMs, window.endMs, region.zone, lang);
        if (window.rule.severity === 'block') describeInstant(window.utc.end, home, lang);
      }
    }
  });
}

/** What {@link restorePolicy} takes: the stored parts, the timeline's slices, the texts and the cold part read when asked for. */
export interface RestoredParts {
  readonly policy: StoredPolicy;
  readonly numbers: readonly [windows: Int32Array, slices: IntegerSource, starts: Int32Array, spans: Int32Array];
  readonly texts: StoredTexts;
  readonly cold: () => StoredCold;
}

/**
 * Rebuilds what {@link storePolicy} stored: the lookups, windows, timeline
 * and detectors, and gives the window texts to `window-text`. Throws on
 * stored parts that do not fit together.
 */
export function restorePolicy({ policy: stored, numbers, texts, cold }: RestoredParts): CompiledPolicy {
  const rules: RuleInfo[] = stored.rules.map(({ channels, publisherKinds, ...rule }) => ({
    ...rule,
    channels: channels === null ? undefined : new Set(channels),
    publisherKinds: publisherKinds === null ? undefined : new Set(publisherKinds),
  }));
  const languages = stored.languages;
  const windows = restoredWindows(numbers[0], { rules, regions: stored.regions, languages, elections: stored.windowElections, edges: stored.edges });
  if (languages.length === 0 || texts.length % 2 !== 0 || !Array.isArray(stored.textIndex)) throw new Error('the stored texts do not fit the policy');
  const timeline = Timeline.restore({ edges: stored.edges, slices: numbers[1], starts: numbers[2] }, windows, rules);
  const provisionalBounds = storedSpanBounds(numbers[3], stored.spanElections, rules.length, stored.regions.length);
  let spans: ProvisionalSpan[] | undefined;
  useKnownTexts(knownTexts(texts, stored.textIndex));
  const detectors = new PhraseMatcher(stored.detectors);
  return {
    id: stored.id,
    title: stored.title,
    jurisdiction: stored.jurisdiction,
    version: stored.version,
    notice: stored.notice,
    sources: stored.sources,
    ...(stored.reviewed === undefined ? {} : { reviewed: stored.reviewed }),
    sha256: stored.sha256,
    files: stored.files,
    regions: stored.regions,
    audiences: new Map(stored.audiences),
    defaultAudience: stored.defaultAudience,
    categories: stored.categories,
    categoryIndex: new Map(stored.categories.map((category, index) => [category.name, index])),
    channels: stored.channels,
    channelIndex: new Map(stored.channels.map((channel, index) => [channel, index])),
    // Parsed when first asked for: a check reads them only for a provisional verdict.
    get elections() {
      const elections = coldElections(cold);
      if (!Array.isArray(elections)) throw new Error('the policy cache entry is damaged: its elections are not a list');
      return elections;
    },
    rules,
    // Made when first asked for: a check reads windows through the timeline.
    get windows() {
      return windows.all();
    },
    timeline,
    // Made when first asked for: most instants are in no span, which the bounds tell.
    get provisionalSpans() {
      return (spans ??= restoredSpans(numbers[3], provisionalBounds, stored.spanElections, rules));
    },
    provisionalBounds,
    detectors,
    languages,
  };
}

/** The cold part's elections; a cold part that is not JSON (damage whose CRC holds) gives none. */
function coldElections(cold: () => StoredCold): unknown {
  try {
    return cold().elections;
  } catch {
    return undefined;
  }
}

/**
 * The stored key and text pairs, in key order, found by binary search, first
 * in the index, then among the {@link TEXT_INDEX_STEP} pairs it leads to: a
 * lookup decodes a few keys of one stretch of the texts. Pairs or an index
 * out of order (a damaged entry), and texts that cannot be read, only go
 * unfound, and are formatted anew.
 */
function knownTexts(texts: StoredTexts, index: readonly string[]): (key: string) => string | undefined {
  return (key) => {
    const stretch = lastAtOrBefore(index.length, (at) => index[at]!, key);
    if (stretch < 0) return undefined;
    const first = stretch * TEXT_INDEX_STEP;
    const pairs = Math.min(TEXT_INDEX_STEP, texts.length / 2 - first);
    const found = lastAtOrBefore(pairs, (at) => texts.text(2 * (first + at)), key);
    return found >= 0 && texts.text(2 * (first + found)) === key ? texts.text(2 * (first + found) + 1) : undefined;
  };
}

/** The last of `count` sorted keys at or before `key`, by binary search; -1 when none is (or a key cannot be read). */
function lastAtOrBefore(count: number, keyAt: (at: number) => string | undefined, key: string): number {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = keyAt(middle);
    if (found === undefined) return -1;
    if (found <= key) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}
