import { render } from 'ink';
import type { Checker } from '../engine/checker.js';
import { App } from './components/App.js';
import type { Lang } from './messages.js';
import { loadRecords, newStore, prepareSearch, problemPlace, reloadBlocker, type LoadSignal } from './session.js';
import type { InputProblem, RecordStore } from './model/store.js';
import { themeFor } from './theme.js';
import { progressOf, UpdateFeed } from './updates.js';
import { watchFiles } from './watch.js';

export interface StartOptions {
  readonly checker: Checker;
  readonly files: readonly string[];
  readonly lang: Lang;
  readonly clock: () => number;
  readonly watch: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Told when the first frame is drawn (for the benchmark). */
  readonly onFirstFrame?: () => void;
  /** Told how long Ink took to lay out each frame as text (for the benchmark). */
  readonly onRender?: (renderMs: number) => void;
}

export interface TuiRun {
  /** The input problems of what the screen showed last, to be told once the terminal is back. */
  readonly problems: readonly InputProblem[];
}

/** Defined (true) in the bundle, whose copy of Ink draws only the lines that changed correctly (scripts/bundle-tui.mjs). */
declare const BLACKOUT_INK_LINES_FIXED: boolean | undefined;

// The alternate screen, as less and vim use it: quitting gives the terminal back as it was.
const ENTER_ALT_SCREEN = '\u001b[?1049h';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/**
 * Mounts the terminal UI and resolves when the user quits. The first frame is
 * drawn as soon as the first batch of records is checked; the rest are read
 * and checked in the background, a batch between turns of the event loop,
 * and join the list in place. A change to the files (watch mode) reads them
 * again the same way, into a new store that replaces the list once read.
 */
export async function startTui(options: StartOptions): Promise<TuiRun> {
  const { checker, files, lang, clock } = options;
  const feed = new UpdateFeed();
  let shown: RecordStore = newStore(checker, lang);
  const initial: LoadSignal = { cancelled: false };
  let initialDone = false;
  let changedWhileLoading = false;
  let reloading: LoadSignal | undefined;
  // Search texts are made in the background for the store on screen, until another replaces it.
  let searchPrep: LoadSignal = { cancelled: false };
  const prepare = (store: RecordStore) => {
    searchPrep.cancelled = true;
    searchPrep = { cancelled: false };
    void prepareSearch(store, searchPrep);
  };

  let checkedOne = false;
  let firstBatch!: () => void;
  const firstBatchChecked = new Promise<void>((resolve) => (firstBatch = resolve));
  const store = shown;
  const loaded = loadRecords(store, {
    checker,
    files,
    clockMs: clock(),
    lang,
    signal: initial,
    onBatch: () => {
      // A mark for bench/tui-frames.mjs: the first frame waits for this batch.
      if (!checkedOne) performance.mark('blackout-tui:first-batch');
      checkedOne = true;
      firstBatch();
      feed.push(progressOf(store, false));
    },
  }).then(
    (completed) => {
      initialDone = true;
      firstBatch();
      if (!completed) return;
      performance.mark('blackout-tui:loaded');
      feed.push(progressOf(store, true));
      prepare(store);
      if (changedWhileLoading) reload();
    },
    (error: unknown) => {
      initialDone = true;
      firstBatch();
      store.addProblem({ source: { file: files.join(', '), index: 0 }, message: (error as Error).message, fatal: true });
      feed.push(progressOf(store, true));
    },
  );

  /** Reads the files again into a new store; a change meanwhile starts over. */
  const reload = () => {
    if (reloading) reloading.cancelled = true;
    const signal: LoadSignal = { cancelled: false };
    reloading = signal;
    const next = newStore(checker, lang);
    loadRecords(next, { checker, files, clockMs: clock(), lang, signal }).then(
      (completed) => {
        if (!completed) return;
        const blocker = reloadBlocker(shown.problems, next.problems);
        if (blocker) return feed.push({ kind: 'reloadFailed', message: `${problemPlace(blocker)}: ${blocker.message}` });
        shown = next;
        feed.push({ kind: 'reload', store: next });
        prepare(next);
      },
      (error: unknown) => feed.push({ kind: 'reloadFailed', message: (error as Error).message }),
    );
  };
  const stopWatching = options.watch
    ? watchFiles(files, () => {
        // The first read goes on to the end; the change is read after it.
        if (initialDone) reload();
        else changedWhileLoading = true;
      })
    : undefined;

  await firstBatchChecked;
  options.stdout.write(ENTER_ALT_SCREEN);
  try {
    const instance = render(
      <App
        checker={checker}
        store={store}
        loading={!initialDone}
        lang={lang}
        theme={themeFor(options.env)}
        clock={clock}
        tickMs={1000}
        updates={(listener) => feed.subscribe(listener)}
      />,
      {
        stdin: options.stdin,
        stdout: options.stdout,
        exitOnCtrlC: false,
        patchConsole: false,
        // Ink draws at most 30 frames a second by default, so a key pressed just after the countdown's
        // frame waited up to 33 ms for its own. Frames here come from keys, the clock (each second) and
        // the loader (each 100 ms at most): each is drawn as it comes.
        maxFps: 0,
        // Only the lines that changed are written: the countdown's each second, not the whole screen.
        // The bundle carries Ink's fix for it (scripts/bundle-tui.mjs); the modules alone do not.
        incrementalRendering: typeof BLACKOUT_INK_LINES_FIXED !== 'undefined' && BLACKOUT_INK_LINES_FIXED,
        ...(options.onRender ? { onRender: ({ renderTime }: { renderTime: number }) => options.onRender!(renderTime) } : {}),
      },
    );
    options.onFirstFrame?.();
    await instance.waitUntilExit();
  } finally {
    initial.cancelled = true;
    searchPrep.cancelled = true;
    if (reloading) reloading.cancelled = true;
    stopWatching?.();
    options.stdout.write(LEAVE_ALT_SCREEN);
  }
  await loaded;
  return { problems: shown.problems };
}
