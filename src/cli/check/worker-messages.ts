/**
 * What the main thread and the check workers say to each other (see
 * parallel-check.ts). A chunk is parsed and checked as soon as it arrives;
 * its verdicts are formatted once the main thread, taking the reports in
 * input order, has told where the chunk stands in the input (record index,
 * line, place in the report) and which of its ids came earlier.
 */
import type { PolicyIssue } from '../../errors.js';
import type { InputNotes, Summary } from '../../report/index.js';

export type ToWorker =
  /** Whole lines of `file` (see NdjsonChunk), in an ArrayBuffer handed over. */
  | { readonly type: 'chunk'; readonly id: number; readonly file: string; readonly buffer: ArrayBuffer; readonly offset: number; readonly length: number; readonly first: boolean; readonly last: boolean }
  /** Parse the chunk again, past so many lines of binary bytes: the cap falls inside it. */
  | { readonly type: 'reparse'; readonly id: number; readonly binaryLinesBefore: number }
  /** Format the chunk's verdicts at this place; `duplicates`: its records (ascending) whose id came earlier. */
  | { readonly type: 'format'; readonly id: number; readonly indexBase: number; readonly lineBase: number; readonly resultBase: number; readonly duplicates: readonly number[] }
  /** Forget the chunk: the input was given up before it. */
  | { readonly type: 'drop'; readonly id: number }
  /** An output buffer written, handed back for the next output. */
  | { readonly type: 'recycle'; readonly buffer: ArrayBuffer }
  /** The report's closing text, when the policy is in the workers only: the counts, and the input problems and skipped items the main thread kept. */
  | { readonly type: 'closing'; readonly summary: Summary; readonly inputs: InputNotes };

/** A bad line of a chunk, numbered within the chunk (line 1, index 0 at its start). */
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
  /** The policy is loaded; `opening`: the report's opening text, for when the main thread has no policy. */
  | { readonly type: 'ready'; readonly policySha256: string; readonly opening: string }
  | { readonly type: 'failed'; readonly error: WorkerError }
  | {
      readonly type: 'checked';
      readonly id: number;
      /** Newlines, records and bad lines, lines of binary bytes in the chunk. */
      readonly lines: number;
      readonly index: number;
      readonly binaryLines: number;
      /** The binary lines counted before the chunk when it was parsed. */
      readonly binaryLinesBefore: number;
      /** The parser gave the input up inside this chunk (too many binary lines). */
      readonly stopped: boolean;
      /** Per record, the 64-bit hash of its id as two halves; (0, 0) when it has none. */
      readonly hashes: Uint32Array;
      readonly problems: readonly ChunkProblem[];
      /** The chunk's buffer handed back, unless kept to parse the chunk again. */
      readonly spare: ArrayBuffer | undefined;
    }
  /** A chunk's output, in buffers handed over: so many bytes of each. */
  | { readonly type: 'formatted'; readonly id: number; readonly buffers: ArrayBuffer[]; readonly lengths: readonly number[]; readonly counts: StatusCounts }
  | { readonly type: 'closing'; readonly text: string };
