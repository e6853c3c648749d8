import { Box, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Checker } from '../../engine/checker.js';
import { detailLines, indexWindows, problemLines } from '../detail.js';
import { commandFor, splitKeys } from '../keys.js';
import { layoutFor } from '../layout.js';
import { nearestRound } from '../live.js';
import { messagesFor, type Lang } from '../messages.js';
import { cell } from '../rows.js';
import { initialState, reduce, selectedRow, visibleRows, type Action, type TuiState } from '../state.js';
import type { RecordStore } from '../store.js';
import type { Theme } from '../theme.js';
import { buildAxis, buildBands, buildMarks, columnOf, timelineSpan } from '../timeline-model.js';
import { throttleProgress, type Update } from '../updates.js';
import { whatIf } from '../what-if.js';
import { DetailPane } from './DetailPane.js';
import { FilterBar } from './FilterBar.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { RecordList } from './RecordList.js';
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
  /** How often the countdown redraws (ms). */
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

/** The clock read every `tickMs`: only the countdown and the now marker follow it; records are not checked again. */
function useNow(clock: () => number, tickMs: number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), tickMs);
    return () => clearInterval(timer);
  }, [clock, tickMs]);
  return now;
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
  const layout = useMemo(() => layoutFor(terminal.columns, terminal.rows), [terminal.columns, terminal.rows]);
  const [state, dispatch] = useLatestReducer(() => initialState(store, policy.regions.length, layout.pageSize, loading));
  const now = useNow(clock, tickMs);
  const policyZone = policy.regions[0]?.zone ?? 'UTC';

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

  useInput((chunk, pressed) => {
    for (const [input, key] of splitKeys(chunk, pressed)) {
      const command = commandFor(input, key, state.current);
      if (!command) continue;
      if (command.type === 'quit') return exit();
      if (command.type === 'requestWhatIf') {
        const row = selectedRow(state.current);
        if (row) dispatch({ type: 'whatIf', result: whatIf(checker, row, lang) });
      } else dispatch(command);
    }
  });

  const current = state.current;
  // The focus round changes at most a few times a run: what hangs on it is kept until it does.
  const nearest = nearestRound(policy, now, lang);
  const focus = useMemo(() => nearest, [nearest?.ref]);
  const span = useMemo(() => (focus ? timelineSpan(focus) : undefined), [focus]);
  const bands = useMemo(() => (focus && span ? buildBands(policy, focus, span, layout.timelineWidth, messages, lang) : []), [focus, span, layout.timelineWidth, lang]);
  const axis = useMemo(() => (span ? buildAxis(span, layout.timelineWidth, policyZone, lang) : ''), [span, layout.timelineWidth, lang]);
  const marks = useMemo(() => (span ? buildMarks(current.store, current.order, span, layout.timelineWidth) : ''), [current.order, span, layout.timelineWidth]);
  const windowIndex = useMemo(() => indexWindows(policy), [policy]);

  const selected = selectedRow(current);
  const visible = useMemo(() => visibleRows(current), [current.store, current.view, current.offset, current.pageSize]);
  const lines = useMemo(
    () => (current.detail && selected ? detailLines(policy, windowIndex, selected, current.whatIf, messages, lang) : []),
    [current.detail, selected, current.whatIf, lang],
  );
  const problemList = useMemo(
    () => (current.problems ? problemLines(current.store.problems.slice(0, current.problemCount), messages) : []),
    [current.problems, current.store, current.problemCount, lang],
  );
  const body = layout.pageSize + 1;
  const { filter } = current;
  const list = (
    <RecordList
      rows={visible}
      selected={current.selected - current.offset}
      pageSize={layout.pageSize}
      width={layout.listWidth}
      zone={current.zone}
      policyZone={policyZone}
      messages={messages}
      lang={lang}
      theme={theme}
    />
  );
  const detail = <DetailPane lines={lines} scroll={current.detailScroll} height={body} width={layout.detailWidth} messages={messages} theme={theme} />;

  return (
    <Box flexDirection="column" width={layout.columns} height={layout.height}>
      <Header policy={policy} focus={focus} nowMs={now} maxLines={layout.liveLines} messages={messages} lang={lang} theme={theme} />
      <TimelineBands
        axis={axis}
        bands={bands}
        now={span ? columnOf(span, layout.timelineWidth, now) : -1}
        maxBands={layout.bandRows}
        labelWidth={layout.labelWidth}
        width={layout.timelineWidth}
        theme={theme}
      />
      <TimelineMarks
        marks={marks}
        cursor={span && selected ? columnOf(span, layout.timelineWidth, selected.atMs) : -1}
        labelWidth={layout.labelWidth}
        messages={messages}
        theme={theme}
      />
      <FilterBar
        status={filter.status === 'all' ? messages.allStatuses : messages.status[filter.status]}
        region={filter.region < 0 ? messages.allRegions : policy.regions[filter.region]!.code}
        zone={current.zone === 'utc' ? messages.zoneName.utc : current.zone === 'policy' ? messages.zoneName.policy(policyZone) : messages.zoneName.own}
        shown={current.view.length}
        total={current.count}
        search={filter.search}
        searching={current.searching}
        messages={messages}
        theme={theme}
      />
      {current.help ? (
        <HelpOverlay height={body} messages={messages} theme={theme} />
      ) : current.problems ? (
        <DetailPane lines={problemList} scroll={current.detailScroll} height={body} width={layout.columns} messages={messages} theme={theme} />
      ) : current.detail && layout.detailBeside ? (
        <Box flexDirection="row" gap={1}>
          {list}
          {detail}
        </Box>
      ) : current.detail ? (
        detail
      ) : (
        list
      )}
      <Footer notice={current.notice} loading={current.loading} count={current.count} problems={current.problemCount} messages={messages} theme={theme} />
    </Box>
  );
}
