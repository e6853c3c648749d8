import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { liveStates, liveStateText, nearestRound } from '../../../src/tui/model/live.js';
import { messagesFor } from '../../../src/tui/messages.js';
import { durationText } from '../../../src/tui/time-text.js';
import { frenchPolicy } from '../../helpers/policies.js';
import { FRIDAY_23H } from '../helpers.js';

const en = messagesFor('en');
const fr = messagesFor('fr');

describe('durationText', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [12 * 60_000 + 30_000, '12 min 30 s'],
    [5 * 3_600_000 + 12 * 60_000 + 59_999, '5 h 12 min'],
    [3 * 3_600_000, '3 h'],
    [45 * 3_600_000, '1 d 21 h'],
    [2 * 86_400_000, '2 d'],
  ])('%i ms is %s, rounded down', (ms, text) => {
    expect(durationText(ms, en)).toBe(text);
  });

  it('writes days as j in French', () => {
    expect(durationText(45 * 3_600_000, fr)).toBe('1 j 21 h');
  });
});

describe('nearestRound', () => {
  it('is the round whose windows hold the instant', async () => {
    const policy = await frenchPolicy();
    const focus = nearestRound(policy, FRIDAY_23H, 'en')!;
    expect(focus.ref).toBe('fr-presidentielle-2017-t2');
    expect(focus.title).toBe('2017 presidential election · round 2');
    expect(focus.provisional).toBe(false);
    expect(nearestRound(policy, FRIDAY_23H, 'fr')!.title).toBe('Élection présidentielle 2017 · 2e tour');
    // The block windows of round 2: Saint-Pierre-et-Miquelon's eve 00:00 (02:00Z) to Sunday 20:00 Paris.
    expect(new Date(focus.startMs).toISOString()).toBe('2017-05-05T02:00:00.000Z');
    expect(new Date(focus.endMs).toISOString()).toBe('2017-05-07T18:00:00.000Z');
  });

  it('switches from round 1 to round 2 halfway between the end of one and the start of the other', async () => {
    const policy = await frenchPolicy();
    // Round 1 ends Sun 23 April 18:00Z; round 2 starts Fri 5 May 02:00Z: halfway is Sat 29 April 10:00Z.
    const halfway = Date.parse('2017-04-29T10:00:00Z');
    expect(nearestRound(policy, halfway, 'en')!.ref).toBe('fr-presidentielle-2017-t1');
    expect(nearestRound(policy, halfway + 1, 'en')!.ref).toBe('fr-presidentielle-2017-t2');
    expect(nearestRound(policy, Date.parse('2017-05-09T12:00:00Z'), 'en')!.ref).toBe('fr-presidentielle-2017-t2');
  });
});

