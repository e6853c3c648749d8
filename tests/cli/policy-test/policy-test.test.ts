import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPolicy, loadPolicyFromText } from '../../../src/index.js';
import { diffVerdict } from '../../../src/cli/policy-test/policy-test-command.js';
import { edgeCases, edgeCoverage, edgeHolds } from '../../../src/cli/policy-test/edges.js';
import { parseTestSuite } from '../../../src/cli/policy-test/test-suite.js';
import type { Verdict } from '../../../src/engine/verdict.js';
import { runCli } from '../../helpers/cli.js';
import { frenchPolicy, syntheticPolicy } from '../../helpers/policies.js';

const root = mkdtempSync(join(tmpdir(), 'blackout-policy-test-'));
let folders = 0;

/** A policy folder holding the given policy text and suites under tests/. */
function policyFolder(policy: string, suites: Record<string, string>): string {
  const folder = join(root, `p${folders++}`);
  mkdirSync(join(folder, 'tests'), { recursive: true });
  writeFileSync(join(folder, 'policy.yaml'), policy);
  for (const [name, text] of Object.entries(suites)) writeFileSync(join(folder, 'tests', name), text);
  return folder;
}

const ONE_RULE = syntheticPolicy({
  regions: { PARIS: 'Europe/Paris' },
  elections: `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`,
  rules: `  - id: eve
    title: Eve
    citation: { text: Art. 1 }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`,
});

const suite = (cases: string) => `tests:\n${cases}`;
const BLOCKED_CASE = `  - name: on the eve
    why: Art. 1 bans it from the eve 00:00.
    record: { publishedAt: "2030-06-08T10:00:00+02:00", categories: [propaganda] }
    expect: { status: blocked, rules: [eve], earliestAllowedAt: "2030-06-09T20:00:00+02:00" }
`;

describe('blackout policy test: the shipped French suites', () => {
  it('runs every case of policies/fr/tests and passes them all', async () => {
    const folder = 'policies/fr/tests';
    const files = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
    const cases = files.reduce((sum, name) => sum + (parse(readFileSync(join(folder, name), 'utf8')) as { tests: unknown[] }).tests.length, 0);
    expect(files.length).toBeGreaterThanOrEqual(7);
    const { code, stdout, stderr } = await runCli(['policy', 'test']);
    expect(stderr).toBe('');
    expect(stdout).toContain(`${cases} passed, 0 failed (${files.length} suites)`);
    expect(code).toBe(0);
  });

  it('gives every shipped case a reason', () => {
    for (const name of readdirSync('policies/fr/tests')) {
      const { suite, issues } = parseTestSuite(name, readFileSync(join('policies/fr/tests', name), 'utf8'));
      expect(issues).toEqual([]);
      for (const testCase of suite!.cases) expect(testCase.why.length).toBeGreaterThan(20);
    }
  });

  it('does not read the suites in tests/ as policy files', async () => {
    const policy = await frenchPolicy();
    expect(policy.files.some((file) => file.includes('tests'))).toBe(false);
    // A suite is not a policy: were it read as one, loading this folder would fail on its 'tests' key.
    const folder = policyFolder(ONE_RULE, { 'a.yaml': suite(BLOCKED_CASE) });
    await expect(loadPolicy(folder)).resolves.toMatchObject({ id: 'test' });
  });

  it('checks every window edge of the French policy with --edges', async () => {
    const policy = await frenchPolicy();
    const { code, stdout } = await runCli(['policy', 'test', '--edges']);
    expect(stdout).toContain(`${policy.windows.length * 2} edges of ${policy.windows.length} windows checked at ${policy.windows.length * 4} instants, ${policy.regions.length} regions`);
    expect(stdout).toMatch(/--edges: .*: all pass/);
    expect(code).toBe(0);
  });
});

