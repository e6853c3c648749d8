// Types of records.mjs, so TypeScript tests can reuse the seeded benchmark data.
import type { PublicationRecord } from '../src/records/types.js';

/** A small deterministic PRNG (mulberry32): numbers in [0, 1). */
export declare function random(seed: number): () => number;

/** `count` seeded records (mixed offsets, regions, categories, channels and lifecycles). */
export declare function makeRecords(count: number, seed?: number): PublicationRecord[];
