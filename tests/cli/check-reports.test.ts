/**
 * Every report says what was not read, through the real, built CLI
 * (`node dist/cli/bin.cjs check`): an NDJSON file with a bad line, a missing
 * file and a JSON array laid out over several lines, in each format. `npm
 * test` builds dist/ first (pretest).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateSarif } from '../report/ci/sarif-schema.js';
import { scratch } from '../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const { folder, file } = scratch('reports');

function blackout(args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, 'check', ...args], {
    env: { PATH: process.env.PATH ?? '', BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const SATURDAY = '2017-05-06T10:00:00+02:00';
const poll = (id: string) => ({ id, publishedAt: SATURDAY, categories: ['poll'], audience: ['FR-MET'] });
const news = (id: string) => ({ id, publishedAt: SATURDAY, categories: ['news'] });

// Line 2 is not JSON; the rest are records.
const feed = file('feed.ndjson', `${JSON.stringify(news('n-1'))}\n{"id": "broken",\n${JSON.stringify(poll('n-3'))}\n`);
const missing = join(folder, 'missing.json');
// A JSON array as CMS exports write it: one record over several lines, then two on one line.
const exported = file('export.json', `[\n  {\n    "id": "j-1",\n    "publishedAt": "${SATURDAY}",\n    "categories": ["poll"]\n  },\n  ${JSON.stringify(news('j-2'))}, ${JSON.stringify({ id: 'j-3', categories: ['nope'], publishedAt: SATURDAY })}\n]\n`);
const j2Column = 3;
const j3Column = 3 + JSON.stringify(news('j-2')).length + 2;
const inputs = [feed, missing, exported];

describe('blackout check: input problems in every report', () => {
  it('json lists the problems in input order with their places and counts them; records carry line and column', () => {
    const { code, stdout, stderr } = blackout([...inputs, '--format', 'json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.problems).toEqual([
      { file: feed, line: 2, message: expect.stringMatching(/^not valid JSON/), fatal: false },
      { file: missing, message: 'no such file', fatal: true },
    ]);
    expect(report.skipped).toEqual([]);
    expect(report.notListed).toEqual({ problems: 0, skipped: 0 });
    expect(report.summary).toEqual({ records: 5, allowed: 2, blocked: 2, review: 0, invalid: 1, problems: 2, skipped: 0 });
    expect(report.results.map((result: { id: string; source: object }) => [result.id, result.source])).toEqual([
      ['n-1', { file: feed, index: 0, line: 1 }],
      // The bad line took index 1.
      ['n-3', { file: feed, index: 2, line: 3 }],
      ['j-1', { file: exported, index: 0, line: 2, column: 3 }],
      ['j-2', { file: exported, index: 1, line: 7, column: j2Column }],
      ['j-3', { file: exported, index: 2, line: 7, column: j3Column }],
    ]);
    // stderr told each problem as it came, and the exit code is still 2.
    expect(stderr).toContain(`${feed}:2: not valid JSON`);
    expect(stderr).toContain(`${missing}: no such file`);
  });

  it('sarif marks the run unsuccessful, with a located notification per problem, and regions at the records’ lines and columns', () => {
    const { code, stdout } = blackout([...inputs, '--format', 'sarif']);
    expect(code).toBe(2);
    const log = JSON.parse(stdout);
    expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
    const [run] = log.runs;
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications.map((notification: { level: string; locations: { physicalLocation: object }[] }) => [notification.level, notification.locations[0]!.physicalLocation])).toEqual([
      ['error', { artifactLocation: { uri: expect.stringMatching(/^file:\/\/\/.*\/feed\.ndjson$/) }, region: { startLine: 2 } }],
      ['error', { artifactLocation: { uri: expect.stringMatching(/^file:\/\/\/.*\/missing\.json$/) } }],
    ]);
    const regions = run.results.map((result: { properties: { recordId: string }; locations: { physicalLocation: { region: object } }[] }) => [result.properties.recordId, result.locations[0]!.physicalLocation.region]);
    expect(regions).toContainEqual(['n-3', { startLine: 3 }]);
    expect(regions).toContainEqual(['j-1', { startLine: 2, startColumn: 3 }]);
    expect(regions).toContainEqual(['j-3', { startLine: 7, startColumn: j3Column }]);
  });

  it('sarif says the run was successful when every input was read', () => {
    const { stdout } = blackout([exported, '--format', 'sarif']);
    expect(JSON.parse(stdout).runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [], properties: { inputProblems: 0, skipped: 0 } }]);
  });

  it('junit has an error test case per unread line or file, named file:line', () => {
    const { code, stdout } = blackout([...inputs, '--format', 'junit']);
    expect(code).toBe(2);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });
    const { testsuites } = parser.parse(stdout);
    expect([testsuites.tests, testsuites.failures, testsuites.errors]).toEqual(['7', '2', '3']);
    const suites = testsuites.testsuite.map((suite: { name: string; tests: string; errors: string; testcase: { name: string; line?: string; error?: { type: string } }[] }) => [
      suite.name,
      suite.tests,
      suite.errors,
      suite.testcase.map((test) => [test.name, test.line, test.error?.type]),
    ]);
    // Suites of records in the order met, the problems in their files' suites; a file with no record gets a suite of its own.
    expect(suites).toEqual([
      [feed, '3', '1', [['n-1', '1', undefined], ['n-3', '3', undefined], [`${feed}:2`, '2', 'input-problem']]],
      [exported, '3', '1', [['j-1', '2', undefined], ['j-2', '7', undefined], ['j-3', '7', 'invalid']]],
      [missing, '1', '1', [[missing, undefined, 'input-problem']]],
    ]);
  });

  it('github writes an ::error on the file and line of each problem, and col= for records of a JSON array', () => {
    const { code, stdout } = blackout([...inputs, '--format', 'github']);
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.includes('title=blackout/input-problem'))).toEqual([
      expect.stringMatching(/^::error file=.*feed\.ndjson,line=2,title=blackout\/input-problem::.*feed\.ndjson:2: not valid JSON/),
      expect.stringMatching(/^::error file=.*missing\.json,title=blackout\/input-problem::.*missing\.json: no such file$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=.*export\\.json,line=7,col=${j3Column},title=blackout/invalid-record · j-3::`)));
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=.*export\.json,line=2,col=3,title=fr\.loi77-808\.art11\.polls · j-1::/));
  });

  it('text lists the problems with file:line and counts them in the summary line', () => {
    const { code, stdout } = blackout([...inputs]);
    expect(code).toBe(2);
    expect(stdout).toContain(`BLOCKED j-1  ${exported}:2:3\n`);
    expect(stdout).toContain(`2 input problems (not read, so not checked):\n  ✖ ${feed}:2  not valid JSON`);
    expect(stdout).toContain(`\n  ✖ ${missing}  no such file\n`);
    expect(stdout).toMatch(/\n5 records: 2 blocked, 0 to review, 2 allowed \(not listed unless provisional\), 1 invalid; 2 input\s+problems\n/);
  });

  it('ndjson keeps one verdict a line: problems go to stderr only', () => {
    const { code, stdout, stderr } = blackout([...inputs, '--format', 'ndjson']);
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(['n-1', 'n-3', 'j-1', 'j-2', 'j-3']);
    expect(stderr).toContain(`${feed}:2: not valid JSON`);
  });

  it('lists the first 1,000 problems of a file full of bad lines, and says how many more there were, in every report', () => {
    const bad = file('bad-lines.ndjson', `${JSON.stringify(poll('ok'))}\n${'{bad\n'.repeat(1500)}`);
    const json = JSON.parse(blackout([bad, '--format', 'json']).stdout);
    expect(json.problems).toHaveLength(1000);
    expect(json.problems.at(-1)).toMatchObject({ file: bad, line: 1001 });
    expect(json.notListed).toEqual({ problems: 500, skipped: 0 });
    expect(json.summary).toMatchObject({ records: 1, problems: 1500 });
    const notifications = JSON.parse(blackout([bad, '--format', 'sarif']).stdout).runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1001);
    expect(notifications.at(-1).message.text).toBe('500 more input problems, not listed (each was told on standard error)');
    // The last error before the notice that counts them all.
    expect(blackout([bad, '--format', 'github']).stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '::error title=blackout/input-problem::500 more input problems, not listed (each was told on standard error)',
      '::notice title=blackout/summary::blackout wrote 1002 errors and 0 warnings as annotations; GitHub shows at most 10 of each kind per step: the step’s log has every one.',
    ]);
  });

  it('keeps the exit codes in the spooled and streamed formats: 2 for an input problem, else 0 or 1', () => {
    const clean = file('clean.json', JSON.stringify([news('c-1')]));
    const blocked = file('blocked.json', JSON.stringify([poll('b-1')]));
    for (const format of ['junit', 'sarif', 'json', 'text']) {
      expect([format, blackout([clean, '--format', format]).code]).toEqual([format, 0]);
      expect([format, blackout([clean, blocked, '--format', format]).code]).toEqual([format, 1]);
      expect([format, blackout([clean, missing, '--format', format]).code]).toEqual([format, 2]);
    }
  });
});

describe('blackout check: junit and sarif stream in bounded memory', () => {
  // Ids of many-byte characters: the spooled cases are read back in pieces, which must not split a character.
  const many = file('many.ndjson', Array.from({ length: 6000 }, (_, n) => `${JSON.stringify({ ...poll(`é😀${'ü'.repeat(n % 5)}-${n}`), title: '« sondage »' })}\n`).join(''));

  it('writes junit through its spool the same to a file, to a pipe and in-process', async () => {
    const output = join(folder, 'many.xml');
    const piped = blackout([many, '--format', 'junit']);
    expect(piped.code).toBe(1);
    expect(piped.stdout.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(piped.stdout).not.toContain('\ufffd');
    expect(XMLValidator.validate(piped.stdout)).toBe(true);
    expect(blackout([many, '--format', 'junit', '--output', output]).code).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe(piped.stdout);
    const inProcess = await runCli(['check', many, '--format', 'junit']);
    expect(inProcess.stdout).toBe(piped.stdout);
    expect(piped.stdout.match(/<testcase /g)).toHaveLength(6000);
  });

  it('says so in one line when junit cannot make its temporary file', () => {
    const nowhere = join(folder, 'no-such-folder');
    const run = blackout([feed, '--format', 'junit'], { TMPDIR: nowhere });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`blackout: cannot make a temporary file for the report in ${nowhere} (ENOENT); set TMPDIR to a folder that can be written\n`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes sarif as a stream that parses to one log, results in input order', () => {
    const { code, stdout } = blackout([many, '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
    const ids = log.runs[0].results.map((result: { properties: { recordId: string } }) => result.properties.recordId);
    expect(new Set(ids).size).toBe(6000);
    expect(ids[5999]).toBe(`é😀${'ü'.repeat(5999 % 5)}-5999`);
  });
});
