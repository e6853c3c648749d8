// From 2100 on, every zone follows the yearly rule its data ends with (tzdata
// spells out changes up to 2087 at the latest, Morocco's and Gaza's): a year's
// clock changes fall on the same dates as in any year that starts on the same
// weekday and has the same length. So an instant from 2100 on is read at the
// same point of one of 14 reference years (2101 to 2128), each learnt once
// per zone. The first one a zone needs is sampled: a sample a week, a week
// either side of the year included, each change bisected to the second (some
// 55 asks, and 20 more per change). The others follow from it, since the
// rule is the same: a zone without a change has none in any year (no ask),
// and each change of a zone that has them falls on the same weekday of the
// same month (counted from the month's start or end) or the same date, at
// the same time, within a week of the same day of the year: two asks find
// it, some twenty more when none of those guesses holds. Exact as long as a
// zone's yearly rule does not change its offset twice within a week, which
// none does.

import { civilOf, daysSinceEpoch } from './civil-days.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Instants from here on are read in a reference year (a week into 2100: the weeks either side of a reference year stay past 2100 too). */
export const RULE_ONLY_FROM_MS = Date.UTC(2100, 0, 8);

/** A reference year's offsets, a week either side included: `offsets[0]` from its start, `offsets[i + 1]` from `changes[i]`. */
export interface YearOffsets {
  readonly changes: readonly number[];
  readonly offsets: readonly number[];
}

/** The first year from 2101 on of each kind (weekday of 1 January, leap year or not), by kind. */
const REFERENCE_YEARS: readonly number[] = (() => {
  const years: number[] = [];
  for (let year = 2101, found = 0; found < 14; year++) {
    const kind = yearKind(year);
    if (years[kind] === undefined) {
      years[kind] = year;
      found++;
    }
  }
  return years;
})();

/**
 * The offset (seconds) of a zone at an instant from 2100 on, read at the same
 * point of the reference year of its kind; `years` keeps the zone's reference
 * years as learnt with `ask`, the zone's offset at an instant.
 */
export function offsetFromRule<Zone>(zone: Zone, years: Map<number, YearOffsets>, ask: (zone: Zone, ms: number) => number, ms: number): number {
  const year = civilYear(Math.floor(ms / DAY_MS));
  const reference = REFERENCE_YEARS[yearKind(year)]!;
  const shifted = ms - (daysSinceEpoch(year, 1, 1) - daysSinceEpoch(reference, 1, 1)) * DAY_MS;
  let known = years.get(reference);
  if (known === undefined) years.set(reference, (known = learnYear(zone, ask, reference, years)));
  const { changes, offsets } = known;
  let index = 0;
  while (index < changes.length && changes[index]! <= shifted) index++;
  return offsets[index]!;
}

/** A reference year's offsets and changes, from a week before it to a week after: from another reference year of the zone, else sampled. */
function learnYear<Zone>(zone: Zone, ask: (zone: Zone, ms: number) => number, year: number, learnt: ReadonlyMap<number, YearOffsets>): YearOffsets {
  const first = learnt.entries().next();
  const derived = first.done ? undefined : fromOtherYear(zone, ask, year, first.value[0], first.value[1]);
  return derived ?? sampleYear(zone, ask, year);
}

/** Changes this close to the ends of a year's span may move out of it, or others in: such a year is sampled. */
const EDGE_MS = 10 * DAY_MS;
/** How far a change may move between two years: a weekday's week, and a day for a leap year; a day more to spare. */
const DRIFT_MS = 9 * DAY_MS;