describe('liveStates', () => {
  it('puts together the regions in silence and counts down to the common end, the home region’s group first', async () => {
    const policy = await frenchPolicy();
    const focus = nearestRound(policy, FRIDAY_23H, 'en')!;
    const states = liveStates(policy, focus, FRIDAY_23H);
    expect(states.map((state) => [state.kind, new Date(state.atMs).toISOString(), state.regions.map((region) => policy.regions[region]!.code)])).toEqual([
      ['before', '2017-05-05T22:00:00.000Z', ['FR-MET']],
      ['in', '2017-05-07T18:00:00.000Z', ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', 'RE', 'YT', 'NC', 'WF', 'FE-AM-PAC', 'FE-AM-CEN-US', 'FE-AM-MEX', 'FE-AM-CAM', 'FE-AM-EST', 'FE-AM-AND', 'FE-AM-ATL', 'FE-AM-CAR', 'FE-AM-SUD', 'FE-AM-PRY', 'FE-AM-CHL']],
    ]);
    expect(states.map((state) => liveStateText(policy, state, FRIDAY_23H, en, 'en'))).toEqual([
      'Silence starts in 1 h (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica',
      'Silence in force, ends in 1 d 21 h (Sun 7 May 20:00 Europe/Paris): every region but Mainland France and Corsica',
    ]);
  });

  it('keeps the countdown whole in 80 columns: the zone goes first, then names become codes, then the regions are cut', async () => {
    const policy = await frenchPolicy();
    const [home, others] = liveStates(policy, nearestRound(policy, FRIDAY_23H, 'en')!, FRIDAY_23H);
    expect(liveStateText(policy, home!, FRIDAY_23H, en, 'en', 80)).toBe('Silence starts in 1 h (Sat 6 May 00:00): Mainland France and Corsica');
    expect(liveStateText(policy, others!, FRIDAY_23H, en, 'en', 80)).toBe('Silence in force, ends in 1 d 21 h (Sun 7 May 20:00): every region but FR-MET');
    const french = liveStateText(policy, others!, FRIDAY_23H, fr, 'fr', 80);
    expect(french).toBe('Silence en vigueur, fin dans 1 j 21 h (dim. 7 mai 20:00) : toutes les régions s…');
    expect(french).toHaveLength(80);
    // What a group of hidden lines says stays at the end.
    expect(liveStateText(policy, others!, FRIDAY_23H, en, 'en', 80, '+6 more')).toBe('Silence in force, ends in 1 d 21 h (Sun 7 May 20:00): every region bu… (+6 more)');
  });

  it('gives every instant in the home zone, and names several regions by name', async () => {
    const policy = await frenchPolicy();
    // Fri 5 May 2017 01:00 Paris: each overseas silence starts at its own midnight, told in Paris time.
    const early = Date.parse('2017-05-04T23:00:00Z');
    const paris = (zone: string) => DateTime.fromISO('2017-05-05T00:00', { zone }).setZone('Europe/Paris');
    const states = liveStates(policy, nearestRound(policy, early, 'en')!, early);
    const texts = states.map((state) => liveStateText(policy, state, early, en, 'en'));
    expect(texts[0]).toBe('Silence starts in 23 h (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    expect(texts).toContain(`Silence starts in ${paris('America/Miquelon').hour - 1} h (${paris('America/Miquelon').toFormat('ccc d LLL HH:mm')} Europe/Paris): Saint-Pierre-et-Miquelon`);
    expect(texts).toContain(
      `Silence starts in ${paris('America/Guadeloupe').hour - 1} h (${paris('America/Guadeloupe').toFormat('ccc d LLL HH:mm')} Europe/Paris): Guadeloupe, Martinique, Saint-Barthélemy, Saint-Martin, French abroad, eastern North America (New York, Washington, Boston, Miami, Atlanta, Montreal, Quebec, Ottawa, Toronto, Havana, Port-au-Prince), French abroad, Caribbean, Venezuela, Bolivia (Santo Domingo, Caracas, La Paz, Port of Spain, Castries, Georgetown), French abroad, Paraguay (Asunción)`,
    );
    expect(texts.every((text) => text.includes('Europe/Paris)'))).toBe(true);
  });

  it('says the mainland silence has begun from its first millisecond, in French too', async () => {
    const policy = await frenchPolicy();
    const start = Date.parse('2017-05-05T22:00:00Z');
    const focus = nearestRound(policy, start, 'fr')!;
    const [state, ...others] = liveStates(policy, focus, start);
    expect(others).toEqual([]);
    expect(liveStateText(policy, state!, start, fr, 'fr')).toBe('Silence en vigueur, fin dans 1 j 20 h (dim. 7 mai 20:00 Europe/Paris) : toutes les régions (FR)');
    expect(liveStateText(policy, liveStates(policy, focus, start - 1)[0]!, start - 1, en, 'en')).toBe(
      'Silence starts in 0 s (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica',
    );
  });

  it('counts the time since the end once the silence is over', async () => {
    const policy = await frenchPolicy();
    const after = Date.parse('2017-05-07T18:00:00Z') + 90 * 60_000;
    const focus = nearestRound(policy, after, 'en')!;
    const states = liveStates(policy, focus, after);
    expect(states).toHaveLength(1);
    expect(liveStateText(policy, states[0]!, after, en, 'en')).toBe('Silence ended 1 h 30 min ago (Sun 7 May 20:00 Europe/Paris): every region (FR)');
  });
});
