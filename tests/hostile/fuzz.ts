/**
 * The fuzz pass's settings: seeded, so a failure is replayed by its seed
 * (printed with it), and bounded in time, so the whole pass stays under a
 * minute in CI however fast the machine. BLACKOUT_FUZZ_SEED, BLACKOUT_FUZZ_RUNS
 * and BLACKOUT_FUZZ_SCALE (a multiplier of every time budget) run it longer.
 */
import fc from 'fast-check';

export const SEED = Number(process.env.BLACKOUT_FUZZ_SEED ?? 20170506);
const RUNS = Number(process.env.BLACKOUT_FUZZ_RUNS ?? 100_000);
const SCALE = Number(process.env.BLACKOUT_FUZZ_SCALE ?? 1);

/** Seconds of fuzzing per property, all of them together under 60 s. */
export const BUDGET = {
  ndjson: 7,
  csv: 6,
  json: 4,
  yaml: 5,
  frontMatter: 3,
  bytes: 6,
  engine: 10,
  scan: 4,
} as const;

/** The test's own time limit: its fuzzing budget, and room to load and shrink. */
export function timeLimit(name: keyof typeof BUDGET): number {
  return BUDGET[name] * SCALE * 1000 + 60_000;
}

/**
 * Runs `property` for at most `seconds` (or BLACKOUT_FUZZ_RUNS runs), prints
 * how many runs it made, and throws fast-check's report, with the seed and
 * the smallest failing input, when one fails.
 */
export async function fuzz<T>(name: keyof typeof BUDGET, property: fc.IAsyncProperty<T> | fc.IProperty<T>): Promise<number> {
  const started = performance.now();
  const details = await fc.check(property as fc.IAsyncProperty<T>, {
    seed: SEED,
    numRuns: RUNS,
    interruptAfterTimeLimit: BUDGET[name] * SCALE * 1000,
    markInterruptAsFailure: false,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz ${name}: ${details.numRuns} runs in ${seconds} s (seed ${SEED})`);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `fuzz ${name} failed`);
  // A pass that ran nothing proves nothing.
  if (details.numRuns < 20) throw new Error(`fuzz ${name}: only ${details.numRuns} runs in ${seconds} s`);
  return details.numRuns;
}
