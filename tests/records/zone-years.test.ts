/**
 * From 2100 on, a zone's reference years after the first follow from it
 * (rule-years.ts): no ask of Intl for a zone without clock changes, two to
 * four a change when the rule names the same weekday of the month, and
 * every instant read as luxon reads it. In a file of its own: the
 * zones' learning is module state, and these tests count it from nothing.
 */
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseInstant } from '../../src/records/instant.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Asks of Intl made by `run` (a formatter's format is an accessor, read once a call). */
function asks(run: () => void): number {
  const format = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: unknown }, 'format', 'get');
  run();
  const count = format.mock.calls.length;
  format.mockRestore();
  return count;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 2101 to 2128 hold a year of each of the 14 kinds (weekday of 1 January, leap or not). */
const YEARS = Array.from({ length: 28 }, (_, index) => 2101 + index);

describe('reference years from 2100 on', () => {
  it('learns a zone without clock changes once: its other years cost no ask', () => {
    const first = asks(() => parseInstant('2101-06-15T12:00:00', 'Asia/Tokyo'));
    expect(first).toBeGreaterThan(50);
    expect(asks(() => YEARS.forEach((year) => parseInstant(`${year}-03-01T12:00:00`, 'Asia/Tokyo')))).toBe(0);
  });

  it('finds the changes of a zone’s other years in a few asks each when the rule names a weekday of the month', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'America/Santiago', 'Australia/Sydney']) {
      asks(() => parseInstant('2101-06-15T12:00:00', zone));
      const others = YEARS.slice(1).map((year) => asks(() => parseInstant(`${year}-06-15T12:00:00`, zone)));
      const learnt = others.filter((count) => count > 0);
      // 13 more kinds of year, each learnt once: two asks a guess of the day, two guesses at most a change
      // (the last Sunday of the month, else the second from its start), where sampling a year takes some 95.
      expect(learnt.length).toBe(13);
      for (const count of learnt) expect(count).toBeLessThanOrEqual(12);
      expect(learnt.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(13 * 8);
    }
  });

  it('reads every local time around the clock changes of 2101 to 2128 as luxon does', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'America/Santiago', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Havana', 'Asia/Jerusalem']) {
      for (const year of YEARS) {
        for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
          const before = DateTime.fromMillis(ms - 86_400_000, { zone }).offset;
          const after = DateTime.fromMillis(ms + 2 * 86_400_000, { zone }).offset;
          if (before === after) continue;
          const day = new Date(ms).toISOString().slice(0, 10);
          for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
            const text = `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;
            const local = DateTime.fromISO(text, { zone });
            const result = parseInstant(text, zone);
            const exists = local.toFormat("yyyy-MM-dd'T'HH:mm:ss") === text;
            if (!exists) expect(result, `${text} ${zone}`).toMatchObject({ ok: false, code: 'nonexistent-local-time' });
            else if (local.getPossibleOffsets().length > 1) expect(result, `${text} ${zone}`).toMatchObject({ ok: false, code: 'ambiguous-local-time' });
            else expect(result, `${text} ${zone}`).toEqual({ ok: true, ms: local.toMillis(), iso: local.toISO() });
          }
        }
      }
    }
  });
});
