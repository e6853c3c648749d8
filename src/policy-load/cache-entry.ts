import { closeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { openRegularFileSync, readAtSync } from '../fs/regular-file.js';
import type { StoredTexts } from '../compile/restored-window.js';
import { LazyPart, PAGE_BYTES, pageCrcs } from './entry-pages.js';

// A cache entry on disk:
// - a first line: the CRC-32 of the eager part and its length, 8 hex digits each;
// - the eager part, read at once: the header, one line of JSON; a second
//   line of JSON parsed when first asked for (what a check seldom reads); then lists
//   of 32-bit integers (the machine's byte order, which the cache key names):
//   where each text ends, the CRC-32 of each page of each lazy part, then the
//   caller's lists;
// - the lazy parts, back to back, the texts last: read a page at a time when
//   first asked for, each page checked by its own CRC (entry-pages.ts).
// A one-record check reads the eager part and a few pages, not the whole
// entry: reading into fresh memory is most of what a cold start pays for it.
// The CRCs catch a truncated or damaged file (the folder is private: they
// guard against accidents, not attackers) at a fraction of a cryptographic
// hash's cost.

const FIRST_LINE = 18;
const NEWLINE = 0x0a;

/** Largest entry read or written: far above any real policy's (the French one's is some 1.5 MB), bounded all the same. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/** What an entry holds: a header and a cold part for JSON, lists of integers read at once, parts read when asked for, and texts. */
export interface EntryParts<Header, Cold> {
  readonly header: Header;
  readonly cold: Cold;
  readonly numbers: readonly Int32Array[];
  readonly lazy: readonly Uint8Array[];
  readonly texts: readonly string[];
}

/** An entry read back: its cold part is parsed, its lazy parts and texts read, when asked for. */
export interface Entry<Header, Cold> {
  readonly header: Header;
  /** The cold part, parsed on the first call; throws when it is not JSON (a damaged entry whose CRC holds). */
  readonly cold: () => Cold;
  readonly numbers: readonly Int32Array[];
  readonly lazy: readonly LazyPart[];
  readonly texts: StoredTexts;
}

/** The line of JSON: the header, and the length of each part after it. */
interface Framed<Header> {
  readonly header: Header;
  /** How many integers each of the caller's lists holds. */
  readonly numbers: readonly number[];
  /** How many bytes each lazy part holds, the texts' not among them. */
  readonly lazy: readonly number[];
  readonly texts: number;
}

export function encodeEntry<Header, Cold>(parts: EntryParts<Header, Cold>): Buffer {
  const texts = parts.texts.map((text) => Buffer.from(text, 'utf8'));
  let end = 0;
  const textEnds = Int32Array.from(texts, (text) => (end += text.length));
  const lazy = [...parts.lazy, Buffer.concat(texts)];
  const lists = [textEnds, ...lazy.map(pageCrcs), ...parts.numbers];
  const framed: Framed<Header> = { header: parts.header, numbers: parts.numbers.map((list) => list.length), lazy: parts.lazy.map((part) => part.length), texts: texts.length };
  const lines = Buffer.from(`${asciiJson(framed)}\n${asciiJson(parts.cold)}`, 'latin1');
  // Spaces after the JSON (which JSON allows) put the numbers on a multiple of 4 bytes: read back as views, not copies.
  const padding = ' '.repeat((4 - ((lines.length + 1) % 4)) % 4);
  const eager = Buffer.concat([lines, Buffer.from(`${padding}\n`, 'latin1'), ...lists.map((list) => Buffer.from(list.buffer, list.byteOffset, list.byteLength))]);
  const first = `${hex(crc32(eager))} ${hex(eager.length)}\n`;
  return Buffer.concat([Buffer.from(first, 'latin1'), eager, ...lazy]);
}

/** JSON in ASCII only (\u escapes for the rest): read back as Latin-1, a one-byte string made faster than UTF-8's, and half the memory. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/**
 * Reads an entry's eager part; undefined when the file is missing, damaged
 * or not an entry. Only a regular file is read, and a link is not followed:
 * entries are written by renaming a file, so anything else (a FIFO, a link
 * to a device) was put there by someone else, and is compiled afresh and replaced.
 */
export function readEntryFile<Header, Cold>(file: string): Entry<Header, Cold> | undefined {
  let eager: Buffer | undefined;
  let size: number;
  try {
    const { fd, stats } = openRegularFileSync(file, { maxBytes: MAX_ENTRY_BYTES, noFollow: true });
    try {
      size = stats.size;
      const first = size < FIRST_LINE ? undefined : readAtSync(fd, FIRST_LINE, 0)?.toString('latin1');
      const match = first && /^([0-9a-f]{8}) ([0-9a-f]{8})\n$/.exec(first);
      if (!match) return undefined;
      const length = Number.parseInt(match[2]!, 16);
      if (length > size - FIRST_LINE) return undefined;
      eager = readAtSync(fd, length, FIRST_LINE);
      if (!eager || crc32(eager) !== Number.parseInt(match[1]!, 16)) return undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const newline = eager.indexOf(NEWLINE);
  const coldEnd = eager.indexOf(NEWLINE, newline + 1);
  if (newline < 0 || coldEnd < 0) return undefined;
  const framed = JSON.parse(eager.toString('latin1', 0, newline)) as Framed<Header>;
  let cold: { value: Cold } | undefined;
  const coldPart = (): Cold => (cold ??= { value: JSON.parse(eager.toString('latin1', newline + 1, coldEnd)) as Cold }).value;
  let at = coldEnd + 1;
  const take = (count: number): Int32Array | undefined => {
    if (!Number.isSafeInteger(count) || count < 0 || at + count * 4 > eager.length) return undefined;
    const part = eager.subarray(at, (at += count * 4));
    // A view when the part starts on a multiple of 4 (as written), else a copy.
    return part.byteOffset % 4 === 0 ? new Int32Array(part.buffer, part.byteOffset, count) : new Int32Array(Uint8Array.from(part).buffer);
  };
  const textEnds = take(framed.texts);
  const textBytes = textEnds && (textEnds.length > 0 ? textEnds[textEnds.length - 1]! : 0);
  if (textBytes === undefined) return undefined;
  const lazyLengths = [...framed.lazy, textBytes];
  if (!lazyLengths.every((length) => Number.isSafeInteger(length) && length >= 0)) return undefined;
  const crcs = lazyLengths.map((length) => take(Math.ceil(length / PAGE_BYTES)));
  const numbers = framed.numbers.map(take);
  if (at !== eager.length || crcs.some((list) => !list) || numbers.some((list) => !list)) return undefined;
  let offset = FIRST_LINE + eager.length;
  const lazy = lazyLengths.map((length, index) => {
    const part = new LazyPart({ file, offset, length, pageCrcs: crcs[index]!, fileSize: size });
    offset += length;
    return part;
  });
  if (offset !== size) return undefined;
  return { header: framed.header, cold: coldPart, numbers: numbers as Int32Array[], lazy: lazy.slice(0, -1), texts: textsOf(lazy[lazy.length - 1]!, textEnds!) };
}

/** Texts by index, their bytes read when asked for; ends that do not rise (a damaged entry with a CRC that holds) give wrong texts, never a failure. */
function textsOf(bytes: LazyPart, ends: Int32Array): StoredTexts {
  return {
    length: ends.length,
    text: (index) => bytes.bytes(index === 0 ? 0 : ends[index - 1]!, ends[index]!)?.toString('utf8'),
  };
}
