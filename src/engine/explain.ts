import { luxon } from '../luxon.js';
import type { CompiledPolicy, CompiledWindow, PublisherKind, RuleInfo, Severity } from '../compile/compiled.js';
import type { DetectorHit } from '../compile/detectors.js';
import { localize, type LocalizedText } from '../policy/text.js';
import { describeWindow } from '../compile/window-text.js';
import { createChecker, readAt, type Checker, type CheckOptions } from './checker.js';
import { RecordReader } from './read-record.js';
import type { Verdict } from './verdict.js';

/** Whether the rule's categories fit the record, and how. */
export type CategoryReason =
  | { readonly fits: true; readonly via: 'declared'; readonly categories: readonly string[] }
  | { readonly fits: true; readonly via: 'detector'; readonly hit: DetectorHit }
  /** The record declares no category, and the rule makes such a record `review` while its window holds. */
  | { readonly fits: true; readonly via: 'uncategorised'; readonly covered: readonly string[] }
  | { readonly fits: false; readonly covered: readonly string[]; readonly declared: readonly string[] };

/** Whether the rule's channels or publisher kinds fit the record; `covered` null means any. */
export interface FieldReason {
  readonly fits: boolean;
  readonly covered: readonly string[] | null;
  /** The record's value, or null when it names none (then it could be any, so it fits). */
  readonly value: string | null;
}

/** One of the rule's windows, for the regions of the audience it covers at the instant. */
export interface WindowHit {
  readonly election: string;
  readonly regions: readonly string[];
  readonly window: CompiledWindow;
}

/** How a window near the instant stands: which, where, and how far. */
export interface NearWindow {
  readonly election: string;
  readonly region: string;
  readonly window: CompiledWindow;
  /** Milliseconds between the instant and the window's end (before) or start (after). */
  readonly distanceMs: number;
}

/** Where the instant checked falls relative to the rule's windows for the audience. */
export type TimeReason =
  | { readonly kind: 'inside'; readonly windows: readonly WindowHit[] }
  /** Content left online: inside a window that opened only after its first publication. */
  | { readonly kind: 'opened-later'; readonly windows: readonly WindowHit[] }
  | { readonly kind: 'outside'; readonly previous: NearWindow | null; readonly next: NearWindow | null }
  | { readonly kind: 'no-window' };

/** Why one rule applies to a record or not, field by field. */
export interface RuleExplanation {
  readonly rule: string;
  readonly title: string;
  readonly citation: string;
  readonly severity: Severity;
  /** The rule is among the verdict's violations. */
  readonly applies: boolean;
  readonly category: CategoryReason;
  readonly channel: FieldReason;
  readonly publisher: FieldReason;
  readonly time: TimeReason;
  /** The reasons above in plain words, one a field, in the language asked. */
  readonly sentences: readonly string[];
}

/** A verdict with every rule's reasoning. Empty `rules` when the record is invalid. */
export interface Explanation {
  readonly verdict: Verdict;
  readonly rules: readonly RuleExplanation[];
}

/**
 * Explains a check: the checker's verdict, and for every rule of the policy
 * why it did or did not apply (category, channel, publisher, time). The
 * verdict is the engine's own; the reasons are worked out beside it.
 *
 * @example
 * const { verdict, rules } = explain(policy, { id: 'a', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] });
 * rules.filter((rule) => rule.applies).map((rule) => rule.sentences);
 */
export function explain(policy: CompiledPolicy, record: unknown, options: CheckOptions = {}, checker: Checker = createChecker(policy)): Explanation {
  const verdict = checker.check(record, options);
  if (verdict.status === 'invalid') return { verdict, rules: [] };
  const lang = options.lang ?? 'en';
  const facts = new RecordReader(policy);
  facts.read(record, options.at === undefined ? undefined : readAt(options.at));
  const at = (facts.checkedAt as { ms: number }).ms;
  const since = facts.action === 'remain' ? (facts.first as { ms: number }).ms : Infinity;
  const applying = new Set(verdict.violations.map((violation) => violation.rule));
  const byRule = new Map<number, CompiledWindow[]>();
  for (const window of policy.windows) {
    if (facts.regions[window.region] !== 1) continue;
    const list = byRule.get(window.rule.index) ?? [];
    list.push(window);
    byRule.set(window.rule.index, list);
  }
  const declared = policy.categories.filter((_, index) => facts.categories[index] === 1).map((category) => category.name);
  // A record a detector placed answers to that rule; it is not held for lacking a category.
  const placedByDetector = verdict.violations.some((violation) => violation.detected !== null);
  let hits: readonly DetectorHit[] | undefined;
  const detectorHits = () => (hits ??= facts.title !== undefined || facts.body !== undefined ? policy.detectors.match(facts.title, facts.body) : []);

  return {
    verdict,
    rules: policy.rules.map((rule) => {
      const category = categoryReason(policy, rule, facts, declared, detectorHits, placedByDetector);
      const channel: FieldReason = {
        covered: rule.channels === undefined ? null : [...rule.channels].map((index) => policy.channels[index]!),
        value: facts.channel < 0 ? null : policy.channels[facts.channel]!,
        fits: facts.channel < 0 || rule.channels === undefined || rule.channels.has(facts.channel),
      };
      const publisher: FieldReason = {
        covered: rule.publisherKinds === undefined ? null : [...rule.publisherKinds],
        value: facts.publisherKind ?? null,
        fits: facts.publisherKind === undefined || rule.publisherKinds === undefined || rule.publisherKinds.has(facts.publisherKind as PublisherKind),
      };
      const time = timeReason(policy, byRule.get(rule.index) ?? [], at, since);
      const explanation = {
        rule: rule.id,
        title: localize(rule.title, lang),
        citation: rule.citation.text,
        severity: rule.severity,
        applies: applying.has(rule.id),
        category,
        channel,
        publisher,
        time,
      };
      return { ...explanation, sentences: sentences(policy, explanation, lang) };
    }),
  };
}

