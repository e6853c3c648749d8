import { fstatSync, writeSync } from 'node:fs';

/** What an {@link FdWriter} falls back on: the process's own stream for the descriptor. */
export interface FallbackStream {
  write(chunk: Uint8Array, callback: () => void): boolean;
  readonly writableLength: number;
}

/**
 * Standard output or error written with write(2) on its descriptor, when it
 * is a pipe, a file or a socket. Node's process.stdout costs a start some
 * 10 ms when it is a pipe (its handle and the stream modules), and writes
 * synchronously there on Linux all the same. The stream is made only when
 * the descriptor refuses a write for now (EAGAIN: a pipe another process
 * made non-blocking); it then takes the rest of that write and every later
 * one, in order. A closed pipe (EPIPE) throws, as the stream's error would.
 */
export class FdWriter {
  readonly #fd: number;
  readonly #openStream: () => FallbackStream;
  #stream: FallbackStream | undefined;
  /** Writes queued on the stream and not done yet, and who waits for them all to be. */
  #queued = 0;
  #waiting: (() => void)[] = [];

  constructor(fd: number, openStream: () => FallbackStream) {
    this.#fd = fd;
    this.#openStream = openStream;
  }

  /**
   * A writer for the descriptor when it is a pipe, a regular file or a
   * socket; undefined for a terminal (or any character device: /dev/null
   * and a terminal look alike to fstat), whose stream is used as before.
   */
  static forDescriptor(fd: number, openStream: () => FallbackStream): FdWriter | undefined {
    try {
      const stats = fstatSync(fd);
      return stats.isFIFO() || stats.isFile() || stats.isSocket() ? new FdWriter(fd, openStream) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes the chunk, now or queued on the stream; false when the stream asks to wait for 'drain'. The bytes may be reused once it returns. */
  write(chunk: string | Uint8Array): boolean {
    const owned = typeof chunk === 'string';
    const bytes = owned ? Buffer.from(chunk, 'utf8') : chunk;
    // The stream holds what it queues: a copy of bytes the caller may reuse.
    if (this.#stream) return this.#queue(owned ? bytes : copyOf(bytes, 0));
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(this.#fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        this.#stream = this.#openStream();
        return this.#queue(copyOf(bytes, offset));
      }
    }
    return true;
  }

  /** Bytes queued on the stream and not written yet (none until it takes over). */
  get pending(): number {
    return this.#stream?.writableLength ?? 0;
  }

  /**
   * Resolves once the stream has written what it queued. Told by the writes'
   * callbacks, not by 'drain': a stream emits that only after a write that
   * filled its buffer, never after a small last one queued on a full pipe.
   */
  drained(): Promise<void> {
    return this.#queued === 0 ? Promise.resolve() : new Promise((resolve) => this.#waiting.push(resolve));
  }

  #queue(bytes: Uint8Array): boolean {
    this.#queued++;
    return this.#stream!.write(bytes, () => {
      if (--this.#queued === 0) for (const resolve of this.#waiting.splice(0)) resolve();
    });
  }
}

/** A copy of the bytes from `offset` (a Buffer's own slice() would be a view). */
function copyOf(bytes: Uint8Array, offset: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, offset);
}
