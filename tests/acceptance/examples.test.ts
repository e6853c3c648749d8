/**
 * Acceptance: every examples/<scenario>/records.json is run through the real,
 * built CLI (`node dist/cli/bin.cjs check FILE --format json`), and each record's
 * verdict is compared with the `expect` object written next to it from the law
 * and the policy text. `npm test` builds dist/ first (pretest); when running
 * vitest directly, run `npm run build` before.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const EXAMPLES = join(ROOT, 'examples');

type Status = 'allowed' | 'blocked' | 'review' | 'invalid';
const STATUSES: readonly Status[] = ['allowed', 'blocked', 'review', 'invalid'];

interface Expectation {
  readonly status: Status;
  /** Rule ids expected among the violations, in this order. */
  readonly rules: readonly string[];
  /** For a rule id, the exact regions expected on its violation. */
  readonly regions?: Readonly<Record<string, readonly string[]>>;
  readonly earliestAllowedAt?: string | null;
  readonly why: string;
}

interface ExampleRecord {
  readonly id: string;
  readonly expect: Expectation;
  readonly [field: string]: unknown;
}

interface ReportViolation {
  readonly rule: string;
  readonly severity: 'block' | 'review';
  readonly regions: readonly string[];
  readonly window: { readonly start: string; readonly end: string };
}

interface ReportVerdict {
  readonly id: string | null;
  readonly status: Status;
  readonly violations: readonly ReportViolation[];
  readonly earliestAllowedAt: string | null;
  readonly errors: readonly unknown[];
  readonly source: { readonly file: string; readonly index: number } | null;
}

interface Report {
  readonly policy: { readonly id: string; readonly sha256: string };
  readonly summary: Readonly<Record<'records' | Status, number>>;
  readonly results: readonly ReportVerdict[];
}

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const scenarios = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(EXAMPLES, entry.name, 'records.json')))
  .map((entry) => entry.name)
  .sort();

function readExamples(scenario: string): ExampleRecord[] {
  return JSON.parse(readFileSync(join(EXAMPLES, scenario, 'records.json'), 'utf8')) as ExampleRecord[];
}

function runCheck(file: string): CliRun {
  const run = spawnSync(process.execPath, [BIN, 'check', file, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Whether `expected` occurs in `actual` in the same order (other items may sit between). */
function isSubsequence(expected: readonly string[], actual: readonly string[]): boolean {
  let position = 0;
  for (const item of actual) if (position < expected.length && item === expected[position]) position++;
  return position === expected.length;
}

/** The contract's exit code for a set of statuses, with the default --fail-on block. */
function exitCodeFor(statuses: readonly Status[]): number {
  if (statuses.includes('invalid')) return 2;
  return statuses.includes('blocked') ? 1 : 0;
}

describe('examples', () => {
  it('finds the shipped scenarios', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['early-estimates', 'macronleaks']));
  });

  it('has a built CLI to run (npm test builds it; otherwise run npm run build)', () => {
    expect(existsSync(BIN), `${relative(ROOT, BIN)} is missing: run npm run build`).toBe(true);
  });
});

describe.each(scenarios)('examples/%s/records.json', (scenario) => {
  const file = join('examples', scenario, 'records.json');
  const records = readExamples(scenario);
  let run: CliRun;
  let report: Report;

  // The first run compiles the French policy into this file's fresh cache: seconds on a busy machine.
  beforeAll(() => {
    run = runCheck(file);
    report = JSON.parse(run.stdout) as Report;
  }, 60_000);

  it('has well-formed expectations', () => {
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    for (const record of records) {
      const expectation = record.expect;
      expect(STATUSES, record.id).toContain(expectation.status);
      expect(Array.isArray(expectation.rules), record.id).toBe(true);
      expect(expectation.why.trim().length, record.id).toBeGreaterThan(0);
      if (expectation.status === 'allowed') expect(expectation.rules, record.id).toEqual([]);
      if (expectation.status === 'blocked') expect(expectation.earliestAllowedAt, record.id).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      for (const rule of Object.keys(expectation.regions ?? {})) expect(expectation.rules, record.id).toContain(rule);
    }
  });

  it('exits as the contract says (1 when a record is blocked), with errors only on stderr', () => {
    const expected = exitCodeFor(records.map((record) => record.expect.status));
    expect(run.status).toBe(expected);
    expect(run.status).toBe(exitCodeFor(report.results.map((verdict) => verdict.status)));
    if (expected !== 2) expect(run.stderr).toBe('');
  });

  it('reports the policy and a summary consistent with the results, in input order', () => {
    expect(report.policy.id).toBe('fr');
    expect(report.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.results.map((verdict) => verdict.id)).toEqual(records.map((record) => record.id));
    report.results.forEach((verdict, index) => expect(verdict.source).toEqual({ file, index, line: expect.any(Number), column: expect.any(Number) }));
    const counted = Object.fromEntries(STATUSES.map((status) => [status, report.results.filter((verdict) => verdict.status === status).length]));
    expect(report.summary).toEqual({ records: records.length, ...counted, problems: 0, skipped: 0 });
    const expected = Object.fromEntries(STATUSES.map((status) => [status, records.filter((record) => record.expect.status === status).length]));
    expect(report.summary).toEqual({ records: records.length, ...expected, problems: 0, skipped: 0 });
  });

  it.each(records.map((record, index) => [record.id, index] as const))('%s', (id, index) => {
    const expectation = records[index]!.expect;
    const verdict = report.results[index]!;
    expect(verdict.id).toBe(id);
    expect(verdict.errors, expectation.why).toEqual([]);
    expect(verdict.status, expectation.why).toBe(expectation.status);

    const rules = verdict.violations.map((violation) => violation.rule);
    expect(isSubsequence(expectation.rules, rules), `expected rules ${expectation.rules.join(', ')} in order among ${rules.join(', ')}`).toBe(true);
    if (expectation.status === 'allowed') expect(verdict.violations).toEqual([]);
    // A review record has no block violation; a blocked one has at least one.
    const blocking = verdict.violations.filter((violation) => violation.severity === 'block');
    expect(blocking.length > 0).toBe(expectation.status === 'blocked');

    for (const [rule, regions] of Object.entries(expectation.regions ?? {})) {
      const violation = verdict.violations.find((candidate) => candidate.rule === rule);
      expect(violation?.regions, `regions of ${rule}`).toEqual(regions);
    }

    if (expectation.earliestAllowedAt !== undefined) expect(verdict.earliestAllowedAt).toBe(expectation.earliestAllowedAt);
    if (expectation.status !== 'blocked') expect(verdict.earliestAllowedAt).toBeNull();
  });
});
