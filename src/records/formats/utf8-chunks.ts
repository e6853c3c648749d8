import { isUtf8 } from 'node:buffer';
import { bomLength } from '../read-text.js';

/** A byte that is not text, at a character offset of the decoded chunk (where U+FFFD stands for it). */
export interface BadByte {
  readonly at: number;
  /** A NUL byte, or a byte of no valid UTF-8 sequence. */
  readonly kind: 'nul' | 'utf8';
}

/** A chunk decoded: its text, and where its bad bytes were, in order. */
export interface DecodedChunk {
  readonly text: string;
  readonly bad: readonly BadByte[];
}

const NONE: readonly BadByte[] = Object.freeze([]);

/**
 * Decodes a stream of UTF-8 bytes chunk by chunk without ever giving up: a
 * NUL or an invalid byte becomes U+FFFD in the text and a {@link BadByte} at
 * its place, so a reader can blame the one row that holds it and read on.
 * A character cut by the end of a chunk is carried to the next; a BOM at the
 * start is dropped. Chunks of clean text cost one native check.
 */
export class Utf8Chunks {
  #carry: Buffer | undefined;
  #first = true;

  /** The text of `chunk`, up to its last whole character. */
  decode(chunk: Buffer): DecodedChunk {
    const bytes = this.#carry === undefined ? chunk : Buffer.concat([this.#carry, chunk]);
    const cut = bytes.length - incompleteTail(bytes);
    this.#carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
    return this.#text(bytes, cut);
  }

  /** What is left at the end of the input: a character cut short there is a bad byte. */
  end(): DecodedChunk {
    const bytes = this.#carry;
    this.#carry = undefined;
    return bytes === undefined ? { text: '', bad: NONE } : this.#text(bytes, bytes.length);
  }

  #text(bytes: Buffer, end: number): DecodedChunk {
    let start = 0;
    if (this.#first && end > 0) {
      this.#first = false;
      start = bomLength(bytes.subarray(0, end));
    }
    const body = bytes.subarray(start, end);
    if (body.indexOf(0) < 0 && isUtf8(body)) return { text: body.toString('utf8'), bad: NONE };
    return decodeBad(body);
  }
}

/** Bytes at the end of `bytes` that start a character not finished there (0 to 3). */
function incompleteTail(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

/** Length of the valid UTF-8 sequence at `at` (1 to 4), or 0 when the byte there starts none. */
function sequenceAt(bytes: Buffer, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const inRange = (offset: number, low: number, high: number) => at + offset < bytes.length && bytes[at + offset]! >= low && bytes[at + offset]! <= high;
  if (lead < 0xc2) return 0;
  if (lead < 0xe0) return inRange(1, 0x80, 0xbf) ? 2 : 0;
  // Overlong forms and surrogates are refused by the second byte's range (Unicode, table 3-7).
  if (lead < 0xf0) return inRange(1, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  if (lead < 0xf5) return inRange(1, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  return 0;
}

/**
 * The slow path, for a chunk that holds bad bytes: valid runs decoded
 * natively, each run of bad bytes one U+FFFD and one BadByte (the first's
 * kind). A run holds no line end, so it lies in one row, which it makes a
 * problem whatever its length: a megabyte of zeros costs one object, not a
 * million.
 */
function decodeBad(bytes: Buffer): DecodedChunk {
  const bad: BadByte[] = [];
  let text = '';
  let run = 0;
  let at = 0;
  while (at < bytes.length) {
    const byte = bytes[at]!;
    const length = byte === 0 ? 0 : sequenceAt(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    text += bytes.toString('utf8', run, at);
    bad.push({ at: text.length, kind: byte === 0 ? 'nul' : 'utf8' });
    text += '\ufffd';
    // The rest of the run stands in that one.
    do at++;
    while (at < bytes.length && (bytes[at] === 0 || sequenceAt(bytes, at) === 0));
    run = at;
  }
  text += bytes.toString('utf8', run, bytes.length);
  return { text, bad };
}
