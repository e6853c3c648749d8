/**
 * What the main thread and the check workers say to each other (see
 * parallel-check.ts). The main thread counts each chunk's lines and records
 * before handing it out, so a worker parses, checks and writes the chunk's
 * verdicts at once, numbered where the chunk stands in the input, and hands
 * back the bytes with its records' id hashes: the main thread, taking them in
 * input order, rewrites the rare record whose id came earlier.
 */
import type { PolicyIssue } from '../../errors.js';

/** A chunk to check: whole lines of `file` (see NdjsonChunk) and what comes before them in the input. */
export interface ChunkPlace {
  readonly file: string;
  readonly first: boolean;
  readonly last: boolean;
  /** Newlines, records and bad lines, lines of binary bytes, and (at most) results in the report, before the chunk. */
  readonly lineBase: number;
  readonly indexBase: number;
  readonly binaryLinesBefore: number;
  readonly resultBase: number;
  /** The records and bad lines counted in it. */
  readonly records: number;
}

export type ToWorker =
  /** Whole lines of `file` (see NdjsonChunk), in an ArrayBuffer handed over, and where they stand in the input. */
  | ({
      readonly type: 'chunk';
      readonly id: number;
      readonly buffer: ArrayBuffer;
      readonly offset: number;
      readonly length: number;
    } & ChunkPlace)
  /** An output buffer written, handed back for the next output. */
  | { readonly type: 'recycle'; readonly buffer: ArrayBuffer };

/** A bad line of a chunk, numbered in the input. */
export interface ChunkProblem {
  readonly index: number;
  readonly line: number | undefined;
  readonly message: string;
  readonly fatal: boolean;
}

export interface StatusCounts {
  records: number;
  allowed: number;
  blocked: number;
  review: number;
  invalid: number;
}

/** An error thrown in a worker, with what the main thread needs to throw the same. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly blackout: boolean;
  /** A policy error's problems. */
  readonly issues: readonly PolicyIssue[] | undefined;
}

export type FromWorker =
  /** The policy is loaded; `opening`: the report's opening text, for when the main thread has not loaded it yet. */
  | { readonly type: 'ready'; readonly policySha256: string; readonly opening: string }
  | { readonly type: 'failed'; readonly error: WorkerError }
  | {
      readonly type: 'checked';
      readonly id: number;
      /** Newlines and records and bad lines up to the chunk's end (or where the parser stopped), as its parser counted them. */
      readonly lines: number;
      readonly index: number;
      readonly problems: readonly ChunkProblem[];
      /** Per record, the 64-bit hash of its id as two halves ((0, 0) when it has none), and where its text ends in the output. */
      readonly hashes: Uint32Array;
      readonly ends: Uint32Array;
      /** The records' output, in buffers handed over: so many bytes of each. */
      readonly buffers: ArrayBuffer[];
      readonly lengths: readonly number[];
      readonly counts: StatusCounts;
      /** The chunk's buffer handed back. */
      readonly spare: ArrayBuffer;
    };
