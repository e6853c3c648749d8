/**
 * Names and values quoted on standard error cannot drive the terminal (B10):
 * the real CLI (dist/cli/bin.cjs, `npm test` builds it first) is run with file
 * names, paths, options and policy values that hold OSC 52 (which sets the
 * clipboard), CSI and bidi controls, and its stderr bytes are searched for them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { printableIo, type CliIo } from '../../src/cli/io.js';
import { Progress } from '../../src/cli/check/progress.js';
import { syntheticPolicy } from '../helpers/policies.js';
import { rawControls } from '../helpers/terminal.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'blackout-stderr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const OSC52 = '\u001b]52;c;cHduZWQ=\u0007';
const RECORD = '{"id":"p","publishedAt":"2017-05-06T10:00:00+02:00","categories":["poll"]}\n';

function blackout(args: readonly string[], stdin = '') {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: stdin, env: { ...process.env, NO_COLOR: '1', LANG: 'C' }, timeout: 60_000 });
  // Bytes, not text: a raw ESC must not hide behind a decoding.
  return { code: run.status, stderr: run.stderr.toString('utf8'), bytes: run.stderr };
}

/** Asserts stderr holds no raw control byte (ESC, BEL, CR, C1 as UTF-8, bidi) and returns its text. */
function clean(run: { bytes: Buffer; stderr: string }): string {
  for (const byte of [0x1b, 0x07, 0x0d, 0x00]) expect(run.bytes.indexOf(byte), `byte 0x${byte.toString(16)} in ${JSON.stringify(run.stderr)}`).toBe(-1);
  expect(rawControls(run.stderr)).toEqual([]);
  return run.stderr;
}

describe('standard error through the real CLI', () => {
  it('escapes a file name found by a folder walk', () => {
    const folder = join(scratch, 'walk');
    mkdirSync(folder);
    writeFileSync(join(folder, `g${OSC52}.json`), '{bad');
    writeFileSync(join(folder, `bidi-\u202eredli\u2066.ndjson`), 'not json\n');
    const run = blackout(['check', folder]);
    expect(run.code).toBe(2);
    const text = clean(run);
    expect(text).toContain(`g\\u001b]52;c;cHduZWQ=\\u0007.json:1: not valid JSON`);
    expect(text).toContain('bidi-\\u202eredli\\u2066.ndjson:1: not valid JSON');
  });

  it('keeps a problem on one line when a file name, or a value quoted from a record, holds a newline: no line of its own can be forged', () => {
    const folder = join(scratch, 'forge');
    mkdirSync(folder);
    const forged = '::error file=x,line=1::forged';
    writeFileSync(join(folder, `evil\n${forged}.ndjson`), 'not json\n');
    writeFileSync(join(folder, 'value.ndjson'), `{"id":"v","publishedAt":"x\\n${forged}","categories":["poll"]}\n`);
    const check = blackout(['check', folder, '--format', 'ndjson']);
    expect(check.code).toBe(2);
    const lines = clean(check).split('\n');
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/evil\\u000a::error file=x,line=1::forged\.ndjson:1: not valid JSON/));
    // explain's first line is the verdict: an id holding newlines cannot put another verdict before it.
    const ids = join(scratch, 'forged-id.ndjson');
    writeFileSync(ids, `{"id":"p1 at 2017-05-06T10:00:00.000+02:00: ALLOWED\\n\\n","publishedAt":"2017-05-06T10:00:00+02:00","categories":["poll"]}\n{"id":"bad","publishedAt":"x\\n${forged}"}\n`);
    const explained = spawnSync(process.execPath, [BIN, 'explain', ids, '--id', 'p1 at 2017-05-06T10:00:00.000+02:00: ALLOWED\n\n'], { encoding: 'utf8' });
    expect(explained.stdout.split('\n')[0]).toBe('p1 at 2017-05-06T10:00:00.000+02:00: ALLOWED\\u000a\\u000a at Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC): BLOCKED');
    const invalid = spawnSync(process.execPath, [BIN, 'explain', ids, '--id', 'bad'], { encoding: 'utf8' });
    expect(invalid.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
    expect(invalid.stdout).toContain('\\u000a::error');
  });

  it('escapes a missing path, a --policy path and a stdin read with such a policy', () => {
    const missing = blackout(['check', join(scratch, 'x-\u001b[2J\u009b31m')]);
    expect(missing.code).toBe(2);
    expect(clean(missing)).toContain('x-\\u001b[2J\\u009b31m: no such file');
    const policy = blackout(['check', '-', '--policy', join(scratch, OSC52)], RECORD);
    expect(policy.code).toBe(2);
    expect(clean(policy)).toContain('\\u001b]52;c;cHduZWQ=\\u0007: cannot read policy');
  });

  it("escapes Node's argument-parser message for an unknown option", () => {
    const run = blackout(['check', `--x\u001b]0;TITLE\u0007y`]);
    expect(run.code).toBe(2);
    expect(clean(run)).toContain("unknown option '--x\\u001b]0;TITLE\\u0007y' for blackout check");
  });

  it('escapes policy values quoted in policy problems, from check and from policy validate', () => {
    const file = join(scratch, 'zone.yaml');
    writeFileSync(
      file,
      syntheticPolicy({
        regions: { A: '"\\e[2J\\e]52;c;eA==\\a"' },
        elections: '  - { id: e, kind: test, title: Test, rounds: [{ id: r1, date: "2030-06-09" }] }',
        rules: '  - id: r\n    title: R\n    citation: { text: C }\n    severity: block\n    covers: { categories: [poll] }\n    window: { start: { kind: regionVotingDay, days: -1, time: "00:00" }, end: { kind: regionVotingDay, days: 0, time: "20:00" } }',
      }),
    );
    for (const args of [['check', '-', '--policy', file], ['policy', 'validate', file]]) {
      const run = blackout(args, RECORD);
      expect(run.code).toBe(2);
      expect(clean(run)).toContain('\\u001b[2J\\u001b]52;c;eA==\\u0007');
    }
  });

  it("escapes the input problems the terminal UI tells off a terminal", () => {
    const file = join(scratch, `tui-${OSC52}.ndjson`);
    writeFileSync(file, `${RECORD}{"id": "broken"\n`);
    const run = blackout(['tui', file, '--at', '2017-05-06T10:00:00+02:00']);
    expect(run.code).toBe(2);
    expect(clean(run)).toContain('tui-\\u001b]52;c;cHduZWQ=\\u0007.ndjson:2: not valid JSON');
  });
});

