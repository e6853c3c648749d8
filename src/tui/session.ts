import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Checker } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import { readInputs } from '../records/read-inputs.js';
import { atClock, isUndated } from './clock.js';
import { messagesFor, type Lang } from './messages.js';
import { RecordStore, type InputProblem } from './model/store.js';

export { problemPlace } from './model/store.js';

/** Checking gives the event loop a turn after this long (ms), looked at every SLICE_CHECK records. */
const SLICE_MS = 8;
const SLICE_CHECK = 128;

/** Set `cancelled` to stop a load at its next batch (the input changed again, or the UI quit). */
export interface LoadSignal {
  cancelled: boolean;
}

export interface LoadOptions {
  readonly checker: Checker;
  /** Files, folders: whatever `blackout check` reads. */
  readonly files: readonly string[];
  /** The instant a record without publishedAt is checked at. */
  readonly clockMs: number;
  readonly lang: Lang;
  /** After each batch is checked: the store holds it. */
  readonly onBatch?: (store: RecordStore) => void;
  readonly signal?: LoadSignal;
}

/** The store a load fills: the policy's, labelled in `lang`. */
export function newStore(checker: Checker, lang: Lang): RecordStore {
  return new RecordStore(checker.policy, messagesFor(lang).defaultAudience);
}

/**
 * Reads every input with readInputs (JSON, NDJSON streamed, YAML, CSV,
 * Markdown and HTML front matter; files and folders) and checks it into
 * `store` a batch (up to 1000 records) at a time, giving the event loop a
 * turn after each (and within one, every 8 ms of checking), so keys and
 * frames are served while a large input loads.
 * Records keep their own `publishedAt`; a draft without one is checked at
 * `clockMs` ("can it go out now?"), where the check command would need --at,
 * and the store notes it, to be checked again as the clock runs (recheckClocked).
 * Input problems go to `store.problems`, never dropped. Resolves true once
 * everything is read, false when cancelled.
 */
export async function loadRecords(store: RecordStore, options: LoadOptions): Promise<boolean> {
  const { checker, lang, signal } = options;
  const now = new Date(options.clockMs).toISOString();
  const seen = new Set<string>();
  const say = messagesFor(lang);
  for await (const batch of readInputs(options.files, { lang })) {
    if (signal?.cancelled) return false;
    let slice = performance.now();
    for (let position = 0; position < batch.length; position++) {
      const item = batch[position]!;
      if (item.kind !== 'record') {
        store.addProblem({ source: item.source, message: item.message, fatal: item.kind === 'error' && item.fatal === true });
        continue;
      }
      const undated = isUndated(item.record);
      let verdict = checker.check(undated ? atClock(item.record, now) : item.record, { lang });
      let clocked = undated;
      // Ids are unique within a batch, as for check: a later record with the same id cannot be told apart.
      if (verdict.id !== null) {
        if (seen.has(verdict.id)) {
          verdict = duplicate(verdict, say.duplicateId(verdict.id));
          // Invalid at any instant: nothing to check again.
          clocked = false;
        } else seen.add(verdict.id);
      }
      store.add(item, verdict, clocked ? options.clockMs : undefined);
      // A key pressed meanwhile waits for a slice of checking at most, not a whole batch.
      if (position % SLICE_CHECK === SLICE_CHECK - 1 && performance.now() - slice > SLICE_MS) {
        await nextTurn();
        if (signal?.cancelled) return false;
        slice = performance.now();
      }
    }
    options.onBatch?.(store);
    await nextTurn();
  }
  return !signal?.cancelled;
}

/**
 * Makes the search text of every record, a few thousand at a time between
 * turns of the event loop, once loading is over: the first search then finds
 * it made. (Search makes what is missing itself; this only gets ahead.)
 */
export async function prepareSearch(store: RecordStore, signal?: LoadSignal, chunk = 4000): Promise<void> {
  for (let from = 0; from < store.length; from += chunk) {
    if (signal?.cancelled) return;
    store.prepareSearch(from, from + chunk);
    await nextTurn();
  }
}

function duplicate(verdict: Verdict, message: string): Verdict {
  return { ...verdict, status: 'invalid', violations: [], earliestAllowedAt: null, detections: [], errors: [{ field: 'id', code: 'duplicate-id', message }] };
}

/**
 * Whether a re-read should replace what the screen shows: not when an input
 * that was read before now cannot be read at all (an editor caught mid-save):
 * the list then keeps what it last read, and the problem is returned to be
 * told. Inputs that could not be read before either do not hold a reload back.
 */
export function reloadBlocker(current: readonly InputProblem[], next: readonly InputProblem[]): InputProblem | undefined {
  const unreadable = new Set(current.filter((problem) => problem.fatal).map((problem) => problem.source.file));
  return next.find((problem) => problem.fatal && !unreadable.has(problem.source.file));
}