describe('blackout policy test: failures and their diff', () => {
  it('exits 1 and shows each field expected and got, with the case line and its reason', async () => {
    const folder = policyFolder(ONE_RULE, {
      'a.yaml': suite(`${BLOCKED_CASE}  - name: wrongly expected
    why: A deliberate mistake.
    record: { publishedAt: "2030-06-07T10:00:00+02:00", categories: [propaganda] }
    expect: { status: blocked, rules: [eve], earliestAllowedAt: null }
`),
    });
    const { code, stdout } = await runCli(['policy', 'test', folder]);
    expect(code).toBe(1);
    expect(stdout).toContain('1 passed, 1 failed (1 suite)');
    expect(stdout).toMatch(/✖ wrongly expected \(.*a\.yaml:6\)/);
    expect(stdout).toMatch(/status: +expected blocked\n +got +allowed/);
    expect(stdout).toMatch(/rules: +expected \[eve\]\n +got +\[\]\n +missing: eve/);
    expect(stdout).toContain('why: A deliberate mistake.');
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours the diff on a terminal, and speaks French with --lang fr', async () => {
    const folder = policyFolder(ONE_RULE, {
      'a.yaml': suite(`  - name: wrong
    why: Deliberate.
    record: { publishedAt: "2030-06-07T10:00:00+02:00", categories: [propaganda] }
    expect: { status: blocked }
`),
    });
    const { main } = await import('../../../src/cli/main.js');
    let out = '';
    const code = await main(['policy', 'test', folder, '--lang', 'fr'], { stdout: (text) => (out += text), stderr: () => {}, readStdin: async () => '', env: {}, stdoutIsTty: true, cwd: process.cwd() });
    expect(code).toBe(1);
    expect(out).toContain('\u001b[31mallowed\u001b[0m');
    expect(out).toContain('attendu');
    expect(out).toContain('0 réussi(s), 1 en échec');
  });

  it('compares only the fields a case expects, lists as sets, instants as instants', () => {
    const verdict: Verdict = {
      id: 'x',
      status: 'blocked',
      at: '2030-06-08T10:00:00.000+02:00',
      violations: [
        { rule: 'b', election: 'e-r1', regions: ['PARIS'] },
        { rule: 'a', election: 'e-r1', regions: ['PARIS', 'TOKYO'] },
      ] as unknown as Verdict['violations'],
      earliestAllowedAt: '2030-06-09T18:00:00.000Z',
      errors: [],
      detections: [],
    };
    expect(diffVerdict({ rules: ['a', 'b'], regions: ['TOKYO', 'PARIS'], earliestAllowedAt: Date.parse('2030-06-09T20:00:00+02:00') }, verdict)).toEqual([]);
    expect(diffVerdict({ status: 'review', rules: ['a', 'c'] }, verdict)).toEqual([
      { field: 'status', expected: 'review', actual: 'blocked' },
      { field: 'rules', expected: '[a, c]', actual: '[a, b]', missing: ['c'], unexpected: ['b'] },
    ]);
    expect(diffVerdict({ earliestAllowedAt: null }, verdict)).toEqual([{ field: 'earliestAllowedAt', expected: 'null', actual: '2030-06-09T18:00:00.000Z' }]);
    expect(diffVerdict({ earliestAllowedAt: Date.parse('2030-06-09T18:00:00.001Z') }, verdict)).toHaveLength(1);
  });
});

