/**
 * Standard output and error on their descriptors (src/cli/fd-writer.ts):
 * bytes in order, a terminal-like device left to its stream, the stream
 * taking over (with copies) when a non-blocking pipe refuses a write, and a
 * pipe without a reader thrown as EPIPE.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FdWriter, type FallbackStream } from '../../src/cli/fd-writer.js';

const scratch = mkdtempSync(join(tmpdir(), 'blackout-fd-writer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stream that keeps what it is given and says it is full. */
class KeepingStream implements FallbackStream {
  readonly chunks: Buffer[] = [];
  write(chunk: Uint8Array): boolean {
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    return false;
  }
  get writableLength(): number {
    return this.chunks.reduce((total, chunk) => total + chunk.length, 0);
  }
  once(): unknown {
    return this;
  }
}

function fifo(name: string): string {
  const path = join(scratch, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('FdWriter', () => {
  it('writes text and bytes to a file in order, now', () => {
    const path = join(scratch, 'out.txt');
    const fd = openSync(path, 'w');
    const writer = FdWriter.forDescriptor(fd, () => {
      throw new Error('no stream wanted');
    })!;
    expect(writer).toBeInstanceOf(FdWriter);
    expect(writer.write('é '.repeat(40_000))).toBe(true);
    expect(writer.write(Buffer.from('bytes\n'))).toBe(true);
    expect(writer.pending).toBe(0);
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(`${'é '.repeat(40_000)}bytes\n`);
  });

  it('leaves a character device (a terminal, /dev/null) and a closed descriptor to the stream', () => {
    const fd = openSync('/dev/null', 'w');
    expect(FdWriter.forDescriptor(fd, () => new KeepingStream())).toBeUndefined();
    closeSync(fd);
    expect(FdWriter.forDescriptor(fd, () => new KeepingStream())).toBeUndefined();
  });

  it('hands the rest to the stream, copied, when a non-blocking pipe is full, and every later write too', () => {
    const path = fifo('full');
    const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    const stream = new KeepingStream();
    const writer = FdWriter.forDescriptor(fd, () => stream)!;
    const chunk = Buffer.alloc(16 * 1024);
    const written: Buffer[] = [];
    let round = 0;
    // A pipe holds 64 KiB by default: far less than this.
    while (stream.chunks.length === 0) {
      chunk.fill(round++ % 251);
      written.push(Buffer.from(chunk));
      writer.write(chunk);
      expect(round).toBeLessThan(10_000);
    }
    // Reused by its owner: the stream kept a copy.
    chunk.fill(0xff);
    expect(writer.write('and then text')).toBe(false);
    expect(writer.pending).toBe(stream.writableLength);
    const piped: Buffer[] = [];
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      let read = 0;
      try {
        read = readSync(reader, buffer);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
      if (read === 0) break;
      piped.push(Buffer.from(buffer.subarray(0, read)));
    }
    closeSync(fd);
    closeSync(reader);
    expect(Buffer.concat([...piped, ...stream.chunks]).equals(Buffer.concat([...written, Buffer.from('and then text')]))).toBe(true);
  });

  it('throws EPIPE when the pipe has no reader', () => {
    const path = fifo('gone');
    const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(reader);
    const writer = FdWriter.forDescriptor(fd, () => new KeepingStream())!;
    expect(() => writer.write('x')).toThrow(expect.objectContaining({ code: 'EPIPE' }));
    closeSync(fd);
  });
});
