import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchFiles } from '../../src/tui/watch.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, limitMs = 3000): Promise<void> {
  for (let waited = 0; !condition() && waited < limitMs; waited += 20) await wait(20);
}

describe('watchFiles', () => {
  it('calls back once for a burst of writes, after they settle', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-watch-'));
    const file = join(folder, 'records.json');
    writeFileSync(file, '[]');
    let calls = 0;
    const stop = watchFiles([file], () => calls++, 100);
    try {
      await wait(50);
      for (let write = 0; write < 5; write++) writeFileSync(file, `[${'{}'.repeat(0)}]`);
      await until(() => calls > 0);
      await wait(250);
      expect(calls).toBe(1);
    } finally {
      stop();
    }
  });

  it('follows a file an editor saves by renaming a new one over it, and ignores its neighbours', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-watch-'));
    const file = join(folder, 'records.json');
    writeFileSync(file, '[]');
    let calls = 0;
    const stop = watchFiles([file], () => calls++, 50);
    try {
      await wait(50);
      writeFileSync(join(folder, 'other.json'), '[]');
      await wait(200);
      expect(calls).toBe(0);
      writeFileSync(join(folder, '.records.json.swp'), '[1]');
      renameSync(join(folder, '.records.json.swp'), file);
      await until(() => calls > 0);
      expect(calls).toBe(1);
      writeFileSync(file, '[2]');
      await until(() => calls > 1);
      expect(calls).toBe(2);
    } finally {
      stop();
    }
  });

  it('stops calling back once stopped', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-watch-'));
    const file = join(folder, 'records.json');
    writeFileSync(file, '[]');
    let calls = 0;
    const stop = watchFiles([file], () => calls++, 20);
    stop();
    writeFileSync(file, '[1]');
    await wait(200);
    expect(calls).toBe(0);
  });
});

describe('watchFiles on a folder', () => {
  it('calls back when a record file below it changes, not for hidden or other files', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-watch-'));
    mkdirSync(join(folder, 'posts'));
    writeFileSync(join(folder, 'posts', 'a.md'), '---\nid: a\n---\n');
    let calls = 0;
    const stop = watchFiles([folder], () => calls++, 50);
    try {
      await wait(50);
      writeFileSync(join(folder, 'posts', '.a.md.swp'), 'x');
      writeFileSync(join(folder, 'notes.txt'), 'x');
      await wait(200);
      expect(calls).toBe(0);
      writeFileSync(join(folder, 'posts', 'a.md'), '---\nid: a2\n---\n');
      await until(() => calls > 0);
      expect(calls).toBe(1);
    } finally {
      stop();
    }
  });
});
