/**
 * Local times in many zones and years (issue 11, break B9): resolved exactly,
 * at a cost of a few asks of Intl for a zone and day never seen (it was a
 * learning of 128 days, some 160 asks), in bounded memory. Expected instants
 * come from luxon directly, and for local mean time (offsets with seconds,
 * which luxon gets wrong by seconds) from Intl's own wall clock.
 */
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKnownZone, parseInstant } from '../../src/records/instant.js';
import { daysKeptNow } from '../../src/records/zone-offsets.js';

const ZONES = Intl.supportedValuesOf('timeZone');
let seed = 11;
/** mulberry32: a seeded generator whose period (2^32) no run comes near. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const below = (n: number) => Math.floor(random() * n);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const wallText = (year: number) => `${pad(year, 4)}-${pad(1 + below(12))}-${pad(1 + below(28))}T${pad(below(24))}:${pad(below(60))}:${pad(below(60))}`;

afterEach(() => {
  vi.restoreAllMocks();
});

/** What luxon makes of a local time: the instant and how it is written, or why there is none. */
function byLuxon(text: string, zone: string) {
  const [date, time] = text.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  if (local.hour !== hour || local.minute !== minute || local.day !== day) return { ok: false, code: 'nonexistent-local-time' };
  const possible = local.getPossibleOffsets();
  if (possible.length > 1) return { ok: false, code: 'ambiguous-local-time', both: possible.map((candidate) => candidate.toISO()) };
  return { ok: true, ms: local.toMillis(), iso: local.toISO() };
}

function expectLikeLuxon(text: string, zone: string): void {
  const expected = byLuxon(text, zone);
  const result = parseInstant(text, zone);
  if (expected.ok) {
    expect(result, `${text} in ${zone}`).toEqual({ ok: true, ms: expected.ms, iso: expected.iso });
  } else {
    expect(result, `${text} in ${zone}`).toMatchObject({ ok: false, code: expected.code });
    for (const written of expected.both ?? []) expect(!result.ok && result.message).toContain(written);
  }
}

