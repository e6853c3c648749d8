import { describe, expect, it } from 'vitest';
import { nearestRound } from '../../../src/tui/model/live.js';
import { messagesFor } from '../../../src/tui/messages.js';
import { bandsForRegion, buildAxis, buildBands, buildMarks, collapsedLine, columnOf, timelineSpan } from '../../../src/tui/model/timeline.js';
import { frenchPolicy } from '../../helpers/policies.js';
import { initialState } from '../../../src/tui/model/state.js';
import { exampleStore, FRIDAY_23H } from '../helpers.js';

describe('the weekend timeline', () => {
  it('spans the round’s block windows with a margin of 8% on each side', async () => {
    const focus = nearestRound(await frenchPolicy(), FRIDAY_23H, 'en')!;
    const span = timelineSpan(focus);
    const margin = Math.round((focus.endMs - focus.startMs) * 0.08);
    expect([span.startMs, span.endMs]).toEqual([focus.startMs - margin, focus.endMs + margin]);
  });

  it('places instants in columns, [start, end) like the windows', () => {
    const span = { startMs: 0, endMs: 1000 };
    expect([columnOf(span, 10, -1), columnOf(span, 10, 0), columnOf(span, 10, 99), columnOf(span, 10, 100), columnOf(span, 10, 999), columnOf(span, 10, 1000)]).toEqual([-1, 0, 0, 1, 9, -1]);
  });

  it('draws one band per group of regions whose silence looks the same, the home region first, then earliest first', async () => {
    const policy = await frenchPolicy();
    const focus = nearestRound(policy, FRIDAY_23H, 'en')!;
    // One column per hour from Fri 00:00Z: every start lands on its own column.
    const span = { startMs: Date.parse('2017-05-05T00:00:00Z'), endMs: Date.parse('2017-05-08T00:00:00Z') };
    const bands = buildBands(policy, focus, span, 72, messagesFor('en'), 'en');
    expect(bands.map((band) => [band.label, band.cells.indexOf('█'), band.cells.lastIndexOf('█')])).toEqual([
      // Mainland France, the policy's home region (its default audience's first), though its silence starts last.
      ['FR-MET', 22, 65],
      ['PM', 2, 65],
      // The consulates of the Americas vote on Saturday too, in the zones of their cities.
      ['GF, FE-AM-ATL, FE-AM-SUD, FE-AM-CHL', 3, 65],
      ['GP, MQ, BL, MF, FE-AM-EST, FE-AM-CAR, FE-AM-PRY', 4, 65],
      ['FE-AM-CEN-US, FE-AM-MEX, FE-AM-AND', 5, 65],
      ['FE-AM-CAM', 6, 65],
      ['FE-AM-PAC', 7, 65],
      ['PF', 10, 65],
      ['WF', 12, 65],
      ['NC', 13, 65],
      ['RE', 20, 65],
      ['YT', 21, 65],
    ]);
    // The mainland's last 48 h of campaign (L48-2, review) run from Thursday 00:00 Paris until the silence.
    expect(bands[0]!.cells.slice(0, 22)).toBe('░'.repeat(22));
    expect(bands[0]!.regions).toEqual([0]);
    expect(bands[3]!.regions.map((region) => policy.regions[region]!.code)).toEqual(['GP', 'MQ', 'BL', 'MF', 'FE-AM-EST', 'FE-AM-CAR', 'FE-AM-PRY']);
  });

  it('marks each column with the worst status of its records', async () => {
    const store = await exampleStore();
    const { order } = initialState(store, 12, 10);
    const span = { startMs: Date.parse('2017-05-05T00:00:00Z'), endMs: Date.parse('2017-05-08T00:00:00Z') };
    const marks = buildMarks(store, order, span, 72);
    // Fri 14:00Z (16:00 Paris): a poll blocked in Wallis and Nouméa; Fri 16:00Z: GP post blocked beside a mainland post allowed.
    expect(marks[14]).toBe('x');
    expect(marks[16]).toBe('x');
    // Results at Sun 19:59:59.999 Paris are blocked (column 17:00Z); at 20:00:00 they are allowed (column 18:00Z).
    expect(marks[65]).toBe('x');
    expect(marks[66]).toBe('·');
    // Sat 08:00Z: a leak article under review (CNCCEP) beside an allowed poll left online.
    expect(marks[32]).toBe('!');
    expect(marks[0]).toBe(' ');
    expect(buildMarks(store, order, { startMs: 0, endMs: 1000 }, 10)).toBe(' '.repeat(10));
  });

  it('labels local midnights of the policy zone', () => {
    const span = { startMs: Date.parse('2017-05-05T00:00:00Z'), endMs: Date.parse('2017-05-08T00:00:00Z') };
    const axis = buildAxis(span, 72, 'Europe/Paris', 'en');
    // Sat 00:00 Paris is Fri 22:00Z: column 22.
    expect(axis.indexOf('|Sat 6')).toBe(22);
    expect(axis.indexOf('|Sun 7')).toBe(46);
    expect(buildAxis(span, 72, 'Europe/Paris', 'fr')).toContain('|sam. 6');
  });
});

