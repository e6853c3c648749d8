/**
 * Windows and instants in words (src/compile/window-text.ts): fixed cases,
 * describeInstant against luxon's own formatting of the same instant, and the
 * texts a run records and a later run is given back (what the policy cache
 * keeps so that a restored policy reports without loading luxon).
 */
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { random } from '../../bench/records.mjs';
import { fileURLToPath } from 'node:url';
import { combinePolicies, loadPolicy } from '../../src/index.js';
import { describeInstant, describeWindow, homeZone, localIso, recordTexts, recordZone } from '../../src/compile/window-text.js';
import { frenchPolicy } from '../helpers/policies.js';

describe('describeInstant', () => {
  it.each([
    ['2017-05-07T18:00:00.000Z', 'Europe/Paris', 'en', 'Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)'],
    ['2017-05-07T18:00:00.000Z', 'Europe/Paris', 'fr', 'dim. 7 mai 2017 20:00 Europe/Paris (18:00 UTC)'],
    // Local midnight is the evening before in UTC: the UTC day is written.
    ['2017-05-05T22:00:00.000Z', 'Europe/Paris', 'en', 'Sat 6 May 2017 00:00 Europe/Paris (Fri 5 May 22:00 UTC)'],
    ['2017-05-05T13:00:00.000Z', 'Pacific/Noumea', 'fr', 'sam. 6 mai 2017 00:00 Pacific/Noumea (ven. 5 mai 13:00 UTC)'],
    // Winter time: one hour from UTC, not two.
    ['2022-01-01T00:00:00.000Z', 'Europe/Paris', 'en', 'Sat 1 Jan 2022 01:00 Europe/Paris (00:00 UTC)'],
  ] as const)('writes %s in %s (%s) as %j', (iso, zone, lang, expected) => {
    expect(describeInstant(iso, zone, lang)).toBe(expected);
  });

  it('writes what luxon writes of the instant and of its UTC time, at random instants, zones and languages', () => {
    const next = random(11);
    const zones = ['Europe/Paris', 'America/Guadeloupe', 'Pacific/Noumea', 'Pacific/Kiritimati', 'America/St_Johns', 'UTC'];
    for (let trial = 0; trial < 300; trial++) {
      const ms = Date.UTC(1990, 0, 1) + Math.floor(next() * 60 * 365) * 86_400_000 + Math.floor(next() * 96) * 900_000;
      const zone = zones[Math.floor(next() * zones.length)]!;
      const lang = next() < 0.5 ? 'en' : 'fr';
      const local = DateTime.fromMillis(ms, { zone, locale: lang });
      const utc = local.toUTC();
      // In UTC itself the time is written once.
      const expected =
        zone === 'UTC'
          ? `${local.toFormat('ccc d LLL yyyy HH:mm')} UTC`
          : `${local.toFormat('ccc d LLL yyyy HH:mm')} ${zone} (${utc.toFormat(local.toISODate() === utc.toISODate() ? 'HH:mm' : 'ccc d LLL HH:mm')} UTC)`;
      expect(describeInstant(new Date(ms).toISOString(), zone, lang)).toBe(expected);
    }
  });

  it('takes the French policy home zone from its default audience', async () => {
    expect(homeZone(await frenchPolicy())).toBe('Europe/Paris');
  });

  it('writes a record’s times in its policy’s home zone; in a combination, which is no one’s home, in its audience’s first zone, else UTC', async () => {
    const french = await frenchPolicy();
    expect(recordZone(french, { audience: ['GP'] })).toBe('Europe/Paris');
    const spain = await loadPolicy(fileURLToPath(new URL('../../policies/es', import.meta.url)));
    const argentina = await loadPolicy(fileURLToPath(new URL('../../policies/ar', import.meta.url)));
    const world = combinePolicies([argentina, spain, french]);
    expect(homeZone(world)).toBe('America/Argentina/Buenos_Aires');
    expect(recordZone(world, { audience: ['FR-MET'] })).toBe('Europe/Paris');
    expect(recordZone(world, { audience: ['GP', 'ES'] })).toBe('America/Guadeloupe');
    expect(recordZone(world, {})).toBe('UTC');
    expect(recordZone(world, { audience: ['nowhere'] })).toBe('UTC');
  });
});

describe('texts recorded in one run, given back in another', () => {
  // 2031: instants no other test formats, so this module's own memory does not answer first.
  const start = Date.parse('2031-12-31T21:00:00Z');
  const end = Date.parse('2032-01-01T19:00:00Z');

  it('records every text written, including those a window is made of', () => {
    const texts = recordTexts(() => describeWindow(start, end, 'Europe/Paris', 'fr'));
    expect(texts.get(`${start}|Europe/Paris|iso`)).toBe('2031-12-31T22:00:00.000+01:00');
    expect([...texts.values()]).toContain('mer. 31 déc. 2031 22:00');
    // Once written, a text is recorded again when given from memory.
    expect(recordTexts(() => localIso(start, 'Europe/Paris'))).toEqual(new Map([[`${start}|Europe/Paris|iso`, '2031-12-31T22:00:00.000+01:00']]));
  });

  it('answers from what a run gave back before formatting, and formats only what it was not given', async () => {
    const written = recordTexts(() => describeWindow(start, end, 'Europe/Paris', 'en'));
    // A fresh copy of the module, as a later process would load it.
    vi.resetModules();
    const later = await import('../../src/compile/window-text.js');
    const lookup = vi.fn((key: string) => (key.endsWith('|iso') ? written.get(key) : `<${written.get(key)}>`));
    later.useKnownTexts(lookup);
    expect(later.describeWindow(start, end, 'Europe/Paris', 'en')).toBe(`from <${written.get(`${start}|Europe/Paris|en|ccc d LLL yyyy HH:mm`)}> until <Thu 1 Jan 2032 20:00> (Europe/Paris)`);
    expect(lookup.mock.calls.map(([key]) => key).sort()).toEqual([...written.keys()].sort());
    // Asked again: answered from memory, not looked up again.
    later.describeWindow(start, end, 'Europe/Paris', 'en');
    expect(lookup).toHaveBeenCalledTimes(written.size);
    // A text it was not given is formatted.
    const notGiven = Date.parse('2031-06-01T12:00:00Z');
    const unknown = vi.fn(() => undefined);
    later.useKnownTexts(unknown);
    expect(later.localIso(notGiven, 'Europe/Paris')).toBe('2031-06-01T14:00:00.000+02:00');
    expect(unknown).toHaveBeenCalledWith(`${notGiven}|Europe/Paris|iso`);
  });
});
