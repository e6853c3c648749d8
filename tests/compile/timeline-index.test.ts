/**
 * The timeline's per-UTC-day index: segmentAt must agree with a linear search
 * over the edges, for edges on day boundaries, at 23:59:59.999, several in one
 * day, before 1970, and for spans beyond the index (more than 1,000,000 days),
 * where the plain binary search takes over. Also the slices each segment
 * holds, and their region masks, against a brute-force listing; and each
 * timeline stored and restored as the policy cache does, which must agree, and
 * stored numbers that do not fit, which are refused.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../../bench/records.mjs';
import { createChecker, loadPolicyFromText, type CompiledWindow, type RuleInfo } from '../../src/index.js';
import type { WindowList } from '../../src/compile/restored-window.js';
import { Timeline } from '../../src/compile/timeline.js';
import { frenchPolicy, syntheticPolicy } from '../helpers/policies.js';

const DAY = 86_400_000;
const utc = (text: string): number => {
  const ms = Date.parse(text);
  expect(Number.isFinite(ms), text).toBe(true);
  return ms;
};

function rule(index: number): RuleInfo {
  return {
    index,
    id: `rule-${index}`,
    title: `Rule ${index}`,
    citation: { text: `Article ${index}` },
    severity: 'block',
    categories: [0],
    channels: undefined,
    publisherKinds: undefined,
    detectable: false,
    reviewsUncategorised: false,
  };
}

function window(ruleInfo: RuleInfo, region: number, startMs: number, endMs: number): CompiledWindow {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    rule: ruleInfo,
    election: 'e-r1',
    region,
    startMs,
    endMs,
    utc: { start: iso(startMs), end: iso(endMs) },
    local: { start: iso(startMs), end: iso(endMs), zone: 'UTC' },
    provisional: false,
    provisionalCalendar: false,
    messages: new Map([['en', 'm']]),
  };
}

/** Sorted distinct edges, computed without the Timeline. */
function bruteEdges(windows: readonly CompiledWindow[]): number[] {
  return [...new Set(windows.flatMap((w) => [w.startMs, w.endMs]))].sort((a, b) => a - b);
}

/** Linear search: the last edge at or before ms, or -1 outside [first edge, last edge). */
function bruteSegment(edges: readonly number[], ms: number): number {
  if (edges.length < 2 || !(ms >= edges[0]!) || ms >= edges[edges.length - 1]!) return -1;
  let found = -1;
  for (let index = 0; index < edges.length; index++) if (edges[index]! <= ms) found = index;
  return found;
}

/** What a segment should hold: covering windows in policy order, grouped by consecutive rule, with region masks. */
function bruteSlices(windows: readonly CompiledWindow[], edges: readonly number[], segment: number) {
  const at = edges[segment]!;
  const slices: { rule: string; windows: CompiledWindow[]; regionMask: number }[] = [];
  for (const w of windows) {
    if (!(w.startMs <= at && at < w.endMs)) continue;
    const last = slices[slices.length - 1];
    if (last && last.rule === w.rule.id) last.windows.push(w);
    else slices.push({ rule: w.rule.id, windows: [w], regionMask: 0 });
  }
  for (const slice of slices) {
    slice.regionMask = slice.windows.some((w) => w.region > 30) ? -1 : slice.windows.reduce((mask, w) => mask | (2 ** w.region), 0) | 0;
  }
  return slices;
}

/** Each edge, 1 ms and 0.5 ms either side, the UTC day starts and ends around each edge, and the bounds. */
function probesAround(edges: readonly number[]): number[] {
  const probes = new Set<number>();
  for (const edge of edges) {
    for (const delta of [-1, -0.5, 0, 0.5, 1]) probes.add(edge + delta);
    const dayStart = Math.floor(edge / DAY) * DAY;
    for (const ms of [dayStart - DAY, dayStart - 1, dayStart, dayStart + 1, dayStart + DAY - 1, dayStart + DAY, dayStart + DAY + 1]) probes.add(ms);
  }
  return [...probes];
}

