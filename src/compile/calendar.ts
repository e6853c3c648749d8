import { luxon } from '../luxon.js';
import type { PolicyIssue } from '../errors.js';
import type { Election, RegionVote as RegionVoteSpec } from '../policy/document.generated.js';
import type { ElectionInfo, ProvisionalReason, RegionInfo } from './compiled.js';
import type { Located } from '../policy/merge.js';
import { addDays, type RegionVote } from './anchors.js';
import { issueAtPath, type PathSegment } from '../policy/source-file.js';
import { alreadyDefined, notADate, unknownName, type IssueText } from '../policy/issue-text.js';
import { badRange, RANGE_NOT_PROVISIONAL, roundTwice, twoVotingDays } from './problem-texts.js';

/** A round with each region's vote resolved; what anchors are computed from. */
export interface RoundCalendar {
  readonly main: RegionVote;
  /** By region index; undefined where the region takes no part in the round. */
  readonly regions: readonly (RegionVote | undefined)[];
  /** By region index: why the date or the round is provisional, or false. */
  readonly provisional: readonly (ProvisionalReason | false)[];
  /** The dates a provisional main voting day may fall on. */
  readonly range?: { readonly from: string; readonly to: string };
}

export interface ElectionCalendar {
  readonly info: ElectionInfo;
  readonly located: Located<Election>;
  readonly rounds: readonly RoundCalendar[];
}

export function isValidDate(date: string): boolean {
  return luxon().DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

export function isValidZone(zone: string): boolean {
  return luxon().IANAZone.isValidZone(zone);
}

/** Checks the elections and resolves each region's voting day in each round. */
export function buildCalendars(
  elections: readonly Located<Election>[],
  regions: readonly RegionInfo[],
  audiences: ReadonlyMap<string, readonly number[]>,
  issues: PolicyIssue[],
): ElectionCalendar[] {
  const seen = new Map<string, Located<Election>>();
  const calendars: ElectionCalendar[] = [];
  for (const located of elections) {
    const { value: election, source, path } = located;
    const at = (sub: PathSegment[], message: IssueText, where: 'key' | 'value' = 'value') =>
      issues.push(issueAtPath(source, [...path, ...sub], 'semantic', message, where));
    const previous = seen.get(election.id);
    if (previous) {
      at(['id'], alreadyDefined('election', election.id, previous.source.name));
      continue;
    }
    seen.set(election.id, located);
    const roundIds = new Set<string>();
    const rounds = election.rounds.map((round, roundIndex): RoundCalendar => {
      const roundPath: PathSegment[] = ['rounds', roundIndex];
      if (roundIds.has(round.id)) at([...roundPath, 'id'], roundTwice(round.id, election.id));
      roundIds.add(round.id);
      if (!isValidDate(round.date)) at([...roundPath, 'date'], notADate(round.date));
      const main: RegionVote = { date: round.date, days: round.days ?? 1, ...(round.closes === undefined ? {} : { closes: round.closes }) };
      const roundProvisional = reasonOf(round.provisional) || reasonOf(election.provisional);
      if (round.range) {
        const { from, to } = round.range;
        if (!roundProvisional) at([...roundPath, 'range'], RANGE_NOT_PROVISIONAL);
        if (!isValidDate(from) || !isValidDate(to) || to < from || round.date < from || round.date > to) at([...roundPath, 'range'], badRange(round.date));
      }
      const byRegion: (RegionVote | 'none' | undefined)[] = regions.map(() => undefined);
      const provisional: (ProvisionalReason | false)[] = regions.map(() => roundProvisional);
      for (const [code, spec] of Object.entries(round.regions ?? {})) {
        if (spec === undefined) continue;
        const members = audiences.get(code);
        if (!members) {
          at([...roundPath, 'regions', code], unknownName('region or group', code), 'key');
          continue;
        }
        const vote = spec === 'none' ? 'none' : regionVote(spec, main.days);
        if (vote !== 'none' && !isValidDate(vote.date)) at([...roundPath, 'regions', code], notADate(vote.date));
        for (const member of members) {
          const earlier = byRegion[member];
          if (earlier && (earlier === 'none' || vote === 'none' || earlier.date !== vote.date || earlier.days !== vote.days || earlier.closes !== vote.closes)) {
            at([...roundPath, 'regions', code], twoVotingDays(regions[member]!.code, round.id), 'key');
          }
          byRegion[member] = vote;
          if (typeof spec === 'object') provisional[member] = reasonOf(spec.provisional) || provisional[member]!;
        }
      }
      // A region's closing time: its vote's, else its own standing one, else the round's.
      const votes = byRegion.map((vote, member): RegionVote | undefined => {
        if (vote === 'none') return undefined;
        const closes = vote?.closes ?? regions[member]!.closes ?? main.closes;
        const base = vote ?? main;
        return closes === base.closes ? base : { ...base, closes };
      });
      return { main, regions: votes, provisional, ...(round.range ? { range: round.range } : {}) };
    });
    const info: ElectionInfo = {
      id: election.id,
      kind: election.kind,
      title: election.title,
      provisional: reasonOf(election.provisional) !== false,
      ...(election.note === undefined ? {} : { note: election.note }),
      ...(election.sources === undefined ? {} : { sources: election.sources }),
      rounds: election.rounds.map((round, index) => {
        const reason = reasonOf(round.provisional) || reasonOf(election.provisional);
        return {
          ref: `${election.id}-${round.id}`,
          id: round.id,
          date: round.date,
          provisional: reason !== false,
          ...(reason === false ? {} : { provisionalReason: reason }),
          ...(round.range ? { range: round.range } : {}),
          regionDates: rounds[index]!.regions.map((vote) => vote?.date ?? null),
        };
      }),
    };
    calendars.push({ info, located, rounds });
  }
  return calendars;
}

/** A `provisional` mark as a reason: `true` is the older spelling of `no-decree`. */
export function reasonOf(mark: boolean | ProvisionalReason | undefined): ProvisionalReason | false {
  return mark === true ? 'no-decree' : mark === undefined || mark === false ? false : mark;
}

/**
 * The calendars as they would be if every provisional round fell on the
 * first (`from`) or last (`to`) date of its range, region days moving with
 * it; and, where a region's date is inferred, as if it voted with the main
 * vote. What the windows of a provisional calendar could span.
 */
export function alternativeCalendars(calendars: readonly ElectionCalendar[]): ElectionCalendar[][] {
  const shifted = (edge: 'from' | 'to') =>
    calendars.map((calendar) => ({
      ...calendar,
      rounds: calendar.rounds.map((round) => {
        if (!round.range) return round;
        const delta = dayNumber(round.range[edge]) - dayNumber(round.main.date);
        const move = (vote: RegionVote | undefined): RegionVote | undefined => vote && { ...vote, date: addDays(vote.date, delta) };
        return { ...round, main: move(round.main)!, regions: round.regions.map(move) };
      }),
    }));
  const inferred = calendars.map((calendar) => ({
    ...calendar,
    rounds: calendar.rounds.map((round) => ({
      ...round,
      regions: round.regions.map((vote, region) => (vote && round.provisional[region] === 'inferred' ? { ...vote, date: round.main.date, days: round.main.days } : vote)),
    })),
  }));
  return [shifted('from'), shifted('to'), inferred];
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

function regionVote(spec: Exclude<RegionVoteSpec, 'none'>, defaultDays: number): RegionVote {
  if (typeof spec === 'string') return { date: spec, days: defaultDays };
  return { date: spec.date, days: spec.days ?? defaultDays, ...(spec.closes === undefined ? {} : { closes: spec.closes }) };
}
