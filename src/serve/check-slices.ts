import type { VerdictSource } from '../cms/verdict-source.js';
import type { CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';

// The service runs on one thread: a request of a thousand costly records
// (local times across many zones and centuries, long texts) checked in one go
// would hold every other request, and /healthz, until it is done. So records
// are checked in slices of a few milliseconds, and requests with more to do
// take turns: one slice per turn of the event loop, whoever waited longest
// first, so whatever else came in (a one-record request, /healthz) is read
// and answered between two slices rather than after all of them. A request
// shorter than a slice never waits for a turn.

const EMPTY: readonly never[] = Object.freeze([]);

/** Slices waiting for their turn, oldest first; one is let through per turn of the event loop. */
const waiting: (() => void)[] = [];
let turnScheduled = false;

/** Resolves when it is this caller's turn to do a slice of work. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    scheduleTurn();
  });
}

function scheduleTurn(): void {
  if (turnScheduled || waiting.length === 0) return;
  turnScheduled = true;
  // Set from a check phase, the next immediate runs in the next turn of the loop, after its I/O.
  setImmediate(() => {
    turnScheduled = false;
    waiting.shift()!();
    scheduleTurn();
  });
}

/**
 * Checks records as `checkAll` does (an id met earlier in the batch makes the
 * record invalid), waiting for its turn once `sliceMs` of work is done.
 * Throws if the checker's policy changes in between (a reload): the caller
 * checks again, so one answer never mixes two policies.
 */
export async function checkInSlices(checker: VerdictSource, records: readonly unknown[], options: CheckOptions, sliceMs: number): Promise<Verdict[]> {
  const policy = checker.policy;
  const seen = new Set<string>();
  const verdicts: Verdict[] = [];
  let sliceStart = performance.now();
  for (const record of records) {
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      if (checker.policy !== policy) throw new PolicyChanged();
      sliceStart = performance.now();
    }
    const verdict = checker.check(record, options);
    if (verdict.id !== null && seen.has(verdict.id)) {
      verdicts.push(duplicate(verdict.id, verdict.at));
      continue;
    }
    if (verdict.id !== null) seen.add(verdict.id);
    verdicts.push(verdict);
  }
  return verdicts;
}

/** The policy in use changed while a request was checked in slices. */
export class PolicyChanged extends Error {
  override name = 'PolicyChanged';
}

/** The verdict of a repeated id, as the engine's `checkAll` gives it. */
function duplicate(id: string, at: string | null): Verdict {
  return {
    id,
    status: 'invalid',
    at,
    violations: EMPTY,
    earliestAllowedAt: null,
    errors: [{ field: 'id', code: 'duplicate-id', message: `id '${id}' appears earlier in the batch` }],
    detections: EMPTY,
  };
}