function expectAgreement(windows: readonly CompiledWindow[], extraProbes: readonly number[] = []): Timeline {
  const timeline = new Timeline(windows);
  const edges = bruteEdges(windows);
  expect([...timeline.edges]).toEqual(edges);
  const wrong: string[] = [];
  for (const ms of [...probesAround(edges), ...extraProbes]) {
    const expected = bruteSegment(edges, ms);
    const got = timeline.segmentAt(ms);
    if (got !== expected) wrong.push(`${ms} (${Number.isInteger(ms) ? new Date(ms).toISOString() : 'fractional'}): ${got} instead of ${expected}`);
  }
  expect(wrong.slice(0, 20)).toEqual([]);
  expect(timeline.segments).toHaveLength(Math.max(0, edges.length - 1));
  for (let segment = 0; segment < timeline.segments.length; segment++) {
    const got = timeline.segments[segment]!.map((slice) => ({ rule: slice.rule.id, windows: [...slice.windows], regionMask: slice.regionMask }));
    expect(got, `segment ${segment}`).toEqual(bruteSlices(windows, edges, segment));
  }
  expectSameAfterRestore(timeline, windows, [...probesAround(edges), ...extraProbes]);
  return timeline;
}

/** The rules of some windows, at their indices. */
function rulesOf(windows: readonly CompiledWindow[]): RuleInfo[] {
  const rules: RuleInfo[] = [];
  for (const w of windows) rules[w.rule.index] = w.rule;
  return rules;
}

/** Windows as a restored policy lists them. */
function listOf(windows: readonly CompiledWindow[]): WindowList {
  return { length: windows.length, at: (index) => windows[index]!, all: () => windows };
}

/** A timeline stored and restored (as the policy cache does) has the same edges, the same slices of the same windows, and finds the same segments. */
function expectSameAfterRestore(timeline: Timeline, windows: readonly CompiledWindow[], probes: readonly number[]): void {
  const restored = Timeline.restore(timeline.store((w) => windows.indexOf(w)), listOf(windows), rulesOf(windows));
  expect(restored.edges).toEqual(timeline.edges);
  expect(restored.segments).toHaveLength(timeline.segments.length);
  timeline.segments.forEach((slices, segment) => {
    expect(restored.segments[segment]!.map((slice) => slice.regionMask)).toEqual(slices.map((slice) => slice.regionMask));
    slices.forEach((slice, index) => {
      const other = restored.segments[segment]![index]!;
      expect(other.rule).toBe(slice.rule);
      expect(other.windows).toHaveLength(slice.windows.length);
      slice.windows.forEach((w, at) => expect(other.windows[at]).toBe(w));
    });
  });
  expect(probes.filter((ms) => restored.segmentAt(ms) !== timeline.segmentAt(ms))).toEqual([]);
}

