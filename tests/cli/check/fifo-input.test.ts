/**
 * A named pipe given as an NDJSON file: read as the stream it is, what its
 * writer sends, in full. The fast path for regular files must not open it
 * (opening a FIFO waits for a writer, and closing it again would cut the
 * writer off).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../dist/cli/bin.cjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'blackout-fifo-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a FIFO named as an NDJSON file', () => {
  it.each([['1'], ['2']])('is read whole from its writer (--jobs %s)', async (jobs) => {
    const fifo = join(scratch, `feed-${jobs}.ndjson`);
    execFileSync('mkfifo', [fifo]);
    const lines = Array.from({ length: 500 }, (_, index) => JSON.stringify({ id: `r${index}`, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] }));
    const child = spawn(process.execPath, [BIN, 'check', fifo, '--format', 'ndjson', '--jobs', jobs], {
      env: { ...process.env, BLACKOUT_CACHE_DIR: join(scratch, 'cache'), LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The writer comes after the check has started.
    await new Promise((resolve) => setTimeout(resolve, 500));
    writeFileSync(fifo, `${lines.join('\n')}\n`);
    expect(await code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(lines.map((_, index) => `r${index}`));
  }, 30_000);
});
