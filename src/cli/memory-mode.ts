/**
 * A long check favours memory over V8's heap growth. Node gives the main
 * thread a young generation of 32 MB and lets its old generation grow to
 * several times what is live before collecting it: at a million records
 * that is some 60 MB of RSS that holds nothing (a worker's heap is capped by
 * its resource limits; the main thread's can only be set by flags at start,
 * or by this one, which V8 reads as it goes). Short runs never pay for it:
 * loading node:v8 costs a few milliseconds.
 */

/** Seen by the code cache (another bundle): a cache made under other flags is one the next run would reject. */
const FLAGS_CHANGED = Symbol.for('blackout.v8FlagsChanged');

/** Records checked after which a run counts as long. */
export const LONG_RUN_RECORDS = 20_000;

/** Tells V8 to favour memory over speed of heap growth, once. */
export function favourMemory(): void {
  const shared = globalThis as { [FLAGS_CHANGED]?: boolean };
  if (shared[FLAGS_CHANGED]) return;
  shared[FLAGS_CHANGED] = true;
  process.getBuiltinModule('node:v8').setFlagsFromString('--optimize-for-size');
}

/** Whether this process has changed V8's flags since it started. */
export function v8FlagsChanged(): boolean {
  return (globalThis as { [FLAGS_CHANGED]?: boolean })[FLAGS_CHANGED] === true;
}