describe('segmentAt through the day index', () => {
  const r0 = rule(0);
  const r1 = rule(1);
  const r2 = rule(2);

  it('finds windows starting and ending at 00:00 UTC and at 23:59:59.999', () => {
    const windows = [
      window(r0, 0, utc('2030-06-07T00:00:00Z'), utc('2030-06-08T00:00:00Z')),
      window(r0, 1, utc('2030-06-08T00:00:00Z'), utc('2030-06-08T23:59:59.999Z')),
      window(r1, 0, utc('2030-06-08T23:59:59.999Z'), utc('2030-06-10T00:00:00Z')),
      window(r2, 2, utc('2030-06-09T23:59:59.999Z'), utc('2030-06-12T23:59:59.999Z')),
    ];
    const timeline = expectAgreement(windows);
    // Spelled out: [06-07, 06-08) [06-08, 06-08T23:59:59.999) [.., 06-09T23:59:59.999) [.., 06-10) [06-10, 06-12T23:59:59.999).
    expect(timeline.segmentAt(utc('2030-06-06T23:59:59.999Z'))).toBe(-1);
    expect(timeline.segmentAt(utc('2030-06-07T00:00:00Z'))).toBe(0);
    expect(timeline.segmentAt(utc('2030-06-07T23:59:59.999Z'))).toBe(0);
    expect(timeline.segmentAt(utc('2030-06-08T00:00:00Z'))).toBe(1);
    expect(timeline.segmentAt(utc('2030-06-08T23:59:59.998Z'))).toBe(1);
    expect(timeline.segmentAt(utc('2030-06-08T23:59:59.999Z'))).toBe(2);
    expect(timeline.segmentAt(utc('2030-06-09T00:00:00Z'))).toBe(2);
    expect(timeline.segmentAt(utc('2030-06-09T23:59:59.999Z'))).toBe(3);
    expect(timeline.segmentAt(utc('2030-06-10T00:00:00Z'))).toBe(4);
    expect(timeline.segmentAt(utc('2030-06-12T23:59:59.998Z'))).toBe(4);
    expect(timeline.segmentAt(utc('2030-06-12T23:59:59.999Z'))).toBe(-1);
  });

  it('finds each of several edges within one day, and the days without an edge between them', () => {
    const day = utc('2030-06-09T00:00:00Z');
    const within = [1, 2, 3_600_000, 3_600_001, 21_600_000, 43_199_999, 43_200_000, 86_399_998, 86_399_999];
    const windows = within.map((offset, index) => window(index % 2 === 0 ? r0 : r1, index % 3, day + offset, day + 20 * DAY - index));
    windows.sort((a, b) => a.rule.index - b.rule.index);
    const timeline = expectAgreement(windows, Array.from({ length: 25 }, (_, d) => day + d * DAY + 12 * 3_600_000));
    expect(timeline.segmentAt(day)).toBe(-1);
    expect(timeline.segmentAt(day + 1)).toBe(0);
    expect(timeline.segmentAt(day + 3_600_000)).toBe(2);
    expect(timeline.segmentAt(day + 86_399_999)).toBe(8);
    expect(timeline.segmentAt(day + 5 * DAY)).toBe(8);
  });

  it('works before 1970 (negative epoch), across 1970 and on 1969-12-31T23:59:59.999', () => {
    const windows = [
      window(r0, 0, utc('1969-12-30T00:00:00Z'), utc('1970-01-02T00:00:00Z')),
      window(r0, 1, -1, 1),
      window(r1, 0, utc('1968-02-29T12:00:00Z'), utc('1969-12-31T23:59:59.999Z')),
      window(r2, 3, utc('1900-01-01T00:00:00Z'), utc('1900-01-01T00:00:00.001Z')),
      window(r2, 4, utc('1000-01-01T00:00:00Z'), utc('1000-01-02T23:59:59.999Z')),
    ];
    const timeline = expectAgreement(windows);
    expect(timeline.segmentAt(-1)).toBe(timeline.segmentAt(utc('1969-12-31T23:59:59.999Z')));
    expect(timeline.segmentAt(-2)).toBe(timeline.segmentAt(utc('1969-12-31T00:00:00Z')));
    expect(timeline.segmentAt(1)).toBe(timeline.segmentAt(utc('1970-01-01T12:00:00Z')));
    // [-1 ms, +1 ms) is one segment around the epoch.
    expect(timeline.segmentAt(0)).toBe(timeline.segmentAt(-1));
    expect(timeline.segmentAt(1)).not.toBe(timeline.segmentAt(0));
    expect(timeline.segmentAt(-1)).not.toBe(timeline.segmentAt(-2));
    expect(timeline.segmentAt(utc('1900-01-01T00:00:00.001Z'))).toBe(timeline.segmentAt(utc('1950-01-01T00:00:00Z')));
    expect(timeline.segmentAt(utc('1000-01-01T00:00:00Z'))).toBe(0);
    expect(timeline.segmentAt(utc('0999-12-31T23:59:59.999Z'))).toBe(-1);
  });

  it('indexes from a first edge before 1970 that is not on a day boundary', () => {
    const windows = [
      window(r0, 0, utc('1969-12-30T18:00:00.001Z'), utc('1969-12-31T06:00:00Z')),
      window(r0, 1, utc('1969-12-31T05:59:59.999Z'), utc('1970-01-01T00:00:00.001Z')),
      window(r1, 2, utc('1969-12-31T23:59:59.999Z'), utc('1970-01-03T12:00:00Z')),
      window(r2, 0, utc('1912-06-23T13:14:15.016Z'), utc('1912-06-23T13:14:15.017Z')),
    ];
    const timeline = expectAgreement(windows);
    expect(timeline.segmentAt(utc('1912-06-23T13:14:15.016Z'))).toBe(0);
    expect(timeline.segmentAt(utc('1912-06-23T13:14:15.015Z'))).toBe(-1);
    expect(timeline.segmentAt(utc('1969-12-30T18:00:00.001Z'))).toBe(2);
    expect(timeline.segmentAt(utc('1969-12-30T18:00:00Z'))).toBe(1);
  });

  it('falls back to the plain binary search beyond 1,000,000 days (year 1000 to 9999), and agrees either side of the limit', () => {
    const first = utc('1000-01-01T00:00:00Z');
    const last = utc('9999-12-31T00:00:00Z');
    expect((last - first) / DAY).toBeGreaterThan(1_000_000);
    const windows = [
      window(r0, 0, first, first + DAY),
      window(r0, 1, first + DAY - 1, utc('2017-05-06T10:00:00Z')),
      window(r1, 0, utc('2017-05-06T10:00:00Z'), utc('2017-05-07T23:59:59.999Z')),
      window(r2, 5, utc('9999-12-30T00:00:00Z'), last),
      window(r2, 6, utc('9999-12-30T23:59:59.999Z'), last + DAY - 1),
    ];
    expectAgreement(windows, [utc('5000-06-15T12:00:00Z'), utc('1969-12-31T23:59:59.999Z'), 0]);
    // Right at the limit: the index covers (last day - first day + 2) days, at most 1,000,000.
    const start = utc('1990-03-04T05:06:07.008Z');
    const firstDay = Math.floor(start / DAY);
    for (const lastDay of [firstDay + 999_997, firstDay + 999_998, firstDay + 999_999]) {
      const end = lastDay * DAY + 123;
      const span = [window(r0, 0, start, start + DAY), window(r0, 1, start + 1, end - 1), window(r1, 2, end - DAY, end)];
      expectAgreement(span, [start + 500_000 * DAY, (lastDay - 1) * DAY, lastDay * DAY, lastDay * DAY - 1]);
    }
  });

  it('agrees with a linear search on random timelines clustered around day boundaries', () => {
    const next = random(49);
    const rules = Array.from({ length: 6 }, (_, index) => rule(index));
    for (let trial = 0; trial < 150; trial++) {
      // From about 1962 to 2072: a third of the timelines start before 1970.
      const base = utc('2017-05-05T00:00:00Z') + Math.floor((next() - 0.5) * 40_000) * DAY;
      const pick = (): number => {
        const day = base + Math.floor(next() * 6) * DAY;
        const kind = next();
        if (kind < 0.3) return day;
        if (kind < 0.45) return day - 1;
        if (kind < 0.55) return day + 1;
        return day + Math.floor(next() * DAY);
      };
      const windows: CompiledWindow[] = [];
      const count = 1 + Math.floor(next() * 25);
      for (let index = 0; index < count; index++) {
        const a = pick();
        let b = pick();
        if (b === a) b = a + 1 + Math.floor(next() * 3);
        windows.push(window(rules[Math.floor(next() * rules.length)]!, Math.floor(next() * 40), Math.min(a, b), Math.max(a, b)));
      }
      windows.sort((a, b) => a.rule.index - b.rule.index || a.region - b.region);
      const randomProbes = Array.from({ length: 40 }, () => base - DAY + Math.floor(next() * 8 * DAY));
      expectAgreement(windows, randomProbes);
    }
  });
});

