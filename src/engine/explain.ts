import { luxon } from '../luxon.js';
import type { CompiledPolicy, CompiledWindow, PublisherKind, RuleInfo, Severity } from '../compile/compiled.js';
import type { DetectorHit } from '../compile/detectors.js';
import { localize, type LocalizedText } from '../policy/text.js';
import { describeInstant, describeWindow, localIso, recordZone, utcIso } from '../compile/window-text.js';
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

/** How a check is explained: as checked, with the times of windows near it written in `displayZone` (default: the policy's home zone). */
export interface ExplainOptions extends CheckOptions {
  readonly displayZone?: string;
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
export function explain(policy: CompiledPolicy, record: unknown, options: ExplainOptions = {}, checker: Checker = createChecker(policy)): Explanation {
  const verdict = checker.check(record, options);
  if (verdict.status === 'invalid') return { verdict, rules: [] };
  const lang = options.lang ?? 'en';
  const words: Words = { policy, lang, zone: options.displayZone ?? recordZone(policy, record) };
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
      return { ...explanation, sentences: sentences(words, explanation) };
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

/**
 * Windows holding `at`, grouped with their regions, in policy order: regions
 * share a group when their window is the same and reads the same on their
 * clocks (Guadeloupe and Martinique; never Paris and Guadeloupe), so each
 * group's window is written as its regions see it.
 */
function group(policy: CompiledPolicy, windows: readonly CompiledWindow[]): WindowHit[] {
  const groups: (WindowHit & { readonly clock: string })[] = [];
  for (const window of windows) {
    const { code, zone } = policy.regions[window.region]!;
    const clock = `${window.election}|${localIso(window.startMs, zone)}|${localIso(window.endMs, zone)}`;
    const same = groups.find((other) => other.clock === clock);
    if (same) (same.regions as string[]).push(code);
    else groups.push({ election: window.election, regions: [code], window, clock });
  }
  return groups.map(({ clock: _, ...hit }) => hit);
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
/** Regions named in full up to this many; past it, the first ones and how many more. */
const MAX_NAMED_REGIONS = 4;
/** A window nearer than this is said with how far it is, to the millisecond; a farther one by its date alone. */
const NEAR_MS = 60 * 86_400_000;

/** What the sentences are written with: the policy's names, the language, the reader's zone. */
interface Words {
  readonly policy: CompiledPolicy;
  readonly lang: string;
  readonly zone: string;
}

/** An election round by its title: `2017 presidential election, round 2`; a window of a whole election (`per: election`) by the election's. */
function roundName({ policy, lang }: Words, ref: string): string {
  for (const election of policy.elections) {
    if (election.id === ref) return localize(election.title, lang);
    const round = election.rounds.find((candidate) => candidate.ref === ref);
    if (!round) continue;
    const number = /^t(\d+)$/.exec(round.id)?.[1];
    const roundWords = number === undefined ? round.id : lang === 'fr' ? `${number === '1' ? '1er' : `${number}e`} tour` : `round ${number}`;
    return `${localize(election.title, lang)}, ${roundWords}`;
  }
  return ref;
}

/** Regions by name: `Mainland France and Corsica, Guadeloupe`; a long list cut after a few, with how many more. */
function regionNames({ policy, lang }: Words, codes: readonly string[]): string {
  const named = codes.map((code) => {
    const region = policy.regions.find((candidate) => candidate.code === code);
    return region ? localize(region.name, lang) : code;
  });
  if (named.length <= MAX_NAMED_REGIONS) return names(named);
  const more = named.length - MAX_NAMED_REGIONS + 1;
  return `${names(named.slice(0, MAX_NAMED_REGIONS - 1))} ${say(lang, { en: `and ${more} other regions`, fr: `et ${more} autres régions` })}`;
}

function sentences(words: Words, rule: Omit<RuleExplanation, 'sentences'>): string[] {
  const { lang } = words;
  const { category, channel, publisher, time } = rule;
  const lines: string[] = [];
  if (category.fits && category.via === 'declared') {
    lines.push(say(lang, { en: `category: the rule covers ${names(category.categories)}, which the record declares`, fr: `catégorie : la règle couvre ${names(category.categories)}, que la publication déclare` }));
  } else if (category.fits && category.via === 'uncategorised') {
    lines.push(
      say(lang, {
        en: `category: the record declares none; the rule covers ${names(category.covered)}, and while its window holds a record must say what it is (review; news if it is not electoral)`,
        fr: `catégorie : la publication n’en déclare aucune ; la règle couvre ${names(category.covered)}, et pendant sa fenêtre une publication doit dire ce qu’elle est (à examiner ; news si elle n’est pas électorale)`,
      }),
    );
  } else if (category.fits) {
    const { hit } = category;
    lines.push(
      say(lang, {
        en: `category: the record does not declare ${hit.category}, but "${hit.phrase}" in its ${hit.field} suggests it (review)`,
        fr: `catégorie : la publication ne déclare pas ${hit.category}, mais « ${hit.phrase} » dans son ${hit.field === 'title' ? 'titre' : 'texte'} le laisse penser (à examiner)`,
      }),
    );
  } else {
    const record = category.declared.length > 0 ? names(category.declared) : say(lang, { en: 'no category', fr: 'aucune catégorie' });
    lines.push(say(lang, { en: `category: the rule covers ${names(category.covered)}; the record declares ${record}`, fr: `catégorie : la règle couvre ${names(category.covered)} ; la publication déclare ${record}` }));
  }
  lines.push(fieldSentence(lang, channel, { en: 'channel', fr: 'canal' }, { en: 'any channel', fr: 'tout canal' }));
  lines.push(fieldSentence(lang, publisher, { en: 'publisher', fr: 'éditeur' }, { en: 'any publisher', fr: 'tout éditeur' }));
  lines.push(timeSentence(words, time));
  return lines;
}

function fieldSentence(lang: string, reason: FieldReason, label: LocalizedText, any: LocalizedText): string {
  const head = `${say(lang, label)}${lang === 'fr' ? ' :' : ':'}`;
  if (reason.covered === null) return `${head} ${say(lang, { en: `the rule covers ${say('en', any)}`, fr: `la règle couvre ${say('fr', any)}` })}`;
  const covered = names(reason.covered);
  if (reason.value === null) {
    return `${head} ${say(lang, { en: `the rule covers ${covered}; the record does not say, so it could be one of them`, fr: `la règle couvre ${covered} ; la publication ne le dit pas, elle pourrait donc en relever` })}`;
  }
  return `${head} ${say(lang, reason.fits ? { en: `${reason.value} is one of ${covered}`, fr: `${reason.value} fait partie de ${covered}` } : { en: `${reason.value} is not one of ${covered}`, fr: `${reason.value} ne fait pas partie de ${covered}` })}`;
}

/** A window in the local time of its region, which is the time its law speaks in. */
function windowWords(words: Words, hit: { election: string; window: CompiledWindow }): string {
  const { window } = hit;
  return `${roundName(words, hit.election)}${words.lang === 'fr' ? ' : ' : ': '}${describeWindow(window.startMs, window.endMs, words.policy.regions[window.region]!.zone, words.lang)}`;
}

/** A window's edge in the reader's zone, and how far it is when near: `Sun 23 Apr 2017 20:00 Europe/Paris (18:00 UTC), 12 days before`. */
function edgeWords(words: Words, ms: number, distanceMs: number, after: boolean): string {
  const when = describeInstant(utcIso(ms), words.zone, words.lang);
  if (distanceMs >= NEAR_MS) return when;
  const far = describeDuration(distanceMs, words.lang);
  return `${when}, ${say(words.lang, after ? { en: `${far} later`, fr: `${far} après` } : { en: `${far} before`, fr: `${far} avant` })}`;
}

function timeSentence(words: Words, time: TimeReason): string {
  const { lang } = words;
  const head = lang === 'fr' ? 'moment :' : 'time:';
  switch (time.kind) {
    case 'no-window':
      return `${head} ${say(lang, { en: "the rule has no window for the record's audience in this policy's elections", fr: 'la règle n’a aucune fenêtre pour le public de la publication dans les élections de la politique' })}`;
    case 'inside':
      return `${head} ${time.windows.map((hit) => say(lang, { en: `inside the window for ${regionNames(words, hit.regions)} (${windowWords(words, hit)})`, fr: `dans la fenêtre pour ${regionNames(words, hit.regions)} (${windowWords(words, hit)})` })).join(separator(lang))}`;
    case 'opened-later':
      return `${head} ${time.windows
        .map((hit) =>
          say(lang, {
            en: `inside the window for ${regionNames(words, hit.regions)} (${windowWords(words, hit)}), but it opened after the content was first published, and content online before a silence may stay`,
            fr: `dans la fenêtre pour ${regionNames(words, hit.regions)} (${windowWords(words, hit)}), mais elle s’est ouverte après la première publication, et un contenu en ligne avant le silence peut y rester`,
          }),
        )
        .join(separator(lang))}`;
    case 'outside': {
      const parts: string[] = [];
      if (time.previous) {
        const { previous } = time;
        const which = `${roundName(words, previous.election)}, ${regionNames(words, [previous.region])}`;
        const when = edgeWords(words, previous.window.endMs, previous.distanceMs, false);
        parts.push(say(lang, { en: `the last window (${which}) closed ${when}`, fr: `la dernière fenêtre (${which}) s’est fermée le ${when}` }));
      }
      if (time.next) {
        const { next } = time;
        const which = `${roundName(words, next.election)}, ${regionNames(words, [next.region])}`;
        const when = edgeWords(words, next.window.startMs, next.distanceMs, true);
        parts.push(say(lang, { en: `the next (${which}) opens ${when}`, fr: `la suivante (${which}) s’ouvre le ${when}` }));
      }
      return `${head} ${say(lang, { en: 'outside every window for the audience', fr: 'hors de toute fenêtre pour ce public' })}${parts.length > 0 ? `${lang === 'fr' ? ' : ' : ': '}${parts.join(separator(lang))}` : ''}`;
    }
  }
}
