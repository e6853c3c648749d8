import { crc32 } from 'node:zlib';
import { readRegularFileSync } from '../fs/regular-file.js';
import type { StoredTexts } from '../compile/restored-window.js';

// A cache entry on disk: the CRC-32 of the rest of the file as 8 hex digits
// and a newline; the header, one line of JSON; then lists of 32-bit integers
// (the machine's byte order, which the cache key names), texts and files'
// bytes, back to back, as long as the header says. The CRC catches a
// truncated or damaged file (the folder is private: it guards against
// accidents, not attackers) at a fraction of a cryptographic hash's cost;
// numbers and texts are read without parsing, texts only when asked for.

const NEWLINE = 0x0a;
const CRC_LINE = 9;

/** Largest entry read or written: far above any real policy's (the French one's is 0.4 MB), bounded all the same. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/** What an entry holds: a header for JSON, lists of integers, texts and files' bytes. */
export interface EntryParts<Header> {
  readonly header: Header;
  readonly numbers: readonly Int32Array[];
  readonly texts: readonly string[];
  readonly files: readonly Uint8Array[];
}

/** An entry read back: its texts are decoded when asked for. */
export interface Entry<Header> {
  readonly header: Header;
  readonly numbers: readonly Int32Array[];
  readonly texts: StoredTexts;
  readonly files: readonly Buffer[];
}

/** The first line of JSON: the header, and the length of each part after it. */
interface Framed<Header> {
  readonly header: Header;
  /** How many integers each list holds; the first list is where each text ends. */
  readonly numbers: readonly number[];
  readonly fileSizes: readonly number[];
}

export function encodeEntry<Header>(parts: EntryParts<Header>): Buffer {
  const texts = parts.texts.map((text) => Buffer.from(text, 'utf8'));
  let end = 0;
  const numbers = [Int32Array.from(texts, (text) => (end += text.length)), ...parts.numbers];
  const framed: Framed<Header> = { header: parts.header, numbers: numbers.map((list) => list.length), fileSizes: parts.files.map((file) => file.length) };
  // ASCII only (JSON's \u escapes for the rest): read back as Latin-1, a one-byte string made faster than UTF-8's, and half the memory.
  const line = Buffer.from(JSON.stringify(framed).replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
  // Spaces after the JSON (which JSON allows) put the numbers on a multiple of 4 bytes: read back as views, not copies.
  const padding = ' '.repeat((4 - ((CRC_LINE + line.length + 1) % 4)) % 4);
  const body = Buffer.concat([
    line,
    Buffer.from(`${padding}\n`, 'latin1'),
    ...numbers.map((list) => Buffer.from(list.buffer, list.byteOffset, list.byteLength)),
    ...texts,
    ...parts.files,
  ]);
  return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')}\n`, 'latin1'), body]);
}

/**
 * Reads an entry; undefined when the file is missing, damaged or not an entry.
 * Only a regular file is read, and a link is not followed: entries are
 * written by renaming a file, so anything else (a FIFO, a link to a device)
 * was put there by someone else, and is compiled afresh and replaced.
 */
export function readEntryFile<Header>(file: string): Entry<Header> | undefined {
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(file, { maxBytes: MAX_ENTRY_BYTES, noFollow: true });
  } catch {
    return undefined;
  }
  if (bytes.length < CRC_LINE || bytes[CRC_LINE - 1] !== NEWLINE) return undefined;
  const crc = bytes.toString('latin1', 0, CRC_LINE - 1);
  if (!/^[0-9a-f]{8}$/.test(crc) || Number.parseInt(crc, 16) !== crc32(bytes.subarray(CRC_LINE))) return undefined;
  const newline = bytes.indexOf(NEWLINE, CRC_LINE);
  if (newline < 0) return undefined;
  const framed = JSON.parse(bytes.toString('latin1', CRC_LINE, newline)) as Framed<Header>;
  let at = newline + 1;
  const take = (length: number): Buffer | undefined => {
    if (!Number.isSafeInteger(length) || length < 0 || at + length > bytes.length) return undefined;
    return bytes.subarray(at, (at += length));
  };
  const numbers: Int32Array[] = [];
  for (const count of framed.numbers) {
    const part = take(count * 4);
    if (!part) return undefined;
    // A view when the part starts on a multiple of 4 (as written), else a copy.
    numbers.push(part.byteOffset % 4 === 0 ? new Int32Array(part.buffer, part.byteOffset, count) : new Int32Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.length)));
  }
  const textEnds = numbers.shift();
  const texts = textEnds && take(textEnds.length > 0 ? textEnds[textEnds.length - 1]! : 0);
  if (!textEnds || !texts) return undefined;
  const files: Buffer[] = [];
  for (const size of framed.fileSizes) {
    const part = take(size);
    if (!part) return undefined;
    files.push(part);
  }
  if (at !== bytes.length) return undefined;
  return { header: framed.header, numbers, texts: textsOf(texts, textEnds), files };
}

/** Texts by index; ends that do not rise (a damaged entry with a CRC that holds) give wrong texts, never a failure. */
function textsOf(bytes: Buffer, ends: Int32Array): StoredTexts {
  return {
    length: ends.length,
    text: (index) => bytes.toString('utf8', index === 0 ? 0 : ends[index - 1], ends[index]),
  };
}
