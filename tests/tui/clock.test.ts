import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { changePoints, recheckClocked, steadyAround } from '../../src/tui/clock.js';
import { loadRecords, newStore } from '../../src/tui/session.js';
import { initialState, reduce, selectedRow } from '../../src/tui/model/state.js';
import { frenchChecker } from './helpers.js';

/** Sat 6 May 2017 00:00 in Paris, from luxon, not from the policy: the mainland silence of round 2 starts there. */
const MIDNIGHT = DateTime.fromISO('2017-05-06T00:00', { zone: 'Europe/Paris' }).toMillis();

const drafts = [
  { id: 'tract', title: 'Tract sans date', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' },
  { id: 'article', title: 'Article sans date', categories: ['news'], audience: ['FR-MET'], channel: 'web' },
  { id: 'dated', title: 'Tract daté', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' },
  // The same id again: invalid whenever it is checked, so never checked again.
  { id: 'tract', title: 'Doublon', categories: ['propaganda'], audience: ['FR-MET'] },
];

async function loaded(clockMs: number) {
  const checker = await frenchChecker();
  const file = join(mkdtempSync(join(tmpdir(), 'blackout-clock-')), 'drafts.json');
  writeFileSync(file, JSON.stringify(drafts));
  const store = newStore(checker, 'en');
  await loadRecords(store, { checker, files: [file], clockMs, lang: 'en' });
  return { checker, store };
}

const statuses = (store: Awaited<ReturnType<typeof loaded>>['store']) => Array.from({ length: store.length }, (_, index) => store.verdict(index).status);

describe('the instants where an answer can change', () => {
  it('are every window edge of the compiled timeline and every provisional span’s, sorted and distinct', async () => {
    const { policy } = await frenchChecker();
    const points = changePoints(policy);
    for (let index = 1; index < points.length; index++) expect(points[index]!).toBeGreaterThan(points[index - 1]!);
    for (const edge of policy.timeline.edges) expect(points).toContain(edge);
    for (const span of policy.provisionalSpans) expect([points.includes(span.startMs), points.includes(span.endMs)]).toEqual([true, true]);
    expect(points).toContain(MIDNIGHT);
  });

  it('bound an interval closed at its start and open at its end, as the windows are', async () => {
    const { policy } = await frenchChecker();
    expect(steadyAround(policy, MIDNIGHT).fromMs).toBe(MIDNIGHT);
    expect(steadyAround(policy, MIDNIGHT - 1).untilMs).toBe(MIDNIGHT);
    expect(steadyAround(policy, MIDNIGHT).untilMs).toBeGreaterThan(MIDNIGHT);
    expect(steadyAround(policy, -1e15)).toEqual({ fromMs: -Infinity, untilMs: changePoints(policy)[0] });
  });
});

describe('records without publishedAt as the clock runs', () => {
  it('are checked at the clock and again once it crosses Saturday 00:00 Paris, not before, and only they', async () => {
    const { checker, store } = await loaded(MIDNIGHT - 5000);
    expect(statuses(store)).toEqual(['allowed', 'allowed', 'blocked', 'invalid']);
    expect([0, 1, 2, 3].map((index) => store.clocked(index))).toEqual([true, true, false, false]);
    // One millisecond before: the same interval, nothing to check again.
    expect(recheckClocked(store, checker, store.length, MIDNIGHT - 1, 'en')).toEqual([]);
    expect(store.verdict(0).at).toBe(new Date(MIDNIGHT - 5000).toISOString());
    // At midnight exactly: the two drafts are checked again there; the propaganda is now blocked until Sunday 20:00.
    expect(recheckClocked(store, checker, store.length, MIDNIGHT, 'en')).toEqual([0, 1]);
    expect(statuses(store)).toEqual(['blocked', 'allowed', 'blocked', 'invalid']);
    expect(store.verdict(0).at).toBe(new Date(MIDNIGHT).toISOString());
    expect(store.verdict(0).earliestAllowedAt).toBe(DateTime.fromISO('2017-05-07T20:00', { zone: 'Europe/Paris' }).toUTC().toISO());
    expect(store.atMs(0)).toBe(MIDNIGHT);
    // Within the same interval the clock runs on without a check.
    expect(recheckClocked(store, checker, store.length, MIDNIGHT + 3_600_000, 'en')).toEqual([]);
  });

  it('only among the records the screen knows of (a load may still be adding more)', async () => {
    const { checker, store } = await loaded(MIDNIGHT - 5000);
    expect(recheckClocked(store, checker, 1, MIDNIGHT, 'en')).toEqual([0]);
    expect(statuses(store)).toEqual(['blocked', 'allowed', 'blocked', 'invalid']);
    expect(recheckClocked(store, checker, store.length, MIDNIGHT, 'en')).toEqual([1]);
  });

  it('take their new place, status and filter in the list at the tick, the selection staying on its record', async () => {
    const { checker, store } = await loaded(MIDNIGHT - 5000);
    let state = initialState(store, checker.policy.regions.length, 10, false, MIDNIGHT - 5000);
    // In time order: the drafts and the duplicate at the clock (Fri 23:59:55), then the dated record (Sat 10:00).
    expect([...state.order]).toEqual([0, 1, 3, 2]);
    state = reduce(state, { type: 'cycleStatus' });
    expect(state.filter.status).toBe('blocked');
    expect([...state.view]).toEqual([2]);
    expect(reduce(state, { type: 'tick', nowMs: MIDNIGHT - 1, rechecked: [] }).view).toBe(state.view);
    const rechecked = recheckClocked(store, checker, store.length, MIDNIGHT, 'en');
    const after = reduce(state, { type: 'tick', nowMs: MIDNIGHT, rechecked });
    // The propaganda draft is blocked now, at midnight, before the Saturday 10:00 record.
    expect([...after.order]).toEqual([3, 0, 1, 2]);
    expect([...after.view]).toEqual([0, 2]);
    expect(selectedRow(after)!.key).toBe('dated');
    expect(after.nowMs).toBe(MIDNIGHT);
    expect(after.notice).toEqual({ kind: 'rechecked', count: 2, atMs: MIDNIGHT });
    expect(store.row(0).verdict.status).toBe('blocked');
  });

  it('leave the list as it is at a tick that checks nothing again: only the clock moves', async () => {
    const { checker, store } = await loaded(MIDNIGHT - 5000);
    const state = initialState(store, checker.policy.regions.length, 10, false, MIDNIGHT - 5000);
    const ticked = reduce(state, { type: 'tick', nowMs: MIDNIGHT - 4000, rechecked: recheckClocked(store, checker, store.length, MIDNIGHT - 4000, 'en') });
    expect(ticked.order).toBe(state.order);
    expect(ticked.view).toBe(state.view);
    expect(ticked.nowMs).toBe(MIDNIGHT - 4000);
    expect(ticked.notice).toBeUndefined();
  });
});
