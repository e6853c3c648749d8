import { policyHash } from './policy-hash.js';
import type { PolicyIssue } from '../errors.js';
import type { Anchor, Rule } from '../policy/document.generated.js';
import { MissingCloseError, resolveAnchor } from './anchors.js';
import { alternativeCalendars, buildCalendars, isValidDate, isValidZone, type ElectionCalendar } from './calendar.js';
import {
  type CategoryInfo,
  type CompiledPolicy,
  type CompiledWindow,
  type ProvisionalSpan,
  type PublisherKind,
  type RegionInfo,
  type RuleInfo,
  spanBounds,
} from './compiled.js';
import { PhraseMatcher } from './detectors.js';
import type { Located, PolicyModel } from '../policy/merge.js';
import { fileIssue, issueAtPath, type PathSegment } from '../policy/source-file.js';
import { languagesOf } from '../policy/text.js';
import { alreadyDefined, notADate, unknownName, unknownZone, type IssueText, type NameKind } from '../policy/issue-text.js';
import {
  IN_FORCE_ORDER,
  invertedWindow,
  kindTypo,
  NO_METADATA,
  noClosingTime,
  notADateTime,
  PER_ELECTION_ANCHOR,
  PER_ELECTION_ROUNDS,
  regionAndGroup,
  reviewRuleExcepted,
  RULES_WITHOUT_ELECTION,
  tooManyWindows,
  tooMuchOverlap,
  unknownPlaceholder,
} from './problem-texts.js';
import { editDistance } from '../records/near-miss.js';
import { Timeline } from './timeline.js';
import { MESSAGE_PLACEHOLDERS, windowMessages } from './window-message.js';
import { localIso, utcIso } from './window-text.js';


/** Caps that keep a hostile policy from exhausting memory; the French policy uses about 1,600 windows and 18,000 slots. */
const MAX_WINDOWS = 50_000;
const MAX_TIMELINE_SLOTS = 2_000_000;


/**
 * Checks what the schema cannot (references, zones, dates, window order) and
 * turns the model into UTC windows. Collects every problem before giving up.
 */
