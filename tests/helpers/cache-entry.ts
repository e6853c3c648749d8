import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';

/** Pages of the lazy parts, each with its own CRC-32 (src/policy-load/entry-pages.ts). */
const PAGE_BYTES = 16 * 1024;
const FIRST_LINE = 18;

/**
 * An entry as the test sees it, read by the layout the cache documents
 * (src/policy-load/cache-entry.ts): a first line with the CRC-32 of the eager
 * part and its length; the eager part: a line of JSON in ASCII (\u escapes for
 * the rest), a second one (the cold part) ending in spaces so that what
 * follows starts on a multiple of 4 bytes, then lists of 32-bit integers (where each text
 * ends, each lazy part's page CRCs, then the policy's); then the lazy parts:
 * the timeline's slices and the texts.
 */
export interface StoredEntry {
  crc: string;
  format: unknown;
  key: string;
  entries: string[];
  /** Each policy file's size and CRC-32. */
  files: [number, number][];
  policy: {
    id: string;
    sha256: string;
    files: string[];
    edges: number[];
    [key: string]: unknown;
  };
  cold: { elections: unknown; [key: string]: unknown };
  /** Written in place of the cold part's JSON when given (to write one that is not JSON). */
  rawCold?: string;
  /** The windows' numbers, the timeline's segment starts, the provisional spans'. */
  numbers: Int32Array[];
  /** The timeline's slices (the first lazy part). */
  slices: Int32Array;
  texts: string[];
}

/** Where the parts of an entry lie in its file. */
export interface EntryLayout {
  readonly eager: { readonly start: number; readonly end: number };
  readonly slices: { readonly start: number; readonly end: number };
  readonly texts: { readonly start: number; readonly end: number };
}

const int32s = (bytes: Buffer): Int32Array => new Int32Array(Uint8Array.from(bytes).buffer);

function decode(bytes: Buffer): { entry: StoredEntry; layout: EntryLayout } {
  const [crc, length] = bytes.toString('latin1', 0, FIRST_LINE - 1).split(' ');
  const eagerEnd = FIRST_LINE + Number.parseInt(length!, 16);
  const first = bytes.indexOf(0x0a, FIRST_LINE);
  const second = bytes.indexOf(0x0a, first + 1);
  const { header, numbers: counts, lazy, texts: textCount } = JSON.parse(bytes.toString('utf8', FIRST_LINE, first)) as {
    header: Omit<StoredEntry, 'crc' | 'cold' | 'numbers' | 'slices' | 'texts'>;
    numbers: number[];
    lazy: number[];
    texts: number;
  };
  const cold = JSON.parse(bytes.toString('utf8', first + 1, second)) as StoredEntry['cold'];
  let at = second + 1;
  const take = (count: number) => int32s(bytes.subarray(at, (at += count * 4)));
  const textEnds = take(textCount);
  const lazyLengths = [...lazy, textEnds.at(-1) ?? 0];
  for (const partLength of lazyLengths) take(Math.ceil(partLength / PAGE_BYTES));
  const numbers = counts.map(take);
  expect(at).toBe(eagerEnd);
  const slicesEnd = eagerEnd + lazyLengths[0]!;
  const slices = int32s(bytes.subarray(eagerEnd, slicesEnd));
  const textBytes = bytes.subarray(slicesEnd);
  expect(textBytes.length).toBe(lazyLengths[1]);
  const texts = [...textEnds].map((end, index) => textBytes.toString('utf8', index === 0 ? 0 : textEnds[index - 1], end));
  const entry = { crc: crc!, ...header, cold, numbers, slices, texts };
  return { entry, layout: { eager: { start: FIRST_LINE, end: eagerEnd }, slices: { start: eagerEnd, end: slicesEnd }, texts: { start: slicesEnd, end: bytes.length } } };
}

export function readEntry(file: string): StoredEntry {
  return decode(readFileSync(file)).entry;
}

/** Where an entry's parts lie in its file. */
export function entryLayout(file: string): EntryLayout {
  return decode(readFileSync(file)).layout;
}

const pageCrcs = (bytes: Buffer): Int32Array =>
  Int32Array.from({ length: Math.ceil(bytes.length / PAGE_BYTES) }, (_unused, page) => crc32(bytes.subarray(page * PAGE_BYTES, (page + 1) * PAGE_BYTES)) | 0);

const ascii = (value: unknown): string => JSON.stringify(value).replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Writes an entry in the documented layout; its CRCs are made to match unless `crc` (the eager part's) is given. */
export function writeEntry(file: string, entry: StoredEntry, crc?: string): void {
  const { crc: _old, cold, rawCold, numbers, slices, texts, ...header } = entry;
  const encoded = texts.map((text) => Buffer.from(text, 'utf8'));
  let end = 0;
  const textEnds = Int32Array.from(encoded, (text) => (end += text.length));
  const lazy = [Buffer.from(slices.buffer, slices.byteOffset, slices.byteLength), Buffer.concat(encoded)];
  const lists = [textEnds, ...lazy.map(pageCrcs), ...numbers];
  const framed = { header, numbers: numbers.map((list) => list.length), lazy: [lazy[0]!.length], texts: texts.length };
  const lines = `${ascii(framed)}\n${rawCold ?? ascii(cold)}`;
  const padding = ' '.repeat((4 - ((lines.length + 1) % 4)) % 4);
  const eager = Buffer.concat([Buffer.from(`${lines}${padding}\n`, 'latin1'), ...lists.map((list) => Buffer.from(list.buffer, list.byteOffset, list.byteLength))]);
  const first = `${crc ?? crc32(eager).toString(16).padStart(8, '0')} ${eager.length.toString(16).padStart(8, '0')}\n`;
  writeFileSync(file, Buffer.concat([Buffer.from(first, 'latin1'), eager, ...lazy]));
}

/** Changes an entry and writes it back with CRCs that match, as a well-formed entry would have (unless the change is to the CRC). */
export function editEntry(file: string, change: (entry: StoredEntry) => void): void {
  const entry = readEntry(file);
  const crc = entry.crc;
  change(entry);
  writeEntry(file, entry, entry.crc === crc ? undefined : entry.crc);
}