describe('a stored timeline', () => {
  const r0 = rule(0);
  const r1 = rule(1);
  const windows = [window(r0, 0, 0, 10 * DAY), window(r0, 1, 2 * DAY, 12 * DAY), window(r1, 0, 5 * DAY, 6 * DAY)];
  const stored = new Timeline(windows).store((w) => windows.indexOf(w));

  it('is restored from its numbers', () => {
    expect(stored.edges).toEqual([0, 2 * DAY, 5 * DAY, 6 * DAY, 10 * DAY, 12 * DAY]);
    // Segment [0, 2) days: one slice, of rule 0, region mask 1, one window: the first.
    expect([...stored.slices.slice(0, 5)]).toEqual([1, 0, 1, 1, 0]);
    expectSameAfterRestore(new Timeline(windows), windows, [-1, 0, 3 * DAY, 5 * DAY, 11 * DAY, 12 * DAY]);
  });

  it.each([
    ['a window index beyond the windows', (slices: number[]) => (slices[4] = 3)],
    ['a negative slice count', (slices: number[]) => (slices[0] = -1)],
    ['more slices than rules', (slices: number[]) => (slices[0] = 3)],
    ['a negative window index', (slices: number[]) => (slices[4] = -1)],
    ['a rule index beyond the rules', (slices: number[]) => (slices[1] = 2)],
    ['more windows in a slice than there are', (slices: number[]) => (slices[3] = 4)],
    ['a number left over', (slices: number[]) => slices.push(0)],
    ['a number missing', (slices: number[]) => slices.pop()],
  ])('with %s, has its segments cut from the windows', (_name, damage) => {
    const slices = [...stored.slices];
    damage(slices);
    const restored = Timeline.restore({ ...stored, slices: Int32Array.from(slices) }, listOf(windows), [r0, r1]);
    const fresh = new Timeline(windows);
    expect(restored.segments).toEqual(fresh.segments);
  });

  it('is refused with edges out of order', () => {
    const edges = [...stored.edges];
    [edges[1], edges[2]] = [edges[2]!, edges[1]!];
    expect(() => Timeline.restore({ ...stored, edges }, listOf(windows), [r0, r1])).toThrow(/does not fit/);
  });

  it.each([
    ['a start beyond the numbers', (starts: number[]) => (starts[1] = 1000)],
    ['starts out of order', (starts: number[]) => ([starts[1], starts[2]] = [starts[2]!, starts[1]!])],
    ['a start missing', (starts: number[]) => starts.pop()],
  ])('is refused with %s', (_name, damage) => {
    const starts = [...stored.starts];
    damage(starts);
    expect(() => Timeline.restore({ ...stored, starts: Int32Array.from(starts) }, listOf(windows), [r0, r1])).toThrow(/does not fit/);
  });
});

