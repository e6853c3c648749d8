import type { RecordStore } from './model/store.js';

/** What the loader and watch mode tell the screen. */
export type Update =
  /** The store has `count` records checked and `problemCount` input problems; `done` once every input is read. */
  | { readonly kind: 'progress'; readonly store: RecordStore; readonly count: number; readonly problemCount: number; readonly done: boolean }
  /** The input changed and was read again, whole. */
  | { readonly kind: 'reload'; readonly store: RecordStore }
  /** The input changed but could not be read; the list keeps what it last read. */
  | { readonly kind: 'reloadFailed'; readonly message: string };

export type Listener = (update: Update) => void;

/** A progress update for `store` as it is now. */
export function progressOf(store: RecordStore, done: boolean): Update {
  return { kind: 'progress', store, count: store.length, problemCount: store.problems.length, done };
}

/**
 * Updates from the loader to whoever listens. A listener that comes late (the
 * screen subscribes once mounted) is first told the latest progress, which
 * says all there is to know: progress counts are totals, not increments.
 */
export class UpdateFeed {
  readonly #listeners = new Set<Listener>();
  #progress: Update | undefined;

  push(update: Update): void {
    if (update.kind === 'progress') this.#progress = update;
    for (const listener of this.#listeners) listener(update);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#progress) listener(this.#progress);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

/**
 * Passes updates to `listener`, progress at most once every `intervalMs`: the
 * first at once, then the latest at the end of each interval, and the last
 * one (done) at once. Other updates go at once, after any progress held back.
 * A list of 100,000 records is then merged and drawn ten times a second while
 * it loads, not a hundred.
 */
export function throttleProgress(listener: Listener, intervalMs: number): { readonly push: Listener; readonly stop: () => void } {
  let pending: Update | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last = -Infinity;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const update = pending;
    pending = undefined;
    last = performance.now();
    listener(update);
  };
  return {
    push(update) {
      if (update.kind !== 'progress') {
        flush();
        listener(update);
        return;
      }
      pending = update;
      if (update.done) return flush();
      if (timer) return;
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
