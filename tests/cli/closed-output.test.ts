/**
 * `blackout check … | head`: when the reader of standard output goes away,
 * the run stops with exit 2 (the check was not reported as asked) and says
 * so in a line, in the run's language, never as an internal error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/bin.cjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'blackout-closed-output-'));
const records = join(scratch, 'records.ndjson');
// Far more output than a pipe holds (64 KiB): the writer meets the closed pipe.
writeFileSync(records, Array.from({ length: 3000 }, (_, index) => JSON.stringify({ id: `r${index}`, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] })).join('\n'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI, closes its standard output after the first chunk, and gives its exit code and standard error. */
function readFirstChunkThenClose(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, BLACKOUT_CACHE_DIR: join(scratch, 'cache'), LANG: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, first }));
  });
}

describe('standard output closed by its reader', () => {
  it.each([
    [['--format', 'ndjson'], {}, 'blackout: stopped: standard output was closed before the report was complete\n'],
    [['--format', 'text', '--lang', 'fr'], {}, 'blackout: arrêt : la sortie standard a été fermée avant la fin du rapport\n'],
    [['--format', 'json'], { LANG: 'fr_FR.UTF-8' }, 'blackout: arrêt : la sortie standard a été fermée avant la fin du rapport\n'],
  ])('check %j stops with exit 2 and one line saying why', async (args, env, said) => {
    const run = await readFirstChunkThenClose(['check', records, ...args, '--jobs', '1'], env);
    expect(run.first.length).toBeGreaterThan(0);
    expect(run.stderr).toBe(said);
    expect(run.code).toBe(2);
  });
});

describe('an output that cannot be written (a full device)', () => {
  it.each([
    [['--output', '/dev/full'], 'ignore', 'blackout: cannot write the report: no space left on the device (ENOSPC); it is incomplete\n'],
    [['--lang', 'fr'], 'full', 'blackout: impossible d’écrire le rapport : plus de place sur le périphérique (ENOSPC) ; il est incomplet\n'],
  ] as const)('check %j stops with exit 2 and one line saying why, not an internal error', (args, stdout, said) => {
    const out = stdout === 'full' ? openSync('/dev/full', 'w') : 'ignore';
    const run = spawnSync(process.execPath, [BIN, 'check', records, '--format', 'ndjson', '--jobs', '1', ...args], {
      env: { ...process.env, BLACKOUT_CACHE_DIR: join(scratch, 'cache'), LANG: 'C' },
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf8',
    });
    if (typeof out === 'number') closeSync(out);
    expect(run.stderr).toBe(said);
    expect(run.status).toBe(2);
  });
});
