import type { Verdict } from '../engine/verdict.js';
import { filterRows, narrows, NO_FILTER, STATUS_CYCLE, type Filter } from './filter.js';
import type { Row } from './rows.js';
import { ZONE_MODES, type ZoneMode } from './time-text.js';

/** The verdict a record would get at its earliest allowed time. */
export interface WhatIf {
  readonly key: string;
  /** The instant tried (epoch ms), or null when the record was not blocked. */
  readonly atMs: number | null;
  readonly verdict: Verdict | null;
}

/** Something to say in the footer once (the input changed, or could not be read). */
export type Notice = { readonly kind: 'reloaded'; readonly count: number } | { readonly kind: 'reloadFailed'; readonly message: string };

/** Everything the screen shows that keys can change. Pure data: the reducer below is the only way to change it. */
export interface TuiState {
  readonly rows: readonly Row[];
  /** Positions in `rows` that pass the filter, in list order. */
  readonly view: Int32Array;
  readonly filter: Filter;
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
  readonly detail: boolean;
  readonly detailScroll: number;
  readonly whatIf: WhatIf | undefined;
  readonly notice: Notice | undefined;
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
  | { readonly type: 'toggleDetail' }
  | { readonly type: 'scrollDetail'; readonly by: number }
  | { readonly type: 'escape' }
  | { readonly type: 'whatIf'; readonly result: WhatIf }
  | { readonly type: 'reload'; readonly rows: readonly Row[] }
  | { readonly type: 'reloadFailed'; readonly message: string };

/** The first state: every row, the first one selected. */
export function initialState(rows: readonly Row[], regionCount: number, pageSize: number): TuiState {
  const view = filterRows(rows, NO_FILTER);
  return {
    rows,
    view,
    filter: NO_FILTER,
    selected: view.length > 0 ? 0 : -1,
    offset: 0,
    pageSize: Math.max(1, pageSize),
    regionCount,
    zone: 'policy',
    searching: false,
    help: false,
    detail: false,
    detailScroll: 0,
    whatIf: undefined,
    notice: undefined,
  };
}

/** The selected row, if any. */
export function selectedRow(state: TuiState): Row | undefined {
  return state.selected < 0 ? undefined : state.rows[state.view[state.selected]!];
}

/** The rows on screen: only these are rendered, whatever the number of records. */
export function visibleRows(state: TuiState): Row[] {
  const end = Math.min(state.view.length, state.offset + state.pageSize);
  const rows: Row[] = [];
  for (let position = state.offset; position < end; position++) rows.push(state.rows[state.view[position]!]!);
  return rows;
}

/** Selects `position` (clamped) and scrolls just enough to keep it on screen. */
function select(state: TuiState, position: number): TuiState {
  if (state.view.length === 0) return { ...state, selected: -1, offset: 0 };
  const selected = Math.min(state.view.length - 1, Math.max(0, position));
  let offset = state.offset;
  if (selected < offset) offset = selected;
  else if (selected >= offset + state.pageSize) offset = selected - state.pageSize + 1;
  offset = Math.max(0, Math.min(offset, state.view.length - state.pageSize));
  return { ...state, selected, offset, detailScroll: selected === state.selected ? state.detailScroll : 0 };
}

/** Re-filters, keeping the selected row if it still passes, else the same place in the list. */
function refilter(state: TuiState, rows: readonly Row[], filter: Filter): TuiState {
  const sameRows = rows === state.rows;
  const view = filterRows(rows, filter, sameRows && narrows(state.filter, filter) ? state.view : undefined);
  const key = selectedRow(state)?.key;
  let position = state.selected;
  if (key !== undefined) {
    for (let index = 0; index < view.length; index++) {
      if (rows[view[index]!]!.key === key) {
        position = index;
        break;
      }
    }
  }
  return select({ ...state, rows, view, filter }, Math.max(0, position));
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
      return refilter(state, state.rows, { ...state.filter, status: cycle(STATUS_CYCLE, state.filter.status) });
    case 'cycleRegion': {
      const region = state.filter.region + 1 >= state.regionCount ? -1 : state.filter.region + 1;
      return refilter(state, state.rows, { ...state.filter, region });
    }
    case 'cycleZone':
      return { ...state, zone: cycle(ZONE_MODES, state.zone) };
    case 'searchStart':
      return { ...state, searching: true, help: false };
    case 'searchInput':
      return refilter(state, state.rows, { ...state.filter, search: state.filter.search + action.text.toLowerCase() });
    case 'searchBackspace':
      return refilter(state, state.rows, { ...state.filter, search: state.filter.search.slice(0, -1) });
    case 'searchEnd':
      return action.keep ? { ...state, searching: false } : refilter({ ...state, searching: false }, state.rows, { ...state.filter, search: '' });
    case 'toggleHelp':
      return { ...state, help: !state.help };
    case 'toggleDetail':
      return { ...state, detail: !state.detail, detailScroll: 0 };
    case 'scrollDetail':
      return { ...state, detailScroll: Math.max(0, state.detailScroll + action.by) };
    case 'escape':
      if (state.help) return { ...state, help: false };
      if (state.detail) return { ...state, detail: false, detailScroll: 0 };
      if (state.whatIf) return { ...state, whatIf: undefined };
      if (state.filter.search !== '') return refilter(state, state.rows, { ...state.filter, search: '' });
      return state;
    case 'whatIf':
      return { ...state, whatIf: action.result, detail: true };
    case 'reload': {
      // A what-if answered the old input; the re-checked record may differ.
      const next = refilter({ ...state, whatIf: undefined }, action.rows, state.filter);
      return { ...next, notice: { kind: 'reloaded', count: action.rows.length } };
    }
    case 'reloadFailed':
      return { ...state, notice: { kind: 'reloadFailed', message: action.message } };
  }
}
