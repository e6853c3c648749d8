import type { CategoryInfo, CompiledPolicy, CompiledWindow, ElectionInfo, PublisherKind, RegionInfo, RuleInfo } from './compiled.js';
import { PhraseMatcher, type DetectorDefinitions } from './detectors.js';
import { RestoredWindow, type StoredTexts } from './restored-window.js';
import type { LocalizedText } from './text.js';
import { Timeline, type StoredTimeline } from './timeline.js';
import { describeInstant, describeWindow, homeZone, localIso, recordTexts, useKnownTexts } from './window-text.js';

/**
 * A compiled policy as plain JSON, what the on-disk cache stores, apart from
 * its texts (see {@link storePolicy}). Windows are columns of numbers and the
 * timeline is stored as cut, so a restore makes few objects and computes
 * nothing.
 */
export interface StoredPolicy {
  readonly id: string;
  readonly title: LocalizedText;
  readonly jurisdiction: string;
  readonly version: string;
  readonly notice: LocalizedText;
  readonly sha256: string;
  readonly files: readonly string[];
  readonly regions: readonly RegionInfo[];
  readonly audiences: readonly (readonly [string, readonly number[]])[];
  readonly defaultAudience: readonly number[];
  readonly categories: readonly CategoryInfo[];
  readonly detectors: readonly DetectorDefinitions[];
  readonly channels: readonly string[];
  readonly elections: readonly ElectionInfo[];
  readonly rules: readonly StoredRule[];
  readonly windows: StoredWindows;
  readonly timeline: StoredTimeline;
  readonly languages: readonly string[];
}

type StoredRule = Omit<RuleInfo, 'channels' | 'publisherKinds'> & {
  readonly channels: readonly number[] | null;
  readonly publisherKinds: readonly PublisherKind[] | null;
};

/** The windows, one column per field: window i is the i-th of each. */
interface StoredWindows {
  readonly rule: readonly number[];
  /** Indices in `electionNames`. */
  readonly election: readonly number[];
  readonly electionNames: readonly string[];
  readonly region: readonly number[];
  /** Bounds as indices in the timeline's edges. */
  readonly start: readonly number[];
  readonly end: readonly number[];
  /** 1: provisional, 2: provisional calendar. */
  readonly flags: readonly number[];
}

const PROVISIONAL = 1;
const PROVISIONAL_CALENDAR = 2;

/**
 * Splits a compiled policy into what {@link restorePolicy} rebuilds it from:
 * the policy as JSON, and its texts, to be read only when asked for. The
 * texts are each window's messages (one per language, in the policy's
 * order), then, as key and text, what the text report writes of windows and
 * of the instants they end (written by luxon here, so a restored policy
 * reports without it).
 */
export function storePolicy(policy: CompiledPolicy): { readonly policy: StoredPolicy; readonly texts: readonly string[] } {
  const windowIndex = new Map(policy.windows.map((window, index) => [window, index]));
  const edgeIndex = new Map([...policy.timeline.edges].map((edge, index) => [edge, index]));
  const electionNames = [...new Set(policy.windows.map((window) => window.election))];
  const electionIndex = new Map(electionNames.map((name, index) => [name, index]));
  const texts: string[] = [];
  for (const window of policy.windows) {
    for (const lang of policy.languages) {
      const message = window.messages.get(lang);
      if (message === undefined || window.messages.size !== policy.languages.length) throw new Error(`window ${window.election} of ${window.rule.id} has no message in ${lang}`);
      texts.push(message);
    }
  }
  for (const [key, text] of reportTexts(policy)) texts.push(key, text);
  const column = <T>(read: (window: CompiledWindow) => T): T[] => policy.windows.map(read);
  return {
    policy: {
      id: policy.id,
      title: policy.title,
      jurisdiction: policy.jurisdiction,
      version: policy.version,
      notice: policy.notice,
      sha256: policy.sha256,
      files: policy.files,
      regions: policy.regions,
      audiences: [...policy.audiences],
      defaultAudience: policy.defaultAudience,
      categories: policy.categories,
      detectors: policy.detectors.definitions,
      channels: policy.channels,
      elections: policy.elections,
      rules: policy.rules.map((rule) => ({
        ...rule,
        channels: rule.channels ? [...rule.channels] : null,
        publisherKinds: rule.publisherKinds ? [...rule.publisherKinds] : null,
      })),
      windows: {
        rule: column((window) => window.rule.index),
        election: column((window) => electionIndex.get(window.election)!),
        electionNames,
        region: column((window) => window.region),
        start: column((window) => edgeIndex.get(window.startMs)!),
        end: column((window) => edgeIndex.get(window.endMs)!),
        flags: column((window) => (window.provisional ? PROVISIONAL : 0) | (window.provisionalCalendar ? PROVISIONAL_CALENDAR : 0)),
      },
      timeline: policy.timeline.store((window) => windowIndex.get(window)!),
      languages: policy.languages,
    },
    texts,
  };
}