describe('blackout policy test: suites that cannot be run', () => {
  const cases: [string, string, RegExp][] = [
    ['a case without a reason', suite(`  - name: n\n    record: {}\n    expect: { status: allowed }\n`), /a\.yaml:2:\d+: tests\[0\]: missing required key 'why'/],
    ['an unknown expectation', suite(`  - { name: n, why: w, record: {}, expect: { verdict: allowed } }\n`), /tests\[0\]\.expect: unknown key 'verdict'/],
    ['a status that does not exist', suite(`  - { name: n, why: w, record: {}, expect: { status: fine } }\n`), /must be one of "allowed", "blocked", "review", "invalid"/],
    ['a bad at', suite(`  - { name: n, why: w, at: tomorrow, record: {}, expect: { status: allowed } }\n`), /a\.yaml:2:\d+: at: /],
    ['a bad earliestAllowedAt', suite(`  - { name: n, why: w, record: {}, expect: { earliestAllowedAt: "2030-06-09T20:00" } }\n`), /a\.yaml:2:\d+: earliestAllowedAt: /],
    ['a typo in a record field', suite(`  - { name: n, why: w, record: { categorie: [poll] }, expect: { status: allowed } }\n`), /a\.yaml:2:\d+: unknown record field 'categorie'/],
    ['two cases with one name', suite(`  - { name: n, why: w, record: {}, expect: { status: allowed } }\n  - { name: n, why: w, record: {}, expect: { status: allowed } }\n`), /a\.yaml:3:\d+: test 'n' is already defined \(test 1\)/],
    ['broken YAML', 'tests: [\n', /a\.yaml:\d+:\d+: /],
    ['an empty file', '', /the file holds no test suite/],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ntests: [*d]\n`, /aliases expand too far/],
    ['a policy that does not exist', `policy: ../nowhere\n${suite(BLOCKED_CASE)}`, /nowhere: cannot read policy: no such file or folder/],
  ];
  it.each(cases)('exits 2 on %s, naming the place, without running a case', async (_, text, message) => {
    const folder = policyFolder(ONE_RULE, { 'a.yaml': text });
    const { code, stdout, stderr } = await runCli(['policy', 'test', folder]);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('no case was run');
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('exits 2 on an invalid policy under test, listing its problems', async () => {
    const folder = policyFolder(ONE_RULE.replace('zone: Europe/Paris }\n', 'zone: Europe/Pariss }\n'), { 'a.yaml': suite(BLOCKED_CASE) });
    const { code, stderr } = await runCli(['policy', 'test', folder]);
    expect(stderr).toMatch(/policy\.yaml:\d+:\d+: unknown time zone 'Europe\/Pariss'/);
    expect(code).toBe(2);
  });

  it('exits 2 when a folder has no suites, and runs the edges alone with --edges', async () => {
    const folder = join(root, 'bare');
    mkdirSync(folder);
    writeFileSync(join(folder, 'policy.yaml'), ONE_RULE);
    const bare = await runCli(['policy', 'test', folder]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/no test suites in '.*bare': put them in .*bare\/tests\/\*\.yaml/);
    const edges = await runCli(['policy', 'test', folder, '--edges']);
    expect(edges.stdout).toContain('2 edges of 1 windows checked at 4 instants, 1 regions');
    expect(edges.code).toBe(0);
  });

  it('reads a suite file given by path, and finds its policy above its tests/ folder', async () => {
    const folder = policyFolder(ONE_RULE, { 'one.yaml': suite(BLOCKED_CASE) });
    const { code, stdout } = await runCli(['policy', 'test', join(folder, 'tests', 'one.yaml')]);
    expect(stdout).toContain('1 passed, 0 failed (1 suite)');
    expect(code).toBe(0);
  });

  it('prints its help in English and French', async () => {
    expect((await runCli(['policy', 'test', '--help'])).stdout).toContain('Usage: blackout policy test');
    expect((await runCli(['policy', 'test', '--help', '--lang', 'fr'])).stdout).toContain('Exécute des suites de tests');
    expect((await runCli(['policy', 'test', '--lang', 'de'])).code).toBe(2);
  });
});

describe('window edges (--edges)', () => {
  // Europe/Paris springs forward on 2017-03-26 at 02:00 (01:00Z): 02:30 does not exist and resolves to the jump.
  const dstPolicy = loadPolicyFromText(
    syntheticPolicy({
      regions: { PARIS: 'Europe/Paris', TOKYO: 'Asia/Tokyo' },
      elections: `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2017-03-26" }]`,
      rules: `  - id: gap
    title: Gap
    citation: { text: Art. 2 }
    severity: review
    covers: { categories: [poll], channels: [print] }
    window:
      start: { kind: votingDay, days: 0, time: "02:30", zone: region }
      end: { kind: votingDay, days: 0, time: "20:00", zone: region }`,
    }),
  );

  it('probes 1 ms before, at, 1 ms before the end and at the end, with a record the rule covers', () => {
    const edges = edgeCases(dstPolicy).filter((edge) => edge.record.audience && (edge.record.audience as string[])[0] === 'PARIS');
    expect(edges.map((edge) => [edge.probe, new Date(edge.ms).toISOString(), edge.inside])).toEqual([
      ['start-1ms', '2017-03-26T00:59:59.999Z', false],
      ['start', '2017-03-26T01:00:00.000Z', true],
      ['end-1ms', '2017-03-26T17:59:59.999Z', true],
      ['end', '2017-03-26T18:00:00.000Z', false],
    ]);
    expect(edges[0]!.record).toMatchObject({ categories: ['poll'], channel: 'print', audience: ['PARIS'] });
  });

  it('counts edges on summer time or near a clock change, in the region zone', () => {
    // Paris: both edges fall on summer time; Tokyo keeps one offset all year.
    expect(edgeCoverage(dstPolicy)).toEqual({ windows: 2, edges: 4, regions: 2, dstEdges: 2 });
  });

  it('holds on the rule, election and region of the window, not on the status', () => {
    const [before, start] = edgeCases(dstPolicy);
    const other = { rule: 'other', election: 'e-r1', regions: ['PARIS'] };
    const own = { rule: 'gap', election: 'e-r1', regions: ['PARIS'] };
    expect(edgeHolds(dstPolicy, before!, [other])).toBe(true);
    expect(edgeHolds(dstPolicy, before!, [own])).toBe(false);
    expect(edgeHolds(dstPolicy, start!, [own])).toBe(true);
    expect(edgeHolds(dstPolicy, start!, [{ ...own, regions: ['TOKYO'] }])).toBe(false);
    expect(edgeHolds(dstPolicy, start!, [{ ...own, election: 'f-r1' }])).toBe(false);
  });
});
