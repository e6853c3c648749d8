import { Box, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Checker } from '../../engine/checker.js';
import { detailLines, indexWindows } from '../detail.js';
import { commandFor, splitKeys } from '../keys.js';
import { layoutFor } from '../layout.js';
import { nearestRound } from '../live.js';
import { messagesFor, type Lang } from '../messages.js';
import { cell, type Row } from '../rows.js';
import { initialState, reduce, selectedRow, visibleRows, type Action, type TuiState } from '../state.js';
import type { Theme } from '../theme.js';
import { buildAxis, buildBands, buildMarks, columnOf, timelineSpan } from '../timeline-model.js';
import { whatIf } from '../what-if.js';
import { DetailPane } from './DetailPane.js';
import { FilterBar } from './FilterBar.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { RecordList } from './RecordList.js';
import { Timeline } from './Timeline.js';

/** A re-check after the input changed: new rows, or why the input could not be read. */
export type Update = { readonly rows: readonly Row[] } | { readonly error: string };

export interface AppProps {
  readonly checker: Checker;
  readonly rows: readonly Row[];
  readonly lang: Lang;
  readonly theme: Theme;
  /** The current instant (epoch ms); `--at` makes it start elsewhere. */
  readonly clock: () => number;
  /** How often the countdown redraws (ms). */
  readonly tickMs: number;
  /** A fixed terminal size; without it the terminal's own, following resizes. */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Subscribes to re-checks (watch mode); returns the unsubscribe. */
  readonly updates?: (listener: (update: Update) => void) => () => void;
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
    ref.current = reduce(ref.current!, action);
    setState(ref.current);
  }, []);
  return [ref as { readonly current: TuiState }, dispatch];
}

/** The editors' window on the law: header, weekend timeline, record list, detail, help. */
export function App({ checker, rows, lang, theme, clock, tickMs, size, updates }: AppProps) {
  const { policy } = checker;
  const messages = messagesFor(lang);
  const { exit } = useApp();
  const terminal = useTerminalSize(size);
  const layout = layoutFor(terminal.columns, terminal.rows);
  const [state, dispatch] = useLatestReducer(() => initialState(rows, policy.regions.length, layout.pageSize));
  const now = useNow(clock, tickMs);
  const policyZone = policy.regions[0]?.zone ?? 'UTC';

  useEffect(() => dispatch({ type: 'resize', pageSize: layout.pageSize }), [layout.pageSize]);
  useEffect(
    () => updates?.((update) => dispatch('rows' in update ? { type: 'reload', rows: update.rows } : { type: 'reloadFailed', message: cell(update.error) })),
    [updates],
  );

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
  const marks = useMemo(() => (span ? buildMarks(current.rows, span, layout.timelineWidth) : ''), [current.rows, span, layout.timelineWidth]);
  const windowIndex = useMemo(() => indexWindows(policy), [policy]);

  const selected = selectedRow(current);
  const visible = visibleRows(current);
  const lines = useMemo(
    () => (current.detail && selected ? detailLines(policy, windowIndex, selected, current.whatIf, messages, lang) : []),
    [current.detail, selected, current.whatIf, lang],
  );
  const body = layout.pageSize + 1;
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
      <Timeline
        axis={axis}
        bands={bands}
        marks={marks}
        cursor={span && selected ? columnOf(span, layout.timelineWidth, selected.atMs) : -1}
        now={span ? columnOf(span, layout.timelineWidth, now) : -1}
        maxBands={layout.bandRows}
        labelWidth={layout.labelWidth}
        width={layout.timelineWidth}
        messages={messages}
        theme={theme}
      />
      <FilterBar state={current} policy={policy} policyZone={policyZone} messages={messages} theme={theme} />
      {current.help ? (
        <HelpOverlay height={body} messages={messages} theme={theme} />
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
      <Footer notice={current.notice} messages={messages} theme={theme} />
    </Box>
  );
}
