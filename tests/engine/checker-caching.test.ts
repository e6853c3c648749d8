/**
 * The checker's caches: frozen outcomes per (language, segment, record key:
 * audience and covering rules), the English fallback for languages a
 * policy has no texts for, and the region masks of new content. A checker
 * that has seen many records must answer exactly as a fresh one does, and
 * both as a reference evaluator written here that reads the compiled windows
 * one by one (no timeline, no signature, no mask, no cache).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRecords, random } from '../../bench/records.mjs';
import {
  createChecker,
  loadPolicyFromText,
  type Checker,
  type CompiledPolicy,
  type DetectorHit,
  type PublicationRecord,
  type Verdict,
  type Violation,
} from '../../src/index.js';
import type { ProvisionalReason } from '../../src/compile/compiled.js';
import { provisionalVerdictNote } from '../../src/compile/notes.js';
import { frenchPolicy, syntheticPolicy } from '../helpers/policies.js';

// ---------------------------------------------------------------------------
// The reference evaluator.

const PROVISIONAL_CALENDAR = {
  'no-decree': { en: '(Provisional calendar: not yet official.)', fr: '(Calendrier provisoire, pas encore officiel.)' },
  inferred: { en: '(Provisional date: inferred, not taken from an official text.)', fr: '(Date provisoire : déduite, non tirée d’un texte officiel.)' },
} as const;

function detectedPrefix(hit: DetectorHit, lang: string): string {
  return lang === 'fr'
    ? `« ${hit.phrase} » (${hit.field === 'title' ? 'titre' : 'texte'}) laisse penser à la catégorie ${hit.category}, non déclarée :`
    : `"${hit.phrase}" in the ${hit.field} suggests category ${hit.category}, which the record does not declare:`;
}

function uncategorisedPrefix(categories: readonly string[], lang: string): string {
  return lang === 'fr'
    ? `Aucune catégorie déclarée : pendant le silence, chaque publication doit dire ce qu'elle est (news si elle n'est pas électorale). S'il s'agit de ${categories.join(' ou ')} :`
    : `No category declared: during the silence every publication must say what it is (news if it is not electoral). If it is ${categories.join(' or ')}:`;
}

interface Instants {
  /** The instant checked. */
  readonly ms: number;
  /** How the verdict writes it. */
  readonly at: string;
  /** First publication of content left online; Infinity otherwise. */
  readonly since: number;
}

const DAY = 86_400_000;
const windowsByDay = new WeakMap<CompiledPolicy, Map<number, CompiledPolicy['windows'][number][]>>();