export function compilePolicy(model: PolicyModel): { policy?: CompiledPolicy; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  const at = (located: Located<unknown>, sub: PathSegment[], message: IssueText, where: 'key' | 'value' = 'value') =>
    issues.push(issueAtPath(located.source, [...located.path, ...sub], 'semantic', message, where));

  const firstFile = model.files[0]?.name ?? '<policy>';
  if (!model.metadata) issues.push(fileIssue(firstFile, 'semantic', NO_METADATA));
  // Rules without a single election would forbid nothing: most likely the elections' file was left out (only .yaml and .yml files of a folder are read).
  if (model.rules.length > 0 && model.elections.length === 0) issues.push(fileIssue(firstFile, 'semantic', RULES_WITHOUT_ELECTION));

  const regions: RegionInfo[] = [];
  const audiences = new Map<string, number[]>();
  for (const [code, located] of model.regions) {
    if (!isValidZone(located.value.zone)) at(located, ['zone'], unknownZone(located.value.zone));
    audiences.set(code, [regions.length]);
    regions.push({ code, name: located.value.name, zone: located.value.zone, ...(located.value.closes === undefined ? {} : { closes: located.value.closes }) });
  }
  for (const [code, located] of model.groups) {
    if (model.regions.has(code)) {
      at(located, [], regionAndGroup(code), 'key');
      continue;
    }
    const members: number[] = [];
    located.value.regions.forEach((member, index) => {
      const indices = model.regions.has(member) ? audiences.get(member) : undefined;
      if (indices) members.push(...indices);
      else at(located, ['regions', index], unknownName('region', member));
    });
    audiences.set(code, members);
  }
  const resolveCodes = (located: Located<unknown>, codes: readonly string[], sub: PathSegment[]): number[] => {
    const indices = new Set<number>();
    codes.forEach((code, index) => {
      const members = audiences.get(code);
      if (members) members.forEach((member) => indices.add(member));
      else at(located, [...sub, index], unknownName('region or group', code));
    });
    return [...indices].sort((a, b) => a - b);
  };
  const defaultAudience = model.defaultAudience ? resolveCodes(model.defaultAudience, model.defaultAudience.value, []) : regions.map((_, index) => index);

  const categories: CategoryInfo[] = [...model.categories].map(([name, located]) => ({ name, description: located.value.description }));
  const categoryIndex = new Map(categories.map((category, index) => [category.name, index]));
  const channels = [...model.channels.keys()];
  const channelIndex = new Map(channels.map((channel, index) => [channel, index]));
  const detectors = new PhraseMatcher([...model.categories].map(([name, located]) => ({ name, detectors: located.value.detectors })));

  const calendars = buildCalendars(model.elections, regions, audiences, issues);
  const calendarsSound = issues.length === 0;
  const roundRefs = new Set(calendars.flatMap((calendar) => calendar.info.rounds.map((round) => round.ref)));
  const electionIds = new Set(calendars.map((calendar) => calendar.info.id));
  const electionKinds = new Set(calendars.map((calendar) => calendar.info.kind));

  const reviewsUncategorised = uncategorisedRules(model);
  const rules: RuleInfo[] = [];
  const windows: BareWindow[] = [];
  const spans: ProvisionalSpan[] = [];
  // Only provisional calendars have other dates to try; their spans are all that the variants are for.
  const provisionalCalendars = calendars.filter((calendar) => calendar.rounds.some((round) => round.provisional.some(Boolean)));
  const alternatives = provisionalCalendars.length > 0 ? alternativeCalendars(provisionalCalendars) : [];
  // Local instants resolved once for the whole compile: most windows share their anchors.
  const anchorCache = new Map<string, number>();
  const ruleIds = new Map<string, Located<Rule>>();
  const languages = new Set<string>(['en']);
  for (const located of model.rules) {
    const rule = located.value;
    const previous = ruleIds.get(rule.id);
    if (previous) {
      at(located, ['id'], alreadyDefined('rule', rule.id, previous.source.name));
      continue;
    }
    ruleIds.set(rule.id, located);
    const issuesBefore = issues.length;
    const lookup = <T>(names: readonly string[] | undefined, index: ReadonlyMap<string, T>, what: NameKind, key: string): T[] =>
      (names ?? []).flatMap((name, position) => {
        const found = index.get(name);
        if (found === undefined) at(located, ['covers', key, position], unknownName(what, name));
        return found === undefined ? [] : [found];
      });
    const info: RuleInfo = {
      index: rules.length,
      id: rule.id,
      title: rule.title,
      citation: rule.citation,
      severity: rule.severity,
      ...(rule.note === undefined ? {} : { note: rule.note }),
      ...(rule.penalty === undefined ? {} : { penalty: rule.penalty }),
      ...(rule.sources === undefined ? {} : { sources: rule.sources }),
      ...(rule.message === undefined ? {} : { message: rule.message }),
      ...(rule.provisional === true ? { provisional: true as const } : {}),
      categories: lookup(rule.covers.categories, categoryIndex, 'category', 'categories'),
      channels: rule.covers.channels ? new Set(lookup(rule.covers.channels, channelIndex, 'channel', 'channels')) : undefined,
      publisherKinds: rule.covers.publisherKinds ? new Set(rule.covers.publisherKinds as PublisherKind[]) : undefined,
      detectable: rule.covers.categories.some((name) => (model.categories.get(name)?.value.detectors?.length ?? 0) > 0),
      reviewsUncategorised: rule.severity === 'block' && reviewsUncategorised(rule.id),
    };
    rule.covers.elections?.forEach((id, index) => electionIds.has(id) || at(located, ['covers', 'elections', index], unknownName('election', id)));
    rule.covers.rounds?.forEach((ref, index) => roundRefs.has(ref) || at(located, ['covers', 'rounds', index], unknownName('election round', ref)));
    // A kind one letter or two from an election's, and none's own, is a typo that would leave the rule without windows: it would forbid nothing.
    // (A kind no election has yet is fine: a code's rules come before the calendars of its elections.)
    if (calendarsSound) {
      rule.covers.electionKinds?.forEach((kind, index) => {
        const meant = electionKinds.has(kind) ? undefined : [...electionKinds].sort().find((known) => editDistance(known, kind, 2) <= 2);
        if (meant !== undefined) at(located, ['covers', 'electionKinds', index], kindTypo(kind, meant));
      });
    }
    if (rule.per === 'election' && rule.covers.rounds) at(located, ['covers', 'rounds'], PER_ELECTION_ROUNDS);
    for (const edge of ['start', 'end'] as const) checkAnchor(rule.window[edge], rule.per ?? 'round', (sub, message) => at(located, ['window', edge, ...sub], message));
    for (const bound of ['from', 'until'] as const) {
      const date = rule.inForce?.[bound];
      if (date !== undefined && !isValidDate(date)) at(located, ['inForce', bound], notADate(date));
    }
    if (rule.inForce?.from && rule.inForce.until && rule.inForce.until < rule.inForce.from) at(located, ['inForce'], IN_FORCE_ORDER);
    // A misspelt placeholder ({windw}) would reach every reader as written.
    for (const [path, text] of messageTexts(rule.message)) {
      for (const [, name] of text.matchAll(/\{([^{}]*)\}/g)) {
        if (!MESSAGE_PLACEHOLDERS.includes(name!)) at(located, ['message', ...path], unknownPlaceholder(name!, MESSAGE_PLACEHOLDERS));
      }
    }
    const covered = rule.covers.regions ? resolveCodes(located, rule.covers.regions, ['covers', 'regions']) : regions.map((_, index) => index);
    [...languagesOf(rule.message), ...languagesOf(rule.title)].forEach((lang) => languages.add(lang));
    rules.push(info);
    // Windows of a rule that is sound are computed even when others are not, to report every inverted window.
    if (calendarsSound && issues.length === issuesBefore && windows.length <= MAX_WINDOWS) {
      const own = ruleWindows(located, info, calendars, regions, covered, issues, MAX_WINDOWS + 1 - windows.length, anchorCache);
      for (const window of own) windows.push(window);
      if (own.some((window) => window.provisionalCalendar !== false)) {
        spans.push(...provisionalSpans(own, alternatives.map((variant) => ruleWindows(located, info, variant, regions, covered, [], own.length, anchorCache)), calendars));
      }
      if (windows.length > MAX_WINDOWS) at(located, [], tooManyWindows(MAX_WINDOWS), 'value');
    }
  }
  checkUncategorisedRules(model, ruleIds, at);
  if (issues.length === 0 && Timeline.slotCount(windows as CompiledWindow[]) > MAX_TIMELINE_SLOTS) {
    issues.push(fileIssue(firstFile, 'limit', tooMuchOverlap(MAX_TIMELINE_SLOTS)));
  }
  if (issues.length > 0 || !model.metadata) return { issues };

  const finalLanguages = [...languages];
  const compiledWindows: CompiledWindow[] = windows.map((window) => ({ ...window, messages: windowMessages(window.rule, window, regions[window.region]!, finalLanguages) }));
  const metadata = model.metadata.value;
  return {
    issues,
    policy: {
      id: metadata.id,
      title: metadata.title,
      jurisdiction: metadata.jurisdiction,
      version: metadata.version,
      notice: metadata.notice,
      sources: metadata.sources ?? [],
      ...(metadata.reviewed === undefined ? {} : { reviewed: metadata.reviewed }),
      sha256: policyHash(model.files.map((file) => file.text)),
      files: model.files.map((file) => file.name),
      regions,
      audiences,
      defaultAudience,
      categories,
      categoryIndex,
      channels,
      channelIndex,
      elections: calendars.map((calendar) => calendar.info),
      rules,
      windows: compiledWindows,
      timeline: new Timeline(compiledWindows),
      provisionalSpans: spans.sort((a, b) => a.startMs - b.startMs),
      provisionalBounds: spanBounds(spans),
      detectors,
      languages: finalLanguages,
    },
  };
}

