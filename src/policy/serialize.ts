import type { CategoryInfo, CompiledPolicy, CompiledWindow, ElectionInfo, PublisherKind, RegionInfo, RuleInfo } from './compiled.js';
import { PhraseMatcher, type DetectorDefinitions } from './detectors.js';
import type { LocalizedText } from './text.js';
import { Timeline } from './timeline.js';

/** A compiled policy as plain JSON: what the on-disk cache stores. */
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
  readonly windows: readonly StoredWindow[];
  readonly languages: readonly string[];
}

type StoredRule = Omit<RuleInfo, 'channels' | 'publisherKinds'> & {
  readonly channels: readonly number[] | null;
  readonly publisherKinds: readonly PublisherKind[] | null;
};

type StoredWindow = Omit<CompiledWindow, 'rule' | 'messages'> & {
  readonly rule: number;
  readonly messages: readonly (readonly [string, string])[];
};

export function storePolicy(policy: CompiledPolicy): StoredPolicy {
  return {
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
    windows: policy.windows.map((window) => ({ ...window, rule: window.rule.index, messages: [...window.messages] })),
    languages: policy.languages,
  };
}

/** Rebuilds what {@link storePolicy} stored: the lookups, the timeline and the detectors. */
export function restorePolicy(stored: StoredPolicy): CompiledPolicy {
  const rules: RuleInfo[] = stored.rules.map(({ channels, publisherKinds, ...rule }) => ({
    ...rule,
    channels: channels === null ? undefined : new Set(channels),
    publisherKinds: publisherKinds === null ? undefined : new Set(publisherKinds),
  }));
  const windows: CompiledWindow[] = stored.windows.map((window) => ({
    ...window,
    rule: rules[window.rule]!,
    utc: Object.freeze({ ...window.utc }),
    local: Object.freeze({ ...window.local }),
    messages: new Map(window.messages),
  }));
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
    timeline: new Timeline(windows),
    detectors: new PhraseMatcher(stored.detectors),
    languages: stored.languages,
  };
}
