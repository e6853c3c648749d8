import { describe, expect, it } from 'vitest';
import { filterIndices } from '../../../src/tui/model/filter.js';
import { initialState, reduce, selectedRow, visibleRows, type Action, type TuiState } from '../../../src/tui/model/state.js';
import { exampleRows, exampleStore, syntheticStore } from '../helpers.js';

const run = (state: TuiState, ...actions: Action[]) => actions.reduce(reduce, state);
const ids = (state: TuiState) => visibleRows(state).map((row) => row.key);
const syntheticRows = syntheticStore;

describe('selection and scrolling', () => {
  it('moves with the selection kept on screen, and clamps at both ends', () => {
    const state = initialState(syntheticRows(10), 3, 4);
    expect(ids(state)).toEqual(['r0', 'r1', 'r2', 'r3']);
    const down = run(state, { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 });
    expect(selectedRow(down)!.key).toBe('r4');
    expect(ids(down)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(selectedRow(run(down, { type: 'move', by: -99 }))!.key).toBe('r0');
    expect(selectedRow(run(down, { type: 'move', by: 99 }))!.key).toBe('r9');
  });

  it('pages by a screen and jumps to the first and last rows', () => {
    const state = initialState(syntheticRows(10), 3, 4);
    const paged = run(state, { type: 'page', by: 1 });
    expect(selectedRow(paged)!.key).toBe('r4');
    expect(ids(paged)).toEqual(['r4', 'r5', 'r6', 'r7']);
    const last = run(state, { type: 'last' });
    expect(ids(last)).toEqual(['r6', 'r7', 'r8', 'r9']);
    expect(selectedRow(run(last, { type: 'first' }))!.key).toBe('r0');
    expect(selectedRow(run(last, { type: 'page', by: -1 }))!.key).toBe('r5');
  });

  it('renders only the visible slice of 100,000 rows', () => {
    const state = run(initialState(syntheticRows(100_000), 3, 20), { type: 'page', by: 1 }, { type: 'last' }, { type: 'move', by: -5 });
    expect(visibleRows(state)).toHaveLength(20);
    expect(selectedRow(state)!.key).toBe('r99994');
    expect(ids(state)[0]).toBe('r99980');
  });

  it('keeps the selection on screen when the terminal shrinks', () => {
    const state = run(initialState(syntheticRows(50), 3, 20), { type: 'move', by: 15 }, { type: 'resize', pageSize: 5 });
    expect(state.pageSize).toBe(5);
    expect(ids(state)).toContain('r15');
  });
});

describe('filters and search', () => {
  it('cycles status through all, blocked, review, invalid, allowed and back, keeping the selected row when it passes', () => {
    let state = run(initialState(syntheticRows(12), 3, 5), { type: 'move', by: 5 });
    expect(selectedRow(state)!.key).toBe('r5');
    const seen: string[] = [];
    for (let step = 0; step < 5; step++) {
      state = reduce(state, { type: 'cycleStatus' });
      seen.push(`${state.filter.status}:${state.view.length}`);
    }
    expect(seen).toEqual(['blocked:3', 'review:3', 'invalid:3', 'allowed:3', 'all:12']);
    expect(selectedRow(run(initialState(syntheticRows(12), 3, 5), { type: 'move', by: 5 }, { type: 'cycleStatus' }))!.key).toBe('r5');
  });

  it('filters by audience region, then back to every region', () => {
    const state = initialState(syntheticRows(9), 3, 9);
    const first = reduce(state, { type: 'cycleRegion' });
    expect(ids(first)).toEqual(['r0', 'r3', 'r6']);
    expect(ids(run(first, { type: 'cycleRegion' }))).toEqual(['r1', 'r4', 'r7']);
    expect(run(first, { type: 'cycleRegion' }, { type: 'cycleRegion' }, { type: 'cycleRegion' }).filter.region).toBe(-1);
  });

  it('searches as you type, case-blind, narrowing from the last result; Esc clears it', () => {
    const state = run(initialState(syntheticRows(200), 3, 10), { type: 'searchStart' }, { type: 'searchInput', text: 'TITLE 1' }, { type: 'searchInput', text: '5' });
    expect(state.searching).toBe(true);
    expect(state.filter.search).toBe('title 15');
    expect(ids(state)).toEqual(['r15', 'r150', 'r151', 'r152', 'r153', 'r154', 'r155', 'r156', 'r157', 'r158']);
    expect(state.view).toEqual(filterIndices(state.store, state.order, state.filter));
    const kept = reduce(state, { type: 'searchEnd', keep: true });
    expect([kept.searching, kept.filter.search]).toEqual([false, 'title 15']);
    const back = reduce(kept, { type: 'searchBackspace' });
    expect(back.view.length).toBe(filterIndices(state.store, state.order, { ...state.filter, search: 'title 1' }).length);
    expect(reduce(kept, { type: 'escape' }).view.length).toBe(200);
    expect(reduce(state, { type: 'searchEnd', keep: false }).filter.search).toBe('');
  });

  it('goes back to the list of the shorter search on backspace, without filtering again, until records join', () => {
    const typed = run(initialState(syntheticRows(300), 3, 10), { type: 'searchStart' }, { type: 'searchInput', text: 'title 1' }, { type: 'searchInput', text: '2' });
    expect(typed.searchTrail.map((step) => step.search)).toEqual(['', 'title 1']);
    const back = reduce(typed, { type: 'searchBackspace' });
    expect(back.view).toBe(typed.searchTrail[1]!.view);
    expect(back.view).toEqual(filterIndices(back.store, back.order, back.filter));
    expect(reduce(back, { type: 'searchBackspace' }).view).toEqual(filterIndices(back.store, back.order, { ...back.filter, search: 'title ' }));
    // Another status empties the trail: its lists were for every status.
    expect(reduce(typed, { type: 'cycleStatus' }).searchTrail).toEqual([]);
    // New records: the shorter searches' lists lack them.
    syntheticStore(20, 300, typed.store);
    const grown = reduce(typed, { type: 'progress', store: typed.store, count: 320, problemCount: 0, done: true });
    expect(grown.searchTrail).toEqual([]);
    expect(ids(reduce(grown, { type: 'searchBackspace' })).length).toBe(10);
    expect(reduce(grown, { type: 'searchBackspace' }).view).toEqual(filterIndices(grown.store, grown.order, { ...grown.filter, search: 'title 1' }));
  });

  it('ignores accents and compatibility forms as well as case, as the policy’s detectors do', async () => {
    const store = await exampleStore();
    const search = (text: string) => run(initialState(store, 12, 30), { type: 'searchStart' }, { type: 'searchInput', text });
    const accented = search('résultats');
    expect(ids(accented)).toEqual(['ml-22-guadeloupe-results-saturday-night']);
    for (const typed of ['resultats', 'RESULTATS', 'RÉSULTATS', 're\u0301sultats']) expect(ids(search(typed))).toEqual(ids(accented));
    // What was typed is shown as typed.
    expect(search('Résultats').filter.search).toBe('résultats');
    expect(ids(search('enquete d’opinion'.replace('’', "'")))).toEqual(ids(search("enquête d'opinion")));
    expect(ids(search('ﬁ')).length).toBe(ids(search('fi')).length);
  });

  it('gives each record its status for the filtered region, and filters by that status', async () => {
    const store = await exampleStore();
    const blockedFor = (region: number) => ids(run(initialState(store, 12, 30), ...Array.from({ length: region + 1 }, () => ({ type: 'cycleRegion' }) as const), { type: 'cycleStatus' }));
    // Region 0 is mainland France: the Friday 16:00 poll, blocked only in New Caledonia and Wallis, is not blocked there.
    expect(blockedFor(0)).not.toContain('ml-15-poll-published-friday-afternoon');
    expect(blockedFor(0)).toContain('ml-19-supporter-tweet-local-midnight');
    expect(blockedFor(0)).not.toContain('ml-05-philippot-tweet');
    const caledonia = store.policy.regions.findIndex((region) => region.code === 'NC');
    expect(blockedFor(caledonia)).toContain('ml-15-poll-published-friday-afternoon');
    expect(ids(run(initialState(store, 12, 30), { type: 'cycleStatus' }))).toContain('ml-15-poll-published-friday-afternoon');
  });

  it('shows an empty list without a selection when nothing matches', () => {
    const state = run(initialState(syntheticRows(5), 3, 5), { type: 'searchStart' }, { type: 'searchInput', text: 'zzz' });
    expect(state.selected).toBe(-1);
    expect(selectedRow(state)).toBeUndefined();
    expect(visibleRows(state)).toEqual([]);
  });
});

describe('panes, zone and what-if', () => {
  it('cycles the list zone through the policy zone, the record’s own and UTC', () => {
    const state = initialState(syntheticRows(1), 3, 5);
    expect(state.zone).toBe('policy');
    expect(run(state, { type: 'cycleZone' }).zone).toBe('own');
    expect(run(state, { type: 'cycleZone' }, { type: 'cycleZone' }).zone).toBe('utc');
    expect(run(state, { type: 'cycleZone' }, { type: 'cycleZone' }, { type: 'cycleZone' }).zone).toBe('policy');
  });

  it('closes help first, then the detail, then the what-if, then the search, with Esc', () => {
    const whatIf = { key: 'r0', atMs: null, verdict: null };
    const open = run(initialState(syntheticRows(3), 3, 5), { type: 'searchStart' }, { type: 'searchInput', text: 'r' }, { type: 'searchEnd', keep: true }, { type: 'whatIf', result: whatIf }, { type: 'toggleHelp' });
    expect([open.help, open.detail, open.whatIf, open.filter.search]).toEqual([true, true, whatIf, 'r']);
    const steps = [1, 2, 3, 4].map((count) => run(open, ...Array.from({ length: count }, () => ({ type: 'escape' }) as const)));
    expect(steps.map((state) => [state.help, state.detail, state.whatIf !== undefined, state.filter.search])).toEqual([
      [false, true, true, 'r'],
      [false, false, true, 'r'],
      [false, false, false, 'r'],
      [false, false, false, ''],
    ]);
  });

  it('scrolls the detail, never above its first line nor past its end, and starts it over on another record', () => {
    const state = run(initialState(syntheticRows(3), 3, 5), { type: 'toggleDetail' }, { type: 'scrollDetail', by: 3, max: 7 }, { type: 'scrollDetail', by: 3, max: 7 });
    expect(state.detailScroll).toBe(6);
    expect(run(state, { type: 'scrollDetail', by: 3, max: 7 }).detailScroll).toBe(7);
    expect(run(state, { type: 'scrollDetail', by: 3, max: 7 }, { type: 'scrollDetail', by: -3, max: 7 }).detailScroll).toBe(4);
    expect(run(state, { type: 'scrollDetail', by: -30 }).detailScroll).toBe(0);
    expect(run(state, { type: 'move', by: 1 }).detailScroll).toBe(0);
  });

  it('scrolls the help on its own, from its top each time it opens', () => {
    const state = run(initialState(syntheticRows(3), 3, 5), { type: 'toggleDetail' }, { type: 'scrollDetail', by: 3, max: 9 }, { type: 'toggleHelp' }, { type: 'scrollDetail', by: 1, max: 2 }, { type: 'scrollDetail', by: 3, max: 2 });
    expect([state.helpScroll, state.detailScroll]).toEqual([2, 3]);
    expect(run(state, { type: 'toggleHelp' }, { type: 'toggleHelp' }).helpScroll).toBe(0);
  });
});

describe('reload (watch mode)', () => {
  it('keeps the selected record by id when the input is checked again, and drops a stale what-if', async () => {
    const store = await exampleStore();
    const state = run(initialState(store, 12, 5), { type: 'move', by: 7 }, { type: 'whatIf', result: { key: 'x', atMs: null, verdict: null } });
    const key = selectedRow(state)!.key;
    // The same records, one more at the top: the selection follows its record, not its place.
    const again = await exampleStore();
    const first = again.row(state.order[0]!);
    again.add({ record: { id: 'new-first' }, source: { file: 'x.json', index: 99 } }, { ...first.verdict, id: 'new-first', at: new Date(first.atMs - 1).toISOString() });
    const reloaded = reduce(state, { type: 'reload', store: again });
    expect(selectedRow(reloaded)!.key).toBe(key);
    expect(reloaded.selected).toBe(state.selected + 1);
    expect(reloaded.whatIf).toBeUndefined();
    expect(reloaded.notice).toEqual({ kind: 'reloaded', count: store.length + 1 });
    expect(reduce(state, { type: 'reloadFailed', message: 'x.json: not valid JSON' }).notice).toEqual({ kind: 'reloadFailed', message: 'x.json: not valid JSON' });
  });
});

describe('progressive loading', () => {
  it('merges each new batch into its place in time, keeping the selected record on its line of the screen', () => {
    // Records 0..99 arrive in two batches: the odd minutes first, then the even ones.
    const store = syntheticStore(0);
    const odd = Array.from({ length: 50 }, (_, index) => 2 * index + 1);
    const even = Array.from({ length: 50 }, (_, index) => 2 * index);
    for (const minute of odd) syntheticStore(1, minute, store);
    let state = run(initialState(store, 3, 10, true), { type: 'move', by: 12 }, { type: 'move', by: -4 });
    expect(state.loading).toBe(true);
    expect(selectedRow(state)!.key).toBe('r17');
    const line = state.selected - state.offset;
    for (const minute of even) syntheticStore(1, minute, store);
    state = reduce(state, { type: 'progress', store, count: 100, problemCount: 0, done: false });
    expect(state.count).toBe(100);
    expect(state.view).toHaveLength(100);
    expect(selectedRow(state)!.key).toBe('r17');
    expect(state.selected - state.offset).toBe(line);
    expect(ids(state)).toEqual(['r12', 'r13', 'r14', 'r15', 'r16', 'r17', 'r18', 'r19', 'r20', 'r21']);
    // Sorted by instant throughout, whatever the order the records came in.
    expect([...state.order]).toEqual([...state.order].sort((a, b) => store.atMs(a) - store.atMs(b)));
    const done = reduce(state, { type: 'progress', store, count: 100, problemCount: 0, done: true });
    expect(done.loading).toBe(false);
  });

  it('filters each new batch with the filter in force, and selects the first record once one passes', () => {
    const store = syntheticStore(4);
    // Only r1 is blocked so far; filter on review: nothing passes yet.
    let state = run(initialState(store, 3, 5, true), { type: 'cycleStatus' }, { type: 'cycleStatus' });
    expect(state.filter.status).toBe('review');
    expect(ids(state)).toEqual(['r2']);
    state = run(state, { type: 'searchStart' }, { type: 'searchInput', text: 'title 1' });
    expect(state.selected).toBe(-1);
    syntheticStore(20, 4, store);
    state = reduce(state, { type: 'progress', store, count: 24, problemCount: 0, done: false });
    expect(ids(state)).toEqual(['r10', 'r14', 'r18']);
    expect(selectedRow(state)!.key).toBe('r10');
    expect(state.count).toBe(24);
  });

  it('ignores progress of a store the screen has moved on from', () => {
    const state = initialState(syntheticStore(3), 3, 5, true);
    expect(reduce(state, { type: 'progress', store: syntheticStore(9), count: 9, problemCount: 0, done: true })).toBe(state);
  });
});

describe('the example through the store', () => {
  it('lists rows sorted by instant, undated last, with their texts made on first use', async () => {
    const rows = await exampleRows();
    expect(rows).toHaveLength(27);
    const times = rows.map((row) => row.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rows[0]!.title).toBe("Dernière enquête d'opinion avant le second tour");
  });
});