function categoryReason(
  policy: CompiledPolicy,
  rule: RuleInfo,
  facts: RecordReader,
  declared: readonly string[],
  detectorHits: () => readonly DetectorHit[],
  placedByDetector: boolean,
): CategoryReason {
  const covered = rule.categories.map((index) => policy.categories[index]!.name);
  const matching = rule.categories.filter((index) => facts.categories[index] === 1).map((index) => policy.categories[index]!.name);
  if (matching.length > 0) return { fits: true, via: 'declared', categories: matching };
  const hit = rule.detectable ? detectorHits().find((candidate) => covered.includes(candidate.category)) : undefined;
  if (hit) return { fits: true, via: 'detector', hit };
  return facts.declaresNoCategory && rule.reviewsUncategorised && !placedByDetector ? { fits: true, via: 'uncategorised', covered } : { fits: false, covered, declared };
}

/** Windows holding `at`, grouped by election with their regions, in policy order. */
function group(policy: CompiledPolicy, windows: readonly CompiledWindow[]): WindowHit[] {
  const groups: WindowHit[] = [];
  for (const window of windows) {
    const last = groups[groups.length - 1];
    const code = policy.regions[window.region]!.code;
    if (last?.election === window.election) (last.regions as string[]).push(code);
    else groups.push({ election: window.election, regions: [code], window });
  }
  return groups;
}

function timeReason(policy: CompiledPolicy, windows: readonly CompiledWindow[], at: number, since: number): TimeReason {
  if (windows.length === 0) return { kind: 'no-window' };
  const holding = windows.filter((window) => window.startMs <= at && at < window.endMs);
  // Content left online answers only to windows open at its first publication (CE, 8 July 2002).
  const counting = holding.filter((window) => window.startMs <= since);
  if (counting.length > 0) return { kind: 'inside', windows: group(policy, counting) };
  if (holding.length > 0) return { kind: 'opened-later', windows: group(policy, holding) };
  let previous: CompiledWindow | undefined;
  let next: CompiledWindow | undefined;
  for (const window of windows) {
    if (window.endMs <= at && (!previous || window.endMs > previous.endMs)) previous = window;
    if (window.startMs > at && (!next || window.startMs < next.startMs)) next = window;
  }
  const near = (window: CompiledWindow | undefined, distanceMs: number): NearWindow | null =>
    window ? { election: window.election, region: policy.regions[window.region]!.code, window, distanceMs } : null;
  return {
    kind: 'outside',
    previous: near(previous, previous ? at - previous.endMs : 0),
    // A window that opens later never counts against content already online.
    next: since === Infinity ? near(next, next ? next.startMs - at : 0) : null,
  };
}

/** A duration in words, largest units first, at most three of them: "1 day, 2 hours and 5 minutes". */
export function describeDuration(ms: number, lang: string): string {
  const units = luxon().Duration.fromMillis(ms).shiftTo('days', 'hours', 'minutes', 'seconds', 'milliseconds').toObject();
  const kept = Object.fromEntries(Object.entries(units).filter(([, value]) => value !== 0).slice(0, 3));
  return luxon().Duration.fromObject(Object.keys(kept).length > 0 ? kept : { milliseconds: 0 }, { locale: lang }).toHuman({ listStyle: 'long' });
}

const say = (lang: string, text: LocalizedText) => localize(text, lang);
/** French typography puts a space before the semicolon. */
const separator = (lang: string) => (lang === 'fr' ? ' ; ' : '; ');
const names = (values: readonly string[]) => values.join(', ');

