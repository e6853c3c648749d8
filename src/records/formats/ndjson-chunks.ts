import type { FileHandle } from 'node:fs/promises';
import { longestLine, opensBinary, SNIFF_BYTES } from './read-ndjson.js';

/**
 * A run of whole NDJSON lines, each with its newline but maybe the input's
 * last, in a buffer of its own (its ArrayBuffer can be handed to a worker).
 */
export interface NdjsonChunk {
  readonly kind: 'lines';
  readonly bytes: Buffer;
  /** Opens the input: its first line may start with a BOM. */
  readonly first: boolean;
  /** Ends the input: its last line may lack a newline. */
  readonly last: boolean;
}

const NEWLINE = 10;

/**
 * Reads an NDJSON file in chunks of about `size` bytes cut after a newline,
 * for workers that parse each chunk on its own with the NDJSON parser. A
 * binary file (a NUL early on) is one `binary` chunk, and the end. A line too
 * long to be a record whatever it holds is passed on cut short, still too
 * long: the parser reports it where it stands, and memory stays bounded.
 */
export async function* ndjsonChunks(
  file: FileHandle,
  size: number,
  limit: number,
  /** Where read buffers come from (a pool, to reuse buffers handed back). */
  allocate: (capacity: number) => Buffer = Buffer.allocUnsafeSlow,
): AsyncGenerator<NdjsonChunk | { readonly kind: 'binary' }> {
  const longest = longestLine(limit);
  /** Bytes read but not passed on: the start of a line. */
  let carry: Buffer = Buffer.alloc(0);
  /** Inside a line over `longest`: `carry` holds its start, the rest is dropped up to its newline. */
  let skipping = false;
  let first = true;
  let sniffed = false;
  for (;;) {
    // The first read is large enough to look for NUL bytes as the sequential reader does.
    const want = sniffed ? size : Math.max(size, SNIFF_BYTES);
    const kept = skipping ? 0 : carry.length;
    let bytes: Buffer = allocate(kept + want);
    carry.copy(bytes, 0, 0, kept);
    const { bytesRead } = await file.read(bytes, kept, want, null);
    let filled = kept + bytesRead;
    if (!sniffed) {
      sniffed = true;
      if (opensBinary(bytes.subarray(0, filled))) {
        yield { kind: 'binary' };
        return;
      }
    }
    if (skipping) {
      const end = bytes.subarray(0, filled).indexOf(NEWLINE);
      if (end < 0) {
        if (bytesRead > 0) continue;
        // The input ends inside the long line.
        yield { kind: 'lines', bytes: carry, first, last: true };
        return;
      }
      skipping = false;
      const rest = bytes.subarray(end, filled);
      bytes = Buffer.allocUnsafeSlow(carry.length + rest.length);
      carry.copy(bytes);
      rest.copy(bytes, carry.length);
      filled = bytes.length;
    }
    if (bytesRead === 0) {
      if (filled > 0) yield { kind: 'lines', bytes: bytes.subarray(0, filled), first, last: true };
      return;
    }
    const last = bytes.subarray(0, filled).lastIndexOf(NEWLINE);
    if (last < 0) {
      carry = bytes.subarray(0, filled);
    } else {
      // The unfinished line is copied out: the chunk's buffer goes to a worker.
      carry = copyOf(bytes.subarray(last + 1, filled));
      yield { kind: 'lines', bytes: bytes.subarray(0, last + 1), first, last: false };
      first = false;
    }
    if (carry.length > longest) {
      // One byte over is enough for the parser to call it too long.
      carry = copyOf(carry.subarray(0, longest + 1));
      skipping = true;
    }
  }
}

/** A copy in a buffer of its own: Buffer.from may share a pool, which cannot be handed to a worker. */
function copyOf(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}
