import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

/** Where machine output goes: standard output or `--output FILE`, written in large chunks, waiting when the reader is slow. */
export interface Output {
  /** Queues text; returns a promise only when the reader must catch up first (await it then). */
  write(text: string): Promise<void> | undefined;
  /** Writes what is queued and, for a file, closes it. */
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

/** Opens `--output FILE`, or standard output. A file that cannot be written is a usage error, found before any record is read. */
export async function openOutput(path: string | undefined, io: CliIo): Promise<Output> {
  if (path === undefined) {
    return io.stdoutStream ? streamOutput(io.stdoutStream, false) : { write: (text) => void io.stdout(text), close: async () => {} };
  }
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return streamOutput(file, true);
}

function streamOutput(stream: Writable, ownStream: boolean): Output {
  let pending = '';
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  const flush = (): Promise<void> | undefined => {
    if (failure) throw failure;
    const text = pending;
    pending = '';
    if (text === '' || stream.write(text)) return undefined;
    return once(stream, 'drain').then(() => undefined);
  };
  return {
    write(text) {
      pending += text;
      return pending.length >= CHUNK ? flush() : undefined;
    },
    async close() {
      await flush();
      if (ownStream) {
        stream.end();
        await once(stream, 'finish');
      }
      if (failure) throw failure;
    },
  };
}
