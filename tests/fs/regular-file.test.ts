/**
 * readRegularFileSync: only regular files, read in bounded time and memory.
 * The races it guards against (a name swapped between the check of its type
 * and the open, a file that grows while it is read) are staged by making
 * `statSync`/`fstatSync` answer for another file once.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, statSync: vi.fn(real.statSync), lstatSync: vi.fn(real.lstatSync), fstatSync: vi.fn(real.fstatSync), openSync: vi.fn(real.openSync) };
});

import { FILE_TOO_LARGE, NOT_REGULAR_FILE, readRegularFileSync } from '../../src/fs/regular-file.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'blackout-regular-'));
  fs.writeFileSync(join(dir, 'small.txt'), 'hello');
  fs.writeFileSync(join(dir, 'hundred.txt'), 'x'.repeat(100));
  fs.mkdirSync(join(dir, 'folder'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  fs.symlinkSync('/dev/zero', join(dir, 'zero'));
  fs.symlinkSync(join(dir, 'small.txt'), join(dir, 'link.txt'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  for (const spy of [fs.statSync, fs.lstatSync, fs.fstatSync, fs.openSync]) vi.mocked(spy).mockClear();
});

/** The error readRegularFileSync throws, with its code. */
function refusal(path: string, options: Parameters<typeof readRegularFileSync>[1]): NodeJS.ErrnoException & { size?: number } {
  try {
    readRegularFileSync(path, options);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
  throw new Error(`${path} was read`);
}

describe('readRegularFileSync', () => {
  it('reads a regular file whole, up to exactly its limit', () => {
    expect(readRegularFileSync(join(dir, 'small.txt'), { maxBytes: 1024 }).toString()).toBe('hello');
    expect(readRegularFileSync(join(dir, 'hundred.txt'), { maxBytes: 100 }).length).toBe(100);
    expect(readRegularFileSync(join(dir, 'link.txt'), { maxBytes: 100 }).toString()).toBe('hello');
  });

  it('refuses a file over its limit by its size, before opening it', () => {
    const error = refusal(join(dir, 'hundred.txt'), { maxBytes: 99 });
    expect(error).toMatchObject({ code: FILE_TOO_LARGE, size: 100 });
    expect(fs.openSync).not.toHaveBeenCalled();
  });

  it.each([
    ['a folder', 'folder', 'EISDIR', /it is a folder, not a regular file/],
    ['a FIFO', 'fifo', NOT_REGULAR_FILE, /it is a FIFO \(named pipe\), not a regular file/],
    ['a link to /dev/zero', 'zero', NOT_REGULAR_FILE, /it is a character device, not a regular file/],
  ])('refuses %s without opening it', (_name, file, code, message) => {
    const error = refusal(join(dir, file), { maxBytes: 1024 });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(fs.openSync).not.toHaveBeenCalled();
  });

  it('refuses a FIFO swapped in after its type was checked, from the opened descriptor, without blocking', () => {
    // statSync answers for a regular file: the FIFO is met only once opened (without O_NONBLOCK, open() would wait for a writer for ever).
    vi.mocked(fs.statSync).mockImplementationOnce(() => fs.lstatSync(join(dir, 'small.txt')));
    const error = refusal(join(dir, 'fifo'), { maxBytes: 1024 });
    expect(error.code).toBe(NOT_REGULAR_FILE);
    expect(fs.openSync).toHaveBeenCalledTimes(1);
  });

  it('refuses a device swapped in after its type was checked', () => {
    vi.mocked(fs.statSync).mockImplementationOnce(() => fs.lstatSync(join(dir, 'small.txt')));
    expect(refusal(join(dir, 'zero'), { maxBytes: 1024 }).message).toMatch(/character device/);
  });

  it('reads no more than its limit and one byte of a file that grows past it while read', () => {
    // Both checks see a 5-byte file; the descriptor holds 100 bytes.
    const small = fs.statSync(join(dir, 'small.txt'));
    vi.mocked(fs.statSync).mockImplementationOnce(() => small);
    vi.mocked(fs.fstatSync).mockImplementationOnce(() => small);
    const error = refusal(join(dir, 'hundred.txt'), { maxBytes: 50 });
    expect(error).toMatchObject({ code: FILE_TOO_LARGE, size: 51 });
    // Under the limit, the whole of it is read, whatever the size said.
    vi.mocked(fs.statSync).mockImplementationOnce(() => small);
    vi.mocked(fs.fstatSync).mockImplementationOnce(() => small);
    expect(readRegularFileSync(join(dir, 'hundred.txt'), { maxBytes: 100 }).toString()).toBe('x'.repeat(100));
  });

  it('with noFollow, refuses a symbolic link, also one swapped in after the check', () => {
    expect(refusal(join(dir, 'link.txt'), { maxBytes: 1024, noFollow: true }).code).toBe('ELOOP');
    expect(fs.openSync).not.toHaveBeenCalled();
    vi.mocked(fs.lstatSync).mockImplementationOnce(() => fs.lstatSync(join(dir, 'small.txt')));
    expect(refusal(join(dir, 'link.txt'), { maxBytes: 1024, noFollow: true }).code).toBe('ELOOP');
    expect(fs.openSync).toHaveBeenCalledTimes(1);
    expect(readRegularFileSync(join(dir, 'small.txt'), { maxBytes: 1024, noFollow: true }).toString()).toBe('hello');
  });

  it('passes on the file system errors it meets', () => {
    expect(refusal(join(dir, 'missing.txt'), { maxBytes: 1024 }).code).toBe('ENOENT');
  });
});
