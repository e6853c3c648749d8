import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { parseInstant } from '../../src/records/instant.js';

describe('parseInstant with an offset', () => {
  it.each([
    ['2017-05-06T10:00:00+02:00', '2017-05-06T08:00:00.000Z', '2017-05-06T10:00:00.000+02:00'],
    ['2017-05-06T10:00:00.000+02:00', '2017-05-06T08:00:00.000Z', '2017-05-06T10:00:00.000+02:00'],
    ['2017-05-05T22:00:00Z', '2017-05-05T22:00:00.000Z', '2017-05-05T22:00:00.000Z'],
    ['2017-05-05T22:00Z', '2017-05-05T22:00:00.000Z', '2017-05-05T22:00:00.000Z'],
    ['2017-05-05T20:00:00.5-0400', '2017-05-06T00:00:00.500Z', '2017-05-05T20:00:00.500-04:00'],
    ['2017-05-05T20:00:00.123456789+05:30', '2017-05-05T14:30:00.123Z', '2017-05-05T20:00:00.123+05:30'],
    ['2016-02-29T12:00:00+00:00', '2016-02-29T12:00:00.000Z', '2016-02-29T12:00:00.000Z'],
    // A zero offset reads back Z however it was written, with or without milliseconds.
    ['2016-02-29T12:00:00.000+00:00', '2016-02-29T12:00:00.000Z', '2016-02-29T12:00:00.000Z'],
    ['2016-02-29T12:00:00.000-00:00', '2016-02-29T12:00:00.000Z', '2016-02-29T12:00:00.000Z'],
  ])('%s is %s, written back as %s', (input, utc, own) => {
    const result = parseInstant(input);
    expect(result.ok && new Date(result.ms).toISOString()).toBe(utc);
    expect(result.ok && result.iso).toBe(own);
  });

  it.each([
    '2017-13-01T00:00:00Z',
    '2017-02-29T00:00:00Z',
    '2017-04-31T00:00:00Z',
    '2017-05-06T24:00:00Z',
    '2017-05-06T10:60:00Z',
    '2017-05-06T10:00:61Z',
    '2017-05-06 10:00:00Z',
    '2017-05-06T10:00:00+2:00',
    '2017-05-06T10:00:00+02:00junk',
    '2017-05-06',
    'Sat, 06 May 2017 10:00:00 GMT',
    '',
    'x'.repeat(10_000),
  ])('rejects %j', (input) => {
    const result = parseInstant(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('format');
  });
});

describe('parseInstant with a local time and a zone', () => {
  it('resolves a local time through the tz database', () => {
    const result = parseInstant('2017-05-06T10:00:00', 'Europe/Paris');
    expect(result.ok && result.ms).toBe(Date.parse('2017-05-06T08:00:00Z'));
    expect(result.ok && result.iso).toBe('2017-05-06T10:00:00.000+02:00');
  });

  it('follows Saint-Pierre-et-Miquelon daylight saving time', () => {
    const summer = parseInstant('2017-05-05T00:00:00', 'America/Miquelon');
    const winter = parseInstant('2017-01-05T00:00:00', 'America/Miquelon');
    expect(summer.ok && new Date(summer.ms).toISOString()).toBe('2017-05-05T02:00:00.000Z');
    expect(winter.ok && new Date(winter.ms).toISOString()).toBe('2017-01-05T03:00:00.000Z');
  });

  it('refuses a local time that does not exist (spring forward)', () => {
    const result = parseInstant('2017-03-26T02:30:00', 'Europe/Paris');
    expect(result).toMatchObject({ ok: false, code: 'nonexistent-local-time' });
  });

  it('refuses a local time that happens twice (fall back), naming both instants', () => {
    const result = parseInstant('2017-10-29T02:30:00', 'Europe/Paris');
    expect(result).toMatchObject({ ok: false, code: 'ambiguous-local-time' });
    expect(!result.ok && result.message).toContain('2017-10-29T02:30:00.000+02:00');
    expect(!result.ok && result.message).toContain('2017-10-29T02:30:00.000+01:00');
  });

  it('accepts the instants on either side of a fold, which exist once', () => {
    const before = parseInstant('2017-10-29T01:59:59.999', 'Europe/Paris');
    const after = parseInstant('2017-10-29T03:00:00', 'Europe/Paris');
    expect(before.ok && before.ms).toBe(DateTime.fromISO('2017-10-29T01:59:59.999+02:00').toMillis());
    expect(after.ok && after.ms).toBe(DateTime.fromISO('2017-10-29T03:00:00+01:00').toMillis());
  });

  it('needs a zone, and a real one', () => {
    expect(parseInstant('2017-05-06T10:00:00')).toMatchObject({ ok: false, code: 'needs-zone' });
    expect(parseInstant('2017-05-06T10:00:00', 'Mars/Olympus_Mons')).toMatchObject({ ok: false, code: 'unknown-zone' });
  });

  it('prefers the offset when both an offset and a zone are given', () => {
    const result = parseInstant('2017-05-06T10:00:00-04:00', 'Europe/Paris');
    expect(result.ok && new Date(result.ms).toISOString()).toBe('2017-05-06T14:00:00.000Z');
  });
});
