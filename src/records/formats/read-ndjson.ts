import { isUtf8 } from 'node:buffer';
import { errorItem, type ErrorItem, type InputItem } from '../input-item.js';
import { inputMessages, kindOf, type InputLang, type InputMessages } from '../messages.js';
import { describeProblem, isRecordObject, jsonErrorReason, locateJsonError } from './read-json.js';
import { bomLength, toBuffer, type Chunks } from '../read-text.js';
import { scanRecord } from './scan-record.js';
import { duplicateKey } from './json-duplicate-keys.js';

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
/** Bad lines up to this size are reparsed to find the column; bigger ones would cost too much. */
const LOCATE_LIMIT = 4096;
/** How far the start of an input is looked at to tell a binary file from a text file with bad lines. */
export const SNIFF_BYTES = 8192;
/** After this many lines of binary bytes the input is taken for a binary file, and dropped. */
export const MAX_BINARY_LINES = 100;
/** What a line may lose before its length is judged: a BOM (3 bytes) and a CR. */
const STRIPPABLE_BYTES = 4;

/** Bytes a line may hold before it is too long however it is read: longer ones need not be kept whole. */
export function longestLine(limit: number): number {
  return limit + STRIPPABLE_BYTES;
}

/**
 * Whether an input is a binary file, refused whole, from its first 8 KiB: it
 * is when a NUL byte comes in its first line, or when NUL bytes come after a
 * first line that is not UTF-8 (gzip, ELF, UTF-16 and PNG files all do). A
 * first line of text makes the input text: then each line is judged alone,
 * and a NUL on line 6 is line 6's problem. `undefined` while the bytes seen
 * cannot tell yet and more may come (`ended` false); the answer never depends
 * on how the input was cut into chunks.
 */
export function sniffBinary(start: Buffer, ended: boolean): boolean | undefined {
  const window = start.length > SNIFF_BYTES ? start.subarray(0, SNIFF_BYTES) : start;
  const whole = ended || window.length === SNIFF_BYTES;
  const nul = window.indexOf(0);
  const newline = window.indexOf(NEWLINE);
  if (newline < 0) return nul >= 0 ? true : whole ? false : undefined;
  if (nul >= 0 && nul < newline) return true;
  if (isUtf8(window.subarray(0, newline))) return false;
  return nul >= 0 ? true : whole ? false : undefined;
}

/** True when an input whose first 8 KiB (or all of it, when shorter) are `bytes` is a binary file: see {@link sniffBinary}. */
export function opensBinary(bytes: Buffer): boolean {
  return sniffBinary(bytes, true) === true;
}

/** The item for a binary input, refused whole. */
export function binaryInputItem(file: string, lang: InputLang): ErrorItem {
  return errorItem({ file, index: 0, line: 1 }, inputMessages(lang).notText, true);
}

/** The item for an input without a single record or bad line. */
export function emptyInputItem(file: string, lang: InputLang): ErrorItem {
  return errorItem({ file, index: 0 }, inputMessages(lang).empty, true);
}

/** Where a parser starts: at the top of an input, or (a parallel check) at a line end within one. */
export interface ParserStart {
  /** The first line may open with a BOM. */
  readonly opensInput: boolean;
  /** Tell a binary file by its first bytes (the parallel check looks before cutting). */
  readonly sniff: boolean;
  /** Lines of binary bytes met before this point. */
  readonly binaryLines: number;
  /** Newlines, and records and bad lines, before this point (default 0): sources are numbered from there. */
  readonly lines?: number;
  readonly index?: number;
}

/** How a parser reads a record's line. */
export interface ParserOptions {
  /**
   * Records plain enough for the scanner (scan-record.ts) are given as
   * ScannedRecord, without JSON.parse; every other line is parsed as always.
   * Only for a caller that checks them with `checkScanned` and reads nothing
   * else of them (the check command).
   */
  readonly scan?: boolean;
}

const INPUT_START: ParserStart = { opensInput: true, sniff: true, binaryLines: 0 };

/**
 * Parses NDJSON lines as they stream in: one batch of items per chunk read.
 * A state machine over Buffers rather than readline, so a line is decoded
 * once, a chunk whose bytes are all valid UTF-8 skips per-line checks, and
 * an over-long line is skipped without ever being held in memory.
 */
export class NdjsonParser {
  /** 1-based number of the line being read: one more than the newlines passed. */
  #line = 1;
  /** Records and bad lines so far: the index of the next one. */
  #index = 0;
  /** The start of a line cut by the end of a chunk. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Inside an over-long line, dropping bytes up to its end. */
  #skipping = false;
  #started: boolean;
  /** The first bytes, held until they tell whether the input is binary. */
  #head: Buffer | undefined;
  /** Refused as a whole: nothing more is read. */
  #refused = false;
  #binaryLines: number;
  /** Line 1 is the input's first line, the one a BOM may open. */
  readonly #opensInput: boolean;
  readonly #file: string;
  readonly #limit: number;
  readonly #m: InputMessages;
  readonly #lang: InputLang;
  readonly #scan: boolean;

