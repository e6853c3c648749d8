// From 2100 on, every zone follows the yearly rule its data ends with (tzdata
// spells out changes up to 2087 at the latest, Morocco's and Gaza's): a year's
// clock changes fall on the same dates as in any year that starts on the same
// weekday and has the same length. So an instant from 2100 on is read at the
// same point of one of 14 reference years (2101 to 2128), each learnt once
// per zone: a sample a week, a week either side of the year included, each
// change bisected to the second (some 55 asks, and 20 more per change).
// Exact as long as a zone's yearly rule does not change its offset twice
// within a week, which none does.

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
  const year = yearOfDay(Math.floor(ms / DAY_MS));
  const reference = REFERENCE_YEARS[yearKind(year)]!;
  const shifted = ms - (daysSinceEpoch(year) - daysSinceEpoch(reference)) * DAY_MS;
  let known = years.get(reference);
  if (known === undefined) years.set(reference, (known = learnYear(zone, ask, reference)));
  const { changes, offsets } = known;
  let index = 0;
  while (index < changes.length && changes[index]! <= shifted) index++;
  return offsets[index]!;
}

/** A reference year's offsets and changes, from a week before it to a week after. */
function learnYear<Zone>(zone: Zone, ask: (zone: Zone, ms: number) => number, year: number): YearOffsets {
  const start = daysSinceEpoch(year) * DAY_MS - WEEK_MS;
  const end = daysSinceEpoch(year + 1) * DAY_MS + WEEK_MS;
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

/** Days from 1970-01-01 to 1 January of `year` (proleptic Gregorian; H. Hinnant's days_from_civil). */
function daysSinceEpoch(year: number): number {
  const shifted = year - 1;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + 306 - 719_468;
}

/** The year a day (since 1970-01-01) falls in. */
function yearOfDay(day: number): number {
  let year = Math.floor(day / 365.2425) + 1970;
  while (daysSinceEpoch(year) > day) year--;
  while (daysSinceEpoch(year + 1) <= day) year++;
  return year;
}

/** Which of the 14 kinds of year: the weekday of 1 January, and whether it is a leap year. */
function yearKind(year: number): number {
  const weekday = (((daysSinceEpoch(year) + 4) % 7) + 7) % 7;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return weekday * 2 + (leap ? 1 : 0);
}
