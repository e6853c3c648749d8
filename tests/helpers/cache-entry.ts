import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';

/**
 * An entry as the test sees it, read by the layout the cache documents
 * (src/policy-load/cache-entry.ts): a line with the CRC-32 of the rest, a line of
 * JSON in ASCII (\u escapes for the rest), spaces after it so that what follows
 * starts on a multiple of 4 bytes, then lists of 32-bit integers (the first: where each text ends), the
 * texts and the policy files' bytes, as long as the JSON says.
 */
export interface StoredEntry {
  crc: string;
  format: unknown;
  key: string;
  entries: string[];
  policy: {
    id: string;
    sha256: string;
    files: string[];
    edges: number[];
    [key: string]: unknown;
  };
  /** The windows' numbers, then the timeline's slices and segment starts. */
  numbers: Int32Array[];
  texts: string[];
  files: Buffer[];
}

export function readEntry(file: string): StoredEntry {
  const bytes = readFileSync(file);
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  const { header, numbers: counts, fileSizes } = JSON.parse(bytes.toString('utf8', first + 1, second)) as {
    header: Omit<StoredEntry, 'crc' | 'numbers' | 'texts' | 'files'>;
    numbers: number[];
    fileSizes: number[];
  };
  let at = second + 1;
  const take = (length: number) => bytes.subarray(at, (at += length));
  const [textEnds, ...numbers] = counts.map((count) => new Int32Array(Uint8Array.from(take(count * 4)).buffer));
  const textBytes = take(textEnds!.at(-1) ?? 0);
  const texts = [...textEnds!].map((end, index) => textBytes.toString('utf8', index === 0 ? 0 : textEnds![index - 1], end));
  const files = fileSizes.map((size) => take(size));
  expect(at).toBe(bytes.length);
  return { crc: bytes.toString('latin1', 0, first), ...header, numbers, texts, files };
}

/** Writes an entry in the documented layout; its CRC is made to match unless `crc` is given. */
export function writeEntry(file: string, entry: StoredEntry, crc?: string): void {
  const { crc: _old, numbers, texts, files, ...header } = entry;
  const encoded = texts.map((text) => Buffer.from(text, 'utf8'));
  let end = 0;
  const lists = [Int32Array.from(encoded, (text) => (end += text.length)), ...numbers];
  const framed = { header, numbers: lists.map((list) => list.length), fileSizes: files.map((bytes) => bytes.length) };
  const json = JSON.stringify(framed).replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const padding = ' '.repeat((4 - ((9 + json.length + 1) % 4)) % 4);
  const body = Buffer.concat([Buffer.from(`${json}${padding}\n`, 'latin1'), ...lists.map((list) => Buffer.from(list.buffer, list.byteOffset, list.byteLength)), ...encoded, ...files]);
  writeFileSync(file, Buffer.concat([Buffer.from(`${crc ?? crc32(body).toString(16).padStart(8, '0')}\n`), body]));
}

/** Changes an entry and writes it back with a CRC that matches, as a well-formed entry would have (unless the change is to the CRC). */
export function editEntry(file: string, change: (entry: StoredEntry) => void): void {
  const entry = readEntry(file);
  const crc = entry.crc;
  change(entry);
  writeEntry(file, entry, entry.crc === crc ? undefined : entry.crc);
}