/**
 * Which block rules make an uncategorised record `review`: by default every
 * one (fail closed), so a rule added later counts too; none with
 * `uncategorised: allowed`; else all but those listed under `except`.
 */
function uncategorisedRules(model: PolicyModel): (ruleId: string) => boolean {
  const setting = model.uncategorised?.value ?? 'review';
  if (setting === 'allowed' || (typeof setting === 'object' && setting.status === 'allowed')) return () => false;
  const excepted = new Set(typeof setting === 'object' ? setting.except : undefined);
  return (ruleId) => !excepted.has(ruleId);
}

/** The rules `uncategorised` excepts must be block rules of the policy. */
function checkUncategorisedRules(
  model: PolicyModel,
  ruleIds: ReadonlyMap<string, Located<Rule>>,
  at: (located: Located<unknown>, sub: PathSegment[], message: IssueText) => void,
): void {
  const located = model.uncategorised;
  if (!located || typeof located.value !== 'object') return;
  located.value.except?.forEach((id, index) => {
    const rule = ruleIds.get(id)?.value;
    if (!rule) at(located, ['except', index], unknownName('rule', id));
    else if (rule.severity !== 'block') at(located, ['except', index], reviewRuleExcepted(id));
  });
}

function checkAnchor(anchor: Anchor, per: 'round' | 'election', report: (sub: PathSegment[], message: IssueText) => void): void {
  if ('zone' in anchor && anchor.zone !== undefined && anchor.zone !== 'region' && !isValidZone(anchor.zone)) report(['zone'], unknownZone(anchor.zone));
  if (anchor.kind === 'fixed' && !isValidDate(anchor.dateTime.slice(0, 10))) report(['dateTime'], notADateTime(anchor.dateTime));
  if (per === 'election' && anchor.kind !== 'fixed' && (anchor.round ?? 'this') === 'this') report([], PER_ELECTION_ANCHOR);
}

