import { describe, expect, it } from 'vitest';
import { describeInstant, homeZone } from '../../src/report/instant-text.js';
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

  it('takes the French policy home zone from its default audience', async () => {
    expect(homeZone(await frenchPolicy())).toBe('Europe/Paris');
  });
});