describe('printableIo', () => {
  it('escapes what stderr is given, keeping line ends, and writes the status line as the one control sequence', () => {
    let written = '';
    const raw: CliIo = { stdout: () => {}, stderr: (text) => (written += text), readStdin: async () => '', env: {}, stdoutIsTty: false, cwd: '.', stderrIsTty: true };
    const io = printableIo(raw);
    io.stderr(`a\u001b]52;c;eA==\u0007.json:1: bad\n`);
    expect(written).toBe('a\\u001b]52;c;eA==\\u0007.json:1: bad\n');
    written = '';
    let clock = 0;
    const progress = new Progress(io, 'en', () => clock);
    clock = 1_000;
    progress.update(10_000);
    progress.done();
    expect(written).toBe('\r\u001b[K10,000 records, 10,000 records/s\r\u001b[K');
  });

  it('opens standard input only when it is read', () => {
    let opened = 0;
    const raw = {
      stdout: () => {},
      stderr: () => {},
      readStdin: async () => '',
      env: {},
      stdoutIsTty: false,
      cwd: '.',
      get stdin() {
        opened++;
        return process.stdin;
      },
    } satisfies CliIo;
    const io = printableIo(raw);
    expect(opened).toBe(0);
    expect(io.stdin).toBe(process.stdin);
    expect(opened).toBe(1);
  });
});

describe('standard output of the commands that print records as plain text', () => {
  it('escapes a record id in explain and in the sweep list', () => {
    const file = join(scratch, 'explain.json');
    writeFileSync(file, JSON.stringify({ id: `post-${OSC52}\u202e`, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'], channel: 'web' }));
    for (const args of [['explain', file], ['sweep', file, '--from', '2017-05-06T00:00:00+02:00', '--days', '2']]) {
      const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LANG: 'C' }, timeout: 60_000 });
      expect(run.status, args[0]).toBe(1);
      const stdout = run.stdout.toString('utf8');
      expect(run.stdout.indexOf(0x1b), args[0]).toBe(-1);
      expect(rawControls(stdout)).toEqual([]);
      expect(stdout).toContain('post-\\u001b]52;c;cHduZWQ=\\u0007\\u202e');
    }
  });
});
