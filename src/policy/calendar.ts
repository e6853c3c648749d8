import { luxon } from '../luxon.js';
import type { PolicyIssue } from '../errors.js';
import type { Election, RegionVote as RegionVoteSpec } from './document.generated.js';
import type { ElectionInfo, RegionInfo } from './compiled.js';
import type { Located } from './merge.js';
import type { RegionVote } from './anchors.js';
import { issueAtPath, type PathSegment } from './source-file.js';

/** A round with each region's vote resolved; what anchors are computed from. */
export interface RoundCalendar {
  readonly main: RegionVote;
  /** By region index. */
  readonly regions: readonly RegionVote[];
  /** By region index: the date or the round is provisional. */
  readonly provisional: readonly boolean[];
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
    const at = (sub: PathSegment[], message: string, where: 'key' | 'value' = 'value') =>
      issues.push(issueAtPath(source, [...path, ...sub], 'semantic', message, where));
    const previous = seen.get(election.id);
    if (previous) {
      at(['id'], `election '${election.id}' is already defined in ${previous.source.name}`);
      continue;
    }
    seen.set(election.id, located);
    const roundIds = new Set<string>();
    const rounds = election.rounds.map((round, roundIndex): RoundCalendar => {
      const roundPath: PathSegment[] = ['rounds', roundIndex];
      if (roundIds.has(round.id)) at([...roundPath, 'id'], `round '${round.id}' appears twice in election '${election.id}'`);
      roundIds.add(round.id);
      if (!isValidDate(round.date)) at([...roundPath, 'date'], `'${round.date}' is not a calendar date`);
      const main: RegionVote = { date: round.date, days: round.days ?? 1 };
      const roundProvisional = election.provisional === true || round.provisional === true;
      const byRegion: (RegionVote | undefined)[] = regions.map(() => undefined);
      const provisional = regions.map(() => roundProvisional);
      for (const [code, spec] of Object.entries(round.regions ?? {})) {
        if (spec === undefined) continue;
        const members = audiences.get(code);
        if (!members) {
          at([...roundPath, 'regions', code], `unknown region or group '${code}'`, 'key');
          continue;
        }
        const vote = regionVote(spec, main.days);
        if (!isValidDate(vote.date)) at([...roundPath, 'regions', code], `'${vote.date}' is not a calendar date`);
        for (const member of members) {
          const earlier = byRegion[member];
          if (earlier && (earlier.date !== vote.date || earlier.days !== vote.days)) {
            at([...roundPath, 'regions', code], `region '${regions[member]!.code}' is given two voting days in round '${round.id}'`, 'key');
          }
          byRegion[member] = vote;
          if (typeof spec === 'object' && spec.provisional) provisional[member] = true;
        }
      }
      return { main, regions: byRegion.map((vote) => vote ?? main), provisional };
    });
    const info: ElectionInfo = {
      id: election.id,
      kind: election.kind,
      title: election.title,
      provisional: election.provisional === true,
      rounds: election.rounds.map((round, index) => ({
        ref: `${election.id}-${round.id}`,
        id: round.id,
        date: round.date,
        provisional: election.provisional === true || round.provisional === true,
        regionDates: rounds[index]!.regions.map((vote) => vote.date),
      })),
    };
    calendars.push({ info, located, rounds });
  }
  return calendars;
}

function regionVote(spec: RegionVoteSpec, defaultDays: number): RegionVote {
  return typeof spec === 'string' ? { date: spec, days: defaultDays } : { date: spec.date, days: spec.days ?? defaultDays };
}
