import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { startTui } from '../../src/tui/start.js';
import { frenchChecker, settle } from './helpers.js';

// Ink draws no frame but the last when it guesses a CI runner from the environment (is-in-ci,
// read once as Ink loads). The CLI never starts the UI there (tui-command's inCi); this test
// starts it directly, so the guess is taken away before Ink is imported
// (vitest runs vi.hoisted ahead of the imports).
vi.hoisted(() => {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});

/** A 120×40 terminal keeping what was drawn, escapes taken out. */
class Terminal extends Writable {
  isTTY = true;
  columns = 120;
  rows = 40;
  frames: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    const text = chunk.toString().replace(/\u001b\[[\d;?]*[A-Za-z]/g, '');
    if (text.trim() !== '') this.frames.push(text);
    done();
  }
}

const SATURDAY = Date.parse('2017-05-06T10:00:00+02:00');
const post = (index: number) => JSON.stringify({ id: `p${index}`, publishedAt: new Date(Date.parse('2017-05-06T06:00:00Z') + index * 1000).toISOString(), categories: ['propaganda'], title: `post ${index}` });

async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  for (let waited = 0; !condition() && waited < limitMs; waited += 20) await settle(20);
}

describe('startTui', () => {
  it('draws the first frame from the first batch, then the rest as it is checked, and follows the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-start-')), 'feed.ndjson');
    writeFileSync(file, `${Array.from({ length: 2500 }, (_, index) => post(index)).join('\n')}\n{"id":\n`);
    const stdout = new Terminal();
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
    let drawn = '';
    const running = startTui({
      checker: await frenchChecker(),
      files: [file],
      lang: 'en',
      clock: () => SATURDAY,
      watch: true,
      env: {},
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      onFirstFrame: () => (drawn = stdout.frames.join('')),
    });
    await until(() => drawn !== '');
    // The first frame: the first batch, and the loader still at work.
    expect(drawn).toContain('1000/1000 records');
    expect(drawn).toContain('loading… 1000 records checked so far');
    await until(() => stdout.frames.at(-1)!.includes('2500/2500 records') && !stdout.frames.at(-1)!.includes('loading…'));
    expect(stdout.frames.at(-1)).toContain('1 input problem (e lists it)');
    // The file changes: read again the same way, the list replaced once read.
    writeFileSync(file, `${Array.from({ length: 1200 }, (_, index) => post(index)).join('\n')}\n`);
    await until(() => stdout.frames.at(-1)!.includes('1200/1200 records'));
    expect(stdout.frames.at(-1)).toContain('Input changed: 1200 records checked again.');
    expect(stdout.frames.at(-1)).not.toContain('input problem');
    stdin.write('q');
    const run = await running;
    expect(run.problems).toEqual([]);
  });
});
