/**
 * JUnit reports against the schema Jenkins' xUnit plugin validates them with
 * (schemas/jenkins-xunit-junit-10.xsd, copied from the plugin; see
 * schemas/README.md), through xmllint (Debian package libxml2-utils, which
 * .ci/run installs): with --junit-schema jenkins every report is valid; by
 * default the only faults are the test cases' file and line attributes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/report/index.js';
import { runCli } from '../../helpers/cli.js';
import { checked, context, notesOf, records, unread } from '../verdicts.js';

const XSD = fileURLToPath(new URL('schemas/jenkins-xunit-junit-10.xsd', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../examples/macronleaks/records.json', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'blackout-junit-xsd-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** xmllint's verdict on a report: its exit code and each error line, without the file name. */
function xmllint(xml: string, name: string): { code: number | null; errors: string[] } {
  const path = join(folder, `${name}.xml`);
  writeFileSync(path, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, path], { encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint did not run (${run.error.message}): install the Debian package libxml2-utils`);
  const errors = run.stderr
    .split('\n')
    .filter((line) => line.includes('validity error'))
    .map((line) => line.replace(/^.*?Schemas validity error : /, ''));
  return { code: run.status, errors };
}

const batch = [records.blocked, records.review, records.allowed, records.invalid, records.hostile, { ...records.invalid, id: '<x>&]]>' }];
const sources = batch.map((_, index) => ({ file: index < 3 ? 'feed.ndjson' : 'dir/"odd" & <name>.json', index, line: index + 1 }));
const inputs = () => notesOf([unread.badLine, unread.missing, unread.org, unread.draft, unread.stdin, ...Array.from({ length: 3 }, (_, n) => ({ ...unread.badLine, source: { file: 'feed.ndjson', index: 10 + n, line: 10 + n } }))], 4);

describe('junit against Jenkins xUnit’s junit-10.xsd (xmllint)', () => {
  it('is valid with --junit-schema jenkins: records, hostile names, input problems, skipped items and the notes left out', async () => {
    const { policy, results } = await checked(batch, { sources });
    for (const failOn of ['block', 'review'] as const) {
      const xml = formatReport('junit', { policy, results, inputs: inputs() }, context(policy, { junitSchema: 'jenkins', failOn }));
      expect(xmllint(xml, `jenkins-${failOn}`)).toEqual({ code: 0, errors: [] });
    }
  });

  it('fails by default on exactly the test cases’ file and line attributes, which GitLab and others read', async () => {
    const { policy, results } = await checked(batch, { sources });
    const { code, errors } = xmllint(formatReport('junit', { policy, results, inputs: inputs() }, context(policy)), 'default');
    expect(code).not.toBe(0);
    expect(new Set(errors)).toEqual(
      new Set(["Element 'testcase', attribute 'file': The attribute 'file' is not allowed.", "Element 'testcase', attribute 'line': The attribute 'line' is not allowed."]),
    );
  });

  it('is a schema that bites: a time Jenkins cannot read is refused', async () => {
    const { policy, report } = await checked([records.blocked]);
    const xml = formatReport('junit', report, context(policy, { junitSchema: 'jenkins' })).replace('<testsuites name', '<testsuites time="soon" name');
    expect(xmllint(xml, 'bad-time').code).not.toBe(0);
  });

  it('is valid from the CLI with --junit-schema jenkins, on the shipped example and with an empty input', async () => {
    const { code, stdout } = await runCli(['check', EXAMPLE, '--format', 'junit', '--junit-schema', 'jenkins']);
    expect(code).toBe(1);
    expect(stdout).toContain('classname="');
    expect(xmllint(stdout, 'cli-example')).toEqual({ code: 0, errors: [] });
    const empty = await runCli(['check', '-', '--format', 'junit', '--junit-schema', 'jenkins'], { stdin: '' });
    expect(xmllint(empty.stdout, 'cli-empty')).toEqual({ code: 0, errors: [] });
  });

  it('refuses --junit-schema with another format, or a schema it does not know', async () => {
    const other = await runCli(['check', EXAMPLE, '--format', 'sarif', '--junit-schema', 'jenkins']);
    expect([other.code, other.stderr]).toEqual([2, expect.stringContaining('--junit-schema is for --format junit, not sarif')]);
    const unknown = await runCli(['check', EXAMPLE, '--format', 'junit', '--junit-schema', 'ant']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("--junit-schema takes default or jenkins, not 'ant'")]);
  });
});