describe('local times in any zone and year', () => {
  it('match luxon for 3,000 random local times in every zone, 1900 to 2100', () => {
    for (let index = 0; index < 3000; index++) expectLikeLuxon(wallText(1900 + below(200)), ZONES[index % ZONES.length]!);
  });

  // From 2100 on, offsets are read in one of 14 reference years: luxon asks Intl at the instant itself.
  it('match luxon for 3,000 random local times in every zone, 2100 to 9999', () => {
    for (let index = 0; index < 3000; index++) expectLikeLuxon(wallText(2100 + below(7900)), ZONES[index % ZONES.length]!);
  });

  it.each([2017, 2099, 2100, 2101, 4567, 9998])('match luxon every 15 minutes across the clock changes of %i in zones that have them', (year) => {
    for (const zone of ['Europe/Paris', 'America/Miquelon', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'Asia/Tehran']) {
      for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
        const day = new Date(ms).toISOString().slice(0, 10);
        // Only the days whose offset changes, and their neighbours, are walked minute by quarter.
        const before = DateTime.fromMillis(ms - 86_400_000, { zone }).offset;
        const after = DateTime.fromMillis(ms + 2 * 86_400_000, { zone }).offset;
        if (before === after) continue;
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) expectLikeLuxon(`${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`, zone);
      }
    }
  });

  it('read a zone in any case, and refuse names that are none without asking Intl', () => {
    expect(parseInstant('2017-05-06T10:00:00', 'europe/PARIS')).toEqual(parseInstant('2017-05-06T10:00:00', 'Europe/Paris'));
    expect(isKnownZone('US/Eastern')).toBe(true);
    const construct = vi.spyOn(Intl, 'DateTimeFormat');
    for (const name of ['', ' Europe/Paris', 'Europe/Paris\n', '../../etc/passwd', 'Europe Paris', `Europe/${'x'.repeat(80)}`, '\u001b[2J']) {
      expect(isKnownZone(name), JSON.stringify(name)).toBe(false);
    }
    expect(construct).not.toHaveBeenCalled();
    expect(isKnownZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('local mean time (offsets with seconds, before standard time)', () => {
  /** Every instant, to the second, within 16 hours of the wall time read as UTC, that Intl's clock in `zone` shows as `text`. */
  function instantsShowing(text: string, zone: string): number[] {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const shown = (ms: number) => {
      const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
    };
    const wall = Date.parse(`${text}Z`);
    const found: number[] = [];
    for (let offset = -16 * 3600; offset <= 16 * 3600; offset++) if (shown(wall - offset * 1000) === text) found.push(wall - offset * 1000);
    return found;
  }

  it.each([
    // Caracas and Algiers: luxon is off by seconds or calls the time nonexistent; Paris and Monrovia for their odd offsets.
    ['1890-01-01T00:26:44', 'America/Caracas', '-04:27'],
    ['1891-03-16T00:16:48', 'Africa/Algiers', '+00:09'],
    ['1850-05-06T10:00:00', 'Europe/Paris', '+00:09'],
    ['1950-01-01T12:00:00', 'Africa/Monrovia', '-00:44'],
  ])('%s in %s is the one instant Intl shows as that time, written with the offset cut to the minute', (text, zone, written) => {
    const [instant, ...more] = instantsShowing(text, zone);
    expect(more).toEqual([]);
    expect(parseInstant(text, zone)).toEqual({ ok: true, ms: instant, iso: `${text}.000${written}` });
  });

  it('names both instants of a time that occurs twice when local mean time ends', () => {
    // Algiers, 16 March 1891: from +00:12:12 to +00:09:21, so 23:57:09 to 23:59:59 on the 15th come twice.
    const text = '1891-03-15T23:58:00';
    expect(instantsShowing(text, 'Africa/Algiers')).toHaveLength(2);
    const result = parseInstant(text, 'Africa/Algiers');
    expect(result).toMatchObject({ ok: false, code: 'ambiguous-local-time' });
    expect(!result.ok && result.message).toContain('(1891-03-15T23:58:00.000+00:12 and 1891-03-15T23:58:00.000+00:09)');
  });
});

describe('the cost of a zone and day never seen', () => {
  /** Asks of Intl made by `run`: calls of a formatter's format (an accessor) or formatToParts. */
  function asks(run: () => void): number {
    // format is an accessor that returns the bound function: each call reads it once.
    const format = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: unknown }, 'format', 'get');
    const parts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    run();
    const count = format.mock.calls.length + parts.mock.calls.length;
    format.mockRestore();
    parts.mockRestore();
    return count;
  }

  it('is a few asks of Intl a record, for 1,000 local times in random zones and years 1000 to 2099', () => {
    for (const zone of ZONES) parseInstant('2017-05-06T10:00:00', zone);
    const counts: number[] = [];
    for (let index = 0; index < 1000; index++) {
      const text = wallText(1000 + below(1100));
      const zone = ZONES[below(ZONES.length)]!;
      counts.push(asks(() => parseInstant(text, zone)));
    }
    counts.sort((a, b) => a - b);
    // Two day starts; near a change of offset, the change pinned by bisection once (some seventeen more).
    expect(counts[500]).toBeLessThanOrEqual(2);
    expect(counts[counts.length - 1]).toBeLessThanOrEqual(40);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBeLessThan(4 * 1000);
  });

  it('from 2100 on, is one learning of a reference year per zone and kind of year, then no ask at all', () => {
    const zones = ZONES.filter((_, index) => index % 20 === 3);
    // A year of each of the 14 kinds (weekday of 1 January, leap or not): 2101 to 2128 holds them all.
    const learning: number[] = [];
    for (const zone of zones) for (let year = 2101; year <= 2128; year++) learning.push(asks(() => parseInstant(`${year}-06-15T12:00:00`, zone)));
    // A sample a week (54) and some twenty asks per change, for a year first met; nothing for the next of its kind.
    expect(Math.max(...learning)).toBeLessThanOrEqual(54 + 3 * 20);
    expect(learning.filter((count) => count > 0).length).toBeLessThanOrEqual(zones.length * 14);
    const later = asks(() => {
      for (let index = 0; index < 1000; index++) parseInstant(wallText(2100 + below(7900)), zones[below(zones.length)]!);
    });
    expect(later).toBe(0);
  });

  it('is no ask at all for another time in a zone and day already seen', () => {
    parseInstant('2017-05-06T10:00:00', 'Asia/Kathmandu');
    expect(asks(() => parseInstant('2017-05-06T16:30:00', 'Asia/Kathmandu'))).toBe(0);
  });

  it('keeps at most 131,072 day starts, and stays exact once it has forgotten them', () => {
    for (let day = 0; day < 140_000; day += 1) parseInstant(`${1000 + Math.floor(day / 336)}-${pad(1 + (Math.floor(day / 28) % 12))}-${pad(1 + (day % 28))}T12:00:00`, 'America/Chicago');
    expect(daysKeptNow()).toBeLessThanOrEqual(131_072);
    expectLikeLuxon('2017-03-12T02:30:00', 'America/Chicago');
    expectLikeLuxon('2017-11-05T01:30:00', 'America/Chicago');
    expectLikeLuxon('2017-05-06T10:00:00', 'America/Chicago');
  });
});