/** What the text report writes of a policy's windows: each window in words, and the end of each block window as the earliest time to publish. */
function reportTexts(policy: CompiledPolicy): Map<string, string> {
  const home = homeZone(policy);
  return recordTexts(() => {
    for (const window of policy.windows) {
      const zone = policy.regions[window.region]!.zone;
      localIso(window.startMs, zone);
      localIso(window.endMs, zone);
      for (const lang of policy.languages) {
        describeWindow(window.startMs, window.endMs, zone, lang);
        if (window.rule.severity === 'block') describeInstant(window.utc.end, home, lang);
      }
    }
  });
}

/**
 * Rebuilds what {@link storePolicy} stored: the lookups, windows, timeline
 * and detectors, and gives the window texts to `window-text`. Throws on a
 * stored policy whose parts do not fit together.
 */
export function restorePolicy(stored: StoredPolicy, texts: StoredTexts): CompiledPolicy {
  const rules: RuleInfo[] = stored.rules.map(({ channels, publisherKinds, ...rule }) => ({
    ...rule,
    channels: channels === null ? undefined : new Set(channels),
    publisherKinds: publisherKinds === null ? undefined : new Set(publisherKinds),
  }));
  const languages = stored.languages;
  const windows = restoreWindows(stored, rules, texts);
  const messageCount = windows.length * languages.length;
  if (languages.length === 0 || texts.length < messageCount || (texts.length - messageCount) % 2 !== 0) throw new Error('the stored texts do not fit the windows');
  useKnownTexts(knownTexts(texts, messageCount));
  return {
    id: stored.id,
    title: stored.title,
    jurisdiction: stored.jurisdiction,
    version: stored.version,
    notice: stored.notice,
    sha256: stored.sha256,
    files: stored.files,
    regions: stored.regions,
    audiences: new Map(stored.audiences),
    defaultAudience: stored.defaultAudience,
    categories: stored.categories,
    categoryIndex: new Map(stored.categories.map((category, index) => [category.name, index])),
    channels: stored.channels,
    channelIndex: new Map(stored.channels.map((channel, index) => [channel, index])),
    elections: stored.elections,
    rules,
    windows,
    timeline: Timeline.restore(stored.timeline, windows, rules),
    detectors: new PhraseMatcher(stored.detectors),
    languages,
  };
}

function restoreWindows(stored: StoredPolicy, rules: readonly RuleInfo[], texts: StoredTexts): RestoredWindow[] {
  const { rule, election, electionNames, region, start, end, flags } = stored.windows;
  const { edges } = stored.timeline;
  const { regions, languages } = stored;
  const count = rule.length;
  if ([election, region, start, end, flags].some((column) => column.length !== count)) throw new Error('the stored windows do not fit together');
  const windows = new Array<RestoredWindow>(count);
  for (let index = 0; index < count; index++) {
    const parts = {
      rule: rules[rule[index]!]!,
      election: electionNames[election[index]!]!,
      region: region[index]!,
      zone: regions[region[index]!]?.zone!,
      startMs: edges[start[index]!]!,
      endMs: edges[end[index]!]!,
      provisional: (flags[index]! & PROVISIONAL) !== 0,
      provisionalCalendar: (flags[index]! & PROVISIONAL_CALENDAR) !== 0,
    };
    if (parts.rule === undefined || typeof parts.election !== 'string' || typeof parts.zone !== 'string' || !(parts.startMs < parts.endMs)) {
      throw new Error('a stored window does not fit its policy');
    }
    windows[index] = new RestoredWindow(parts, languages, texts, index * languages.length);
  }
  return windows;
}

/** The key and text pairs stored after the messages, read into a map on the first lookup. */
function knownTexts(texts: StoredTexts, first: number): (key: string) => string | undefined {
  let byKey: Map<string, string> | undefined;
  return (key) => {
    if (!byKey) {
      byKey = new Map();
      for (let index = first; index < texts.length; index += 2) byKey.set(texts.text(index), texts.text(index + 1));
    }
    return byKey.get(key);
  };
}