describe('the timeline under a region filter, and the bands left out', () => {
  const span = { startMs: Date.parse('2017-05-05T00:00:00Z'), endMs: Date.parse('2017-05-08T00:00:00Z') };

  it('draws only the filtered region’s band, under its own code', async () => {
    const policy = await frenchPolicy();
    const bands = buildBands(policy, nearestRound(policy, FRIDAY_23H, 'en')!, span, 72, messagesFor('en'), 'en');
    const martinique = policy.regions.findIndex((region) => region.code === 'MQ');
    const [only, ...others] = bandsForRegion(policy, bands, martinique);
    expect(others).toEqual([]);
    expect(only).toEqual({ label: 'MQ', cells: bands[3]!.cells, regions: [martinique] });
    expect(bandsForRegion(policy, bands, -1)).toBe(bands);
  });

  it('names the groups left out, by name when they fit, else by code, cut last', async () => {
    const policy = await frenchPolicy();
    const bands = buildBands(policy, nearestRound(policy, FRIDAY_23H, 'en')!, span, 72, messagesFor('en'), 'en');
    const hidden = bands.slice(6);
    expect(hidden.map((band) => band.label)).toEqual(['FE-AM-PAC', 'PF', 'WF', 'NC', 'RE', 'YT']);
    expect(collapsedLine(policy, bands.slice(9), 80, messagesFor('en'), 'en')).toBe('+3: New Caledonia, La Réunion, Mayotte');
    expect(collapsedLine(policy, bands.slice(1), 80, messagesFor('fr'), 'fr')).toBe('+11 : toutes les régions sauf France métropolitaine et Corse');
    // Names would not fit: codes, cut last.
    expect(collapsedLine(policy, hidden, 80, messagesFor('en'), 'en')).toBe('+6: FE-AM-PAC, PF, WF, NC, RE, YT');
    expect(collapsedLine(policy, bands.slice(2), 42, messagesFor('en'), 'en')).toBe('+10: GF, FE-AM-ATL, FE-AM-SUD, FE-AM-CHL,…');
    expect(collapsedLine(policy, bands.slice(2), 20, messagesFor('en'), 'en')).toBe('+10: GF, FE-AM-ATL,…');
  });

  it('marks each column with the records’ status for the filtered region, leaving out those that do not reach it', async () => {
    const store = await exampleStore();
    const { order } = initialState(store, 12, 10);
    const policy = store.policy;
    const mainland = policy.regions.findIndex((region) => region.code === 'FR-MET');
    const marks = buildMarks(store, order, span, 72, mainland);
    // Fri 16:00 Paris: the poll is blocked only in New Caledonia and Wallis: allowed for the mainland; the GP post does not reach it.
    expect(buildMarks(store, order, span, 72)[14]).toBe('x');
    expect(marks[14]).toBe('·');
    expect(marks[16]).toBe('·');
    // Sat 00:00 Paris (Fri 22:00Z): propaganda is blocked in the mainland too.
    expect(marks[22]).toBe('x');
  });
});
