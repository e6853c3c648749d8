import type { Verdict } from '../../engine/verdict.js';
import { filterIndices, narrows, NO_FILTER, STATUS_CYCLE, type Filter } from './filter.js';
import type { Row } from './rows.js';
import type { RecordStore } from './store.js';
import { ZONE_MODES, type ZoneMode } from '../time-text.js';

/** The verdict a record would get at its earliest allowed time. */
export interface WhatIf {
  readonly key: string;
  /** The instant tried (epoch ms), or null when the record was not blocked. */
  readonly atMs: number | null;
  readonly verdict: Verdict | null;
}

/** Something to say in the footer once (the input changed, or could not be read). */
export type Notice =
  | { readonly kind: 'reloaded'; readonly count: number }
  | { readonly kind: 'reloadFailed'; readonly message: string }
  /** Records without publishedAt were checked again at `atMs`, the clock having crossed a window edge. */
  | { readonly kind: 'rechecked'; readonly count: number; readonly atMs: number };

/** Everything the screen shows that keys can change. Pure data: the reducer below is the only way to change it. */
export interface TuiState {
  /** The checked records; it may hold more than `count` while the inputs are read. */
  readonly store: RecordStore;
  /** Records of the store the list covers: the first `count`. */
  readonly count: number;
  /** Input problems of the store the screen knows of: the first `problemCount`. */
  readonly problemCount: number;
  /** The inputs are still being read and checked. */
  readonly loading: boolean;
  /** Record indices (in the store) of the first `count` records, in list order: by instant, undated last. */
  readonly order: Int32Array;
  /** The records of `order` that pass the filter, in the same order. */
  readonly view: Int32Array;
  readonly filter: Filter;
  /**
   * The lists of the shorter searches typed on the way to this one (same
   * status, region and records), so a backspace goes back to one at no cost.
   */
  readonly searchTrail: readonly { readonly search: string; readonly view: Int32Array }[];
  /** Position in `view` of the selected row; -1 when the view is empty. */
  readonly selected: number;
  /** Position in `view` of the first row on screen. */
  readonly offset: number;
  /** How many list rows fit on screen. */
  readonly pageSize: number;
  readonly regionCount: number;
  readonly zone: ZoneMode;
  /** Keys are typed into the search box. */
  readonly searching: boolean;
  readonly help: boolean;
  /** Lines scrolled in the help. */
  readonly helpScroll: number;
  /** The list of input problems is open. */
  readonly problems: boolean;
  readonly detail: boolean;
  /** Lines scrolled in the detail or the problem list. */
  readonly detailScroll: number;
  readonly whatIf: WhatIf | undefined;
  readonly notice: Notice | undefined;
  /** The clock (epoch ms) as of the last tick: the header, the timeline and the records checked at the clock follow it. */
  readonly nowMs: number;
}

export type Action =
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'page'; readonly by: 1 | -1 }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  | { readonly type: 'resize'; readonly pageSize: number }
  | { readonly type: 'cycleStatus' }
  | { readonly type: 'cycleRegion' }
  | { readonly type: 'cycleZone' }
  | { readonly type: 'searchStart' }
  | { readonly type: 'searchInput'; readonly text: string }
  | { readonly type: 'searchBackspace' }
  | { readonly type: 'searchEnd'; readonly keep: boolean }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'toggleProblems' }
  | { readonly type: 'toggleDetail' }
  /** Scrolls the open pane (detail, problems or help); `max` is the most it can scroll, given by who knows its lines. */
  | { readonly type: 'scrollDetail'; readonly by: number; readonly max?: number }
  | { readonly type: 'escape' }
  | { readonly type: 'whatIf'; readonly result: WhatIf }
  /** More of the store was checked (`count` records, `problemCount` problems); `done` when reading is over. */
  | { readonly type: 'progress'; readonly store: RecordStore; readonly count: number; readonly problemCount: number; readonly done: boolean }
  /** The input changed and was read again, whole, into a new store. */
  | { readonly type: 'reload'; readonly store: RecordStore }
  | { readonly type: 'reloadFailed'; readonly message: string }
  /**
   * The clock moved to `nowMs`; `rechecked` are the records checked at the
   * clock whose verdicts the store has just replaced (recheckClocked), to be
   * sorted and filtered again.
   */
  | { readonly type: 'tick'; readonly nowMs: number; readonly rechecked?: readonly number[] };

/** The first state: the records the store holds now, the first one selected; `loading` while more may come. */
export function initialState(store: RecordStore, regionCount: number, pageSize: number, loading = false, nowMs = 0): TuiState {
  const order = store.sortRange(0, store.length);
  return {
    store,
    count: store.length,
    problemCount: store.problems.length,
    loading,
    order,
    view: order,
    filter: NO_FILTER,
    searchTrail: [],
    selected: order.length > 0 ? 0 : -1,
    offset: 0,
    pageSize: Math.max(1, pageSize),
    regionCount,
    zone: 'policy',
    searching: false,
    help: false,
    helpScroll: 0,
    problems: false,
    detail: false,
    detailScroll: 0,
    whatIf: undefined,
    notice: undefined,
    nowMs,
  };
}

