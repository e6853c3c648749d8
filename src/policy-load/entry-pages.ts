import { crc32 } from 'node:zlib';
import { readSizedFileRangeSync } from '../fs/regular-file.js';

/** Size of a page of an entry's lazy parts: a one-record check reads a few, not the whole part. */
export const PAGE_BYTES = 16 * 1024;

/** Where a lazy part lies in its entry, and the CRC-32 of each of its pages. */
export interface LazyPartPlace {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
  /** One per page of {@link PAGE_BYTES}, in order (read as signed 32-bit integers). */
  readonly pageCrcs: Int32Array;
  /** The entry's size when it was read: a file of another size is another file. */
  readonly fileSize: number;
}

/**
 * Bytes of an entry read when first asked for, a page at a time, each page
 * checked against its CRC before it is used. The file is opened again for
 * each page: entries are only ever renamed into place, so a file of the same
 * name and size whose page holds its CRC is the same entry, or one written
 * from the same sources. A page that cannot be read or fails its CRC gives
 * undefined, and the caller falls back on what it does without the cache.
 */
export class LazyPart {
  readonly length: number;
  readonly #place: LazyPartPlace;
  readonly #pages: (Buffer | null | undefined)[];

  constructor(place: LazyPartPlace) {
    this.#place = place;
    this.length = place.length;
    this.#pages = new Array<Buffer | null | undefined>(place.pageCrcs.length);
  }

  /** The bytes from `start` to `end` (within the part), or undefined when a page they lie on is unreadable or damaged. */
  bytes(start: number, end: number): Buffer | undefined {
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end <= this.length)) return undefined;
    if (start === end) return Buffer.alloc(0);
    const first = Math.floor(start / PAGE_BYTES);
    const last = Math.floor((end - 1) / PAGE_BYTES);
    const pages: Buffer[] = [];
    for (let page = first; page <= last; page++) {
      const bytes = this.#page(page);
      if (!bytes) return undefined;
      pages.push(bytes);
    }
    const from = start - first * PAGE_BYTES;
    if (pages.length === 1) return pages[0]!.subarray(from, from + end - start);
    return Buffer.concat(pages).subarray(from, from + end - start);
  }

  /** The 32-bit integers (the machine's byte order) from index `start` to `end`, copied; undefined as for {@link bytes}. */
  int32s(start: number, end: number): Int32Array | undefined {
    const bytes = this.bytes(start * 4, end * 4);
    return bytes && new Int32Array(Uint8Array.from(bytes).buffer);
  }

  #page(page: number): Buffer | undefined {
    const known = this.#pages[page];
    if (known !== undefined) return known ?? undefined;
    const bytes = this.#read(page);
    this.#pages[page] = bytes ?? null;
    return bytes;
  }

  #read(page: number): Buffer | undefined {
    const { file, offset, pageCrcs, fileSize } = this.#place;
    const length = Math.min(PAGE_BYTES, this.length - page * PAGE_BYTES);
    try {
      const bytes = readSizedFileRangeSync(file, { size: fileSize, noFollow: true }, offset + page * PAGE_BYTES, length);
      return bytes && crc32(bytes) === pageCrcs[page]! >>> 0 ? bytes : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The CRC-32 of each page of `bytes`, as {@link LazyPart} checks them. */
export function pageCrcs(bytes: Uint8Array): Int32Array {
  const crcs = new Int32Array(Math.ceil(bytes.length / PAGE_BYTES));
  for (let page = 0; page < crcs.length; page++) crcs[page] = crc32(bytes.subarray(page * PAGE_BYTES, (page + 1) * PAGE_BYTES)) | 0;
  return crcs;
}
