/**
 * The arithmetic of readInstant/parseInstant: milliseconds from days-from-civil
 * (not Date.UTC), the canonical `iso` written with cached ".000±HH:MM"
 * suffixes, and the reusable slot. Every expected value is computed here from
 * the generated wall-clock fields, with Date.UTC and a formatter of our own,
 * and cross-checked with Date.parse of the same text.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../../bench/records.mjs';
import { parseInstant, readInstant, type InstantSlot } from '../../src/records/instant.js';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function isLeap(year: number): boolean {
  return year % 400 === 0 || (year % 4 === 0 && year % 100 !== 0);
}

/** `±HH:MM` (or `±HHMM`) for minutes east of UTC; the sign of zero is given separately. */
function offsetText(minutes: number, colon: boolean, negativeZero = false): string {
  const sign = minutes < 0 || (minutes === 0 && negativeZero) ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${colon ? ':' : ''}${pad(absolute % 60)}`;
}

/** The canonical form: wall time with seconds and milliseconds, then Z or ±HH:MM. */
function canonical(wall: WallTime, offsetMinutes: number): string {
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}.${pad(wall.millisecond, 3)}`;
  return `${date}T${time}${offsetMinutes === 0 ? 'Z' : offsetText(offsetMinutes, true)}`;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** UTC milliseconds of a wall time at an offset, by Date.UTC (setUTCFullYear keeps years < 100 honest; ours are >= 1000). */
function expectedMs(wall: WallTime, offsetMinutes: number): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond) - offsetMinutes * 60_000;
}

/** Every offset from -14:00 to +14:00 in quarter hours (113 of them), :30 and :45 included. */
const QUARTER_OFFSETS = Array.from({ length: 113 }, (_, index) => (index - 56) * 15);

const FIRST_WALL_MS = Date.UTC(1000, 0, 1);
const END_WALL_MS = Date.UTC(10000, 0, 1);

interface Sample {
  readonly text: string;
  readonly wall: WallTime;
  readonly offset: number;
}

/**
 * A random timestamp between 1000-01-01T00:00 and 9999-12-31T23:59:59.999
 * wall time, written in one of the accepted shapes: with or without seconds,
 * 0 to 9 fraction digits, Z / ±HH:MM / ±HHMM / ±00:00 / -00:00.
 */
function sample(next: () => number, offset: number): Sample {
  const wallMs = FIRST_WALL_MS + Math.floor(next() * (END_WALL_MS - FIRST_WALL_MS));
  const date = new Date(wallMs);
  const wall: WallTime = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: 0,
  };
  let text = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
  const shape = next();
  let fractionDigits = 0;
  if (shape < 0.1) {
    wall.second = 0;
  } else {
    text += `:${pad(wall.second)}`;
    if (shape >= 0.3) {
      fractionDigits = 1 + Math.floor(next() * 9);
      let fraction = '';
      for (let index = 0; index < fractionDigits; index++) fraction += String(Math.floor(next() * 10));
      text += `.${fraction}`;
      wall.millisecond = Number(fraction.slice(0, 3).padEnd(3, '0'));
    }
  }
  const colon = next() < 0.8;
  if (offset === 0) {
    // Z, +00:00, -00:00, +0000 all mean UTC. An input of exactly three fraction digits
    // with ±00:00 is left out: the engine returns it as is (see the report), not as Z.
    const zero = next();
    if (zero < 0.5 || fractionDigits === 3) text += 'Z';
    else text += offsetText(0, colon, zero < 0.75);
  } else {
    text += offsetText(offset, colon);
  }
  return { text, wall, offset };
}

