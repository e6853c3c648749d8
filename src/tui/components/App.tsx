import { Box, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { Checker } from '../../engine/checker.js';
import { homeZone } from '../../compile/window-text.js';
import { recheckClocked, steadyAround } from '../clock.js';
import { detailLines, indexWindows, problemLines, wrapLines } from '../model/detail.js';
import { helpLines } from '../help.js';
import { commandFor, splitKeys } from '../keys.js';
import { layoutFor, timelineColumns } from '../layout.js';
import { liveStates, nearestRound } from '../model/live.js';
import { messagesFor, type Lang } from '../messages.js';
import { otherStatuses, statusForRegion } from '../model/region-status.js';
import { cell } from '../model/rows.js';
import { initialState, reduce, selectedRow, visibleRows, type Action, type TuiState } from '../model/state.js';
import type { RecordStore } from '../model/store.js';
import type { Theme } from '../theme.js';
import { yearOf } from '../time-text.js';
import { bandsForRegion, buildAxis, buildBands, buildMarks, collapsedLine, columnOf, timelineSpan } from '../model/timeline.js';
import { throttleProgress, type Update } from '../updates.js';
import { whatIf } from '../model/what-if.js';
import { allowedReasons, type Reason } from '../model/why.js';
import { widthOf } from '../text-width.js';
import { DetailPane, maxScroll } from './DetailPane.js';
import { FilterBar } from './FilterBar.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { RecordList, type ListRow } from './RecordList.js';
import { TimelineBands, TimelineMarks } from './Timeline.js';

export type { Update } from '../updates.js';

export interface AppProps {
  readonly checker: Checker;
  /** The records checked so far; `loading` while more are coming (see `updates`). */
  readonly store: RecordStore;
  readonly loading?: boolean;
  readonly lang: Lang;
  readonly theme: Theme;
  /** The current instant (epoch ms); `--at` makes it start elsewhere. */
  readonly clock: () => number;
  /**
   * How often the countdown redraws (ms), on whole multiples of the clock; the
   * clock is also read at each instant where a window starts or ends, and the
   * records without publishedAt are checked again when it crosses one.
   */
  readonly tickMs: number;
  /** A fixed terminal size; without it the terminal's own, following resizes. */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Subscribes to the loader's progress and to re-checks (watch mode); returns the unsubscribe. */
  readonly updates?: (listener: (update: Update) => void) => () => void;
  /** While loading, the list is merged and drawn at most this often (ms). */
  readonly progressMs?: number;
}

function useTerminalSize(fixed: AppProps['size']): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed?.columns, fixed?.rows]);
  return fixed ?? size;
}

/**
 * The reducer's state, also readable at once through a ref: a terminal sends
 * a burst of keys in one chunk ("/ritz"), and each key must see the state the
 * previous one left, before React renders.
 */
function useLatestReducer(init: () => TuiState): [{ readonly current: TuiState }, (action: Action) => void] {
  const ref = useRef<TuiState | undefined>(undefined);
  ref.current ??= init();
  const [, setState] = useState(ref.current);
  const dispatch = useCallback((action: Action) => {
    const next = reduce(ref.current!, action);
    if (next === ref.current) return;
    ref.current = next;
    setState(next);
  }, []);
  return [ref as { readonly current: TuiState }, dispatch];
}

function actionFor(update: Update): Action {
  if (update.kind === 'progress') return { type: 'progress', store: update.store, count: update.count, problemCount: update.problemCount, done: update.done };
  if (update.kind === 'reload') return { type: 'reload', store: update.store };
  return { type: 'reloadFailed', message: cell(update.message) };
}

/**
 * Reads the clock every `tickMs` (on its whole multiples, so a countdown
 * turns with the second) and at every instant where a verdict can change
 * (a window's start or end); at each, the records checked at the clock that
 * are on the other side of such an instant are checked again, and the new
 * time and verdicts go to the screen in one update, so header, timeline and
 * rows never disagree.
 */
function useClock(checker: Checker, clock: () => number, tickMs: number, lang: Lang, state: { readonly current: TuiState }, dispatch: (action: Action) => void): void {
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = () => {
      if (stopped) return;
      const nowMs = clock();
      const untilTick = tickMs - (((nowMs % tickMs) + tickMs) % tickMs);
      const untilChange = steadyAround(checker.policy, nowMs).untilMs - nowMs;
      timer = setTimeout(step, Math.max(1, Math.min(untilTick, untilChange)));
    };
    const step = () => {
      const nowMs = clock();
      const { store, count } = state.current;
      dispatch({ type: 'tick', nowMs, rechecked: recheckClocked(store, checker, count, nowMs, lang) });
      schedule();
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [checker, clock, tickMs, lang]);
}

const NO_WHY: readonly Reason[] = [];

/**
 * The editors' window on the law: header, weekend timeline, record list,
 * detail, help, input problems. Each part is a memoised component with plain
 * props, so a key that moves the selection draws the list and the cursor
 * again, not the header or the bands.
 */
