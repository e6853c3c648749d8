import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import { printable } from '../text/printable.js';
import { systemReason } from '../fs/system-reason.js';
import type { FdWriter } from './fd-writer.js';
import type { CliIo } from './io.js';

/** Where machine output goes: standard output or `--output FILE`, written in large chunks, waiting when the reader is slow. */
export interface Output {
  /**
   * Queues text, or bytes (a worker's encoded output: `written` is called
   * when they may be reused); returns a promise only when the reader must
   * catch up first (await it then).
   */
  write(chunk: string | Uint8Array, written?: () => void): Promise<void> | undefined;
  /** Writes what is queued and, for a file, closes it. */
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;


/** Opens `--output FILE`, or standard output. A file that cannot be written is a usage error, found before any record is read. */
export async function openOutput(path: string | undefined, io: CliIo, lang: 'en' | 'fr' = 'en'): Promise<Output> {
  if (path === undefined) {
    if (io.stdoutWriter) return writerOutput(io.stdoutWriter);
    if (io.stdoutStream) return streamOutput(io.stdoutStream, false);
    const decoder = new TextDecoder();
    const write = (chunk: string | Uint8Array, written?: () => void) => {
      io.stdout(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
      written?.();
      return undefined;
    };
    return { write, close: async () => {} };
  }
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (error) {
    const why = systemReason(error as NodeJS.ErrnoException, lang);
    throw new UsageError(lang === 'fr' ? `impossible d’écrire ${printable(path)} : ${why}` : `cannot write ${printable(path)}: ${why}`);
  }
  return streamOutput(file, true);
}

/** What an Output writes to. */
interface Sink {
  /** Writes text, or bytes (`written` is called when they may be reused); false when the writer must wait for {@link drained}. */
  write(chunk: string | Uint8Array, written?: () => void): boolean;
  drained(): Promise<void>;
  /** Once everything is written: waits for the rest and releases the sink. */
  end(): Promise<void>;
}

/** Text gathered into large writes; bytes written as they come, after the text before them. */
function bufferedOutput(sink: Sink): Output {
  let pending = '';
  /** Writes the text queued, then `bytes`, if any. */
  const flush = (bytes?: Uint8Array, written?: () => void): Promise<void> | undefined => {
    const text = pending;
    pending = '';
    let ready = text === '' || sink.write(text);
    if (bytes !== undefined) ready = sink.write(bytes, written) && ready;
    return ready ? undefined : sink.drained();
  };
  return {
    write(chunk, written) {
      if (typeof chunk !== 'string') return flush(chunk, written);
      pending += chunk;
      return pending.length >= CHUNK ? flush() : undefined;
    },
    async close() {
      await flush();
      await sink.end();
    },
  };
}

/** Standard output on its descriptor: written now (a pipe's reader sets the pace), or by its stream once that took over. */
function writerOutput(writer: FdWriter): Output {
  return bufferedOutput({
    write: (chunk, written) => {
      const ready = writer.write(chunk);
      // Written, or copied by the stream that took over.
      written?.();
      return ready;
    },
    drained: () => writer.drained(),
    end: () => writer.drained(),
  });
}

/** A stream (standard output's, or `--output`'s, closed at the end); its first error is thrown by the next write or at the end. */
function streamOutput(stream: Writable, ownStream: boolean): Output {
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  const rethrow = () => {
    if (failure) throw failure;
  };
  return bufferedOutput({
    write: (chunk, written) => {
      rethrow();
      return typeof chunk === 'string' ? stream.write(chunk) : stream.write(chunk, written && (() => written()));
    },
    drained: () => once(stream, 'drain').then(() => undefined),
    async end() {
      if (ownStream) {
        stream.end();
        await once(stream, 'finish');
      }
      rethrow();
    },
  });
}
