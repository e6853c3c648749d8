import type { Status } from '../../engine/verdict.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import type { RoundFocus, Span } from './live.js';
import { homeRegion, regionsLabel, screenRegions, silenceSpans } from './live.js';
import type { Lang, Messages } from '../messages.js';
import { STATUSES, type RecordStore } from './store.js';
import { clip, widthOf } from '../text-width.js';
import { DateTime } from 'luxon';

/** One band of the timeline: regions whose windows look the same at this width. */
export interface Band {
  readonly label: string;
  /** One character per column: block window, review window, or nothing. */
  readonly cells: string;
  /** Region indices, in policy order. */
  readonly regions: readonly number[];
}

export const CELL = { block: '█', review: '░', empty: ' ' } as const;

/** Marks by status; the worst status in a column wins. Distinct glyphs, so NO_COLOR loses nothing. */
export const MARK: Readonly<Record<Status, string>> = { blocked: 'x', review: '!', invalid: '?', allowed: '·' };

/** The weekend on screen: the round's windows, with a margin on each side. */
export function timelineSpan(focus: RoundFocus): Span {
  const margin = Math.max(3_600_000, Math.round((focus.endMs - focus.startMs) * 0.08));
  return { startMs: focus.startMs - margin, endMs: focus.endMs + margin };
}

/** The column of an instant, or -1 outside the span. */
export function columnOf(span: Span, width: number, ms: number): number {
  if (!(ms >= span.startMs && ms < span.endMs) || width <= 0) return -1;
  return Math.min(width - 1, Math.floor(((ms - span.startMs) / (span.endMs - span.startMs)) * width));
}

function paint(cells: string[], span: Span, width: number, windows: readonly Span[], glyph: string): void {
  const per = (span.endMs - span.startMs) / width;
  for (const window of windows) {
    const first = Math.max(0, Math.floor((window.startMs - span.startMs) / per));
    const last = Math.min(width - 1, Math.ceil((window.endMs - span.startMs) / per) - 1);
    for (let column = first; column <= last; column++) if (cells[column] !== CELL.block) cells[column] = glyph;
  }
}

/**
 * The bands of the round at `width` columns: each region's block windows
 * (merged) and review windows; regions that draw the same are one band. The
 * home region's band comes first (mainland France for a Paris newsroom),
 * then the others by when their silence starts.
 */
export function buildBands(policy: CompiledPolicy, focus: RoundFocus, span: Span, width: number, messages: Messages, lang: Lang, filtered = -1): Band[] {
  const byCells = new Map<string, number[]>();
  const screen = screenRegions(policy);
  // A region the screen leaves out (a by-election's constituency) is drawn when it is the filter.
  (filtered < 0 || screen.includes(filtered) ? screen : [...screen, filtered]).forEach((region) => {
    const cells: string[] = new Array(width).fill(CELL.empty);
    paint(cells, span, width, silenceSpans(focus.windows, region), CELL.block);
    paint(cells, span, width, focus.windows.filter((window) => window.region === region && window.rule.severity === 'review'), CELL.review);
    const key = cells.join('');
    if (key.trim() === '') return;
    const group = byCells.get(key);
    if (group) group.push(region);
    else byCells.set(key, [region]);
  });
  const home = homeRegion(policy);
  return [...byCells.entries()]
    .map(([cells, regions]) => ({ cells, regions, label: regionsLabel(policy, regions, messages, lang, true), first: regions.includes(home) ? -1 : firstBlock(cells) }))
    .sort((a, b) => a.first - b.first)
    .map(({ cells, label, regions }) => ({ cells, label, regions }));
}

/** The bands under a region filter: only the filtered region's, named by its code; all of them without one. */
export function bandsForRegion(policy: CompiledPolicy, bands: readonly Band[], region: number): readonly Band[] {
  if (region < 0) return bands;
  const band = bands.find((candidate) => candidate.regions.includes(region));
  return band ? [{ cells: band.cells, label: policy.regions[region]!.code, regions: [region] }] : [];
}

/**
 * The line that stands for the bands left out, in `width` columns:
 * `+4: Guyane, Réunion, …`, names when they all fit, else codes, cut last.
 */
export function collapsedLine(policy: CompiledPolicy, hidden: readonly Band[], width: number, messages: Messages, lang: Lang): string {
  const regions = hidden.flatMap((band) => band.regions);
  const names = regionsLabel(policy, regions, messages, lang);
  const named = messages.collapsed(hidden.length, names);
  if (widthOf(named) <= width) return named;
  const coded = messages.collapsed(hidden.length, regionsLabel(policy, regions, messages, lang, true));
  return clip(coded, width);
}

/** Bands are ordered by when their silence starts; one with review windows only goes last. */
function firstBlock(cells: string): number {
  const block = cells.indexOf(CELL.block);
  return block < 0 ? cells.length : block;
}

/**
 * The marks row: in each column the worst status of the records checked in
 * it. `order` is in list order (by instant), so only the records inside the
 * span are read. Under a region filter (`region` ≥ 0), only the records whose
 * audience reaches it, each with its status there.
 */
export function buildMarks(store: RecordStore, order: Int32Array, span: Span, width: number, region = -1): string {
  const statuses = region < 0 ? store.columns().status : store.regionStatusCodes(region);
  const reaches = region < 0 ? undefined : store.audienceRegions().map((regions) => regions.includes(region));
  const worst = new Int8Array(width).fill(STATUSES.length);
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (store.atMs(order[middle]!) < span.startMs) low = middle + 1;
    else high = middle;
  }
  for (let position = low; position < order.length; position++) {
    const index = order[position]!;
    const atMs = store.atMs(index);
    if (!(atMs < span.endMs)) break;
    if (reaches && !reaches[store.audienceId(index)]) continue;
    const column = columnOf(span, width, atMs);
    // Status codes are ranked worst first.
    const rank = statuses[index]!;
    if (column >= 0 && rank < worst[column]!) worst[column] = rank;
  }
  let marks = '';
  for (let column = 0; column < width; column++) marks += worst[column]! < STATUSES.length ? MARK[STATUSES[worst[column]!]!] : ' ';
  return marks;
}

/** Day labels under the bands, at local midnights of `zone`: `Fri 5`, `Sat 6`. */
export function buildAxis(span: Span, width: number, zone: string, lang: Lang): string {
  const axis: string[] = new Array(width).fill(' ');
  let day = DateTime.fromMillis(span.startMs, { zone, locale: lang }).startOf('day');
  for (let guard = 0; guard < 400 && day.toMillis() < span.endMs; guard++, day = day.plus({ days: 1 })) {
    const column = columnOf(span, width, day.toMillis());
    if (column < 0) continue;
    const label = `|${day.toFormat('ccc d')}`;
    for (let offset = 0; offset < label.length && column + offset < width; offset++) axis[column + offset] = label[offset]!;
  }
  return axis.join('');
}