/** The windows of the policy that overlap each UTC day, in policy order: a plain listing, to keep the reference fast. */
function windowsAround(policy: CompiledPolicy, ms: number): readonly CompiledPolicy['windows'][number][] {
  let byDay = windowsByDay.get(policy);
  if (!byDay) {
    byDay = new Map();
    for (const window of policy.windows) {
      for (let day = Math.floor(window.startMs / DAY); day * DAY < window.endMs; day++) (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(window);
    }
    windowsByDay.set(policy, byDay);
  }
  return byDay.get(Math.floor(ms / DAY)) ?? [];
}

/** The verdict, from the compiled windows alone: every window of the day is looked at, in policy order. */
function referenceVerdict(policy: CompiledPolicy, record: PublicationRecord, instants: Instants, requestedLang?: string): Verdict {
  const lang = requestedLang !== undefined && policy.languages.includes(requestedLang) ? requestedLang : 'en';
  const { ms, since } = instants;
  const categories = new Set((record.categories ?? []).map((name) => policy.categoryIndex.get(name)!));
  const regions = new Set(record.audience ? record.audience.flatMap((code) => policy.audiences.get(code)!) : policy.defaultAudience);
  const channel = record.channel === undefined ? undefined : policy.channelIndex.get(record.channel)!;
  const kind = record.publisher?.kind;
  const hits = policy.detectors.match(record.title, record.body);
  const fits = (rule: CompiledPolicy['rules'][number]) =>
    (channel === undefined || rule.channels === undefined || rule.channels.has(channel)) && (kind === undefined || rule.publisherKinds === undefined || rule.publisherKinds.has(kind));
  const declares = (rule: CompiledPolicy['rules'][number]) => rule.categories.some((category) => categories.has(category));
  const counts = (window: CompiledPolicy['windows'][number], at: number) => regions.has(window.region) && window.startMs <= since && window.startMs <= at && at < window.endMs;

  const violations: (Omit<Violation, 'regions'> & { regions: string[]; provisional: boolean; message: string })[] = [];
  const detections: DetectorHit[] = [];
  let blocked = false;
  let current: { rule: string; election: string; violation: (typeof violations)[number] } | undefined;
  const add = (window: CompiledPolicy['windows'][number], detected: DetectorHit | undefined, uncategorised: boolean) => {
    const rule = window.rule;
    if (!detected && !uncategorised && rule.severity === 'block') blocked = true;
    const code = policy.regions[window.region]!.code;
    if (current && current.rule === rule.id && current.election === window.election) {
      current.violation.regions.push(code);
      if (window.provisionalCalendar && !current.violation.provisional) {
        current.violation.provisional = true;
        current.violation.message = `${current.violation.message} ${PROVISIONAL_CALENDAR[window.provisionalCalendar][lang === 'fr' ? 'fr' : 'en']}`;
      }
      return;
    }
    const message = window.messages.get(lang) ?? window.messages.get('en')!;
    const names = rule.categories.map((index) => policy.categories[index]!.name);
    const violation = {
      rule: rule.id,
      severity: detected || uncategorised ? ('review' as const) : rule.severity,
      citation: rule.citation.text,
      citationUrl: rule.citation.url ?? null,
      election: window.election,
      regions: [code],
      window: window.utc,
      localWindow: window.local,
      message: detected ? `${detectedPrefix(detected, lang)} ${message}` : uncategorised ? `${uncategorisedPrefix(names, lang)} ${message}` : message,
      provisional: window.provisional,
      detected: detected ?? null,
      ...(uncategorised ? { uncategorised: true as const } : {}),
    };
    violations.push(violation);
    current = { rule: rule.id, election: window.election, violation };
    if (detected && !detections.includes(detected)) detections.push(detected);
  };
  for (const window of windowsAround(policy, ms)) {
    const rule = window.rule;
    if (!counts(window, ms) || !fits(rule)) continue;
    const detected = declares(rule) ? undefined : rule.detectable ? hits.find((hit) => rule.categories.includes(policy.categoryIndex.get(hit.category)!)) : undefined;
    if (!declares(rule) && !detected) continue;
    add(window, detected, false);
  }
  // A record that declares no category, which no detector placed, is review under every block rule that asks.
  if (categories.size === 0 && violations.length === 0) {
    for (const window of windowsAround(policy, ms)) if (window.rule.reviewsUncategorised && counts(window, ms) && fits(window.rule)) add(window, undefined, true);
  }

  let earliestAllowedAt: string | null = null;
  if (blocked) {
    // Jump to the latest end of the block windows holding the instant, until none holds it.
    let instant = ms;
    for (;;) {
      let end = -Infinity;
      for (const window of windowsAround(policy, instant)) {
        if (window.rule.severity === 'block' && declares(window.rule) && fits(window.rule) && counts(window, instant)) end = Math.max(end, window.endMs);
      }
      if (end === -Infinity) break;
      instant = end;
    }
    earliestAllowedAt = new Date(instant).toISOString();
  }
  // A provisional calendar whose possible windows hold the instant, for a rule that covers the record or could.
  const provisional = new Map<string, ProvisionalReason>();
  for (const span of policy.provisionalSpans) {
    const rule = span.rule;
    const relates = declares(rule) || (rule.detectable && hits.some((hit) => rule.categories.includes(policy.categoryIndex.get(hit.category)!))) || (categories.size === 0 && rule.reviewsUncategorised);
    if (relates && fits(rule) && regions.has(span.region) && span.startMs <= ms && ms < span.endMs && span.startMs <= since && !provisional.has(span.election)) provisional.set(span.election, span.reason);
  }
  const verdict: Verdict = {
    id: record.id,
    status: violations.length === 0 ? 'allowed' : blocked ? 'blocked' : 'review',
    at: instants.at,
    violations,
    earliestAllowedAt,
    errors: [],
    detections,
  };
  if (provisional.size === 0) return verdict;
  const elections = [...provisional].map(([id, reason]) => ({ title: policy.elections.find((election) => election.id === id)!.title, reason }));
  return { ...verdict, provisional: true, provisionalNote: provisionalVerdictNote(elections, lang) };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `±HH:MM`, or Z for zero. */
function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const absolute = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** An instant written at an offset, with milliseconds: the form verdicts use. */
function writeAt(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23) + offsetText(offsetMinutes);
}

/** What the verdict's `at` must be for a timestamp `YYYY-MM-DDTHH:mm:ss` + Z or ±HH:MM. */
function canonicalOf(text: string): string {
  return text.length === 20 || text.length === 25 ? `${text.slice(0, 19)}.000${text.slice(19)}` : text;
}

function instantsOf(record: PublicationRecord): Instants {
  return {
    ms: Date.parse(record.publishedAt!),
    at: canonicalOf(record.publishedAt!),
    since: record.action === 'remain' ? Date.parse(record.firstPublishedAt!) : Infinity,
  };
}

/** The verdict of a checker that has seen nothing before. */
const fresh = (policy: CompiledPolicy, record: unknown, options?: Parameters<Checker['check']>[1]): Verdict => createChecker(policy).check(record, options);

// ---------------------------------------------------------------------------

let policy: CompiledPolicy;
beforeAll(async () => {
  policy = await frenchPolicy();
});

const SATURDAY = '2017-05-06T10:00:00+02:00';
const POLL_DETECTION: DetectorHit = { category: 'poll', phrase: 'sondage', field: 'title' };

describe('detector hits and the shared outcomes', () => {
  // Same signature (categories, audience, channel, publisher) and same segment; only the title differs.
  const leak = { publishedAt: SATURDAY, categories: ['leak'], audience: ['FR-MET'] };
  const news = { publishedAt: SATURDAY, categories: ['news'], audience: ['FR-MET'] };

  it('flags a poll in the title after a record of the same signature without text, and not a later plain one', () => {
    const checker = createChecker(policy);
    const plain = checker.check({ id: 'plain', ...leak });
    expect(plain.status).toBe('review');
    expect(plain.violations.map((v) => v.rule)).toEqual(['fr.cnccep.2017-05-macronleaks']);
    expect(plain.detections).toEqual([]);

    const titled = checker.check({ id: 'titled', ...leak, title: 'Nouveau sondage' });
    expect(titled.status).toBe('review');
    expect(titled.violations.map((v) => [v.rule, v.detected])).toEqual([
      ['fr.loi77-808.art11.polls', POLL_DETECTION],
      ['fr.cnccep.2017-05-macronleaks', null],
    ]);
    expect(titled.detections).toEqual([POLL_DETECTION]);
    expect(titled).toEqual(fresh(policy, { id: 'titled', ...leak, title: 'Nouveau sondage' }));

    const later = checker.check({ id: 'later', ...leak, title: 'La météo de samedi' });
    expect(later).toEqual({ ...plain, id: 'later' });
    expect(later.detections).toEqual([]);
    const bodyOnly = checker.check({ id: 'body', ...leak, body: 'Un SONDAGE exclusif' });
    expect(bodyOnly.detections).toEqual([{ category: 'poll', phrase: 'sondage', field: 'body' }]);
    expect(checker.check({ id: 'last', ...leak })).toEqual({ ...plain, id: 'last' });
  });

  it('shares an outcome between records with the same hits only: same phrase, same field', () => {
    const checker = createChecker(policy);
    const records = [
      [{ id: 'first', ...news, title: 'Nouveau sondage' }, [POLL_DETECTION]],
      [{ id: 'again', ...news, title: 'Un autre SONDAGE' }, [POLL_DETECTION]],
      [{ id: 'plural', ...news, title: 'Deux sondages' }, [{ category: 'poll', phrase: 'sondages', field: 'title' }]],
      [{ id: 'body', ...news, body: 'Nouveau sondage' }, [{ ...POLL_DETECTION, field: 'body' }]],
      [{ id: 'two', ...news, title: 'Nouveau sondage, premières estimations' }, [POLL_DETECTION, { category: 'result', phrase: 'premières estimations', field: 'title' }]],
      [{ id: 'last', ...news, title: 'Le sondage du jour' }, [POLL_DETECTION]],
    ] as const;
    const verdicts = records.map(([record, hits]) => {
      const verdict = checker.check(record);
      expect(verdict.detections).toEqual(hits);
      expect(verdict.violations.flatMap((v) => (v.detected ? [v.detected] : []))).toEqual(hits);
      expect(verdict).toEqual(fresh(policy, record));
      return verdict;
    });
    // Kept the second time its key comes, then shared.
    expect(verdicts[5]!.violations).toBe(verdicts[1]!.violations);
    expect(Object.isFrozen(verdicts[0]!.detections[0])).toBe(true);
    expect(() => {
      (verdicts[0]!.detections[0] as { phrase: string }).phrase = 'changed';
    }).toThrow(TypeError);
  });

  it('keeps apart records with the same hits that different rules can take up', () => {
    // The same call to vote is L49's second paragraph online and its first in print.
    const call = { publishedAt: SATURDAY, categories: ['news'], audience: ['FR-MET'], title: 'Votez pour elle' };
    const web = { id: 'web', ...call, channel: 'web' };
    const print = { id: 'print', ...call, channel: 'print' };
    const checker = createChecker(policy);
    for (const record of [web, web, print, print, web, print]) {
      const verdict = checker.check(record);
      expect(verdict).toEqual(fresh(policy, record));
      expect(verdict.status).toBe('review');
      expect(verdict.violations.map((v) => v.rule)).toEqual([record === web ? 'fr.l49.propaganda' : 'fr.l49.printed-propaganda']);
    }
  });

  it('gives the same verdicts in the reverse order', () => {
    const checker = createChecker(policy);
    const titled = checker.check({ id: 'titled', ...leak, title: 'Nouveau sondage' });
    expect(titled.detections).toEqual([POLL_DETECTION]);
    expect(titled.violations).toHaveLength(2);
    const plain = checker.check({ id: 'plain', ...leak });
    expect(plain.detections).toEqual([]);
    expect(plain.violations.map((v) => [v.rule, v.detected])).toEqual([['fr.cnccep.2017-05-macronleaks', null]]);
    expect(checker.check({ id: 'titled-again', ...leak, title: 'Nouveau sondage' })).toEqual({ ...titled, id: 'titled-again' });
    expect(checker.check({ id: 'plain-again', ...leak })).toEqual({ ...plain, id: 'plain-again' });
  });

  it('brings in a record that only a detector can, in either order, and lets the plain one go', () => {
    for (const order of [
      ['plain', 'titled', 'plain'],
      ['titled', 'plain', 'titled', 'plain'],
    ]) {
      const checker = createChecker(policy);
      for (const [index, kind] of order.entries()) {
        const verdict = checker.check({ id: `r${index}`, ...news, ...(kind === 'titled' ? { title: 'SONDAGE : Macron en tête' } : {}) });
        if (kind === 'plain') expect(verdict).toEqual({ id: `r${index}`, status: 'allowed', at: '2017-05-06T10:00:00.000+02:00', violations: [], earliestAllowedAt: null, errors: [], detections: [] });
        else {
          expect(verdict.status).toBe('review');
          expect(verdict.detections).toEqual([POLL_DETECTION]);
          expect(verdict.violations.map((v) => [v.rule, v.severity, v.regions])).toEqual([['fr.loi77-808.art11.polls', 'review', ['FR-MET']]]);
        }
      }
    }
  });

  it('keeps a block rule and a detected review rule apart for declared propaganda', () => {
    const checker = createChecker(policy);
    const propaganda = { publishedAt: SATURDAY, categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] };
    const plain = checker.check({ id: 'a', ...propaganda });
    const titled = checker.check({ id: 'b', ...propaganda, title: 'sondage' });
    const again = checker.check({ id: 'c', ...propaganda });
    expect(plain).toMatchObject({ status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z', detections: [] });
    expect(titled).toMatchObject({ status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z', detections: [POLL_DETECTION] });
    expect(titled.violations.map((v) => [v.rule, v.severity])).toEqual([
      ['fr.l49.propaganda', 'block'],
      ['fr.loi77-808.art11.polls', 'review'],
    ]);
    expect(again).toEqual({ ...plain, id: 'c' });
  });
});

/** A checker of `rules` for one region on UTC, voting on Sunday 9 June 2030. */
function checkerOnUtcVote(rules: string): Checker {
  return createChecker(
    loadPolicyFromText(
      syntheticPolicy({
        regions: { AA: 'UTC' },
        elections: `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`,
        rules,
      }),
    ),
  );
}

/** Two block rules on propaganda: `long`, from Friday 00:00 to Sunday 12:00, and `second` between the given days from the vote and times. */
function silenceAndSecondRule(second: string, start: { days: number; time: string }, end: { days: number; time: string }): Checker {
  return checkerOnUtcVote(`  - id: long
    title: Long
    citation: { text: A }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: -2, time: "00:00", zone: UTC }
      end: { kind: votingDay, days: 0, time: "12:00", zone: UTC }
  - id: ${second}
    title: Second
    citation: { text: B }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: ${start.days}, time: "${start.time}", zone: UTC }
      end: { kind: votingDay, days: ${end.days}, time: "${end.time}", zone: UTC }`);
}

describe('content left online never reuses a publication’s outcome', () => {
  const propaganda = { categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] };
  const before = { id: 'before', action: 'remain', publishedAt: SATURDAY, firstPublishedAt: '2017-05-05T23:59:59.999+02:00', ...propaganda } as const;
  const after = { id: 'after', action: 'remain', publishedAt: SATURDAY, firstPublishedAt: '2017-05-06T00:00:00+02:00', ...propaganda } as const;
  const publish = { id: 'publish', publishedAt: SATURDAY, ...propaganda } as const;

  it.each([
    ['publish, before, after', [publish, before, after]],
    ['before, publish, after', [before, publish, after]],
    ['after, before, publish', [after, before, publish]],
  ])('%s', (_name, records) => {
    const checker = createChecker(policy);
    for (const record of [...records, ...records]) {
      const verdict = checker.check(record);
      if (record.id === 'before') expect(verdict).toMatchObject({ status: 'allowed', violations: [], earliestAllowedAt: null });
      else {
        expect(verdict).toMatchObject({ status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' });
        expect(verdict.violations.map((v) => [v.rule, v.regions])).toEqual([['fr.l49.propaganda', ['FR-MET']]]);
      }
      expect(verdict.at).toBe('2017-05-06T10:00:00.000+02:00');
      expect(verdict).toEqual(fresh(policy, record));
    }
  });

  it('lists only the regions whose windows had opened when the content went online', () => {
    // Réunion's silence opens at 20:00Z on the Friday, the mainland's at 22:00Z.
    const base = { publishedAt: SATURDAY, categories: ['propaganda'], channel: 'web', audience: ['FR-MET', 'RE'] };
    const published = { id: 'p', ...base };
    const between = { id: 'r', action: 'remain', firstPublishedAt: '2017-05-05T21:00:00Z', ...base } as const;
    const earlier = { id: 'e', action: 'remain', firstPublishedAt: '2017-05-05T19:59:59.999Z', ...base } as const;
    // Both silences had opened, not every window of the segment (the poll ban's in the Antilles opens on Saturday).
    const later = { id: 'l', action: 'remain', firstPublishedAt: '2017-05-05T22:30:00Z', ...base } as const;
    const checker = createChecker(policy);
    for (const record of [published, between, earlier, published, between, between, later, later, earlier, published, between, later]) {
      const verdict = checker.check(record);
      const expected =
        record.id === 'p' || record.id === 'l'
          ? [['FR-MET', 'RE'], { start: '2017-05-05T22:00:00.000Z', end: '2017-05-07T18:00:00.000Z' }]
          : record.id === 'r'
            ? [['RE'], { start: '2017-05-05T20:00:00.000Z', end: '2017-05-07T18:00:00.000Z' }]
            : undefined;
      if (expected) {
        expect(verdict).toMatchObject({ status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' });
        expect(verdict.violations.map((v) => [v.regions, v.window])).toEqual([expected]);
      } else expect(verdict).toMatchObject({ status: 'allowed', violations: [] });
      expect(verdict).toEqual(fresh(policy, record));
    }
  });

  it('keeps the earliest allowed time of the windows content left online answers to', () => {
    const local = silenceAndSecondRule('late', { days: -1, time: '00:00' }, { days: 1, time: '00:00' });
    const base = { categories: ['propaganda'], publishedAt: '2030-06-08T10:00:00Z' };
    // First published after the long window opened, before the late one did.
    const remain: PublicationRecord = { id: 'remain', action: 'remain', firstPublishedAt: '2030-06-07T06:00:00Z', ...base };
    const publish: PublicationRecord = { id: 'publish', ...base };
    const remainLate: PublicationRecord = { ...remain, id: 'remain-late', firstPublishedAt: '2030-06-08T00:00:00Z' };
    for (const record of [publish, remain, publish, remain, remainLate, remain, remainLate]) {
      const verdict = local.check(record);
      expect(verdict.status).toBe('blocked');
      expect(verdict).toEqual(fresh(local.policy, record));
      if (record.id === 'remain') {
        expect(verdict.violations.map((v) => v.rule)).toEqual(['long']);
        expect(verdict.earliestAllowedAt).toBe('2030-06-09T12:00:00.000Z');
      } else {
        expect(verdict.violations.map((v) => v.rule)).toEqual(['long', 'late']);
        expect(verdict.earliestAllowedAt).toBe('2030-06-10T00:00:00.000Z');
      }
    }
  });

  it('gives content online since every window of the segment opened one outcome, blind to windows opening later', () => {
    const local = silenceAndSecondRule('count', { days: 0, time: '12:00' }, { days: 1, time: '00:00' });
    const base = { categories: ['propaganda'], publishedAt: '2030-06-08T10:00:00Z' };
    const publish: PublicationRecord = { id: 'publish', ...base };
    // Both online since after the silence opened; the count window opens after the instant checked.
    const sinceFriday: PublicationRecord = { id: 'friday', action: 'remain', firstPublishedAt: '2030-06-07T06:00:00Z', ...base };
    const sinceSaturday: PublicationRecord = { ...sinceFriday, id: 'saturday', firstPublishedAt: '2030-06-08T09:59:59.999Z' };
    const sinceThursday: PublicationRecord = { ...sinceFriday, id: 'thursday', firstPublishedAt: '2030-06-06T23:59:59.999Z' };
    for (const order of [
      [publish, sinceFriday, sinceSaturday, sinceThursday],
      [sinceSaturday, sinceThursday, sinceFriday, publish],
    ]) {
      const checker = createChecker(local.policy);
      for (const record of [...order, ...order]) {
        const verdict = checker.check(record);
        expect(verdict).toEqual(fresh(local.policy, record));
        if (record.id === 'thursday') expect(verdict).toMatchObject({ status: 'allowed', earliestAllowedAt: null });
        else {
          expect(verdict.violations.map((v) => v.rule)).toEqual(['long']);
          expect(verdict.earliestAllowedAt).toBe(record.id === 'publish' ? '2030-06-10T00:00:00.000Z' : '2030-06-09T12:00:00.000Z');
        }
      }
    }
  });
});

describe('messages per language', () => {
  const record = { id: 'm', publishedAt: SATURDAY, categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] };
  const FR = 'La propagande électorale ne peut pas être diffusée par voie électronique du sam. 6 mai 00:00 au dim. 7 mai 20:00 (Europe/Paris).';
  const EN = 'Electoral propaganda may not be published online from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris).';

  it('writes French, English, French for the same signature and segment; unknown languages in English', () => {
    const checker = createChecker(policy);
    const sequence: [string | undefined, string][] = [
      ['fr', FR],
      ['en', EN],
      ['fr', FR],
      ['de', EN],
      [undefined, EN],
      ['fr', FR],
      ['FR', EN],
      ['', EN],
      ['xx-not-a-language', EN],
      ['fr', FR],
    ];
    for (const [lang, message] of sequence) {
      const verdict = checker.check(record, lang === undefined ? {} : { lang });
      expect(verdict.violations.map((v) => v.message), String(lang)).toEqual([message]);
    }
  });

  it('writes detection prefixes and provisional notes in the language asked for, in turn', () => {
    const checker = createChecker(policy);
    const titled = { id: 't', publishedAt: SATURDAY, categories: ['news'], audience: ['FR-MET'], title: 'sondage' };
    const provisional = { id: 'p', publishedAt: '2027-04-10T10:00:00+02:00', categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] };
    const pollFr = "« sondage » (titre) laisse penser à la catégorie poll, non déclarée : Aucun sondage sur l'élection ne peut être publié, diffusé ou commenté du sam. 6 mai 00:00 au dim. 7 mai 20:00 (Europe/Paris).";
    const pollEn = '"sondage" in the title suggests category poll, which the record does not declare: No poll about the election may be published, broadcast or commented on from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris).';
    const provisionalFr = 'La propagande électorale ne peut pas être diffusée par voie électronique du sam. 10 avr. 00:00 au dim. 11 avr. 20:00 (Europe/Paris). (Calendrier provisoire, pas encore officiel.)';
    const provisionalEn = 'Electoral propaganda may not be published online from Sat 10 Apr 00:00 until Sun 11 Apr 20:00 (Europe/Paris). (Provisional calendar: not yet official.)';
    for (const lang of ['fr', 'en', 'fr', 'es', 'fr']) {
      const french = lang === 'fr';
      expect(checker.check(titled, { lang }).violations[0]!.message).toBe(french ? pollFr : pollEn);
      expect(checker.check(provisional, { lang }).violations[0]!.message).toBe(french ? provisionalFr : provisionalEn);
    }
  });

  it('reads a language the policy has no texts for as English, detection prefix included', () => {
    const englishOnly = checkerOnUtcVote(`  - id: polls
    title: Polls
    citation: { text: A }
    severity: block
    covers: { categories: [poll] }
    message: No polls {window}.
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: UTC }
      end: { kind: votingDay, days: 0, time: "20:00", zone: UTC }`);
    expect(englishOnly.policy.languages).toEqual(['en']);
    const record = { id: 'x', publishedAt: '2030-06-08T12:00:00Z', categories: ['propaganda'], title: 'Sondage' };
    const english = englishOnly.check(record).violations[0]!.message;
    expect(english).toMatch(/^"sondage" in the title suggests category poll, which the record does not declare: No polls /);
    for (const lang of ['fr', 'en', 'fr', 'de']) expect(englishOnly.check(record, { lang }).violations[0]!.message).toBe(english);
  });
});

describe('frozen verdicts', () => {
  const propaganda = { categories: ['propaganda', 'leak'], channel: 'web', audience: ['FR-MET', 'RE'] };

  it('freezes what verdicts of one signature share, and gives each its own id and instant', () => {
    const checker = createChecker(policy);
    const first = checker.check({ id: 'one', publishedAt: '2017-05-06T08:00:00+02:00', ...propaganda });
    const second = checker.check({ id: 'two', publishedAt: '2017-05-06T06:30:00.250Z', ...propaganda });
    const third = checker.check({ id: 'three', publishedAt: '2017-05-05T22:00:00-08:00', ...propaganda }, { lang: 'fr' });
    // The precondition: one segment.
    expect(new Set([first, second, third].map((v) => policy.timeline.segmentAt(Date.parse(v.at!)))).size).toBe(1);
    expect([first.id, second.id, third.id]).toEqual(['one', 'two', 'three']);
    expect([first.at, second.at, third.at]).toEqual(['2017-05-06T08:00:00.000+02:00', '2017-05-06T06:30:00.250Z', '2017-05-05T22:00:00.000-08:00']);
    expect(second).toEqual({ ...first, id: 'two', at: '2017-05-06T06:30:00.250Z' });
    expect(first.violations.map((v) => v.rule)).toEqual(['fr.l49.propaganda', 'fr.cnccep.2017-05-macronleaks']);
    expect(third.violations[0]!.message).toMatch(/^La propagande/);
    expect(first).not.toBe(second);

    for (const verdict of [first, second, third]) {
      const violations = verdict.violations as Violation[];
      expect(Object.isFrozen(violations)).toBe(true);
      expect(() => violations.push(violations[0]!)).toThrow(TypeError);
      expect(() => violations.pop()).toThrow(TypeError);
      for (const violation of violations) {
        const writable = violation as { -readonly [K in keyof Violation]: Violation[K] };
        expect(() => {
          writable.message = 'changed';
        }).toThrow(TypeError);
        expect(() => {
          writable.severity = 'review';
        }).toThrow(TypeError);
        expect(() => (violation.regions as string[]).push('XX')).toThrow(TypeError);
        expect(() => {
          (violation.window as { start: string }).start = 'changed';
        }).toThrow(TypeError);
        expect(() => {
          (violation.localWindow as { zone: string }).zone = 'changed';
        }).toThrow(TypeError);
      }
      expect(() => (verdict.detections as DetectorHit[]).push(POLL_DETECTION)).toThrow(TypeError);
      expect(() => (verdict.errors as unknown[]).push({})).toThrow(TypeError);
    }
    // Nothing leaked from the attempts into later verdicts.
    const later = checker.check({ id: 'four', publishedAt: '2017-05-06T04:00:00Z', ...propaganda });
    expect(later).toEqual({ ...first, id: 'four', at: '2017-05-06T04:00:00.000Z' });
    expect(later.violations[0]!.regions).toEqual(['FR-MET', 'RE']);
    expect(later).toEqual(fresh(policy, { id: 'four', publishedAt: '2017-05-06T04:00:00Z', ...propaganda }));
  });

  it('freezes the detections of a detected record, and the empty lists of an allowed one', () => {
    const checker = createChecker(policy);
    const detected = checker.check({ id: 'd', publishedAt: SATURDAY, categories: ['news'], audience: ['FR-MET'], title: 'sondage' });
    expect(() => (detected.detections as DetectorHit[]).push(POLL_DETECTION)).toThrow(TypeError);
    expect(() => (detected.violations[0]!.regions as string[]).push('XX')).toThrow(TypeError);
    const allowed = checker.check({ id: 'a', publishedAt: '2017-05-01T10:00:00Z', categories: ['news'] });
    for (const list of [allowed.violations, allowed.detections, allowed.errors]) expect(() => (list as unknown[]).push(1)).toThrow(TypeError);
    expect(checker.check({ id: 'b', publishedAt: '2017-05-01T11:00:00Z', categories: ['news'] })).toMatchObject({ id: 'b', status: 'allowed', violations: [], detections: [], errors: [] });
  });
});

describe('a long-lived checker against fresh ones and the reference', () => {
  it('agrees on 10,000 benchmark records, checked twice', () => {
    const records = makeRecords(10_000, 2017);
    const checker = createChecker(policy);
    const wrong: string[] = [];
    const statuses = new Map<string, number>();
    for (const pass of [0, 1]) {
      for (const [index, record] of records.entries()) {
        const lang = index % 7 === 0 ? 'fr' : index % 11 === 0 ? 'de' : undefined;
        const options = lang === undefined ? undefined : { lang };
        const verdict = checker.check(record, options);
        statuses.set(verdict.status, (statuses.get(verdict.status) ?? 0) + 1);
        const expected = referenceVerdict(policy, record, instantsOf(record), lang);
        if (JSON.stringify(verdict) !== JSON.stringify(expected)) wrong.push(`pass ${pass} ${JSON.stringify(record)}`);
        else if ((index + pass) % 5 === 0 && JSON.stringify(fresh(policy, record, options)) !== JSON.stringify(expected)) wrong.push(`fresh ${JSON.stringify(record)}`);
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    // The sample is not all allowed.
    expect(statuses.get('blocked')).toBeGreaterThan(500);
    expect(statuses.get('review')).toBeGreaterThan(50);
  });

  it('agrees for one signature walked across every edge of the French policy, both ways', () => {
    const checker = createChecker(policy);
    const signatures: Omit<PublicationRecord, 'id'>[] = [
      { categories: ['propaganda'], channel: 'web', audience: ['FR-MET', 'RE'] },
      { categories: ['poll', 'result'], audience: ['FR-SAT'] },
      { categories: ['political-ad', 'new-polemic', 'leak'], publisher: { kind: 'candidate' } },
      { categories: ['news'], title: 'Premières estimations' },
      { categories: ['leaflet', 'phoning', 'meeting'], channel: 'print', audience: ['NC', 'WF', 'PF'] },
    ];
    const edges = [...policy.timeline.edges];
    const wrong: string[] = [];
    let blocked = 0;
    for (const [index, signature] of signatures.entries()) {
      const instants = edges.flatMap((edge) => [edge - 1, edge]);
      if (index % 2 === 1) instants.reverse();
      for (const ms of instants) {
        const record = { id: `s${index}-${ms}`, publishedAt: writeAt(ms, 120), ...signature };
        const lang = ms % 2 === 0 ? 'fr' : undefined;
        const verdict = checker.check(record, lang === undefined ? undefined : { lang });
        if (verdict.status === 'blocked') blocked++;
        if (JSON.stringify(verdict) !== JSON.stringify(referenceVerdict(policy, record, { ms, at: record.publishedAt, since: Infinity }, lang))) wrong.push(JSON.stringify(record));
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(blocked).toBeGreaterThan(1_000);
  });

  it('agrees after many times more outcomes than its cache holds', () => {
    // A policy whose records mostly fall under some rule, each cheap to evaluate, so the cache is
    // filled and emptied again and again: 12 regions in their own zones, 10 categories, two rounds.
    const local = overflowPolicy();
    const next = random(100_001);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const edges = local.timeline.edges;
    const covered = local.timeline.segments.flatMap((slices, segment) => (slices.length > 0 ? [segment] : []));
    const codes = local.regions.map((region) => region.code);
    const names = local.categories.map((category) => category.name);
    const kinds = ['candidate', 'party', 'media', 'individual', 'platform'] as const;
    const offsets = [0, 120, 60, -240, 330, 345, -570, 840, -600, 660];

    const CACHE_SIZE = 5_000;
    const checker = createChecker(local, { outcomeCacheSize: CACHE_SIZE });
    const outcomeKeys = new Set<number>();
    const kept: { record: PublicationRecord; lang: string | undefined; instants: Instants }[] = [];
    const wrong: string[] = [];
    const COUNT = 140_000;
    let compared = 0;

    const compare = (record: PublicationRecord, lang: string | undefined, instants: Instants, verdict: Verdict) => {
      compared++;
      const expected = JSON.stringify(referenceVerdict(local, record, instants, lang));
      if (JSON.stringify(verdict) !== expected) wrong.push(`long-lived ${JSON.stringify([record, lang])}`);
      else if (JSON.stringify(fresh(local, record, lang === undefined ? undefined : { lang })) !== expected) wrong.push(`fresh ${JSON.stringify([record, lang])}`);
    };

    for (let index = 0; index < COUNT; index++) {
      const segment = next() < 0.95 ? pick(covered) : Math.floor(next() * (edges.length - 1));
      const ms = edges[segment]! + Math.floor(next() * (edges[segment + 1]! - edges[segment]!));
      const audience: string[] = [];
      let audienceBits = 0;
      for (const [bit, code] of codes.entries()) {
        if (next() >= 0.5) continue;
        audience.push(code);
        audienceBits |= 1 << bit;
      }
      const categories: string[] = [];
      let categoryBits = 0;
      for (const [bit, name] of names.entries()) {
        if (next() >= 0.3) continue;
        categories.push(name);
        categoryBits |= 1 << bit;
      }
      const channel = next() < 0.3 ? -1 : Math.floor(next() * local.channels.length);
      const kind = next() < 0.2 ? -1 : Math.floor(next() * kinds.length);
      const remain = next() < 0.03;
      const titled = next() < 0.03;
      const lang = next() < 0.1 ? 'fr' : undefined;
      const publishedAt = writeAt(ms, pick(offsets));
      const record: PublicationRecord = {
        id: `r${index}`,
        publishedAt,
        categories,
        ...(audience.length > 0 ? { audience } : {}),
        ...(channel < 0 ? {} : { channel: local.channels[channel]! }),
        ...(kind < 0 ? {} : { publisher: { kind: kinds[kind]! } }),
        ...(titled ? { title: 'Le dernier sondage' } : {}),
        ...(remain ? { action: 'remain' as const, firstPublishedAt: new Date(ms - Math.floor(next() * 3 * 86_400_000)).toISOString() } : {}),
      };
      const instants: Instants = { ms, at: publishedAt, since: remain ? Date.parse(record.firstPublishedAt!) : Infinity };
      const verdict = checker.check(record, lang === undefined ? undefined : { lang });
      // An outcome the checker keeps: a publication, no detector hit, and some rule applied. It is
      // shared by records with the same audience and the same rules covering them.
      if (!remain && !titled && verdict.status !== 'allowed') {
        const covering = local.rules.reduce((bits, rule) => (coversRecord(rule, categoryBits, channel, kind < 0 ? undefined : kinds[kind]) ? bits | (1 << rule.index) : bits), 0);
        outcomeKeys.add(((audienceBits * 2 ** local.rules.length + covering) * 256 + segment) * 2 + (lang === 'fr' ? 1 : 0));
      }
      if (index % 97 === 0 || (index > COUNT - 2_000 && index % 7 === 0)) compare(record, lang, instants, verdict);
      if (index % 131 === 0) kept.push({ record, lang, instants });
    }
    // The stream went past the cap many times.
    expect(outcomeKeys.size).toBeGreaterThan(10 * CACHE_SIZE);

    // Records seen long ago, and their signatures at the last instant of their segment and on either
    // side of its edges, from the same checker.
    for (const { record, lang, instants } of kept) {
      compare(record, lang, instants, checker.check(record, lang === undefined ? undefined : { lang }));
      const segment = local.timeline.segmentAt(instants.ms);
      if (segment < 0) continue;
      for (const ms of [edges[segment + 1]! - 1, edges[segment + 1]!, edges[segment]! - 1]) {
        if (record.action === 'remain' && ms < instants.since) continue;
        const moved = { ...record, id: `${record.id}-${ms}`, publishedAt: writeAt(ms, -90) };
        compare(moved, lang, { ...instants, ms, at: moved.publishedAt }, checker.check(moved, lang === undefined ? undefined : { lang }));
      }
    }
    expect(compared).toBeGreaterThan(4_500);
    expect(wrong.slice(0, 3)).toEqual([]);
  });
});

/** Whether a rule covers a record of these declared categories (bits), channel index and publisher kind. */
function coversRecord(rule: CompiledPolicy['rules'][number], categoryBits: number, channel: number, kind: string | undefined): boolean {
  const fits = (channel < 0 || rule.channels === undefined || rule.channels.has(channel)) && (kind === undefined || rule.publisherKinds === undefined || rule.publisherKinds.has(kind as never));
  return fits && rule.categories.some((category) => (categoryBits & (1 << category)) !== 0);
}

function overflowPolicy(): CompiledPolicy {
  const zones = ['UTC', 'Europe/Paris', 'America/Guadeloupe', 'Pacific/Tahiti', 'Asia/Tokyo', 'Pacific/Noumea', 'Indian/Reunion', 'America/Cayenne', 'Pacific/Wallis', 'America/Miquelon', 'Indian/Mayotte', 'Asia/Kolkata'];
  const window = (startDays: number, start: string, endDays: number, end: string, zone: string) => `    window:
      start: { kind: votingDay, days: ${startDays}, time: "${start}", zone: ${zone} }
      end: { kind: votingDay, days: ${endDays}, time: "${end}", zone: ${zone} }`;
  return loadPolicyFromText(
    syntheticPolicy({
      regions: Object.fromEntries(zones.map((zone, index) => [`R${pad(index)}`, zone])),
      categories: Array.from({ length: 10 }, (_, index) => `  c${index}: { description: C${index}${index === 9 ? ', detectors: [{ phrases: [sondage] }]' : ''} }`).join('\n'),
      elections: `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }, { id: r2, date: "2030-06-16" }]`,
      rules: `  - id: a
    title: { en: A, fr: A fr }
    citation: { text: A }
    severity: block
    covers: { categories: [c0, c1, c2, c3, c4] }
    message: { en: "No A {window}.", fr: "Pas de A {window}." }
${window(-1, '00:00', 0, '20:00', 'region')}
  - id: b
    title: B
    citation: { text: B }
    severity: review
    covers: { categories: [c5, c6, c7, c8], channels: [web], publisherKinds: [candidate, party] }
${window(-3, '00:00', 0, '12:00', 'UTC')}
  - id: c
    title: C
    citation: { text: C }
    severity: block
    covers: { categories: [c9] }
${window(-1, '00:00', 0, '20:00', 'Europe/Paris')}
  - id: d
    title: D
    citation: { text: D }
    severity: block
    covers: { categories: [c2, c7], channels: [print] }
${window(-2, '12:00', -1, '12:00', 'region')}`,
    }),
  );
}

// ---------------------------------------------------------------------------
// Vocabularies too large for a signature or a region mask.

const ELECTION = `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`;

function regionCodes(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `R${pad(index)}`);
}

const ZONES = ['UTC', 'Europe/Paris', 'Pacific/Tahiti', 'Asia/Tokyo', 'America/Guadeloupe'];

function wideRegionsPolicy(count: number): CompiledPolicy {
  const codes = regionCodes(count);
  const rule = (id: string, severity: string, categories: string, regions: string[] | undefined, start: string, end: string) => `  - id: ${id}
    title: ${id}
    citation: { text: ${id} }
    severity: ${severity}
    covers: { categories: [${categories}]${regions ? `, regions: [${regions.join(', ')}]` : ''} }
    window:
      start: ${start}
      end: ${end}`;
  const day = (days: number, time: string, zone = 'UTC') => `{ kind: votingDay, days: ${days}, time: "${time}", zone: ${zone} }`;
  const last = codes[count - 1]!;
  return loadPolicyFromText(
    syntheticPolicy({
      regions: Object.fromEntries(codes.map((code, index) => [code, ZONES[index % ZONES.length]!])),
      elections: ELECTION,
      rules: [
        rule('first-region', 'block', 'propaganda', ['R00'], day(-1, '00:00'), day(0, '20:00')),
        rule('region-30', 'block', 'propaganda', ['R30'], day(-1, '06:00'), day(0, '12:00')),
        rule('region-31', 'block', 'propaganda', [codes[Math.min(31, count - 1)]!], day(-1, '00:00', 'region'), day(0, '20:00', 'region')),
        rule('last-region', 'block', 'propaganda', [last], day(-1, '00:00'), day(0, '08:00')),
        rule('last-region-later', 'block', 'propaganda', [last], day(0, '08:00'), day(1, '00:00')),
        rule('mixed', 'review', 'propaganda', ['R01', 'R29', codes[Math.min(31, count - 1)]!], day(-1, '00:00'), day(0, '20:00')),
        rule('low', 'block', 'poll', ['R00', 'R01', 'R02'], day(-2, '00:00'), day(0, '20:00')),
        rule('everywhere', 'block', 'poll', undefined, day(-1, '00:00', 'region'), day(0, '20:00', 'region')),
      ].join('\n'),
    }),
  );
}

function wideCategoriesPolicy(count: number): CompiledPolicy {
  const names = Array.from({ length: count }, (_, index) => `c${pad(index)}`);
  const categories = names.map((name, index) => `  ${name}: { description: ${name}${index === count - 1 ? ', detectors: [{ phrases: [sondage] }]' : ''} }`).join('\n');
  const rule = (id: string, severity: string, covered: string[], regions: string | undefined, start: string, end: string) => `  - id: ${id}
    title: ${id}
    citation: { text: ${id} }
    severity: ${severity}
    covers: { categories: [${covered.join(', ')}]${regions ? `, regions: [${regions}]` : ''} }
    window:
      start: { kind: votingDay, days: ${start}, time: "00:00", zone: UTC }
      end: { kind: votingDay, days: ${end}, time: "20:00", zone: UTC }`;
  return loadPolicyFromText(
    syntheticPolicy({
      regions: { AA: 'UTC', BB: 'Europe/Paris', CC: 'Pacific/Noumea' },
      categories,
      elections: ELECTION,
      rules: [
        rule('first', 'block', ['c00'], undefined, '-1', '0'),
        rule('thirty', 'block', ['c30'], 'AA', '-2', '0'),
        rule('last', 'block', [names[count - 1]!], 'BB', '-1', '1'),
        rule('second-last', 'review', [names[count - 2]!], undefined, '-3', '0'),
        rule('pair', 'block', ['c01', names[count - 1]!], 'CC', '-1', '0'),
      ].join('\n'),
    }),
  );
}

/** Random records around the policy's windows, checked by one checker, fresh checkers and the reference. */
function expectAgreementOnRandomRecords(local: CompiledPolicy, seed: number, count: number): void {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const edges = local.timeline.edges;
  const codes = local.regions.map((region) => region.code);
  const names = local.categories.map((category) => category.name);
  const checker = createChecker(local);
  const wrong: string[] = [];
  const statuses = new Set<string>();
  for (let index = 0; index < count; index++) {
    const segment = Math.floor(next() * (edges.length - 1));
    const ms = next() < 0.2 ? pick([...edges]) : edges[segment]! + Math.floor(next() * (edges[segment + 1]! - edges[segment]!));
    const audience = codes.filter(() => next() < 0.08);
    const categories = names.filter(() => next() < 0.1);
    const remain = next() < 0.2;
    const record: PublicationRecord = {
      id: `w${index}`,
      publishedAt: writeAt(ms, pick([0, 120, -600])),
      categories,
      ...(audience.length > 0 ? { audience } : next() < 0.5 ? {} : { audience: [pick(codes)] }),
      ...(next() < 0.1 ? { title: 'sondage' } : {}),
      ...(remain ? { action: 'remain' as const, firstPublishedAt: new Date(ms - Math.floor(next() * 3 * 86_400_000)).toISOString() } : {}),
    };
    const instants: Instants = { ms, at: record.publishedAt!, since: remain ? Date.parse(record.firstPublishedAt!) : Infinity };
    const expected = JSON.stringify(referenceVerdict(local, record, instants));
    const verdict = checker.check(record);
    statuses.add(verdict.status);
    if (JSON.stringify(verdict) !== expected) wrong.push(`long-lived ${JSON.stringify(record)}`);
    else if (JSON.stringify(fresh(local, record)) !== expected) wrong.push(`fresh ${JSON.stringify(record)}`);
  }
  expect(wrong.slice(0, 3)).toEqual([]);
  expect([...statuses].sort()).toEqual(['allowed', 'blocked', 'review']);
}

describe('policies with more than 31 regions or categories', () => {
  it.each([31, 32, 33, 40])('%i regions: each rule reaches only its own regions', (count) => {
    const local = wideRegionsPolicy(count);
    const checker = createChecker(local);
    const codes = regionCodes(count);
    const last = codes[count - 1]!;
    const thirtySecond = codes[Math.min(31, count - 1)]!;
    const at = '2030-06-08T10:00:00Z';
    const rulesFor = (audience: string[], categories = ['propaganda'], record: Partial<PublicationRecord> = {}) => {
      const verdict = checker.check({ id: 'x', publishedAt: at, categories, audience, ...record });
      expect(verdict).toEqual(fresh(local, { id: 'x', publishedAt: at, categories, audience, ...record }));
      return verdict.violations.map((v) => `${v.rule}:${v.regions.join('+')}`);
    };
    // Region 32 (index 32) would alias region 0 in a 32-bit mask, region 33 region 1.
    expect(rulesFor(['R00'])).toEqual(['first-region:R00']);
    expect(rulesFor([last])).toEqual(
      count === 31
        ? ['region-30:R30', 'region-31:R30', 'last-region:R30', 'mixed:R30']
        : count === 32
          ? ['region-31:R31', 'last-region:R31', 'mixed:R31']
          : [`last-region:${last}`],
    );
    expect(rulesFor(['R30'])).toEqual(count === 31 ? ['region-30:R30', 'region-31:R30', 'last-region:R30', 'mixed:R30'] : ['region-30:R30']);
    expect(rulesFor([thirtySecond])).toEqual(
      count === 31
        ? ['region-30:R30', 'region-31:R30', 'last-region:R30', 'mixed:R30']
        : count === 32
          ? ['region-31:R31', 'last-region:R31', 'mixed:R31']
          : ['region-31:R31', 'mixed:R31'],
    );
    expect(rulesFor(['R01'])).toEqual(['mixed:R01']);
    expect(checker.check({ id: 'y', publishedAt: at, categories: ['propaganda'], audience: ['R02'] }).status).toBe('allowed');
    if (count > 32) {
      expect(checker.check({ id: 'z', publishedAt: at, categories: ['propaganda'], audience: ['R32'] }).violations.map((v) => v.rule)).not.toContain('first-region');
      expect(rulesFor(['R32', 'R01'])).toEqual(count === 33 ? ['last-region:R32', 'mixed:R01'] : ['mixed:R01']);
    }
    // The last region's two block rules touch: the earliest allowed time crosses both.
    const lastVerdict = checker.check({ id: 'l', publishedAt: at, categories: ['propaganda'], audience: [last] });
    expect(lastVerdict.earliestAllowedAt).toBe('2030-06-10T00:00:00.000Z');
    // Detected polls reach every region, the last included.
    expect(rulesFor([last], [], { title: 'Un sondage' })).toEqual([`everywhere:${last}`]);
    expect(rulesFor([last, 'R00'], ['poll'])).toEqual([`low:R00`, `everywhere:R00+${last}`]);
    // Content left online since before the last region's window opened.
    const remain = { id: 'r', action: 'remain', publishedAt: at, firstPublishedAt: '2030-06-07T21:00:00Z', categories: ['propaganda'], audience: [last, 'R00'] } as const;
    expect(checker.check(remain)).toMatchObject({ status: 'allowed', violations: [] });
    expect(checker.check(remain)).toEqual(fresh(local, remain));
    expect(checker.check({ ...remain, firstPublishedAt: '2030-06-08T00:00:00Z' }).violations.map((v) => v.rule)).toEqual(
      count <= 32 ? ['first-region', 'region-31', 'last-region', 'mixed'] : ['first-region', 'last-region'],
    );
  });

  it.each([31, 32, 33, 40])('%i regions: random records agree with fresh checkers and the reference', (count) => {
    expectAgreementOnRandomRecords(wideRegionsPolicy(count), count, 3_000);
  });

  it.each([31, 32, 33])('%i categories: each rule covers only its own categories', (count) => {
    const local = wideCategoriesPolicy(count);
    const checker = createChecker(local);
    const last = `c${pad(count - 1)}`;
    const at = '2030-06-08T10:00:00Z';
    const rulesFor = (categories: string[], audience: string[], title?: string) => {
      const record = { id: 'x', publishedAt: at, categories, audience, ...(title ? { title } : {}) };
      const verdict = checker.check(record);
      expect(verdict).toEqual(fresh(local, record));
      return verdict.violations.map((v) => `${v.rule}:${v.severity}`);
    };
    // Category 32 would alias category 0 in a 32-bit mask.
    expect(rulesFor([last], ['AA', 'BB', 'CC'])).toEqual(count === 31 ? ['thirty:block', 'last:block', 'pair:block'] : ['last:block', 'pair:block']);
    expect(rulesFor(['c00'], ['AA'])).toEqual(['first:block']);
    expect(rulesFor(['c30'], ['AA'])).toEqual(count === 32 ? ['thirty:block', 'second-last:review'] : ['thirty:block']);
    expect(rulesFor(['c30', 'c00'], ['AA', 'BB'])).toEqual(count === 31 ? ['first:block', 'thirty:block', 'last:block'] : count === 32 ? ['first:block', 'thirty:block', 'second-last:review'] : ['first:block', 'thirty:block']);
    expect(rulesFor([`c${pad(count - 2)}`], ['CC'])).toEqual(['second-last:review']);
    // Same audience, categories 0 and 32 (31 for 32 categories) in turn: no outcome of one for the other.
    for (let round = 0; round < 2; round++) {
      expect(rulesFor(['c00'], ['CC'])).toEqual(['first:block']);
      expect(rulesFor([last], ['CC'])).toEqual(['pair:block']);
      expect(rulesFor(['c01'], ['BB'])).toEqual([]);
      expect(rulesFor([last], ['BB'])).toEqual(['last:block']);
    }
    // Only the last category has a detector (for 31 categories, it is c30, which 'thirty' covers in AA).
    expect(rulesFor(['c02'], ['AA'], 'Sondage exclusif')).toEqual(count === 31 ? ['thirty:review'] : []);
    expect(rulesFor(['c02'], ['BB'], 'Sondage exclusif')).toEqual(['last:review']);
    expect(rulesFor(['c02'], ['CC'], 'Sondage exclusif')).toEqual(['pair:review']);
  });

  it.each([31, 32, 33])('%i categories: random records agree with fresh checkers and the reference', (count) => {
    expectAgreementOnRandomRecords(wideCategoriesPolicy(count), 1_000 + count, 3_000);
  });
});
