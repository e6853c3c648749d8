import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

// Reading a file named by someone else (a policy, a file it extends, a cache
// entry) must end, and soon: a FIFO blocks open() until a writer comes, and a
// link to /dev/zero reads without end while its size says 0. So only regular
// files are read, their type checked before opening (no device is opened) and
// again on the opened descriptor (the name may have been swapped in between),
// opened without blocking, and read up to a limit whatever their size says.

/** The error code of a file refused for its size. */
export const FILE_TOO_LARGE = 'EFBIG';
/** The error code of a name that is not a regular file (a FIFO, a device, a socket). */
export const NOT_REGULAR_FILE = 'ENOTREG';

/** Options of {@link readRegularFileSync}. */
export interface RegularFileOptions {
  /** Most bytes the file may hold; a larger one is refused (error code {@link FILE_TOO_LARGE}, its size in `size`). */
  readonly maxBytes: number;
  /** Refuse a symbolic link instead of following it (a file we wrote ourselves is never one). */
  readonly noFollow?: boolean;
}

/** An error with a Node-style code, as fs throws them. */
export type FileError = Error & { code: string; size?: number };

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/**
 * Reads a regular file whole, in bounded time and memory: a folder, a FIFO,
 * a device or a socket is refused before any byte is read, and so is a file
 * over `maxBytes` (by its size, then by what a read finds, should it grow).
 * Throws an error with a code: fs's own (`ENOENT`, `EACCES`, `EISDIR`,
 * `ELOOP` for a link with `noFollow`), {@link NOT_REGULAR_FILE} or {@link FILE_TOO_LARGE}.
 *
 * @example
 * const bytes = readRegularFileSync('policy.yaml', { maxBytes: 1024 * 1024 });
 */
export function readRegularFileSync(path: string, options: RegularFileOptions): Buffer {
  const { maxBytes } = options;
  const { fd, stats } = openRegularFileSync(path, options);
  try {
    // One byte more than allowed tells a file that grew past the limit from one that ends at it.
    const limit = maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(limit, stats.size + 1));
    let length = 0;
    while (length < limit) {
      if (length === buffer.length) {
        // The file grew while it was read.
        const larger = Buffer.allocUnsafe(Math.min(limit, buffer.length + CHUNK));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooLarge(path, length, maxBytes);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `length` bytes at `position` of an open file into a new buffer;
 * undefined when the file ends before them.
 */
export function readAtSync(fd: number, length: number, position: number): Buffer | undefined {
  const bytes = Buffer.allocUnsafe(length);
  for (let read = 0; read < length; ) {
    const count = readSync(fd, bytes, read, length - read, position + read);
    if (count === 0) return undefined;
    read += count;
  }
  return bytes;
}

/**
 * Reads `length` bytes at `position` of a regular file that should be
 * exactly `size` bytes long; undefined when it is not, or ends before them.
 * Throws as {@link openRegularFileSync} does (a larger file: {@link FILE_TOO_LARGE}).
 */
export function readSizedFileRangeSync(path: string, options: { readonly size: number; readonly noFollow?: boolean }, position: number, length: number): Buffer | undefined {
  const { fd, stats } = openRegularFileSync(path, { maxBytes: options.size, noFollow: options.noFollow === true });
  try {
    return stats.size === options.size ? readAtSync(fd, length, position) : undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a regular file for reading, as {@link readRegularFileSync} does:
 * anything else is refused before it is opened (opening a FIFO would wait
 * for a writer), and again once open. The caller closes the descriptor.
 */
export function openRegularFileSync(path: string, options: RegularFileOptions): { readonly fd: number; readonly stats: Stats } {
  const noFollow = options.noFollow === true;
  checkStats(path, noFollow ? lstatSync(path) : statSync(path), options.maxBytes);
  const fd = openSync(path, OPEN_FLAGS | (noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const stats = fstatSync(fd);
    checkStats(path, stats, options.maxBytes);
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function checkStats(path: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw notRegular(path, stats);
  if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes);
}

/** What a name that is not a regular file is, in words. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function notRegular(path: string, stats: Stats): FileError {
  const kind = fileKind(stats);
  const code = stats.isDirectory() ? 'EISDIR' : stats.isSymbolicLink() ? 'ELOOP' : NOT_REGULAR_FILE;
  return Object.assign(new Error(`${kind === 'not a regular file' ? kind : `it is ${kind}`}, not a regular file`), { code, path });
}

function tooLarge(path: string, size: number, maxBytes: number): FileError {
  return Object.assign(new Error(`file is larger than ${maxBytes} bytes`), { code: FILE_TOO_LARGE, size, path });
}