/** Whether a rule applies to a round (or, per election, to the election), by coverage and dates in force. */
function appliesTo(rule: Rule, calendar: ElectionCalendar, roundIndex: number | undefined): boolean {
  const { info } = calendar;
  if (rule.covers.elections && !rule.covers.elections.includes(info.id)) return false;
  if (rule.covers.electionKinds && !rule.covers.electionKinds.includes(info.kind)) return false;
  const round = info.rounds[roundIndex ?? 0]!;
  if (roundIndex !== undefined && rule.covers.rounds && !rule.covers.rounds.includes(round.ref)) return false;
  if (rule.inForce?.from && round.date < rule.inForce.from) return false;
  if (rule.inForce?.until && round.date > rule.inForce.until) return false;
  return true;
}

type BareWindow = Omit<CompiledWindow, 'messages'>;

/**
 * The span of each provisional window of a rule: from the earliest start to
 * the latest end of the same window (election, round, region) over the
 * calendars a provisional calendar admits.
 */
function provisionalSpans(own: readonly BareWindow[], variants: readonly BareWindow[][], calendars: readonly ElectionCalendar[]): ProvisionalSpan[] {
  const electionOf = new Map<string, string>();
  for (const { info } of calendars) {
    electionOf.set(info.id, info.id);
    for (const round of info.rounds) electionOf.set(round.ref, info.id);
  }
  const spans = new Map<string, { -readonly [K in keyof ProvisionalSpan]: ProvisionalSpan[K] }>();
  for (const window of own) {
    if (window.provisionalCalendar === false) continue;
    spans.set(`${window.election}|${window.region}`, {
      rule: window.rule,
      election: electionOf.get(window.election)!,
      region: window.region,
      startMs: window.startMs,
      endMs: window.endMs,
      reason: window.provisionalCalendar,
    });
  }
  for (const variant of variants) {
    for (const window of variant) {
      const span = spans.get(`${window.election}|${window.region}`);
      if (!span) continue;
      span.startMs = Math.min(span.startMs, window.startMs);
      span.endMs = Math.max(span.endMs, window.endMs);
    }
  }
  return [...spans.values()];
}