describe('the timelines policies compile to', () => {
  it('agrees with a linear search at every edge of the French policy, 1 ms either side', async () => {
    const policy = await frenchPolicy();
    const edges = bruteEdges(policy.windows);
    expect([...policy.timeline.edges]).toEqual(edges);
    const wrong = probesAround(edges).filter((ms) => policy.timeline.segmentAt(ms) !== bruteSegment(edges, ms));
    expect(wrong).toEqual([]);
  });

  it('compiles fixed anchors in the years 1000 and 9999 into one timeline the checker reads', () => {
    const policy = loadPolicyFromText(
      syntheticPolicy({
        regions: { AA: 'UTC', BB: 'Pacific/Kiritimati' },
        elections: `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`,
        rules: `  - id: ancient
    title: Ancient
    citation: { text: A }
    severity: block
    covers: { categories: [propaganda], regions: [AA] }
    window:
      start: { kind: fixed, dateTime: "1000-01-01T00:00", zone: UTC }
      end: { kind: fixed, dateTime: "1000-01-02T23:59", zone: UTC }
  - id: modern
    title: Modern
    citation: { text: B }
    severity: block
    covers: { categories: [propaganda], regions: [AA] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: UTC }
      end: { kind: votingDay, days: 0, time: "20:00", zone: UTC }
  - id: distant
    title: Distant
    citation: { text: C }
    severity: review
    covers: { categories: [propaganda] }
    window:
      start: { kind: fixed, dateTime: "9999-12-30T00:00", zone: UTC }
      end: { kind: fixed, dateTime: "9999-12-31T23:59", zone: UTC }`,
      }),
    );
    const edges = bruteEdges(policy.windows);
    expect(edges).toEqual([
      utc('1000-01-01T00:00:00Z'),
      utc('1000-01-02T23:59:00Z'),
      utc('2030-06-08T00:00:00Z'),
      utc('2030-06-09T20:00:00Z'),
      utc('9999-12-30T00:00:00Z'),
      utc('9999-12-31T23:59:00Z'),
    ]);
    expect([...policy.timeline.edges]).toEqual(edges);
    expect(probesAround(edges).filter((ms) => policy.timeline.segmentAt(ms) !== bruteSegment(edges, ms))).toEqual([]);

    const checker = createChecker(policy);
    const statusAt = (at: string, audience = ['AA']) => checker.check({ id: 'x', categories: ['propaganda'], audience }, { at }).status;
    expect(statusAt('1000-01-01T00:00:00.000+00:01')).toBe('allowed');
    expect(statusAt('1000-01-01T00:00:00.000Z')).toBe('blocked');
    expect(statusAt('1000-01-02T23:58:59.999Z')).toBe('blocked');
    expect(statusAt('1000-01-02T23:59:00.000Z')).toBe('allowed');
    expect(statusAt('2030-06-07T23:59:59.999Z')).toBe('allowed');
    expect(statusAt('2030-06-08T00:00:00.000Z')).toBe('blocked');
    expect(statusAt('2030-06-09T19:59:59.999Z')).toBe('blocked');
    expect(statusAt('5000-01-01T00:00:00.000Z')).toBe('allowed');
    expect(statusAt('9999-12-29T23:59:59.999Z')).toBe('allowed');
    expect(statusAt('9999-12-30T00:00:00.000Z')).toBe('review');
    expect(statusAt('9999-12-31T23:58:59.999+00:00', ['BB'])).toBe('review');
    expect(statusAt('9999-12-31T23:59:00.000Z', ['BB'])).toBe('allowed');
    const blocked = checker.check({ id: 'y', categories: ['propaganda'], audience: ['AA'] }, { at: '1000-01-01T12:00:00+01:00' });
    expect(blocked).toMatchObject({ status: 'blocked', at: '1000-01-01T12:00:00.000+01:00', earliestAllowedAt: '1000-01-02T23:59:00.000Z' });
  });
});