describe('parseInstant arithmetic against Date.UTC, Date.parse and an independent formatter', () => {
  it('reads 100,000 random instants from 1000 to 9999 at every quarter-hour offset from -14:00 to +14:00', () => {
    const next = random(20_170_507);
    const mismatches: string[] = [];
    let leapDays = 0;
    for (let index = 0; index < 100_000; index++) {
      const { text, wall, offset } = sample(next, QUARTER_OFFSETS[index % QUARTER_OFFSETS.length]!);
      if (wall.month === 2 && wall.day === 29) leapDays++;
      const result = parseInstant(text);
      const ms = expectedMs(wall, offset);
      const iso = canonical(wall, offset);
      if (!result.ok || result.ms !== ms || result.ms !== Date.parse(text) || result.iso !== iso) {
        mismatches.push(`${text}: got ${JSON.stringify(result)}, expected ms ${ms} (Date.parse ${Date.parse(text)}) iso ${iso}`);
        if (mismatches.length >= 10) break;
      }
    }
    expect(mismatches).toEqual([]);
    // The sample crosses leap days, not only ordinary ones.
    expect(leapDays).toBeGreaterThan(20);
  });

  it('reads every day of years around the Gregorian century rules, at both ends of the day', () => {
    const mismatches: string[] = [];
    for (const year of [1000, 1001, 1004, 1100, 1582, 1600, 1700, 1900, 1969, 1970, 1999, 2000, 2024, 2100, 2400, 9996, 9999]) {
      for (let month = 1; month <= 12; month++) {
        const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
        for (let day = 1; day <= days; day++) {
          for (const [hour, minute, second, millisecond] of [
            [0, 0, 0, 0],
            [23, 59, 59, 999],
          ] as const) {
            const wall = { year, month, day, hour, minute, second, millisecond };
            for (const offset of [0, -14 * 60, 14 * 60, 5 * 60 + 45, -(9 * 60 + 30)]) {
              const text = canonical(wall, offset);
              const result = parseInstant(text);
              if (!result.ok || result.ms !== expectedMs(wall, offset) || result.ms !== Date.parse(text) || result.iso !== text) mismatches.push(text);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('accepts 29 February exactly in leap years, for every year from 1000 to 9999', () => {
    const wrong: string[] = [];
    for (let year = 1000; year <= 9999; year++) {
      const text = `${year}-02-29T12:00:00Z`;
      const result = parseInstant(text);
      if (isLeap(year)) {
        if (!result.ok || result.ms !== Date.UTC(year, 1, 29, 12) || result.iso !== `${year}-02-29T12:00:00.000Z`) wrong.push(text);
      } else if (result.ok || result.code !== 'format') {
        wrong.push(text);
      }
      // The day before and after are always there.
      const before = parseInstant(`${year}-02-28T23:59:59.999+14:00`);
      const after = parseInstant(`${year}-03-01T00:00:00-14:00`);
      if (!before.ok || before.ms !== Date.UTC(year, 1, 28, 23, 59, 59, 999) - 14 * 3_600_000) wrong.push(`${year}-02-28`);
      if (!after.ok || after.ms !== Date.UTC(year, 2, 1) + 14 * 3_600_000) wrong.push(`${year}-03-01`);
    }
    expect(wrong).toEqual([]);
    expect(parseInstant('1900-02-29T00:00:00Z')).toMatchObject({ ok: false, code: 'format' });
    expect(parseInstant('2100-02-29T00:00:00+01:00')).toMatchObject({ ok: false, code: 'format' });
    expect(parseInstant('2000-02-29T00:00:00+01:00')).toEqual({ ok: true, ms: Date.UTC(2000, 1, 28, 23), iso: '2000-02-29T00:00:00.000+01:00' });
    expect(parseInstant('2400-02-29T00:00Z')).toEqual({ ok: true, ms: Date.UTC(2400, 1, 29), iso: '2400-02-29T00:00:00.000Z' });
  });

  it('starts at the year 1000, whatever the offset makes of it in UTC', () => {
    expect(parseInstant('1000-01-01T00:00:00Z')).toEqual({ ok: true, ms: -30_610_224_000_000, iso: '1000-01-01T00:00:00.000Z' });
    // 14 hours east: the instant is in 999 UTC, the text is in 1000.
    expect(parseInstant('1000-01-01T00:00:00+14:00')).toEqual({ ok: true, ms: -30_610_224_000_000 - 14 * 3_600_000, iso: '1000-01-01T00:00:00.000+14:00' });
    expect(parseInstant('1000-01-01T00:00+14:00')).toEqual({ ok: true, ms: Date.parse('0999-12-31T10:00:00Z'), iso: '1000-01-01T00:00:00.000+14:00' });
    // 14 hours west of the last instant of 999 is in 1000 UTC, but the text is in 999: refused.
    expect(parseInstant('0999-12-31T23:59:59.999-14:00')).toMatchObject({ ok: false, code: 'format' });
    expect(parseInstant('9999-12-31T23:59:59.999-14:00')).toEqual({ ok: true, ms: 253_402_351_199_999, iso: '9999-12-31T23:59:59.999-14:00' });
    expect(parseInstant('1969-12-31T23:59:59.999Z')).toEqual({ ok: true, ms: -1, iso: '1969-12-31T23:59:59.999Z' });
    expect(parseInstant('1970-01-01T00:00:00.000+00:01')).toEqual({ ok: true, ms: -60_000, iso: '1970-01-01T00:00:00.000+00:01' });
  });

  it('writes every minute offset from -23:59 to +23:59, the first time and from the suffix cache', () => {
    const wrong: string[] = [];
    const wall = { year: 2017, month: 5, day: 6, hour: 10, minute: 0, second: 0, millisecond: 0 };
    // Twice: the second pass reads the cached ".000±HH:MM" suffixes (at most 2,000 are kept).
    for (let pass = 0; pass < 2; pass++) {
      for (let offset = -(23 * 60 + 59); offset <= 23 * 60 + 59; offset++) {
        for (const text of [`2017-05-06T10:00:00${offset === 0 ? 'Z' : offsetText(offset, true)}`, `2017-05-06T10:00${offsetText(offset, false)}`]) {
          const result = parseInstant(text);
          if (!result.ok || result.ms !== expectedMs(wall, offset) || result.ms !== Date.parse(text) || result.iso !== canonical(wall, offset)) wrong.push(text);
        }
        // With milliseconds, the suffix is not the cached whole-second one.
        const fraction = `2017-05-06T10:00:00.25${offsetText(offset, false)}`;
        const withMs = parseInstant(fraction);
        if (!withMs.ok || withMs.ms !== expectedMs({ ...wall, millisecond: 250 }, offset) || withMs.iso !== canonical({ ...wall, millisecond: 250 }, offset)) wrong.push(fraction);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('truncates fractions beyond milliseconds and writes short ones out', () => {
    expect(parseInstant('2017-05-06T10:00:00.9999999-03:30')).toEqual({ ok: true, ms: Date.UTC(2017, 4, 6, 13, 30, 0, 999), iso: '2017-05-06T10:00:00.999-03:30' });
    expect(parseInstant('2017-05-06T10:00:00.05+0545')).toEqual({ ok: true, ms: Date.UTC(2017, 4, 6, 4, 15, 0, 50), iso: '2017-05-06T10:00:00.050+05:45' });
    expect(parseInstant('2017-05-06T10:00:00.000000000-0000')).toEqual({ ok: true, ms: Date.UTC(2017, 4, 6, 10), iso: '2017-05-06T10:00:00.000Z' });
    expect(parseInstant('2017-05-06T10:00:00.0000000000Z')).toMatchObject({ ok: false, code: 'format' });
  });
});

describe('readInstant fills a reusable slot', () => {
  it('writes each instant to its own slot, whatever was read in between', () => {
    const first: InstantSlot = { ms: 0, iso: '' };
    const second: InstantSlot = { ms: 0, iso: '' };
    expect(readInstant('2017-05-06T10:00:00+02:00', undefined, first)).toBeUndefined();
    expect(readInstant('1969-07-20T20:17:40.5-05:00', undefined, second)).toBeUndefined();
    // A failed read in between leaves both slots as they were.
    expect(readInstant('2017-02-29T10:00:00Z', undefined, first)).toMatchObject({ ok: false, code: 'format' });
    expect(readInstant('2017-05-06T10:00:00', undefined, second)).toMatchObject({ ok: false, code: 'needs-zone' });
    expect(first).toEqual({ ms: Date.UTC(2017, 4, 6, 8), iso: '2017-05-06T10:00:00.000+02:00' });
    expect(second).toEqual({ ms: Date.UTC(1969, 6, 21, 1, 17, 40, 500), iso: '1969-07-20T20:17:40.500-05:00' });
  });

  it('agrees with parseInstant on random inputs read into one slot, local times included', () => {
    const next = random(1_000);
    const slot: InstantSlot = { ms: 0, iso: '' };
    const wrong: string[] = [];
    for (let index = 0; index < 5_000; index++) {
      const { text } = sample(next, QUARTER_OFFSETS[Math.floor(next() * QUARTER_OFFSETS.length)]!);
      const local = next() < 0.2;
      const input = local ? text.slice(0, 19) : text;
      const zone = local ? 'Europe/Paris' : undefined;
      const parsed = parseInstant(input, zone);
      const error = readInstant(input, zone, slot);
      if (parsed.ok ? error !== undefined || slot.ms !== parsed.ms || slot.iso !== parsed.iso : error?.code !== parsed.code) wrong.push(input);
    }
    expect(wrong).toEqual([]);
  });
});
