import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/cli/sweep-command.js';
import { runCli } from '../helpers/cli.js';

const item = (id: string, publishedAt: string) => ({ id, publishedAt, categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' });
const queue = [item('friday', '2017-05-05T18:00:00+02:00'), item('saturday', '2017-05-06T09:30:00+02:00'), item('june', '2017-06-01T09:30:00+02:00')];

function queueFile(items: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'blackout-sweep-')), 'queue.json');
  writeFileSync(file, JSON.stringify(items));
  return file;
}

describe('blackout sweep', () => {
  it('lists what falls into a window with the earliest lawful time, and exits 1', async () => {
    const run = await runCli(['sweep', queueFile(queue), '--from', '2017-05-04T00:00:00+02:00', '--days', '4']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('BLOCKED  "saturday"  scheduled 2017-05-06T09:30:00.000+02:00  fr.l49.propaganda  → earliest lawful 2017-05-07T18:00:00.000Z');
    expect(run.stdout).not.toContain('"friday"');
    expect(run.stdout).toContain('1 of 3 items need attention between 2017-05-03T22:00:00.000Z and 2017-05-07T22:00:00.000Z: 1 blocked, 0 review, 0 invalid.');
    expect(run.stderr).toBe('');
  });

  it('writes French and JSON', async () => {
    const file = queueFile(queue);
    const french = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--to', '2017-05-08T00:00:00+02:00', '--lang', 'fr']);
    expect(french.stdout).toContain('BLOQUÉ   "saturday"  prévu 2017-05-06T09:30:00.000+02:00');
    expect(french.stdout).toContain('→ au plus tôt 2017-05-07T18:00:00.000Z');
    const json = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--format', 'json']);
    const report = JSON.parse(json.stdout);
    expect(report.policy.id).toBe('fr');
    expect(report.flagged.map((flagged: { id: string; earliestAllowedAt: string }) => [flagged.id, flagged.earliestAllowedAt])).toEqual([['saturday', '2017-05-07T18:00:00.000Z']]);
  });

  it('exits 0 when nothing needs moving, and starts from now by default', async () => {
    const run = await runSweep([queueFile(queue)], { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', env: {}, stdoutIsTty: false, cwd: '.' }, () => Date.parse('2017-05-08T00:00:00Z'));
    expect(run).toBe(0);
  });

  it('exits 2 when an item cannot be checked, and on bad arguments', async () => {
    expect((await runCli(['sweep', queueFile([{ id: 'x' }]), '--from', '2017-05-04T00:00:00Z'])).code).toBe(2);
    const backwards = await runCli(['sweep', queueFile(queue), '--from', '2017-05-04T00:00:00Z', '--to', '2017-05-01T00:00:00Z']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('ends (2017-05-01T00:00:00.000Z) before it starts');
    expect((await runCli(['sweep', queueFile(queue), '--days', 'many'])).code).toBe(2);
    expect((await runCli(['sweep'])).stderr).toContain('no input');
  });
});
