import type { Violation } from '../engine/verdict.js';
import type { RecordSource } from '../records/source.js';
import type { CheckedRecord } from './results.js';
import { outcomeJson, verdictJson } from './verdict-json.js';

/**
 * Output bytes, written into buffers of one size, handed on as they fill
 * (the CLI writes them, a worker hands them to the main thread); a text of
 * any length is encoded across them, so every buffer comes from `allocate`.
 * A writer makes room, then writes at `buffer[length]` on: fields, not
 * accessors, since a verdict is a dozen small writes.
 */
export class ByteOutput {
  /** The buffer being filled, and how much of it is. */
  buffer: Buffer;
  length = 0;
  #full: Buffer[] = [];
  /** Bytes in the full buffers. */
  #fullBytes = 0;
  readonly #allocate: () => Buffer;

  /** `allocate` gives an empty buffer (the same size each time, at least 4 KiB). */
  constructor(allocate: () => Buffer) {
    this.#allocate = allocate;
    this.buffer = allocate();
  }

  /** Bytes a buffer holds. */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Whether some buffers are full and waiting to be taken. */
  get hasFull(): boolean {
    return this.#full.length > 0;
  }

  /** Bytes written and not taken yet. */
  get written(): number {
    return this.#fullBytes + this.length;
  }

  /** The full buffers, in order; they are the caller's now. */
  takeFull(): Buffer[] {
    const full = this.#full;
    this.#full = [];
    this.#fullBytes = 0;
    return full;
  }

  /** Everything written: the full buffers and the used part of the current one, which is the caller's too (writing goes on in a new one). */
  takeAll(): Buffer[] {
    const all = this.takeFull();
    if (this.length > 0) {
      all.push(this.buffer.subarray(0, this.length));
      this.buffer = this.#allocate();
      this.length = 0;
    }
    return all;
  }

  /** Makes room for `bytes` more in the current buffer (at most {@link capacity}). */
  room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    this.#full.push(this.buffer.subarray(0, this.length));
    this.#fullBytes += this.length;
    this.buffer = this.#allocate();
    this.length = 0;
  }

  /** Bytes; room made by the caller. A few are copied here: a call to `set` costs more than a short loop. */
  copy(bytes: Uint8Array): void {
    const length = bytes.length;
    if (length > 48) this.buffer.set(bytes, this.length);
    else {
      const buffer = this.buffer;
      const at = this.length;
      for (let index = 0; index < length; index++) buffer[at + index] = bytes[index]!;
    }
    this.length += length;
  }

  /** A non-negative safe integer in decimal; room (16 bytes) made by the caller. */
  integer(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = (this.length += digits);
    let rest = value;
    do {
      this.buffer[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** Any text, in UTF-8 (a lone surrogate as U+FFFD, as Node writes strings), across buffers when long. */
  utf8(text: string): void {
    if (text.length * 3 <= this.buffer.length - this.length) {
      this.length += (this.buffer as unknown as Encoding).utf8Write(text, this.length);
      return;
    }
    for (let rest = text; rest.length > 0; ) {
      // A code point takes at most 4 bytes: with less room, the next one may not fit.
      if (this.buffer.length - this.length < 4) this.room(this.buffer.length);
      const { read, written } = encoder.encodeInto(rest, this.buffer.subarray(this.length));
      this.length += written;
      rest = rest.slice(read);
    }
  }
}

/** Node's own encoder, which Buffer's write calls after checking its arguments. */
interface Encoding {
  utf8Write(text: string, offset: number): number;
}

const encoder = new TextEncoder();

/** What follows `at` in a verdict's JSON up to its source, for one outcome: `,"violations":…,"source":`. */
interface Tail {
  readonly earliestAllowedAt: string | null;
  readonly detections: readonly unknown[];
  readonly provisionalNote: string | undefined;
  readonly provisional: boolean;
  readonly bytes: Buffer;
}

/** Tails kept per violation list: records alike share one, a provisional note or two make a few. */
const TAILS_PER_LIST = 8;
/** What opens a verdict with an id; after the id, what comes up to the instant, per status. */
const OPEN = Buffer.from('{"id":"');
const ALLOWED_HEAD = Buffer.from('","status":"allowed","at":"');
const BLOCKED_HEAD = Buffer.from('","status":"blocked","at":"');
const REVIEW_HEAD = Buffer.from('","status":"review","at":"');

/** What comes between a verdict's id and its instant; undefined for an invalid verdict. */
function statusHead(status: string): Buffer | undefined {
  return status === 'allowed' ? ALLOWED_HEAD : status === 'blocked' ? BLOCKED_HEAD : status === 'review' ? REVIEW_HEAD : undefined;
}
const INDEX = Buffer.from(',"index":');
const LINE = Buffer.from(',"line":');
const COLUMN = Buffer.from(',"column":');

/**
 * Writes verdicts as `verdictJson` does, byte for byte, into a ByteOutput,
 * from pieces made once: what a verdict says besides its id, instant and
 * source is its outcome's, shared by every record alike (violation lists are
 * frozen and shared), so its JSON is encoded once per outcome, not once per
 * record. Anything else (an invalid verdict, a list not frozen, an id or
 * instant that needs escaping) is written from `verdictJson`'s own text.
 */
export class VerdictBytes {
  readonly #tails = new WeakMap<readonly Violation[], Tail[]>();
  #file: string | undefined;
  #fileJson = Buffer.alloc(0);

  write(out: ByteOutput, checked: CheckedRecord): void {
    const { verdict, source } = checked;
    const { id, at } = verdict;
    const head = statusHead(verdict.status);
    const tail = head === undefined || id === null || at === null || verdict.errors.length > 0 || source === undefined || !countable(source) ? undefined : this.#tail(verdict);
    if (tail === undefined) {
      out.utf8(verdictJson(checked));
      return;
    }
    const file = this.#fileBytes(source!);
    // The id and instant as they may come out, the pieces, the file and three numbers.
    const size = OPEN.length + 3 * id!.length + head!.length + at!.length + tail.bytes.length + file.length + INDEX.length + LINE.length + COLUMN.length + 3 * 16 + 2;
    if (size > out.capacity) {
      out.utf8(verdictJson(checked));
      return;
    }
    out.room(size);
    const start = out.length;
    out.copy(OPEN);
    // An id or instant JSON.stringify would escape, or an instant that is not plainly one, takes verdictJson's way.
    let plain = writePlainText(out, id!);
    if (plain) {
      out.copy(head!);
      plain = writeInstant(out, at!);
    }
    if (!plain) {
      out.length = start;
      out.utf8(verdictJson(checked));
      return;
    }
    out.copy(tail.bytes);
    out.copy(file);
    out.copy(INDEX);
    out.integer(source!.index);
    if (source!.line !== undefined) {
      out.copy(LINE);
      out.integer(source!.line);
      if (source!.column !== undefined) {
        out.copy(COLUMN);
        out.integer(source!.column);
      }
    }
    out.buffer[out.length++] = 0x7d;
    out.buffer[out.length++] = 0x7d;
  }

  /** The tail of a verdict whose violations and detections are shared, frozen, by its outcome; undefined otherwise. */
  #tail(verdict: CheckedRecord['verdict']): Tail | undefined {
    const { violations, detections, earliestAllowedAt, provisionalNote } = verdict;
    const provisional = verdict.provisional === true;
    if (!Object.isFrozen(violations) || !Object.isFrozen(detections)) return undefined;
    let tails = this.#tails.get(violations);
    if (tails !== undefined) {
      for (const tail of tails) {
        if (tail.earliestAllowedAt === earliestAllowedAt && tail.detections === detections && tail.provisional === provisional && tail.provisionalNote === provisionalNote) return tail;
      }
    }
    // The text verdictJson writes between `at` and the source, from its own writer; its JSON of the violations not kept twice.
    const bytes = Buffer.from(`${outcomeJson(verdict, false)}{"file":`);
    const tail: Tail = { earliestAllowedAt, detections, provisionalNote, provisional, bytes };
    if (tails === undefined) this.#tails.set(violations, (tails = []));
    if (tails.length === TAILS_PER_LIST) tails.shift();
    tails.push(tail);
    return tail;
  }

  /** The JSON of a source's file, made once per run of records from one file. */
  #fileBytes(source: RecordSource): Buffer {
    if (source.file !== this.#file) {
      this.#file = source.file;
      this.#fileJson = Buffer.from(JSON.stringify(source.file));
    }
    return this.#fileJson;
  }
}

