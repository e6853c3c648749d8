import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/cli/commands/sweep-command.js';
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
    // Every time in the policy's home zone with UTC beside it, so the scheduled and the lawful time read in one clock.
    expect(run.stdout).toBe(
      [
        'BLOCKED   "saturday"',
        '          fr.l49.propaganda',
        '          scheduled        Sat 6 May 2017 09:30 Europe/Paris (07:30 UTC)',
        '          earliest lawful  Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)',
        '',
        '1 of 3 items need attention: 1 blocked, 0 to review, 0 invalid.',
        'from  Thu 4 May 2017 00:00 Europe/Paris (Wed 3 May 22:00 UTC)',
        'until Mon 8 May 2017 00:00 Europe/Paris (Sun 7 May 22:00 UTC)',
        '',
      ].join('\n'),
    );
    expect(run.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('writes French and JSON', async () => {
    const file = queueFile(queue);
    const french = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--to', '2017-05-08T00:00:00+02:00', '--lang', 'fr']);
    expect(french.stdout).toContain('BLOQUÉ    "saturday"\n          fr.l49.propaganda\n          prévu        sam. 6 mai 2017 09:30 Europe/Paris (07:30 UTC)\n');
    expect(french.stdout).toContain('          au plus tôt  dim. 7 mai 2017 20:00 Europe/Paris (18:00 UTC)\n');
    const guadeloupe = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--display-zone', 'America/Guadeloupe']);
    expect(guadeloupe.stdout).toContain('earliest lawful  Sun 7 May 2017 14:00 America/Guadeloupe (18:00 UTC)');
    const lang = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00'], { env: { LANG: 'fr_FR.UTF-8', BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '' } });
    expect(lang.stdout).toContain('BLOQUÉ');
    const json = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--format', 'json']);
    const report = JSON.parse(json.stdout);
    expect(report.policy.id).toBe('fr');
    expect(report.flagged.map((flagged: { id: string; earliestAllowedAt: string }) => [flagged.id, flagged.earliestAllowedAt])).toEqual([['saturday', '2017-05-07T18:00:00.000Z']]);
  });

  it('reads a local time in --zone, and says what is wrong with an argument in the run’s language', async () => {
    const file = queueFile([{ id: 'local', publishedAt: '2017-05-06T10:00:00', categories: ['poll'] }]);
    const swept = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--zone', 'Europe/Paris']);
    expect(swept.code).toBe(1);
    expect(swept.stdout).toContain('scheduled        Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC)');
    const errors = [
      [['--days', 'x'], 'blackout: --days prend un nombre de jours de 1 à 366, pas « x »'],
      [['--format', 'csv'], 'blackout: --format prend text ou json, pas « csv »'],
      [['--fail-on', 'never'], 'blackout: --fail-on prend block ou review, pas « never »'],
      [['--zone', 'Mars/Olympus'], 'blackout: --zone : fuseau horaire inconnu « Mars/Olympus »'],
    ] as const;
    for (const [args, message] of errors) {
      const run = await runCli(['sweep', file, ...args, '--lang', 'fr']);
      expect([run.code, run.stderr.trim()], args.join(' ')).toEqual([2, message]);
    }
  });

  it('exits 0 when nothing needs moving, and starts from now by default', async () => {
    const run = await runSweep([queueFile(queue)], { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', env: {}, stdoutIsTty: false, cwd: '.' }, () => Date.parse('2017-05-08T00:00:00Z'));
    expect(run).toBe(0);
  });

  it('tells an item without category what to say, and an unreadable time as such', async () => {
    const run = await runCli(['sweep', queueFile([{ id: 'u', publishedAt: '2017-05-06T09:30:00+02:00', channel: 'web', audience: ['FR-MET'] }, { id: 'x', publishedAt: 'soon' }]), '--from', '2017-05-04T00:00:00+02:00']);
    expect(run.stdout).toContain('REVIEW    "u"\n');
    expect(run.stdout).toContain('          no category declared: say what it is (news if it is not electoral)\n');
    expect(run.stdout).toContain('INVALID   "x"\n          scheduled        (cannot be read)\n          publishedAt: ');
  });

  it('keeps an error quoting a value with a newline on its line: no line of the sweep can be forged', async () => {
    const run = await runCli(['sweep', queueFile([{ id: 'x', publishedAt: 'soon\nBLOCKED   "friday"' }]), '--from', '2017-05-04T00:00:00+02:00']);
    expect(run.stdout).toContain('publishedAt: \'soon\\u000aBLOCKED   "friday"\'');
    expect(run.stdout.split('\n').filter((line) => line.startsWith('BLOCKED'))).toEqual([]);
  });

  it('sweeps every item it can read when a line is bad: the bad line on stderr, said in the report, exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-sweep-')), 'queue.ndjson');
    writeFileSync(file, `${queue.map((entry) => JSON.stringify(entry)).join('\nnot json\n')}\n`);
    const run = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--days', '4']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(new RegExp(`^${file}:2: not valid JSON`)), expect.stringMatching(new RegExp(`^${file}:4: not valid JSON`))]);
    expect(run.stdout).toContain('BLOCKED   "saturday"');
    expect(run.stdout).toContain('2 input problems: some items were not read, so not swept (see the lines on stderr).');
    const json = await runCli(['sweep', file, '--from', '2017-05-04T00:00:00+02:00', '--days', '4', '--format', 'json', '--lang', 'fr']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ inputProblems: 2, flagged: [expect.objectContaining({ id: 'saturday' })] });
  });

  it('exits 2 when an item cannot be checked, and on bad arguments', async () => {
    expect((await runCli(['sweep', queueFile([{ id: 'x' }]), '--from', '2017-05-04T00:00:00Z'])).code).toBe(2);
    const backwards = await runCli(['sweep', queueFile(queue), '--from', '2017-05-04T00:00:00Z', '--to', '2017-05-01T00:00:00Z']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('ends (2017-05-01T00:00:00.000Z) before it starts');
    expect((await runCli(['sweep', queueFile(queue), '--days', 'many'])).code).toBe(2);
    expect((await runCli(['sweep'])).stderr).toContain('no input');
    expect((await runCli(['sweep', queueFile(queue), '--display-zone', 'Mars/Olympus'])).stderr).toContain("--display-zone: unknown time zone 'Mars/Olympus'");
  });
});
