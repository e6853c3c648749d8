import { describe, expect, it } from 'vitest';
import { nearestRound } from '../../src/tui/live.js';
import { messagesFor } from '../../src/tui/messages.js';
import { buildAxis, buildBands, buildMarks, columnOf, timelineSpan } from '../../src/tui/timeline-model.js';
import { frenchPolicy } from '../helpers/policies.js';
import { initialState } from '../../src/tui/state.js';
import { exampleStore, FRIDAY_23H } from './helpers.js';

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

  it('draws one band per group of regions whose silence looks the same, earliest first', async () => {
    const policy = await frenchPolicy();
    const focus = nearestRound(policy, FRIDAY_23H, 'en')!;
    // One column per hour from Fri 00:00Z: every start lands on its own column.
    const span = { startMs: Date.parse('2017-05-05T00:00:00Z'), endMs: Date.parse('2017-05-08T00:00:00Z') };
    const bands = buildBands(policy, focus, span, 72, messagesFor('en'), 'en');
    expect(bands.map((band) => [band.label, band.cells.indexOf('█'), band.cells.lastIndexOf('█')])).toEqual([
      ['PM', 2, 65],
      ['GF', 3, 65],
      ['GP, MQ, BL, MF', 4, 65],
      ['PF', 10, 65],
      ['WF', 12, 65],
      ['NC', 13, 65],
      ['RE', 20, 65],
      ['YT', 21, 65],
      ['FR-MET', 22, 65],
    ]);
    // The mainland's last 48 h of campaign (L48-2, review) run from Thursday 00:00 Paris until the silence.
    expect(bands.at(-1)!.cells.slice(0, 22)).toBe('░'.repeat(22));
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
