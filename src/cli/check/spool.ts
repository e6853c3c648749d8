import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlackoutError } from '../../errors.js';
import type { SpoolRange } from '../../report/index.js';
import type { Lang } from '../options/lang-option.js';

const MESSAGES = {
  en: (folder: string, reason: string) => `cannot make a temporary file for the report in ${folder} (${reason}); set TMPDIR to a folder that can be written`,
  fr: (folder: string, reason: string) => `impossible de créer un fichier temporaire pour le rapport dans ${folder} (${reason}) ; donnez à TMPDIR un dossier où écrire`,
} as const;

/** node:fs/promises, loaded when a spool is made: a check without one (any report but JUnit) starts some 2 ms sooner. */
const fsPromises = () => process.getBuiltinModule('node:fs/promises');

/** Text gathered before a write to the spool file: few, large writes. */
const WRITE_CHARACTERS = 1024 * 1024;
/** Bytes read back at a time when the report is laid out. */
const READ_BYTES = 1024 * 1024;

/**
 * A report's body on disk while the run goes on (JUnit's suites open with
 * counts known only at the end): appended as records come, read back by
 * ranges when the report is laid out. A private temporary file, unlinked
 * once open where the system allows it, so that nothing is left behind
 * even when the process is killed.
 */
export class Spool {
  readonly #handle: FileHandle;
  readonly #folder: string;
  #pending = '';
  #bytes = 0;

  private constructor(handle: FileHandle, folder: string) {
    this.#handle = handle;
    this.#folder = folder;
  }

  static async create(lang: Lang): Promise<Spool> {
    let folder: string | undefined;
    try {
      folder = await fsPromises().mkdtemp(join(tmpdir(), 'blackout-report-'));
      const handle = await fsPromises().open(join(folder, 'spool'), 'wx+', 0o600);
      // Unlinked at once: the open handle keeps the file; the system frees it when the handle closes or the process dies.
      await fsPromises().rm(folder, { recursive: true, force: true }).catch(() => {});
      return new Spool(handle, folder);
    } catch (error) {
      if (folder !== undefined) await fsPromises().rm(folder, { recursive: true, force: true }).catch(() => {});
      throw new BlackoutError(MESSAGES[lang](tmpdir(), (error as NodeJS.ErrnoException).code ?? (error as Error).message));
    }
  }

  /** Appends text; a promise when the text gathered is written (await it then). */
  append(text: string): Promise<void> | undefined {
    this.#pending += text;
    return this.#pending.length >= WRITE_CHARACTERS ? this.#flush() : undefined;
  }

  async #flush(): Promise<void> {
    const text = this.#pending;
    this.#pending = '';
    if (text === '') return;
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; ) {
      const { bytesWritten } = await this.#handle.write(bytes, at, bytes.length - at, this.#bytes);
      at += bytesWritten;
      this.#bytes += bytesWritten;
    }
  }

  /**
   * Writes the report: texts as they are, ranges copied from the spool in
   * pieces cut between characters (an output that takes text must not get
   * half a character), waiting for the output when it is slow.
   */
  async copyTo(parts: ReadonlyArray<string | SpoolRange>, write: (chunk: string | Uint8Array) => Promise<void> | undefined): Promise<void> {
    await this.#flush();
    for (const part of parts) {
      if (typeof part === 'string') {
        await write(part);
        continue;
      }
      for (let at = part.start; at < part.end; ) {
        const buffer = Buffer.allocUnsafe(Math.min(READ_BYTES, part.end - at));
        const { bytesRead } = await this.#handle.read(buffer, 0, buffer.length, at);
        if (bytesRead === 0) throw new Error('the report spool ended early');
        let cut = bytesRead;
        if (at + bytesRead < part.end) {
          // Short of the range's end, stop at the last character's first byte: the next piece starts with it.
          cut--;
          while (cut > 0 && (buffer[cut]! & 0xc0) === 0x80) cut--;
          if (cut === 0) cut = bytesRead;
        }
        await write(buffer.subarray(0, cut));
        at += cut;
      }
    }
  }

  /** Closes and removes the spool. */
  async close(): Promise<void> {
    await this.#handle.close().catch(() => {});
    await fsPromises().rm(this.#folder, { recursive: true, force: true }).catch(() => {});
  }
}
