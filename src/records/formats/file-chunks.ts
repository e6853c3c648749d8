import { closeSync, readSync } from 'node:fs';
import { openRegularFileSync } from '../../fs/regular-file.js';

/**
 * A regular file's bytes in chunks of `size`, read with synchronous calls:
 * from a regular file they return at once, and a thread with nothing else to
 * do saves the trips through the event loop, and the waits, of streamed
 * reads. Undefined when the path is no regular file that can be opened (a
 * FIFO is refused before it is opened: opening it would wait for a writer):
 * the caller streams it, and says why it cannot.
 *
 * The chunks are read into `ring` buffers in turn, not into new ones (a new
 * buffer's pages cost the kernel ten times the read): a chunk's bytes hold
 * until `ring - 1` more chunks are read. The caller must be done with them
 * by then (see {@link ringFor}).
 */
export function regularFileChunks(path: string, size: number, ring: number): AsyncGenerator<Buffer> | undefined {
  try {
    return chunksOf(openRegularFileSync(path, { maxBytes: Number.MAX_SAFE_INTEGER }).fd, size, ring);
  } catch {
    return undefined;
  }
}

/**
 * Buffers an NDJSON parser needs in the ring when each chunk's records are
 * done with before the next chunk is read: a line cut by chunk ends is held
 * as pieces of the chunks it spans until it ends (it is then copied whole),
 * and a line longer than `longest` bytes is dropped, not held.
 */
export function ringFor(size: number, longest: number): number {
  return Math.ceil(longest / size) + 2;
}

async function* chunksOf(fd: number, size: number, ring: number): AsyncGenerator<Buffer> {
  const buffers: Buffer[] = [];
  try {
    for (let turn = 0; ; turn = (turn + 1) % ring) {
      const buffer = (buffers[turn] ??= Buffer.allocUnsafeSlow(size));
      const read = readSync(fd, buffer, 0, size, null);
      if (read === 0) return;
      yield read === size ? buffer : buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** Bytes of a piece whose records are checked and written before the next is parsed: few records are alive at a scavenge, so a small young generation copies little. */
export const PIECE_BYTES = 16 * 1024;
const NEWLINE = 10;

/** Where the piece of `bytes` that starts at `from` ends: after the first newline `size` bytes on, else at the end. */
export function pieceEnd(bytes: Buffer, from: number, size = PIECE_BYTES): number {
  const newline = bytes.indexOf(NEWLINE, from + size);
  return newline < 0 ? bytes.length : newline + 1;
}

/**
 * The chunks cut into pieces (see {@link pieceEnd}; a piece may end mid-line
 * only where its chunk does): a reader that checks each piece's records
 * before the next holds few of them when the garbage collector runs.
 */
export async function* inPieces(chunks: AsyncIterable<Buffer>, size = PIECE_BYTES): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    for (let from = 0; from < chunk.length; ) {
      const end = pieceEnd(chunk, from, size);
      yield from === 0 && end === chunk.length ? chunk : chunk.subarray(from, end);
      from = end;
    }
  }
}