/** The store index of the selected record, or -1. */
export function selectedIndex(state: TuiState): number {
  return state.selected < 0 ? -1 : state.view[state.selected]!;
}

/** The selected row, if any. */
export function selectedRow(state: TuiState): Row | undefined {
  return state.selected < 0 ? undefined : state.store.row(state.view[state.selected]!);
}

/** The rows on screen: only these are made and rendered, whatever the number of records. */
export function visibleRows(state: TuiState): Row[] {
  const end = Math.min(state.view.length, state.offset + state.pageSize);
  const rows: Row[] = [];
  for (let position = state.offset; position < end; position++) rows.push(state.store.row(state.view[position]!));
  return rows;
}

function clampOffset(offset: number, selected: number, pageSize: number, length: number): number {
  let next = offset;
  if (selected < next) next = selected;
  else if (selected >= next + pageSize) next = selected - pageSize + 1;
  return Math.max(0, Math.min(next, length - pageSize));
}

/** Selects `position` (clamped) and scrolls just enough to keep it on screen. */
function select(state: TuiState, position: number): TuiState {
  if (state.view.length === 0) return { ...state, selected: -1, offset: 0 };
  const selected = Math.min(state.view.length - 1, Math.max(0, position));
  const offset = clampOffset(state.offset, selected, state.pageSize, state.view.length);
  return { ...state, selected, offset, detailScroll: selected === state.selected ? state.detailScroll : 0 };
}

/**
 * The state with `view` as the list: the selected record stays selected, on the
 * same line of the screen, when it is still in the list; else the selection
 * keeps its place in the list.
 */
function withView(state: TuiState, view: Int32Array, selectedRecord: number, extra: Partial<TuiState> = {}): TuiState {
  const next: TuiState = { ...state, ...extra, view };
  if (view.length === 0) return { ...next, selected: -1, offset: 0 };
  const position = selectedRecord < 0 ? -1 : next.store.positionOf(view, selectedRecord);
  if (position < 0) return select({ ...next, offset: state.selected < 0 ? 0 : next.offset }, Math.max(0, state.selected));
  const line = state.selected < 0 ? 0 : state.selected - state.offset;
  return { ...next, selected: position, offset: clampOffset(position - line, position, next.pageSize, view.length) };
}

/** Re-filters the records in the list, keeping the selection where it can. */
function refilter(state: TuiState, filter: Filter): TuiState {
  const sameFacets = filter.status === state.filter.status && filter.region === state.filter.region;
  const back = state.searchTrail.at(-1);
  if (sameFacets && back && back.search === filter.search) return withView({ ...state, filter, searchTrail: state.searchTrail.slice(0, -1) }, back.view, selectedIndex(state));
  const narrowing = narrows(state.filter, filter);
  const searchTrail = narrowing && filter.search !== state.filter.search ? [...state.searchTrail, { search: state.filter.search, view: state.view }].slice(-SEARCH_TRAIL) : [];
  return withView({ ...state, filter, searchTrail }, filterIndices(state.store, narrowing ? state.view : state.order, filter), selectedIndex(state));
}

/** How many shorter searches a backspace can go back to at no cost. */
const SEARCH_TRAIL = 64;

/** Records [state.count, count) join the list, each in its place; the selection stays on its record and its line. */
function grow(state: TuiState, count: number, problemCount: number, done: boolean): TuiState {
  const loading = !done;
  if (count <= state.count) return { ...state, problemCount: Math.max(problemCount, state.problemCount), loading };
  const { store } = state;
  const added = store.sortRange(state.count, count);
  const order = store.merge(state.order, added);
  const view = store.merge(state.view, filterIndices(store, added, state.filter));
  // The lists of shorter searches lack the new records.
  const extra = { order, count, problemCount: Math.max(problemCount, state.problemCount), loading, searchTrail: [] };
  if (state.selected < 0) return select({ ...state, ...extra, view, offset: 0 }, 0);
  return withView(state, view, selectedIndex(state), extra);
}

/** A new store for the same inputs: the record with the same key stays selected, when it is still there. */
function reload(state: TuiState, store: RecordStore): TuiState {
  const order = store.sortRange(0, store.length);
  const view = filterIndices(store, order, state.filter);
  const key = state.selected < 0 ? undefined : state.store.key(selectedIndex(state));
  let position = -1;
  if (key !== undefined) {
    for (let index = 0; index < view.length; index++) {
      if (store.key(view[index]!) === key) {
        position = index;
        break;
      }
    }
  }
  const line = state.selected < 0 ? 0 : state.selected - state.offset;
  // A what-if answered the old input; the re-checked record may differ.
  const next: TuiState = {
    ...state,
    store,
    count: store.length,
    problemCount: store.problems.length,
    loading: false,
    order,
    view,
    searchTrail: [],
    whatIf: undefined,
    notice: { kind: 'reloaded', count: store.length },
  };
  if (view.length === 0) return { ...next, selected: -1, offset: 0 };
  if (position < 0) return select(next, Math.max(0, state.selected));
  return { ...next, selected: position, offset: clampOffset(Math.max(0, position - line), position, state.pageSize, view.length) };
}

