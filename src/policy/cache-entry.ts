import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { StoredTexts } from './restored-window.js';

// A cache entry on disk: the CRC-32 of the rest of the file as 8 hex digits
// and a newline; the header, one line of JSON; then the texts and the policy
// files' bytes, back to back, where the header's numbers say. The CRC catches
// a truncated or damaged file (the folder is private: it guards against
// accidents, not attackers) at a fraction of a cryptographic hash's cost.

const NEWLINE = 0x0a;
const CRC_LINE = 9;

/** The parts of an entry: a header for JSON, texts and files' bytes. */
export interface EntryParts<Header> {
  readonly header: Header;
  readonly texts: readonly string[];
  readonly files: readonly Uint8Array[];
}

/** The entry's header as written, with where its texts and files end. */
interface Framed<Header> {
  readonly header: Header;
  /** Where each text ends in the tail (bytes). */
  readonly textEnds: readonly number[];
  readonly fileSizes: readonly number[];
}

/** An entry read back: its header, its texts read when asked for, and its files' bytes. */
export interface Entry<Header> {
  readonly header: Header;
  readonly texts: StoredTexts;
  readonly files: readonly Buffer[];
}

export function encodeEntry<Header>(parts: EntryParts<Header>): Buffer {
  const texts = parts.texts.map((text) => Buffer.from(text, 'utf8'));
  let end = 0;
  const framed: Framed<Header> = { header: parts.header, textEnds: texts.map((text) => (end += text.length)), fileSizes: parts.files.map((file) => file.length) };
  const body = Buffer.concat([Buffer.from(`${JSON.stringify(framed)}\n`, 'utf8'), ...texts, ...parts.files]);
  return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')}\n`, 'latin1'), body]);
}

/** Reads an entry; undefined when the file is missing, damaged or not an entry. */
export function readEntryFile<Header>(file: string): Entry<Header> | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < CRC_LINE || bytes[CRC_LINE - 1] !== NEWLINE) return undefined;
  const crc = bytes.toString('latin1', 0, CRC_LINE - 1);
  if (!/^[0-9a-f]{8}$/.test(crc) || Number.parseInt(crc, 16) !== crc32(bytes.subarray(CRC_LINE))) return undefined;
  const newline = bytes.indexOf(NEWLINE, CRC_LINE);
  if (newline < 0) return undefined;
  const { header, textEnds, fileSizes } = JSON.parse(bytes.toString('utf8', CRC_LINE, newline)) as Framed<Header>;
  const tail = bytes.subarray(newline + 1);
  let at = 0;
  for (const end of textEnds) {
    if (!Number.isSafeInteger(end) || end < at) return undefined;
    at = end;
  }
  const files: Buffer[] = [];
  for (const size of fileSizes) {
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    files.push(tail.subarray(at, (at += size)));
  }
  if (at !== tail.length) return undefined;
  return { header, texts: textsOf(tail, textEnds), files };
}

function textsOf(tail: Buffer, ends: readonly number[]): StoredTexts {
  return {
    length: ends.length,
    text: (index) => tail.toString('utf8', index === 0 ? 0 : ends[index - 1], ends[index]),
  };
}
