import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { Progress } from '../../../src/cli/check/progress.js';
import { runCli } from '../../helpers/cli.js';
import { scratch } from '../../helpers/scratch.js';

const { folder, file } = scratch('stream');
const line = (record: object) => `${JSON.stringify(record)}\n`;
const poll = (id: string, publishedAt = '2017-05-06T10:00:00+02:00') => ({ id, publishedAt, categories: ['poll'], audience: ['FR-MET'] });
const news = (id: string) => ({ id, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'] });

/** The NDJSON verdicts of a run, parsed. */
function verdicts(stdout: string): { id: string; status: string; at: string; source: { file: string; line?: number }; errors: { code: string }[] }[] {
  return stdout.trim().split('\n').map((text) => JSON.parse(text));
}

describe('blackout check, streaming', () => {
  it('checks NDJSON line by line in input order, naming each line, and goes on past a bad line with exit 2', async () => {
    const path = file('feed.ndjson', line(news('a')) + '{"id": "b",\n' + line(poll('c')));
    const { code, stdout, stderr } = await runCli(['check', path, '--format', 'ndjson']);
    expect(code).toBe(2);
    expect(verdicts(stdout).map(({ id, status, source }) => [id, status, source.line])).toEqual([
      ['a', 'allowed', 1],
      ['c', 'blocked', 3],
    ]);
    expect(stderr).toContain(`${path}:2: `);
    expect(stderr).toContain('1 input problem');
  });

  it('marks a repeated id invalid across files of one run', async () => {
    const first = file('first.ndjson', line(news('same')));
    const second = file('second.ndjson', line(news('same')) + line(news('other')));
    const { code, stdout } = await runCli(['check', first, second, '--format', 'ndjson']);
    expect(code).toBe(2);
    expect(verdicts(stdout).map(({ id, status, errors }) => [id, status, errors[0]?.code])).toEqual([
      ['same', 'allowed', undefined],
      ['same', 'invalid', 'duplicate-id'],
      ['other', 'allowed', undefined],
    ]);
  });

  it('reads local timestamps in --zone, for records that name no zone of their own', async () => {
    const path = file('local.ndjson', line(poll('paris', '2017-05-06T10:00:00')) + line({ ...poll('tahiti', '2017-05-06T10:00:00'), zone: 'Pacific/Tahiti' }));
    const { stdout } = await runCli(['check', path, '--format', 'ndjson', '--zone', 'Europe/Paris']);
    expect(verdicts(stdout).map(({ id, at }) => [id, at])).toEqual([
      ['paris', '2017-05-06T10:00:00.000+02:00'],
      ['tahiti', '2017-05-06T10:00:00.000-10:00'],
    ]);
    expect((await runCli(['check', path, '--zone', 'Mars/Olympus'])).stderr).toContain("--zone: unknown time zone 'Mars/Olympus'");
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const output = join(folder, 'report.json');
    const { code, stdout } = await runCli(['check', file('one.ndjson', line(poll('p'))), '--format', 'json', '--output', output]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8')).summary).toEqual({ records: 1, allowed: 0, blocked: 1, review: 0, invalid: 0, problems: 0, skipped: 0 });
    const unwritable = await runCli(['check', file('two.ndjson', line(poll('p'))), '--output', join(folder, 'missing', 'report.json')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('cannot write');
  });

  it('reads standard input in the format given, or sniffed', async () => {
    const csv = 'id,publishedAt,categories,audience\nq,2017-05-06T10:00:00+02:00,poll,FR-MET\n';
    const asCsv = await runCli(['check', '-', '--stdin-format', 'csv', '--format', 'ndjson'], { stdin: csv });
    expect(verdicts(asCsv.stdout).map(({ id, status, source }) => [id, status, source.line])).toEqual([['q', 'blocked', 2]]);
    const sniffed = await runCli(['check', '-', '--format', 'ndjson'], { stdin: line(news('n')) + line(poll('p')) });
    expect(verdicts(sniffed.stdout).map(({ id }) => id)).toEqual(['n', 'p']);
    expect((await runCli(['check', '-', '--stdin-format', 'xml'])).code).toBe(2);
  });

  it('speaks French from --lang or from LANG, in help and messages', async () => {
    const help = await runCli(['check', '--help'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(help.stdout).toContain('Vérifie des publications');
    const english = await runCli(['check', '--help', '--lang', 'en'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(english.stdout).toContain('Checks publication records');
    const missing = await runCli(['check', '--format', 'xml', 'x.json', '--lang', 'fr']);
    expect(missing.stderr).toContain('format inconnu « xml »');
  });

  it('paints colour on a terminal unless NO_COLOR is set to something, and always with FORCE_COLOR', async () => {
    const path = file('colour.ndjson', line(poll('p')));
    const run = async (env: Record<string, string>, tty: boolean) => {
      let stdout = '';
      await main(['check', path], { stdout: (text) => (stdout += text), stderr: () => {}, readStdin: async () => '', env: { BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR!, ...env }, stdoutIsTty: tty, cwd: process.cwd() });
      return stdout.includes('\u001b[');
    };
    expect(await run({}, true)).toBe(true);
    expect(await run({ NO_COLOR: '1' }, true)).toBe(false);
    expect(await run({ NO_COLOR: '' }, true)).toBe(true);
    expect(await run({}, false)).toBe(false);
    expect(await run({ FORCE_COLOR: '1' }, false)).toBe(true);
  });

  it('shows progress on a terminal only, after a second, twice a second at most, and clears it at the end', () => {
    let clock = 0;
    let stderr = '';
    const io = { stdout: () => {}, stderr: (text: string) => (stderr += text), readStdin: async () => '', env: {}, stdoutIsTty: false, cwd: '.' };
    const progress = new Progress({ ...io, stderrIsTty: true }, 'en', () => clock);
    clock = 900;
    progress.update(9_000);
    expect(stderr).toBe('');
    clock = 1_000;
    progress.update(10_000);
    expect(stderr).toBe('\r\u001b[K10,000 records, 10,000 records/s');
    clock = 1_200;
    progress.update(12_000);
    expect(stderr).toBe('\r\u001b[K10,000 records, 10,000 records/s');
    clock = 2_000;
    progress.update(30_000);
    expect(stderr.endsWith('\r\u001b[K30,000 records, 15,000 records/s')).toBe(true);
    progress.done();
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);

    stderr = '';
    const silent = new Progress({ ...io, stderrIsTty: false }, 'fr', () => clock);
    clock = 10_000;
    silent.update(1);
    silent.done();
    expect(stderr).toBe('');
  });
});
