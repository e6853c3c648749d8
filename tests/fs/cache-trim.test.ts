/**
 * The cache folder's trim (src/fs/cache-trim.ts): past the cap, blackout's
 * entries used longest ago go first, down to the trimmed size; the entry just
 * written, other files and fresh partial files stay; partial files a dead
 * writer left are removed; a hit marks its entry at most once a day.
 * Sizes are set with `truncate` (sparse files: no disk is used).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markUsed, trimCache } from '../../src/fs/cache-trim.js';

const MB = 1024 * 1024;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function cacheFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'blackout-trim-'));
  folders.push(folder);
  return folder;
}

/** A file of `megabytes` last changed `hoursAgo` before NOW. */
function put(folder: string, name: string, megabytes: number, hoursAgo: number): string {
  const path = join(folder, name);
  writeFileSync(path, '');
  truncateSync(path, megabytes * MB);
  const seconds = (NOW - hoursAgo * HOUR) / 1000;
  utimesSync(path, seconds, seconds);
  return path;
}

const limits = { maxBytes: 10 * MB, trimmedBytes: 6 * MB, now: NOW };
const names = (folder: string) => readdirSync(folder).sort();

describe('trimCache', () => {
  it('under the cap removes no entry', () => {
    const folder = cacheFolder();
    put(folder, 'aaaaaaaa.policy', 4, 100);
    put(folder, 'code-check-bbbbbbbb.v8', 3, 200);
    const written = put(folder, 'cccccccc.policy', 3, 0);
    trimCache(written, limits);
    expect(names(folder)).toEqual(['aaaaaaaa.policy', 'cccccccc.policy', 'code-check-bbbbbbbb.v8']);
  });

  it('past the cap removes the entries used longest ago, policies and code alike, until the trimmed size is left', () => {
    const folder = cacheFolder();
    put(folder, '00000001.policy', 2, 50);
    put(folder, 'code-check-00000002.v8', 2, 40);
    put(folder, '00000003.policy', 2, 30);
    put(folder, 'code-tui-00000004.v8', 2, 20);
    put(folder, '00000005.policy', 2, 10);
    const written = put(folder, '00000006.policy', 2, 0);
    // 12 MB > 10: the two oldest go (8 MB left > 6), then the third (6 MB left).
    trimCache(written, limits);
    expect(names(folder)).toEqual(['00000005.policy', '00000006.policy', 'code-tui-00000004.v8']);
  });

  it('never removes the entry just written, even when it is the oldest', () => {
    const folder = cacheFolder();
    const written = put(folder, 'code-check-0000000a.v8', 8, 1000);
    put(folder, '0000000b.policy', 4, 1);
    trimCache(written, limits);
    expect(names(folder)).toEqual(['code-check-0000000a.v8']);
  });

  it('leaves files it did not write, whatever their size or age, and counts none of them', () => {
    const folder = cacheFolder();
    put(folder, 'notes.txt', 50, 5000);
    put(folder, 'ABCDEF01.policy', 50, 5000);
    put(folder, 'code-check-1234.v8', 50, 5000);
    mkdirSync(join(folder, 'deadbeef.policy'));
    put(folder, '0000000c.policy', 4, 100);
    const written = put(folder, '0000000d.policy', 4, 0);
    trimCache(written, limits);
    expect(names(folder)).toEqual(['0000000c.policy', '0000000d.policy', 'ABCDEF01.policy', 'code-check-1234.v8', 'deadbeef.policy', 'notes.txt']);
  });

  it('removes the partial files of writers that died an hour ago or more, not those being written', () => {
    const folder = cacheFolder();
    put(folder, '0000000e.policy.9f86d081884c7d65.tmp', 1, 2);
    put(folder, 'code-check-0000000f.v8.4242.1796608800000.tmp', 1, 1.5);
    put(folder, '00000010.policy.2c26b46b68ffc68f.tmp', 1, 0.1);
    const written = put(folder, '00000011.policy', 1, 0);
    trimCache(written, limits);
    expect(names(folder)).toEqual(['00000010.policy.2c26b46b68ffc68f.tmp', '00000011.policy']);
  });

  it('a folder that cannot be listed is left alone, without a throw', () => {
    expect(() => trimCache(join(cacheFolder(), 'missing', '00000012.policy'), limits)).not.toThrow();
  });
});

describe('markUsed', () => {
  it('marks an entry last marked over a day ago as used now', () => {
    const folder = cacheFolder();
    const entry = put(folder, '00000013.policy', 1, 30);
    markUsed(entry, NOW);
    expect(statSync(entry).mtimeMs).toBe(NOW);
  });

  it('leaves an entry marked within the day as it is (no write on every hit)', () => {
    const folder = cacheFolder();
    const entry = put(folder, '00000014.policy', 1, 20);
    markUsed(entry, NOW);
    expect(statSync(entry).mtimeMs).toBe(NOW - 20 * HOUR);
  });

  it('a missing entry is no error', () => {
    const missing = join(cacheFolder(), '00000015.policy');
    expect(() => markUsed(missing, NOW)).not.toThrow();
    expect(existsSync(missing)).toBe(false);
  });

  it('an entry marked used outlives one written later but not used since', () => {
    const folder = cacheFolder();
    const used = put(folder, '00000016.policy', 4, 300);
    put(folder, '00000017.policy', 4, 200);
    markUsed(used, NOW - HOUR);
    const written = put(folder, '00000018.policy', 4, 0);
    // 12 MB > 10: one entry is enough to go, the one used longest ago.
    trimCache(written, { ...limits, trimmedBytes: 8 * MB });
    expect(names(folder)).toEqual(['00000016.policy', '00000018.policy']);
  });
});
