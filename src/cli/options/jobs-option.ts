import { availableParallelism } from 'node:os';
import { UsageError } from '../../errors.js';
import type { Lang } from './lang-option.js';

/** How a check spreads over worker threads (see parallel-check.ts). */
export interface Jobs {
  /** Threads that check large NDJSON files, the main thread and `workers - 1` worker threads; 1 checks every record on the main thread. */
  readonly workers: number;
  /** NDJSON files of this many bytes or more go to the workers: below, starting them (each loads the policy, warms up on its own) costs more than it saves. */
  readonly minBytes: number;
  /** Bytes read at once and handed to a worker. */
  readonly chunkBytes: number;
  /** Cap on each worker's old heap (MB), when set. */
  readonly heapMb: number | undefined;
}

export const MAX_JOBS = 64;
/** Each thread holds a heap of its own: past four, memory grows faster than throughput. */
const MAX_AUTO_JOBS = 4;
/**
 * The main thread checks chunks too and starts at once, but a worker loads the
 * policy and warms up on its own (its JIT, the zones' offsets, the outcomes:
 * some half a second of work before it checks at full speed). On two quiet
 * cores, the main thread and one worker took 4 % longer than one thread at
 * 104 MB (1.56 s against 1.50 s, medians of three) and 14 % less at 218 MB
 * (2.16 s against 2.51 s); at 8 and 32 MB, and on a busy host (the second
 * core is then not free), they lose.
 */
const MIN_BYTES = 128 * 1024 * 1024;
const CHUNK_BYTES = 512 * 1024;

const MESSAGES = {
  en: (value: string) => `--jobs takes a number of threads from 1 to ${MAX_JOBS}, or auto, not '${value}'`,
  fr: (value: string) => `--jobs prend un nombre de fils d’exécution de 1 à ${MAX_JOBS}, ou auto, pas « ${value} »`,
} as const;

/**
 * Reads `--jobs N|auto` (default auto: one thread per core, up to four, when
 * the machine has more than one). BLACKOUT_TEST_CHUNK_BYTES (tests only)
 * sends NDJSON files of any size to the workers in chunks of that many bytes,
 * so that small test files cross many chunk boundaries; BLACKOUT_TEST_WORKER_HEAP_MB
 * (tests only) caps each worker's heap, to see a worker run out of memory.
 */
export function readJobs(value: string | undefined, env: Readonly<Record<string, string | undefined>>, lang: Lang): Jobs {
  let workers: number;
  if (value === undefined || value === 'auto') {
    const cores = availableParallelism();
    workers = cores > 1 ? Math.min(cores, MAX_AUTO_JOBS) : 1;
  } else if (/^[0-9]+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_JOBS) {
    workers = Number(value);
  } else {
    throw new UsageError(MESSAGES[lang](value));
  }
  const testChunk = positive(env.BLACKOUT_TEST_CHUNK_BYTES);
  return {
    workers,
    minBytes: testChunk === undefined ? MIN_BYTES : 0,
    chunkBytes: testChunk ?? CHUNK_BYTES,
    heapMb: positive(env.BLACKOUT_TEST_WORKER_HEAP_MB),
  };
}

function positive(text: string | undefined): number | undefined {
  const number = Number(text);
  return text !== undefined && Number.isInteger(number) && number > 0 ? number : undefined;
}