/** `year`'s offsets from those of `other`, a reference year of the same zone; undefined when they do not follow (then it is sampled). */
function fromOtherYear<Zone>(zone: Zone, ask: (zone: Zone, ms: number) => number, year: number, other: number, known: YearOffsets): YearOffsets | undefined {
  // No change in a year and two weeks: the rule has none.
  if (known.changes.length === 0) return known;
  const otherStart = daysSinceEpoch(other, 1, 1) * DAY_MS - WEEK_MS;
  const otherEnd = daysSinceEpoch(other + 1, 1, 1) * DAY_MS + WEEK_MS;
  const shift = daysSinceEpoch(year, 1, 1) * DAY_MS - (otherStart + WEEK_MS);
  const changes: number[] = [];
  for (let index = 0; index < known.changes.length; index++) {
    const change = known.changes[index]!;
    if (change - otherStart < EDGE_MS || otherEnd - change < EDGE_MS) return undefined;
    const found = sameChange(zone, ask, change, change + shift, known.offsets[index]!, known.offsets[index + 1]!, year);
    if (found === undefined || found <= (changes[changes.length - 1] ?? -Infinity)) return undefined;
    changes.push(found);
  }
  return { changes, offsets: known.offsets };
}

/**
 * The instant in `year` of the change from `before` to `after` that the same
 * rule made at `change` in another year, near `near` (the same day of the
 * year): tried on the days the rule could name, two asks each (the second
 * before and the second of the change), else bisected within a drift either side.
 */
function sameChange<Zone>(zone: Zone, ask: (zone: Zone, ms: number) => number, change: number, near: number, before: number, after: number, year: number): number | undefined {
  const day = Math.floor(change / DAY_MS);
  const time = change - day * DAY_MS;
  const [, month, date] = civilOf(day);
  const weekday = weekdayOf(day);
  const length = monthLength(civilYear(day), month);
  const first = daysSinceEpoch(year, month, 1);
  const days = monthLength(year, month);
  const candidates = [
    // The same weekday counted from the month's end (the last Sunday), from its start (the second Sunday), the same date.
    first + days - 1 - ((weekdayOf(first + days - 1) - weekday + 7) % 7) - 7 * Math.floor((length - date) / 7),
    first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * Math.floor((date - 1) / 7),
    first + Math.min(date, days) - 1,
  ];
  for (const candidate of candidates) {
    const instant = candidate * DAY_MS + time;
    if (Math.abs(instant - near) <= DRIFT_MS && ask(zone, instant - 1000) === before && ask(zone, instant) === after) return instant;
  }
  let low = (near - DRIFT_MS) / 1000;
  let high = (near + DRIFT_MS) / 1000;
  if (ask(zone, low * 1000) !== before || ask(zone, high * 1000) !== after) return undefined;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (ask(zone, middle * 1000) === before) low = middle;
    else high = middle;
  }
  return high * 1000;
}

/** A year sampled: a week at a time, each change bisected to the second. */
function sampleYear<Zone>(zone: Zone, ask: (zone: Zone, ms: number) => number, year: number): YearOffsets {
  const start = daysSinceEpoch(year, 1, 1) * DAY_MS - WEEK_MS;
  const end = daysSinceEpoch(year + 1, 1, 1) * DAY_MS + WEEK_MS;
  const changes: number[] = [];
  const offsets = [ask(zone, start)];
  for (let at = start; at < end; ) {
    const next = Math.min(at + WEEK_MS, end);
    const offset = ask(zone, next);
    const before = offsets[offsets.length - 1]!;
    if (offset !== before) {
      // The first second with the new offset.
      let low = at / 1000;
      let high = next / 1000;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (ask(zone, middle * 1000) === before) low = middle;
        else high = middle;
      }
      changes.push(high * 1000);
      offsets.push(offset);
    }
    at = next;
  }
  return { changes, offsets };
}

function civilYear(day: number): number {
  return civilOf(day)[0];
}

/** 0 for Sunday, 6 for Saturday (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function monthLength(year: number, month: number): number {
  return daysSinceEpoch(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysSinceEpoch(year, month, 1);
}

/** Which of the 14 kinds of year: the weekday of 1 January, and whether it is a leap year. */
function yearKind(year: number): number {
  const weekday = weekdayOf(daysSinceEpoch(year, 1, 1));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return weekday * 2 + (leap ? 1 : 0);
}