  constructor(file: string, limit: number, lang: InputLang, start: ParserStart = INPUT_START, options: ParserOptions = {}) {
    this.#scan = options.scan === true;
    this.#file = file;
    this.#limit = limit;
    this.#lang = lang;
    this.#m = inputMessages(lang);
    this.#opensInput = start.opensInput;
    this.#started = !start.sniff;
    this.#binaryLines = start.binaryLines;
    this.#line = 1 + (start.lines ?? 0);
    this.#index = start.index ?? 0;
  }

  /** Newlines passed, records and bad lines found, lines of binary bytes met. */
  get position(): { readonly lines: number; readonly index: number; readonly binaryLines: number } {
    return { lines: this.#line - 1, index: this.#index, binaryLines: this.#binaryLines };
  }

  /** Items of the lines this chunk completes; `stop` when the input is refused as a whole. */
  push(chunk: Buffer, items: InputItem[]): 'go' | 'stop' {
    if (!this.#started) {
      const head = this.#head === undefined ? chunk : Buffer.concat([this.#head, chunk]);
      const binary = sniffBinary(head, false);
      if (binary === undefined) {
        this.#head = head;
        return 'go';
      }
      this.#head = undefined;
      this.#started = true;
      if (binary) return this.#refuse(items);
      chunk = head;
    }
    let start = 0;
    if (this.#skipping || this.#pendingBytes > 0) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end < 0) {
        this.#keep(chunk, start);
        return 'go';
      }
      if (this.#skipping) {
        this.#skipping = false;
        this.#tooLong(items);
      } else {
        const line = Buffer.concat([...this.#pending, chunk.subarray(start, end)]);
        this.#pending = [];
        this.#pendingBytes = 0;
        this.#parseLine(line, 0, line.length, false, false, items);
      }
      this.#line++;
      start = end + 1;
      // The line cut by the chunk's start may be the binary line at the cap: nothing after it is read, wherever the chunks were cut.
      if (this.#binaryLines >= MAX_BINARY_LINES) return 'stop';
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      // One check for the whole run of complete lines; only a bad run is checked line by line.
      const nul = chunk.indexOf(0, start);
      const clean = (nul < 0 || nul > last) && isUtf8(chunk.subarray(start, last));
      if (clean && this.#scan) {
        // Scanned from the bytes, line by line: only lines the scanner leaves are decoded.
        let from = start;
        while (from <= last) {
          const end = chunk.indexOf(NEWLINE, from);
          this.#parseLine(chunk, from, end, true, false, items);
          this.#line++;
          from = end + 1;
        }
      } else if (clean) {
        // Decoded once for the whole run, then cut into lines: cheaper than a decode per line.
        const run = chunk.toString('utf8', start, last + 1);
        let from = 0;
        while (from < run.length) {
          const end = run.indexOf('\n', from);
          this.#parseText(run, from, end, items);
          this.#line++;
          from = end + 1;
        }
      } else {
        let from = start;
        while (from <= last && this.#binaryLines < MAX_BINARY_LINES) {
          const end = chunk.indexOf(NEWLINE, from);
          this.#parseLine(chunk, from, end, false, false, items);
          this.#line++;
          from = end + 1;
        }
      }
      start = last + 1;
    }
    if (start < chunk.length) this.#keep(chunk, start);
    return this.#binaryLines >= MAX_BINARY_LINES ? 'stop' : 'go';
  }

  /** The last line, when the input does not end with a newline; then the empty input's item when nothing was found. */
  end(items: InputItem[]): void {
    this.finish(items);
    if (this.#index === 0 && !this.#refused) items.push(emptyInputItem(this.#file, this.#lang));
  }

  /** The last line, when the input does not end with a newline. */
  finish(items: InputItem[]): void {
    if (this.#head !== undefined) {
      // A short input: its first bytes are all there is.
      const head = this.#head;
      this.#head = undefined;
      this.#started = true;
      if (opensBinary(head)) {
        this.#refuse(items);
        return;
      }
      if (this.push(head, items) === 'stop') return;
    }
    if (this.#refused) return;
    if (this.#skipping) {
      this.#skipping = false;
      this.#tooLong(items);
    } else if (this.#pendingBytes > 0) {
      const line = Buffer.concat(this.#pending);
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#parseLine(line, 0, line.length, false, true, items);
    }
  }

  #refuse(items: InputItem[]): 'stop' {
    this.#refused = true;
    items.push(binaryInputItem(this.#file, this.#lang));
    return 'stop';
  }

  /** Holds the start of a cut line, or starts skipping it once it passes the limit. */
  #keep(chunk: Buffer, start: number): void {
    if (this.#skipping) return;
    this.#pendingBytes += chunk.length - start;
    // Judged on the whole line when it ends, unless no BOM or CR could bring it under the limit.
    if (this.#pendingBytes > longestLine(this.#limit)) {
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#skipping = true;
      return;
    }
    this.#pending.push(start === 0 ? chunk : chunk.subarray(start));
  }

  #tooLong(items: InputItem[]): void {
    items.push(errorItem({ file: this.#file, index: this.#index++, line: this.#line }, this.#m.lineTooLong(this.#limit)));
  }

  /** Parses bytes [start, end) of `bytes`, line `#line`; `clean` when they are known to be UTF-8 without NUL. */
  #parseLine(bytes: Buffer, start: number, end: number, clean: boolean, last: boolean, items: InputItem[]): void {
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    // A byte order mark may open the first line (and only that one).
    if (this.#line === 1 && this.#opensInput) start += bomLength(bytes.subarray(start, end));
    if (end === start) return;
    const line = this.#line;
    if (end - start > this.#limit) {
      items.push(errorItem({ file: this.#file, index: this.#index++, line }, this.#m.lineTooLong(this.#limit)));
      return;
    }
    if (!clean) {
      const slice = bytes.subarray(start, end);
      if (slice.indexOf(0) >= 0 || !isUtf8(slice)) {
        // At the cap the input is taken for binary, rather than report it one line at a time.
        const fatal = ++this.#binaryLines === MAX_BINARY_LINES;
        items.push(errorItem({ file: this.#file, index: this.#index++, line }, fatal ? this.#m.notText : slice.indexOf(0) >= 0 ? this.#m.nulInLine : this.#m.notUtf8, fatal));
        return;
      }
    }
    if (this.#scan) {
      const record = scanRecord(bytes, start, end);
      if (record !== undefined) {
        items.push({ kind: 'record', record, source: { file: this.#file, index: this.#index++, line } });
        return;
      }
    }
    this.#parseRecord(bytes.toString('utf8', start, end), line, last, items);
  }

  /** Characters [start, end) of a run of clean, complete lines decoded at once: line `#line`. */
  #parseText(run: string, start: number, end: number, items: InputItem[]): void {
    if (end > start && run.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
    if (this.#line === 1 && this.#opensInput && run.charCodeAt(start) === 0xfeff) start++;
    if (end === start) return;
    // Characters never outnumber bytes: only a line near the limit needs its bytes counted.
    const length = end - start;
    if (length > this.#limit || (length * 3 > this.#limit && Buffer.byteLength(run.slice(start, end)) > this.#limit)) {
      items.push(errorItem({ file: this.#file, index: this.#index++, line: this.#line }, this.#m.lineTooLong(this.#limit)));
      return;
    }
    this.#parseRecord(run.slice(start, end), this.#line, false, items);
  }

  #parseRecord(text: string, line: number, last: boolean, items: InputItem[]): void {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      if (text.trim() === '') return;
      items.push(errorItem({ file: this.#file, index: this.#index++, line }, this.#describe(text, (error as Error).message, last)));
      return;
    }
    const source = { file: this.#file, index: this.#index++, line };
    if (!isRecordObject(record)) {
      items.push(errorItem(source, this.#m.notARecord(kindOf(record, this.#lang))));
      return;
    }
    const duplicate = duplicateKey(text, record);
    items.push(duplicate ? errorItem(source, this.#m.duplicateKey(duplicate.key, duplicate.offset + 1)) : { kind: 'record', record, source });
  }

  #describe(text: string, message: string, last: boolean): string {
    const place = text.length <= LOCATE_LIMIT || / at position /.test(message) ? locateJsonError(text, message) : { reason: jsonErrorReason(message) };
    // Only the last line can be cut short by the end of the input.
    return last ? describeProblem(place, text.length, this.#m) : this.#m.badJson(this.#m.jsonReason(place.reason, place.column));
  }
}

/**
 * Streams NDJSON / JSON Lines: one object per line, blank lines skipped, CRLF
 * and a leading BOM accepted. Each bad line is an item naming its line, and
 * reading goes on; lines over `maxRecordBytes` are skipped unread.
 */
export async function* readNdjson(chunks: Chunks, file: string, maxRecordBytes: number, lang: InputLang, options: ParserOptions = {}): AsyncGenerator<InputItem[]> {
  const parser = new NdjsonParser(file, maxRecordBytes, lang, INPUT_START, options);
  for await (const chunk of chunks) {
    const items: InputItem[] = [];
    const go = parser.push(toBuffer(chunk), items);
    if (items.length > 0) yield items;
    if (go === 'stop') return;
  }
  const items: InputItem[] = [];
  parser.end(items);
  if (items.length > 0) yield items;
}