function ruleWindows(
  located: Located<Rule>,
  info: RuleInfo,
  calendars: readonly ElectionCalendar[],
  regions: readonly RegionInfo[],
  covered: readonly number[],
  issues: PolicyIssue[],
  budget: number,
  cache: Map<string, number>,
): BareWindow[] {
  const rule = located.value;
  const windows: BareWindow[] = [];
  let inverted: IssueText | undefined;
  let missingClose: IssueText | undefined;
  for (const calendar of calendars) {
    const scopes = rule.per === 'election' ? [undefined] : calendar.rounds.map((_, index) => index);
    for (const roundIndex of scopes) {
      if (!appliesTo(rule, calendar, roundIndex)) continue;
      const round = roundIndex ?? 0;
      for (const region of covered) {
        const context = {
          round,
          roundCount: calendar.rounds.length,
          mainVote: (index: number) => calendar.rounds[index]!.main,
          regionVote: (index: number) => calendar.rounds[index]!.regions[region],
          regionZone: regions[region]!.zone,
          votes: (index: number) => calendar.rounds[index]!.regions.map((vote, member) => ({ vote, zone: regions[member]!.zone })),
          cache,
        };
        let startMs: number | undefined;
        let endMs: number | undefined;
        try {
          startMs = resolveAnchor(rule.window.start, 'start', context);
          endMs = resolveAnchor(rule.window.end, 'end', context);
        } catch (error) {
          if (!(error instanceof MissingCloseError)) throw error;
          missingClose ??= noClosingTime(regions[region]!.code, calendar.info.id);
          continue;
        }
        // A region that takes no part in the round has no window anchored on its own vote.
        if (startMs === undefined || endMs === undefined) continue;
        const election = roundIndex === undefined ? calendar.info.id : calendar.info.rounds[roundIndex]!.ref;
        if (!(endMs > startMs)) {
          inverted ??= invertedWindow(utcIso(endMs), utcIso(startMs), regions[region]!.code, election);
          continue;
        }
        const zone = regions[region]!.zone;
        const provisionalCalendar = roundIndex === undefined ? (calendar.rounds.map((r) => r.provisional[region]!).find(Boolean) ?? false) : calendar.rounds[roundIndex]!.provisional[region]!;
        if (windows.length >= budget) return windows;
        windows.push({
          rule: info,
          election,
          region,
          startMs,
          endMs,
          utc: Object.freeze({ start: utcIso(startMs), end: utcIso(endMs) }),
          local: Object.freeze({ start: localIso(startMs, zone), end: localIso(endMs, zone), zone }),
          provisional: provisionalCalendar !== false || rule.provisional === true,
          provisionalCalendar,
        });
      }
    }
  }
  if (inverted) issues.push(issueAtPath(located.source, [...located.path, 'window'], 'semantic', inverted));
  if (missingClose) issues.push(issueAtPath(located.source, [...located.path, 'window'], 'semantic', missingClose));
  return windows;
}

/** A rule message's texts, each with its path under `message` (none for a plain string, the language for one per language). */
function messageTexts(message: Rule['message']): [PathSegment[], string][] {
  if (message === undefined) return [];
  if (typeof message === 'string') return [[[], message]];
  return Object.entries(message).flatMap(([lang, text]) => (typeof text === 'string' ? [[[lang], text] as [PathSegment[], string]] : []));
}
