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
// Memory is bounded, and fixed: day starts are kept in one table of MAX_DAYS
// slots, all zones together, a day's slot found by a hash of its zone and
// day (a day met later takes the slot of the one before it there: typed
// arrays, nothing for the garbage collector, however many days pass); and
// at most MAX_NAMES zone names (each with at most 14 reference years) are
// kept, past which they are forgotten and learnt again.

import { offsetFromRule, RULE_ONLY_FROM_MS, type YearOffsets } from './rule-years.js';

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;
/** Day starts kept, all zones together (20 bytes each). */
const MAX_DAYS = 1 << 17;
/** Zone names kept, as written and in lower case. */
const MAX_NAMES = 2048;
/** Longer than any IANA name; what is not shaped like one is not one (and costs Intl nothing). */
const ZONE_NAME = /^[A-Za-z0-9_+\-/]{1,64}$/;

/** A zone, and what is known of its offsets (its day starts are in the table below). */
export interface Zone {
  /** Formats an instant with its offset at the end (en-US, `longOffset`: `52 GMT+02:00`). */
  readonly format: Intl.DateTimeFormat;
  /** The zone's number in the table of day starts. */
  readonly id: number;
  /** The offsets of the reference years (from 2100 on), by year. */
  readonly years: Map<number, YearOffsets>;
}

const byName = new Map<string, Zone | null>();
const byLowerName = new Map<string, Zone | null>();
let zones = 0;

/**
 * The day starts: per slot, the zone (its id + 1; 0 for none) and day it
 * holds, the offset (seconds) at the day's 00:00 UTC, and for a day whose
 * offset changes before the next day's start, the instant of the change once
 * bisected (NaN until then). Made with the first local time read: records
 * with offsets never pay for it.
 */
interface DayTable {
  readonly zone: Int32Array;
  readonly day: Int32Array;
  readonly offset: Int32Array;
  readonly change: Float64Array;
}

const SLOT_BITS = 17;
let table: DayTable | undefined;

function dayTable(): DayTable {
  return (table ??= { zone: new Int32Array(MAX_DAYS), day: new Int32Array(MAX_DAYS), offset: new Int32Array(MAX_DAYS), change: new Float64Array(MAX_DAYS).fill(Number.NaN) });
}

/** The slot of a zone's day. */
function slotOf(zone: Zone, day: number): number {
  return (Math.imul(day, 0x9e3779b1) ^ Math.imul(zone.id + 1, 0x85ebca6b)) >>> (32 - SLOT_BITS);
}

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
      zone = { format: new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset', second: '2-digit' }), id: zones++, years: new Map() };
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
  const days = dayTable();
  const slot = slotOf(zone, day);
  if (days.zone[slot] === zone.id + 1 && days.day[slot] === day) return days.offset[slot]!;
  const offset = askOffset(zone, day * DAY_MS);
  days.zone[slot] = zone.id + 1;
  days.day[slot] = day;
  days.offset[slot] = offset;
  days.change[slot] = Number.NaN;
  return offset;
}

/** When, within `day`, the offset changes from `before`: the first second with the new offset, in ms. */
function changeWithin(zone: Zone, day: number, before: number): number {
  const days = dayTable();
  const slot = slotOf(zone, day);
  const kept = days.zone[slot] === zone.id + 1 && days.day[slot] === day && days.offset[slot] === before;
  if (kept && !Number.isNaN(days.change[slot]!)) return days.change[slot]!;
  let low = day * DAY_SECONDS;
  let high = low + DAY_SECONDS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (askOffset(zone, middle * 1000) === before) low = middle;
    else high = middle;
  }
  // Kept only in the day's own slot, beside its start: a later day may have taken it.
  if (kept) days.change[slot] = high * 1000;
  return high * 1000;
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
  let kept = 0;
  if (table) for (let slot = 0; slot < MAX_DAYS; slot++) if (table.zone[slot] !== 0) kept++;
  return kept;
}
