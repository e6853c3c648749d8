// A zone's UTC offsets, asked of Intl and remembered per day. Asking costs a
// few microseconds (one `format` of a cached Intl.DateTimeFormat whose output
// ends with the offset, `GMT+02:00`, or for local mean time `GMT+00:09:21`);
// a local time needs the offsets at the starts of the day before it and of
// the day after the next (two asks when nothing is cached), and a change of
// offset found between two day starts is pinned to the second by bisection
// (some seventeen asks, once per change). So records spread over many zones
// and years cost a few asks each, and records that share zones and weeks
// almost none. Exact as long as a zone's offset does not change twice within
// three days, which no zone has done (the closest are Africa/Freetown's two
// changes of 1939, four days apart).
//
// From 2100 on, every zone follows the yearly rule its data ends with, and an
// instant is read in one of 14 reference years learnt once per zone
// (rule-years.ts): no ask after that.
//
// Memory is bounded: at most MAX_DAYS day starts are kept, all zones together,
// and MAX_NAMES zone names (each with at most 14 reference years); past either,
// they are forgotten and learnt again.

import { offsetFromRule, RULE_ONLY_FROM_MS, type YearOffsets } from './rule-years.js';

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;
/** Day starts kept, all zones together (each a few dozen bytes). */
const MAX_DAYS = 1 << 17;
/** Zone names kept, as written and in lower case. */
const MAX_NAMES = 2048;
/** Longer than any IANA name; what is not shaped like one is not one (and costs Intl nothing). */
const ZONE_NAME = /^[A-Za-z0-9_+\-/]{1,64}$/;

/** A zone, and what is known of its offsets. */
export interface Zone {
  /** Formats an instant with its offset at the end (en-US, `longOffset`: `52 GMT+02:00`). */
  readonly format: Intl.DateTimeFormat;
  /** Seconds east of UTC at 00:00 UTC of each day (days since 1970-01-01) asked. */
  readonly starts: Map<number, number>;
  /** For a day whose start and end offsets differ: the instant (ms) of the change. */
  readonly changes: Map<number, number>;
  /** The offsets of the reference years (from 2100 on), by year. */
  readonly years: Map<number, YearOffsets>;
}

const byName = new Map<string, Zone | null>();
const byLowerName = new Map<string, Zone | null>();
let daysKept = 0;

/**
 * The IANA zone `name` (any case, as Intl reads it), or undefined when Intl
 * does not know it. Remembered: records repeat their zones.
 */
export function findZone(name: string): Zone | undefined {
  let zone = byName.get(name);
  if (zone === undefined) {
    zone = ZONE_NAME.test(name) ? byLowerCase(name) : null;
    if (byName.size >= MAX_NAMES) byName.clear();
    byName.set(name, zone);
  }
  return zone ?? undefined;
}

/** Spellings that differ by case share one zone, and one learning of its offsets. */
function byLowerCase(name: string): Zone | null {
  const lower = name.toLowerCase();
  let zone = byLowerName.get(lower);
  if (zone === undefined) {
    try {
      // The seconds alone and the offset ('52 GMT-00:16:08'): the shortest pattern, the cheapest to format.
      zone = { format: new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset', second: '2-digit' }), starts: new Map(), changes: new Map(), years: new Map() };
    } catch {
      zone = null;
    }
    if (byLowerName.size >= MAX_NAMES) byLowerName.clear();
    byLowerName.set(lower, zone);
  }
  return zone;
}

/** Seconds east of UTC in `zone` at `ms`, asked of Intl. */
function askOffset(zone: Zone, ms: number): number {
  const text = zone.format.format(ms);
  const at = text.lastIndexOf('GMT') + 3;
  if (at >= text.length) return 0;
  const digit = (index: number) => text.charCodeAt(at + index) - 48;
  const sign = text.charCodeAt(at) === 0x2b ? 1 : -1;
  const seconds = text.length > at + 6 ? digit(7) * 10 + digit(8) : 0;
  return sign * ((digit(1) * 10 + digit(2)) * 3600 + (digit(4) * 10 + digit(5)) * 60 + seconds);
}

/** The offset at 00:00 UTC of `day`, in seconds. */
function dayStart(zone: Zone, day: number): number {
  if (day * DAY_MS >= RULE_ONLY_FROM_MS) return ruleOffset(zone, day * DAY_MS);
  let offset = zone.starts.get(day);
  if (offset === undefined) {
    offset = askOffset(zone, day * DAY_MS);
    if (daysKept >= MAX_DAYS) forgetDays();
    zone.starts.set(day, offset);
    daysKept++;
  }
  return offset;
}

/** Every zone forgets its days (the zones no name leads to any more are garbage already). */
function forgetDays(): void {
  for (const names of [byName, byLowerName]) {
    for (const zone of names.values()) {
      zone?.starts.clear();
      zone?.changes.clear();
    }
  }
  daysKept = 0;
}

/** When, within `day`, the offset changes from `before`: the first second with the new offset, in ms. */
function changeWithin(zone: Zone, day: number, before: number): number {
  let change = zone.changes.get(day);
  if (change === undefined) {
    let low = day * DAY_SECONDS;
    let high = low + DAY_SECONDS;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (askOffset(zone, middle * 1000) === before) low = middle;
      else high = middle;
    }
    change = high * 1000;
    zone.changes.set(day, change);
  }
  return change;
}

/** The UTC offset of `zone` at the instant `ms`, in seconds east of UTC. */
export function offsetAt(zone: Zone, ms: number): number {
  if (ms >= RULE_ONLY_FROM_MS) return ruleOffset(zone, ms);
  const day = Math.floor(ms / DAY_MS);
  const start = dayStart(zone, day);
  const end = dayStart(zone, day + 1);
  if (start === end) return start;
  return ms < changeWithin(zone, day, start) ? start : end;
}

/** The offset at an instant from 2100 on (see rule-years.ts). */
function ruleOffset(zone: Zone, ms: number): number {
  return offsetFromRule(zone, zone.years, askOffset, ms);
}

/**
 * The offsets, in seconds, that the wall-clock time `wall` (its fields read
 * as if UTC, in ms) may have in `zone`, written to `out`; returns how many:
 * 0 when the clocks skip it (a gap), 1, or 2 when it occurs twice (a fold,
 * the earlier instant first).
 */
export function wallOffsets(zone: Zone, wall: number, out: number[]): number {
  const day = Math.floor(wall / DAY_MS);
  const before = dayStart(zone, day - 1);
  // The same offset a day before and two days after: no change in between, the one offset holds.
  if (before === dayStart(zone, day + 2)) {
    out[0] = before;
    return 1;
  }
  // Near a change: the offsets in force a day either side are the only candidates, and
  // one holds if the zone has it at the instant it gives.
  const earlier = offsetAt(zone, wall - DAY_MS);
  const later = offsetAt(zone, wall + DAY_MS);
  let count = 0;
  if (offsetAt(zone, wall - earlier * 1000) === earlier) out[count++] = earlier;
  if (later !== earlier && offsetAt(zone, wall - later * 1000) === later) out[count++] = later;
  return count;
}

/** How many day starts are kept now, all zones together (for tests of the bound). */
export function daysKeptNow(): number {
  return daysKept;
}