/** A source whose numbers are counts (written as digits, as a template literal writes them). */
function countable({ index, line, column }: RecordSource): boolean {
  return isCount(index) && (line === undefined || isCount(line)) && (column === undefined || isCount(column));
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Writes a text JSON.stringify would write between quotes unchanged (no
 * quote, backslash, control character or lone surrogate); false, having
 * written part of it, for any other. Room made by the caller (3 bytes a character).
 */
function writePlainText(out: ByteOutput, text: string): boolean {
  const buffer = out.buffer;
  let at = out.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) return writePlainUtf8(out, text);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return false;
    buffer[at++] = code;
  }
  out.length = at;
  return true;
}

/** {@link writePlainText} for a text that is not all ASCII: checked whole, then encoded at once. */
function writePlainUtf8(out: ByteOutput, text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return false;
    if (code >= 0xd800 && code <= 0xdfff) {
      // A surrogate pair is written as it is; a lone one JSON.stringify escapes.
      const next = text.charCodeAt(index + 1);
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      index++;
    }
  }
  out.length += (out.buffer as unknown as Encoding).utf8Write(text, out.length);
  return true;
}

/** Writes an instant made only of what ISO 8601 instants hold (`[0-9T:.+Z-]`, which JSON never escapes); false for any other text. */
function writeInstant(out: ByteOutput, instant: string): boolean {
  if (instant.length === 0 || instant.length > 64) return false;
  const buffer = out.buffer;
  let at = out.length;
  for (let index = 0; index < instant.length; index++) {
    const code = instant.charCodeAt(index);
    if (!((code >= 0x30 && code <= 0x3a) || code === 0x54 || code === 0x2e || code === 0x2b || code === 0x5a || code === 0x2d)) return false;
    buffer[at++] = code;
  }
  buffer[at++] = 0x22;
  out.length = at;
  return true;
}

/** Writes a record's text as its format does (`formats[name].result`), for the formats that are one verdict's JSON. */
export type RecordBytes = (out: ByteOutput, writer: VerdictBytes, checked: CheckedRecord, index: number) => void;

/** The formats whose records' texts are written from pieces: ndjson (a verdict and a newline), json (a verdict, after `,\n` but the first). */
export const RECORD_BYTES: Readonly<Record<string, RecordBytes>> = {
  ndjson: (out, writer, checked) => {
    writer.write(out, checked);
    out.room(1);
    out.buffer[out.length++] = 0x0a;
  },
  json: (out, writer, checked, index) => {
    if (index > 0) {
      out.room(2);
      out.buffer[out.length++] = 0x2c;
      out.buffer[out.length++] = 0x0a;
    }
    writer.write(out, checked);
  },
};

/** How the format named writes a record's text as bytes, if it can. */
export function recordBytes(format: string): RecordBytes | undefined {
  return Object.hasOwn(RECORD_BYTES, format) ? RECORD_BYTES[format] : undefined;
}