/**
 * Records checked again at the clock take their new place and status: out of
 * the list, then merged back in order; the view filtered again (a status
 * may have changed), the selection kept on its record and its line.
 */
function rechecked(state: TuiState, indices: readonly number[], nowMs: number): TuiState {
  const { store } = state;
  const known = indices.filter((index) => index < state.count);
  if (known.length === 0) return { ...state, nowMs };
  const moved = new Set(known);
  const kept = state.order.filter((index) => !moved.has(index));
  const order = store.merge(kept, sortIndices(store, known));
  const view = filterIndices(store, order, state.filter);
  const whatIf = state.whatIf && known.some((index) => store.key(index) === state.whatIf!.key) ? undefined : state.whatIf;
  // The shorter searches' lists hold the old order.
  return withView({ ...state, order, searchTrail: [] }, view, selectedIndex(state), { whatIf, nowMs, notice: { kind: 'rechecked', count: known.length, atMs: nowMs } });
}

function sortIndices(store: RecordStore, indices: readonly number[]): Int32Array {
  return Int32Array.from(indices).sort((a, b) => store.compare(a, b));
}

function cycle<T>(values: readonly T[], current: T): T {
  return values[(values.indexOf(current) + 1) % values.length]!;
}

/** The state after one action; never mutates. */
export function reduce(state: TuiState, action: Action): TuiState {
  switch (action.type) {
    case 'move':
      return select(state, state.selected + action.by);
    case 'page':
      return select({ ...state, offset: Math.max(0, state.offset + action.by * state.pageSize) }, state.selected + action.by * state.pageSize);
    case 'first':
      return select(state, 0);
    case 'last':
      return select(state, state.view.length - 1);
    case 'resize':
      return select({ ...state, pageSize: Math.max(1, action.pageSize) }, state.selected);
    case 'cycleStatus':
      return refilter(state, { ...state.filter, status: cycle(STATUS_CYCLE, state.filter.status) });
    case 'cycleRegion': {
      const region = state.filter.region + 1 >= state.regionCount ? -1 : state.filter.region + 1;
      return refilter(state, { ...state.filter, region });
    }
    case 'cycleZone':
      return { ...state, zone: cycle(ZONE_MODES, state.zone) };
    case 'searchStart':
      return { ...state, searching: true, help: false, problems: false };
    case 'searchInput':
      return refilter(state, { ...state.filter, search: state.filter.search + action.text.toLowerCase() });
    case 'searchBackspace':
      return refilter(state, { ...state.filter, search: state.filter.search.slice(0, -1) });
    case 'searchEnd':
      return action.keep ? { ...state, searching: false } : refilter({ ...state, searching: false }, { ...state.filter, search: '' });
    case 'toggleHelp':
      return { ...state, help: !state.help, helpScroll: 0, problems: false };
    case 'toggleProblems':
      return { ...state, problems: !state.problems, help: false, detailScroll: 0 };
    case 'toggleDetail':
      return { ...state, detail: !state.detail, detailScroll: 0 };
    case 'scrollDetail': {
      const clamp = (scroll: number) => Math.max(0, Math.min(action.max ?? Infinity, scroll + action.by));
      return state.help ? { ...state, helpScroll: clamp(state.helpScroll) } : { ...state, detailScroll: clamp(state.detailScroll) };
    }
    case 'escape':
      if (state.help) return { ...state, help: false };
      if (state.problems) return { ...state, problems: false, detailScroll: 0 };
      if (state.detail) return { ...state, detail: false, detailScroll: 0 };
      if (state.whatIf) return { ...state, whatIf: undefined };
      if (state.filter.search !== '') return refilter(state, { ...state.filter, search: '' });
      return state;
    case 'whatIf':
      return { ...state, whatIf: action.result, detail: true };
    case 'progress':
      // A load the screen has moved on from (the input was read again since) changes nothing.
      return action.store === state.store ? grow(state, action.count, action.problemCount, action.done) : state;
    case 'reload':
      return reload(state, action.store);
    case 'reloadFailed':
      return { ...state, notice: { kind: 'reloadFailed', message: action.message } };
    case 'tick':
      return action.rechecked && action.rechecked.length > 0 ? rechecked(state, action.rechecked, action.nowMs) : { ...state, nowMs: action.nowMs };
  }
}
