import { PolicyError, type PolicyIssue } from '../errors.js';
import { fileIssue } from '../policy/source-file.js';
import { collidingCode, type NameKind } from '../policy/issue-text.js';
import { spanBounds, type CategoryInfo, type CompiledPolicy, type CompiledWindow, type ProvisionalSpan, type RegionInfo, type RuleInfo } from './compiled.js';
import { PhraseMatcher, type DetectorDefinitions } from './detectors.js';
import { policyHash } from './policy-hash.js';
import type { LocalizedText } from '../policy/text.js';
import { Timeline } from './timeline.js';

/**
 * Several policies as one, for a record aimed at several countries
 * (`audience: [ES, FR-MET]`): one checker then gives one verdict, each
 * violation naming its policy, with one earliest lawful time over every
 * window. Regions, groups, rules and elections keep their codes, which must
 * not collide; categories and channels of the same name are one (the same
 * word means the same thing: `poll`, `web`), their detectors pooled. Each
 * rule keeps its own policy's settings (what an uncategorised record gets).
 * Throws a PolicyError naming each collision.
 *
 * @example
 * const checker = createChecker(combinePolicies([await loadPolicy('policies/fr'), await loadPolicy('policies/es')]));
 */
export function combinePolicies(policies: readonly CompiledPolicy[]): CompiledPolicy {
  if (policies.length === 1) return policies[0]!;
  if (policies.length === 0) throw new PolicyError([fileIssue('<policies>', 'semantic', { en: 'no policy to combine', fr: 'aucune politique à combiner' })]);
  checkCollisions(policies);

  const regions: RegionInfo[] = [];
  const audiences = new Map<string, number[]>();
  const defaultAudience: number[] = [];
  const categories: CategoryInfo[] = [];
  const categoryIndex = new Map<string, number>();
  const channels: string[] = [];
  const channelIndex = new Map<string, number>();
  const detectors = new Map<string, DetectorDefinitions>();
  const rules: RuleInfo[] = [];
  const windows: CompiledWindow[] = [];
  const spans: ProvisionalSpan[] = [];
  const languages = new Set<string>();

  for (const policy of policies) {
    const regionOffset = regions.length;
    regions.push(...policy.regions);
    for (const [code, members] of policy.audiences) audiences.set(code, members.map((member) => member + regionOffset));
    defaultAudience.push(...policy.defaultAudience.map((region) => region + regionOffset));
    const categoryOf = policy.categories.map((category) => {
      let index = categoryIndex.get(category.name);
      if (index === undefined) {
        categoryIndex.set(category.name, (index = categories.length));
        categories.push(category);
      }
      return index;
    });
    for (const definition of policy.detectors.definitions) {
      const pooled = detectors.get(definition.name);
      detectors.set(definition.name, pooled ? { name: definition.name, detectors: [...(pooled.detectors ?? []), ...(definition.detectors ?? [])] } : definition);
    }
    const channelOf = policy.channels.map((channel) => {
      let index = channelIndex.get(channel);
      if (index === undefined) {
        channelIndex.set(channel, (index = channels.length));
        channels.push(channel);
      }
      return index;
    });
    const ruleOf = policy.rules.map((rule): RuleInfo => {
      const combined: RuleInfo = {
        ...rule,
        index: rules.length,
        categories: rule.categories.map((category) => categoryOf[category]!),
        channels: rule.channels && new Set([...rule.channels].map((channel) => channelOf[channel]!)),
        policy: rule.policy ?? policy.id,
      };
      rules.push(combined);
      return combined;
    });
    for (const window of policy.windows) windows.push(new CombinedWindow(window, ruleOf[window.rule.index]!, window.region + regionOffset));
    for (const span of policy.provisionalSpans) spans.push({ ...span, rule: ruleOf[span.rule.index]!, region: span.region + regionOffset });
    policy.languages.forEach((lang) => languages.add(lang));
  }

  return {
    id: policies.map((policy) => policy.id).join('+'),
    title: joined(policies.map((policy) => policy.title), ' + '),
    jurisdiction: policies.map((policy) => policy.jurisdiction).join(', '),
    version: policies.map((policy) => `${policy.id} ${policy.version}`).join(', '),
    notice: joined(policies.map((policy) => policy.notice), ' '),
    sources: policies.flatMap((policy) => policy.sources),
    sha256: policyHash(policies.map((policy) => policy.sha256)),
    files: policies.flatMap((policy) => policy.files),
    regions,
    audiences,
    // Each policy's own default: a record that names no audience reaches every country it is checked for.
    defaultAudience,
    categories,
    categoryIndex,
    channels,
    channelIndex,
    elections: policies.flatMap((policy) => policy.elections),
    rules,
    windows,
    timeline: new Timeline(windows),
    provisionalSpans: spans.sort((a, b) => a.startMs - b.startMs),
    provisionalBounds: spanBounds(spans),
    detectors: new PhraseMatcher([...detectors.values()]),
    languages: [...languages],
  };
}