export function App({ checker, store, loading = false, lang, theme, clock, tickMs, size, updates, progressMs = 100 }: AppProps) {
  const { policy } = checker;
  const messages = messagesFor(lang);
  const { exit } = useApp();
  const terminal = useTerminalSize(size);
  const [state, dispatch] = useLatestReducer(() => initialState(store, policy.regions.length, layoutFor(terminal.columns, terminal.rows).pageSize, loading, clock()));
  useClock(checker, clock, tickMs, lang, state, dispatch);
  const current = state.current;
  const now = current.nowMs;
  const policyZone = homeZone(policy);
  const { filter } = current;

  // The focus round changes at most a few times a run: what hangs on it is kept until it does.
  const nearest = nearestRound(policy, now, lang);
  const focus = useMemo(() => nearest, [nearest?.ref]);
  const span = useMemo(() => (focus ? timelineSpan(focus) : undefined), [focus]);
  const { timelineWidth } = timelineColumns(terminal.columns);
  const allBands = useMemo(() => (focus && span ? buildBands(policy, focus, span, timelineWidth, messages, lang, filter.region) : []), [focus, span, timelineWidth, lang, filter.region]);
  const bands = useMemo(() => bandsForRegion(policy, allBands, filter.region), [allBands, filter.region]);
  const liveCount = focus ? liveStates(policy, focus, now).length : 0;
  const layout = useMemo(() => layoutFor(terminal.columns, terminal.rows, { liveStates: liveCount, bands: bands.length }), [terminal.columns, terminal.rows, liveCount, bands.length]);
  const shownBands = bands.length > layout.bandLines ? bands.slice(0, Math.max(0, layout.bandLines - 1)) : bands;
  const collapsed = shownBands.length < bands.length ? collapsedLine(policy, bands.slice(shownBands.length), layout.columns, messages, lang) : '';
  const axis = useMemo(() => (span ? buildAxis(span, layout.timelineWidth, policyZone, lang) : ''), [span, layout.timelineWidth, lang]);
  const marks = useMemo(
    () => (span ? buildMarks(current.store, current.order, span, layout.timelineWidth, filter.region) : ''),
    [current.order, span, layout.timelineWidth, filter.region],
  );
  const windowIndex = useMemo(() => indexWindows(policy), [policy]);
  const legend = layout.legend ? legendText(messages, layout.columns, filter.region >= 0) : undefined;

  useEffect(() => dispatch({ type: 'resize', pageSize: layout.pageSize }), [layout.pageSize]);
  useEffect(() => {
    if (!updates) return undefined;
    const throttled = throttleProgress((update) => dispatch(actionFor(update)), progressMs);
    const unsubscribe = updates(throttled.push);
    return () => {
      unsubscribe();
      throttled.stop();
    };
  }, [updates, progressMs]);

  const selected = selectedRow(current);
  const regionCode = filter.region < 0 ? undefined : policy.regions[filter.region]!.code;
  const visible = useMemo(
    // Sliced too: the state's page size follows the layout's one render later.
    () => visibleRows(current).slice(0, layout.pageSize).map((row): ListRow => listRow(current.store, row, filter.region, regionCode)),
    [current.store, current.view, current.offset, current.pageSize, filter.region, current.order, layout.pageSize],
  );
  const timeStyle = useMemo(
    () => ({ mode: current.zone, withYear: current.store.spansYears(current.zone === 'utc' ? 'UTC' : policyZone, yearOf) }),
    [current.zone, current.store, current.count],
  );
  const why = useMemo(() => (current.detail && selected?.verdict.status === 'allowed' ? allowedReasons(checker, selected, lang) : NO_WHY), [current.detail, selected, lang]);
  const audience = selected ? current.store.audienceRegions()[current.store.audienceId(selected.index)]! : [];
  const detail = useMemo(
    () =>
      current.detail && selected
        ? wrapLines(detailLines(policy, windowIndex, selected, current.whatIf, messages, lang, { region: filter.region, audience, why }), layout.detailWidth)
        : [],
    [current.detail, selected, current.whatIf, lang, filter.region, why, layout.detailWidth],
  );
  const help = useMemo(() => (current.help ? wrapLines(helpLines(messages), layout.columns) : []), [current.help, lang, layout.columns]);
  const problemList = useMemo(
    () => (current.problems ? wrapLines(problemLines(current.store.problems.slice(0, current.problemCount), messages), layout.columns) : []),
    [current.problems, current.store, current.problemCount, lang, layout.columns],
  );
  const body = layout.pageSize + 1;
  // How far [ and ] may scroll the pane open now: until its last line is at the bottom.
  const paneMax = useRef(0);
  paneMax.current = current.help ? maxScroll(help.length, layout.overlayHeight) : current.problems ? maxScroll(problemList.length, body) : maxScroll(detail.length, body);

  useInput((chunk, pressed) => {
    for (const [input, key] of splitKeys(chunk, pressed)) {
      const command = commandFor(input, key, state.current);
      if (!command) continue;
      if (command.type === 'quit') return exit();
      if (command.type === 'requestWhatIf') {
        const row = selectedRow(state.current);
        if (row) dispatch({ type: 'whatIf', result: whatIf(checker, row, lang) });
      } else if (command.type === 'scrollDetail') dispatch({ ...command, max: paneMax.current });
      else dispatch(command);
    }
  });

  const list = (
    <RecordList
      rows={visible}
      selected={current.selected - current.offset}
      pageSize={layout.pageSize}
      width={layout.listWidth}
      time={timeStyle}
      policyZone={policyZone}
      region={regionCode}
      messages={messages}
      lang={lang}
      theme={theme}
    />
  );
  const detailPane = <DetailPane lines={detail} scroll={current.detailScroll} height={body} width={layout.detailWidth} messages={messages} theme={theme} />;
  const header = <Header policy={policy} focus={focus} nowMs={now} maxLines={layout.liveLines} width={layout.columns} messages={messages} lang={lang} theme={theme} />;
  const footer = (
    <Footer
      notice={current.notice}
      loading={current.loading}
      count={current.count}
      problems={current.problemCount}
      width={layout.columns}
      zone={policyZone}
      messages={messages}
      lang={lang}
      theme={theme}
    />
  );

  // A terminal smaller than the layout sees it clipped, never wrapped: a wrapped line would
  // make the frame taller than Ink counts, and lines of earlier frames would stay on screen.
  const screen = (frame: ReactElement) => (
    <Box width={Math.min(terminal.columns, layout.columns)} height={Math.min(Math.max(1, terminal.rows - 1), layout.height)} overflow="hidden">
      {frame}
    </Box>
  );

  if (current.help) {
    // The help takes the timeline's and the list's room: every key fits 80×24.
    return screen(
      <Box flexDirection="column" flexShrink={0} width={layout.columns} height={layout.height}>
        {header}
        <DetailPane lines={help} scroll={current.helpScroll} height={layout.overlayHeight} width={layout.columns} messages={messages} theme={theme} />
        {footer}
      </Box>,
    );
  }
  return screen(
    <Box flexDirection="column" flexShrink={0} width={layout.columns} height={layout.height}>
      {header}
      {layout.timeline ? (
        <>
          <TimelineBands
            axis={axis}
            bands={shownBands}
            collapsed={collapsed}
            now={span ? columnOf(span, layout.timelineWidth, now) : -1}
            lines={layout.bandLines}
            labelWidth={layout.labelWidth}
            width={layout.timelineWidth}
            theme={theme}
          />
          <TimelineMarks
            marks={marks}
            cursor={span && selected ? columnOf(span, layout.timelineWidth, selected.atMs) : -1}
            labelWidth={layout.labelWidth}
            legend={legend}
            messages={messages}
            theme={theme}
          />
        </>
      ) : null}
      <FilterBar
        status={filter.status === 'all' ? messages.allStatuses : messages.status[filter.status]}
        region={regionCode ?? messages.allRegions}
        zone={current.zone === 'utc' ? messages.zoneName.utc : current.zone === 'policy' ? messages.zoneName.policy(policyZone) : messages.zoneName.own}
        shown={current.view.length}
        total={current.count}
        search={filter.search}
        searching={current.searching}
        width={layout.columns}
        messages={messages}
        theme={theme}
      />
      {current.problems ? (
        <DetailPane lines={problemList} scroll={current.detailScroll} height={body} width={layout.columns} messages={messages} theme={theme} />
      ) : current.detail && layout.detailBeside ? (
        <Box flexDirection="row" gap={1}>
          {list}
          {detailPane}
        </Box>
      ) : current.detail ? (
        detailPane
      ) : (
        list
      )}
      {footer}
    </Box>,
  );
}

/** The timeline's legend in `columns`: the wide form when it fits, and the region filter's `*` when there is room for it. */
function legendText(messages: ReturnType<typeof messagesFor>, columns: number, regionFilter: boolean): string {
  const base = widthOf(messages.legend.wide) <= columns ? messages.legend.wide : messages.legend.narrow;
  const withMark = `${base}${messages.legendRegionMark}`;
  return regionFilter && widthOf(withMark) <= columns ? withMark : base;
}

/** A row with its status for the filtered region, and whether the other regions of its audience differ. */
function listRow(store: RecordStore, row: ListRow['row'], region: number, code: string | undefined): ListRow {
  if (region < 0 || code === undefined) return { row, status: row.verdict.status, differs: false };
  const codes = store.audienceRegions()[store.audienceId(row.index)]!.map((index) => store.policy.regions[index]!.code);
  return { row, status: statusForRegion(row.verdict, code), differs: otherStatuses(row.verdict, code, codes).size > 0 };
}