function sentences(policy: CompiledPolicy, rule: Omit<RuleExplanation, 'sentences'>, lang: string): string[] {
  const { category, channel, publisher, time } = rule;
  const lines: string[] = [];
  if (category.fits && category.via === 'declared') {
    lines.push(say(lang, { en: `category: the rule covers ${names(category.categories)}, which the record declares`, fr: `catégorie : la règle couvre ${names(category.categories)}, que l'enregistrement déclare` }));
  } else if (category.fits && category.via === 'uncategorised') {
    lines.push(
      say(lang, {
        en: `category: the record declares none; the rule covers ${names(category.covered)}, and while its window holds a record must say what it is (review; news if it is not electoral)`,
        fr: `catégorie : l'enregistrement n'en déclare aucune ; la règle couvre ${names(category.covered)}, et pendant sa fenêtre une publication doit dire ce qu'elle est (à examiner ; news si elle n'est pas électorale)`,
      }),
    );
  } else if (category.fits) {
    const { hit } = category;
    lines.push(
      say(lang, {
        en: `category: the record does not declare ${hit.category}, but "${hit.phrase}" in its ${hit.field} suggests it (review)`,
        fr: `catégorie : l'enregistrement ne déclare pas ${hit.category}, mais « ${hit.phrase} » dans son ${hit.field === 'title' ? 'titre' : 'texte'} le laisse penser (à examiner)`,
      }),
    );
  } else {
    const record = category.declared.length > 0 ? names(category.declared) : say(lang, { en: 'no category', fr: 'aucune catégorie' });
    lines.push(say(lang, { en: `category: the rule covers ${names(category.covered)}; the record declares ${record}`, fr: `catégorie : la règle couvre ${names(category.covered)} ; l'enregistrement déclare ${record}` }));
  }
  lines.push(fieldSentence(lang, channel, { en: 'channel', fr: 'canal' }, { en: 'any channel', fr: 'tout canal' }));
  lines.push(fieldSentence(lang, publisher, { en: 'publisher', fr: 'éditeur' }, { en: 'any publisher', fr: 'tout éditeur' }));
  lines.push(timeSentence(policy, time, lang));
  return lines;
}

function fieldSentence(lang: string, reason: FieldReason, label: LocalizedText, any: LocalizedText): string {
  const head = `${say(lang, label)}${lang === 'fr' ? ' :' : ':'}`;
  if (reason.covered === null) return `${head} ${say(lang, { en: `the rule covers ${say('en', any)}`, fr: `la règle couvre ${say('fr', any)}` })}`;
  const covered = names(reason.covered);
  if (reason.value === null) {
    return `${head} ${say(lang, { en: `the rule covers ${covered}; the record does not say, so it could be one of them`, fr: `la règle couvre ${covered} ; l'enregistrement ne le dit pas, il pourrait donc en faire partie` })}`;
  }
  return `${head} ${say(lang, reason.fits ? { en: `${reason.value} is one of ${covered}`, fr: `${reason.value} fait partie de ${covered}` } : { en: `${reason.value} is not one of ${covered}`, fr: `${reason.value} ne fait pas partie de ${covered}` })}`;
}

function windowWords(policy: CompiledPolicy, hit: { election: string; window: CompiledWindow }, lang: string): string {
  const { window } = hit;
  return `${hit.election}${lang === 'fr' ? ' : ' : ': '}${describeWindow(window.startMs, window.endMs, policy.regions[window.region]!.zone, lang)}`;
}

function timeSentence(policy: CompiledPolicy, time: TimeReason, lang: string): string {
  const head = lang === 'fr' ? 'moment :' : 'time:';
  switch (time.kind) {
    case 'no-window':
      return `${head} ${say(lang, { en: "the rule has no window for the record's audience in this policy's elections", fr: "la règle n'a aucune fenêtre pour le public de l'enregistrement dans les élections de la politique" })}`;
    case 'inside':
      return `${head} ${time.windows.map((hit) => say(lang, { en: `inside the window for ${names(hit.regions)} (${windowWords(policy, hit, 'en')})`, fr: `dans la fenêtre pour ${names(hit.regions)} (${windowWords(policy, hit, 'fr')})` })).join(separator(lang))}`;
    case 'opened-later':
      return `${head} ${time.windows.map((hit) => say(lang, { en: `inside the window for ${names(hit.regions)} (${windowWords(policy, hit, 'en')}), but it opened after the content was first published, and content online before a silence may stay`, fr: `dans la fenêtre pour ${names(hit.regions)} (${windowWords(policy, hit, 'fr')}), mais elle s'est ouverte après la première publication, et un contenu en ligne avant le silence peut y rester` })).join(separator(lang))}`;
    case 'outside': {
      const parts: string[] = [];
      if (time.previous) {
        const { previous } = time;
        parts.push(say(lang, { en: `the last window (${previous.election}, ${previous.region}) closed ${describeDuration(previous.distanceMs, 'en')} before`, fr: `la dernière fenêtre (${previous.election}, ${previous.region}) s'est fermée ${describeDuration(previous.distanceMs, 'fr')} avant` }));
      }
      if (time.next) {
        const { next } = time;
        parts.push(say(lang, { en: `the next (${next.election}, ${next.region}) opens ${describeDuration(next.distanceMs, 'en')} later`, fr: `la suivante (${next.election}, ${next.region}) s'ouvre ${describeDuration(next.distanceMs, 'fr')} après` }));
      }
      return `${head} ${say(lang, { en: 'outside every window for the audience', fr: 'hors de toute fenêtre pour ce public' })}${parts.length > 0 ? `${lang === 'fr' ? ' : ' : ': '}${parts.join(separator(lang))}` : ''}`;
    }
  }
}
