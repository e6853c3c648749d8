import { luxon } from '../luxon.js';
import { match } from 'ts-pattern';
import type { Anchor, RoundRef } from '../policy/document.generated.js';

/** A region's vote in one round: its first voting day, how many days it lasts, and when its polls close. */
export interface RegionVote {
  readonly date: string;
  readonly days: number;
  /** Local wall-clock time on the last voting day; undefined when the policy gives none. */
  readonly closes?: string;
}

/** An anchor that needs a closing time the policy does not give: reported where the rule is. */
export class MissingCloseError extends Error {}

/** What an anchor is resolved against: one region, in one round of one election. */
export interface AnchorContext {
  /** The round a window belongs to (its index among the election's rounds). */
  readonly round: number;
  readonly roundCount: number;
  /** The round's main voting day, for each round. */
  readonly mainVote: (round: number) => RegionVote;
  /** The audience region's own voting day, for each round; undefined when it takes no part in it. */
  readonly regionVote: (round: number) => RegionVote | undefined;
  readonly regionZone: string;
  /** Every region's vote in a round, with its zone: where the last polls close. */
  readonly votes: (round: number) => readonly { readonly vote: RegionVote | undefined; readonly zone: string }[];
  /** Resolved local times, shared across a compile: most windows share their anchors. */
  readonly cache: Map<string, number>;
}

/**
 * The instant an anchor names, in UTC milliseconds, or undefined when it
 * counts from the region's own vote in a round it takes no part in. A local
 * time that falls in a DST gap moves forward to the first instant that
 * exists; one that occurs twice resolves to the earlier instant for a start
 * and the later for an end, so the window is never shorter than the text
 * says. Throws a MissingCloseError when a closing time is needed and not given.
 */
export function resolveAnchor(anchor: Anchor, edge: 'start' | 'end', context: AnchorContext): number | undefined {
  const localInstant = (date: string, time: string, zone: string, edge: 'start' | 'end'): number => {
    const key = `${date}T${time}|${zone}|${edge}`;
    let ms = context.cache.get(key);
    if (ms === undefined) {
      ms = resolveLocalInstant(date, time, zone, edge);
      context.cache.set(key, ms);
    }
    return ms;
  };
  const zoneOf = (zone: string | undefined) => (zone === undefined || zone === 'region' ? context.regionZone : zone);
  const roundIndex = (round: RoundRef | undefined) =>
    round === 'first' ? 0 : round === 'last' ? context.roundCount - 1 : context.round;
  /** A day counted from a vote's first, last or Nth day (a day past its last is its last). */
  const votingDay = (vote: RegionVote, day: 'first' | 'last' | number | undefined, days: number | undefined) =>
    addDays(vote.date, (day === 'last' ? vote.days - 1 : typeof day === 'number' ? Math.min(day, vote.days) - 1 : 0) + (days ?? 0));
  /** When a vote's polls close in a zone, moved by some hours. */
  const close = (vote: RegionVote, zone: string, hours: number | undefined): number => {
    if (vote.closes === undefined) throw new MissingCloseError();
    return localInstant(votingDay(vote, 'last', 0), vote.closes, zone, edge) + (hours ?? 0) * 3_600_000;
  };

  return match(anchor)
    .with({ kind: 'regionVotingDay' }, (a) => {
      const vote = context.regionVote(roundIndex(a.round));
      return vote && localInstant(votingDay(vote, a.day, a.days), a.time, zoneOf(a.zone), edge);
    })
    .with({ kind: 'regionClose' }, (a) => {
      const vote = context.regionVote(roundIndex(a.round));
      return vote && close(vote, context.regionZone, a.hours);
    })
    .with({ kind: 'lastClose' }, (a) => {
      let last: number | undefined;
      for (const { vote, zone } of context.votes(roundIndex(a.round))) if (vote) last = Math.max(last ?? -Infinity, close(vote, zone, a.hours));
      return last;
    })
    .with({ kind: 'votingDay' }, (a) =>
      localInstant(votingDay(context.mainVote(roundIndex(a.round)), a.day, a.days), a.time, zoneOf(a.zone), edge),
    )
    .with({ kind: 'monthStart' }, (a) => {
      const [year, month] = context.mainVote(roundIndex(a.round)).date.split('-').map(Number) as [number, number];
      const firstDay = new Date(Date.UTC(year, month - 1 + a.months, 1)).toISOString().slice(0, 10);
      return localInstant(firstDay, a.time, zoneOf(a.zone), edge);
    })
    .with({ kind: 'fixed' }, (a) => {
      const [date, time] = a.dateTime.split('T') as [string, string];
      return localInstant(date, time, zoneOf(a.zone), edge);
    })
    .exhaustive();
}

/** Calendar arithmetic on a YYYY-MM-DD date; no zone is involved. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `date` at wall-clock `time` (24:00 = the next day's 00:00) in `zone`. */
function resolveLocalInstant(date: string, time: string, zone: string, edge: 'start' | 'end'): number {
  const [year, month, day] = (time === '24:00' ? addDays(date, 1) : date).split('-').map(Number) as [number, number, number];
  const [hour, minute] = (time === '24:00' ? [0, 0] : time.split(':').map(Number)) as [number, number];
  const local = luxon().DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (local.hour !== hour || local.minute !== minute) return gapEnd(local.toMillis(), zone, year, month, day, hour, minute);
  const candidates = local.getPossibleOffsets().map((candidate) => candidate.toMillis());
  return edge === 'start' ? Math.min(...candidates) : Math.max(...candidates);
}

/**
 * The first instant that exists at or after a wall-clock time the clocks skip.
 * luxon moves such a time forward by the gap's length; the instant sought is
 * the transition itself, found by bisecting on luxon's offsets between the
 * wall time read with the offset after the gap (before the transition) and
 * luxon's answer (after it).
 */
function gapEnd(after: number, zone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const offsetAfter = luxon().DateTime.fromMillis(after, { zone }).offset;
  let low = Date.UTC(year, month - 1, day, hour, minute) - offsetAfter * 60_000;
  let high = after;
  // Invariant: the offset at `low` is the one before the gap, at `high` the one after.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (luxon().DateTime.fromMillis(middle, { zone }).offset === offsetAfter) high = middle;
    else low = middle;
  }
  return high;
}