/** A policy's window under the combined policy's rule and region indices; its texts are the policy's own. */
class CombinedWindow implements CompiledWindow {
  readonly rule: RuleInfo;
  readonly region: number;
  readonly #window: CompiledWindow;

  constructor(window: CompiledWindow, rule: RuleInfo, region: number) {
    this.#window = window;
    this.rule = rule;
    this.region = region;
  }

  get election() {
    return this.#window.election;
  }
  get startMs() {
    return this.#window.startMs;
  }
  get endMs() {
    return this.#window.endMs;
  }
  get utc() {
    return this.#window.utc;
  }
  get local() {
    return this.#window.local;
  }
  get provisional() {
    return this.#window.provisional;
  }
  get provisionalCalendar() {
    return this.#window.provisionalCalendar;
  }
  get messages() {
    return this.#window.messages;
  }
}

/** Codes two policies both define, which a record could not tell apart. */
function checkCollisions(policies: readonly CompiledPolicy[]): void {
  const issues: PolicyIssue[] = [];
  const seen = new Map<string, string>();
  const claim = (what: NameKind, code: string, policy: CompiledPolicy) => {
    const key = `${what}:${code}`;
    const owner = seen.get(key);
    if (owner !== undefined && owner !== policy.id) {
      issues.push(fileIssue(policy.files[0] ?? policy.id, 'semantic', collidingCode(what, code, owner, policy.id)));
    }
    seen.set(key, policy.id);
  };
  for (const policy of policies) {
    if (policies.filter((other) => other.id === policy.id).length > 1 && seen.get(`policy:${policy.id}`) === undefined) {
      issues.push(fileIssue(policy.files[0] ?? policy.id, 'semantic', { en: `policy ${policy.id} is given twice`, fr: `la politique ${policy.id} est donnée deux fois` }));
    }
    seen.set(`policy:${policy.id}`, policy.id);
    for (const code of policy.audiences.keys()) claim('region or group', code, policy);
    for (const rule of policy.rules) claim('rule', rule.id, policy);
    for (const election of policy.elections) claim('election', election.id, policy);
  }
  if (issues.length > 0) throw new PolicyError(issues);
}

/** Texts joined language by language: each language any of them has, else its English. */
function joined(texts: readonly LocalizedText[], separator: string): LocalizedText {
  const languages = new Set(texts.flatMap((text) => (typeof text === 'string' ? [] : Object.keys(text))));
  if (languages.size === 0) return texts.join(separator);
  const pick = (text: LocalizedText, lang: string) => (typeof text === 'string' ? text : (text[lang] ?? text.en ?? Object.values(text)[0] ?? ''));
  return Object.fromEntries([...languages].map((lang) => [lang, texts.map((text) => pick(text, lang)).join(separator)]));
}
