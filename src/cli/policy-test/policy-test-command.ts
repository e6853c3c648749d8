import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker, type Checker } from '../../engine/checker.js';
import type { Verdict } from '../../engine/verdict.js';
import { isPolicyError, UsageError, type PolicyIssue } from '../../errors.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { edgeCases, edgeCoverage, edgeHolds } from './edges.js';
import { loadPolicy } from '../../policy-load/load.js';
import { POLICY_FILE_NAME } from '../../policy/source-file.js';
import { readTestSuite, type Expectation, type TestCase, type TestSuite } from './test-suite.js';
import { localize, type LocalizedText } from '../../policy/text.js';
import { DEFAULT_POLICY_PATH } from '../options/default-policy.js';
import { EXIT, type CliIo } from '../io.js';
import { readLang, type Lang } from '../options/lang-option.js';
import { printIssues } from '../print-issues.js';

export const POLICY_TEST_HELP: LocalizedText = {
  en: `Usage: blackout policy test [PATHS...] [--edges] [--lang en|fr]

Runs policy test suites: YAML files of records and the verdict each must get.
A folder is a policy folder whose suites are in its tests/ subfolder; a file is
a suite. Default: the shipped French policies. Each case is compared field by
field (status, rules, elections, regions, earliestAllowedAt, detections,
errors, provisional: only the fields the case expects) and a failure shows
expected and got.

  --edges     also check every window of every policy reached at 1 ms before
              its start, its start, 1 ms before its end and its end (windows
              are half-open), with a record the window's rule covers
  --lang en|fr

Suite format:
  policy: ..                 # optional, relative to the suite
  tests:
    - name: poll on the eve, mainland
      why: Loi 77-808 art. 11 bans polls from Saturday 00:00.
      record: { publishedAt: "2017-05-06T10:00:00+02:00", categories: [poll], audience: [FR-MET] }
      expect: { status: blocked, rules: [fr.loi77-808.art11.polls], earliestAllowedAt: "2017-05-07T18:00:00Z" }

Exit codes: 0 every case passed; 1 a case or an edge failed; 2 a suite or a
policy is invalid or unreadable, or no suite was found.

Examples:
  blackout policy test
  blackout policy test policies/fr --edges
  blackout policy test policies/fr/tests/polls.yaml
`,
  fr: `Usage : blackout policy test [CHEMINS...] [--edges] [--lang en|fr]

Exécute des suites de tests de politique : des fichiers YAML d'enregistrements,
chacun avec le verdict qu'il doit obtenir. Un dossier est un dossier de
politique dont les suites sont dans le sous-dossier tests/ ; un fichier est une
suite. Par défaut : les politiques françaises livrées. Chaque cas est comparé
champ par champ (status, rules, elections, regions, earliestAllowedAt,
detections, errors, provisional : seulement ceux que le cas attend) ; un échec
montre l'attendu et l'obtenu.

  --edges     vérifie aussi chaque fenêtre de chaque politique : 1 ms avant son
              début, son début, 1 ms avant sa fin et sa fin (fenêtres
              semi-ouvertes), avec un enregistrement que la règle couvre
  --lang en|fr

Codes de sortie : 0 tous les cas passent ; 1 un cas ou un bord échoue ; 2 une
suite ou une politique est invalide ou illisible, ou aucune suite trouvée.

Exemples :
  blackout policy test
  blackout policy test policies/fr --edges
  blackout policy test policies/fr/tests/polls.yaml
`,
};

/** One field where a verdict differs from what the case expects. */
export interface FieldDiff {
  readonly field: keyof Expectation;
  readonly expected: string;
  readonly actual: string;
  /** For lists: what is expected but missing, and what came unexpected. */
  readonly missing?: readonly string[];
  readonly unexpected?: readonly string[];
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const list = (values: readonly string[]): string => (values.length === 0 ? '[]' : `[${values.join(', ')}]`);
const instant = (ms: number | null): string => (ms === null ? 'null' : new Date(ms).toISOString());

/** The fields of `verdict` that differ from `expect`; empty when the case passes. */
export function diffVerdict(expect: Expectation, verdict: Verdict): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  if (expect.status !== undefined && expect.status !== verdict.status) diffs.push({ field: 'status', expected: expect.status, actual: verdict.status });
  const sets: [keyof Expectation, readonly string[] | undefined, Iterable<string>][] = [
    ['rules', expect.rules, verdict.violations.map((violation) => violation.rule)],
    ['elections', expect.elections, verdict.violations.map((violation) => violation.election)],
    ['regions', expect.regions, verdict.violations.flatMap((violation) => violation.regions)],
    ['detections', expect.detections, verdict.detections.map((hit) => hit.category)],
    ['errors', expect.errors, verdict.errors.map((error) => error.field)],
  ];
  for (const [field, wanted, got] of sets) {
    if (wanted === undefined) continue;
    const expected = sortedUnique(wanted);
    const actual = sortedUnique(got);
    const missing = expected.filter((name) => !actual.includes(name));
    const unexpected = actual.filter((name) => !expected.includes(name));
    if (missing.length > 0 || unexpected.length > 0) diffs.push({ field, expected: list(expected), actual: list(actual), missing, unexpected });
  }
  if (expect.provisional !== undefined && expect.provisional !== (verdict.provisional === true)) {
    diffs.push({ field: 'provisional', expected: String(expect.provisional), actual: String(verdict.provisional === true) });
  }
  if (expect.earliestAllowedAt !== undefined) {
    const actual = verdict.earliestAllowedAt === null ? null : Date.parse(verdict.earliestAllowedAt);
    if (actual !== expect.earliestAllowedAt) diffs.push({ field: 'earliestAllowedAt', expected: instant(expect.earliestAllowedAt), actual: instant(actual) });
  }
  return diffs;
}

/** Runs one case through the checker. */
export function runCase(checker: Checker, testCase: TestCase): { verdict: Verdict; diffs: FieldDiff[] } {
  const verdict = checker.check(testCase.record, testCase.at === undefined ? {} : { at: testCase.at });
  return { verdict, diffs: diffVerdict(testCase.expect, verdict) };
}

type Paint = (style: 'red' | 'green' | 'dim' | 'bold', text: string) => string;
const CODES = { red: 31, green: 32, dim: 2, bold: 1 } as const;

/** The lines that show a failed case: where it is, each field expected and got, and why it should hold. */
export function formatFailure(file: string, testCase: TestCase, diffs: readonly FieldDiff[], lang: Lang, paint: Paint): string[] {
  const words = lang === 'fr' ? { expected: 'attendu', got: 'obtenu', missing: 'manque', unexpected: 'en trop', why: 'pourquoi' } : { expected: 'expected', got: 'got', missing: 'missing', unexpected: 'unexpected', why: 'why' };
  const width = Math.max(...diffs.map((diff) => diff.field.length));
  const lines = [`  ${paint('red', '✖')} ${paint('bold', testCase.name)} ${paint('dim', `(${file}:${testCase.line})`)}`];
  for (const diff of diffs) {
    const label = `${diff.field}:`.padEnd(width + 1);
    lines.push(`      ${label}  ${words.expected} ${paint('green', diff.expected)}`, `      ${' '.repeat(width + 1)}  ${words.got.padEnd(words.expected.length)} ${paint('red', diff.actual)}`);
    const details = [
      ...(diff.missing?.length ? [`${words.missing}: ${diff.missing.join(', ')}`] : []),
      ...(diff.unexpected?.length ? [`${words.unexpected}: ${diff.unexpected.join(', ')}`] : []),
    ];
    if (details.length > 0) lines.push(`      ${' '.repeat(width + 1)}  ${paint('dim', details.join('; '))}`);
  }
  lines.push(`      ${paint('dim', `${words.why}: ${testCase.why}`)}`);
  return lines;
}

/** The suite files a path names: a policy folder's tests/*.yaml, a tests folder's files, or the file itself. */
export function findSuites(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return [path]; // Reading the suite reports the missing file, located.
  }
  if (!isFolder) return [path];
  const tests = join(path, 'tests');
  const folder = isDirectory(tests) ? tests : basename(resolve(path)) === 'tests' ? path : undefined;
  if (folder === undefined) return [];
  return readdirSync(folder)
    .filter((name) => POLICY_FILE_NAME.test(name))
    .sort()
    .map((name) => join(folder, name));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `blackout policy test`. */
export async function runPolicyTest(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { edges: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(localize(POLICY_TEST_HELP, lang));
    return EXIT.ok;
  }
  const color = io.stdoutIsTty && io.env.NO_COLOR === undefined;
  const paint: Paint = (style, text) => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const say = (en: string, fr: string) => localize({ en, fr }, lang);
  const shown = (path: string) => relative(io.cwd, path) || '.';

  const paths = positionals.length > 0 ? positionals : [DEFAULT_POLICY_PATH];
  const suites: TestSuite[] = [];
  const issues: PolicyIssue[] = [];
  // Policies under test, in the order met: a folder's own policy, then each suite's.
  const policyPaths = new Map<string, string>();
  for (const path of paths) {
    const files = findSuites(path);
    if (files.length === 0) {
      if (values.edges) policyPaths.set(resolve(path), path);
      else throw new UsageError(say(`no test suites in '${shown(path)}': put them in ${shown(join(path, 'tests'))}/*.yaml, or name suite files`, `aucune suite de tests dans « ${shown(path)} » : placez-les dans ${shown(join(path, 'tests'))}/*.yaml, ou donnez des fichiers de suite`));
      continue;
    }
    for (const file of files) {
      const read = readTestSuite(file);
      issues.push(...read.issues);
      if (read.suite) {
        suites.push(read.suite);
        if (!policyPaths.has(resolve(read.suite.policy))) policyPaths.set(resolve(read.suite.policy), read.suite.policy);
      }
    }
  }
  const policies = new Map<string, { policy: CompiledPolicy; checker: Checker }>();
  for (const [key, path] of policyPaths) {
    try {
      const policy = await loadPolicy(path);
      policies.set(key, { policy, checker: createChecker(policy) });
    } catch (error) {
      if (!isPolicyError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) {
    printIssues(io, issues, lang);
    io.stderr(`blackout: ${say(`the suites or policies have ${issues.length} problem(s); no case was run`, `les suites ou politiques ont ${issues.length} problème(s) ; aucun cas n'a été exécuté`)}\n`);
    return EXIT.failure;
  }

  let passed = 0;
  let failed = 0;
  for (const suite of suites) {
    const { checker } = policies.get(resolve(suite.policy))!;
    const failures: string[] = [];
    for (const testCase of suite.cases) {
      const { diffs } = runCase(checker, testCase);
      if (diffs.length === 0) passed++;
      else {
        failed++;
        failures.push(...formatFailure(shown(suite.file), testCase, diffs, lang, paint));
      }
    }
    const mark = failures.length === 0 ? paint('green', '✓') : paint('red', '✖');
    const count = suite.cases.length;
    io.stdout(`${mark} ${shown(suite.file)} ${paint('dim', say(`(${count} case${count === 1 ? '' : 's'}, policy ${shown(suite.policy)})`, `(${count} cas, politique ${shown(suite.policy)})`))}\n`);
    for (const line of failures) io.stdout(`${line}\n`);
  }

  let edgeFailures = 0;
  if (values.edges) {
    for (const [key, path] of policyPaths) {
      const { policy, checker } = policies.get(key)!;
      const broken: string[] = [];
      let failedHere = 0;
      for (const edge of edgeCases(policy)) {
        const verdict = checker.check(edge.record);
        if (edgeHolds(policy, edge, verdict.violations)) continue;
        failedHere++;
        if (broken.length < 20) {
          const where = `${edge.window.rule.id} ${edge.window.election} ${policy.regions[edge.window.region]!.code} ${edge.probe} ${new Date(edge.ms).toISOString()}`;
          broken.push(`  ${paint('red', '✖')} ${where}: ${say(edge.inside ? `expected the rule to apply, got ${verdict.status}` : `expected the rule not to apply, got it`, edge.inside ? `la règle devait s'appliquer, obtenu ${verdict.status}` : `la règle ne devait pas s'appliquer, elle s'applique`)}`);
        }
      }
      const { windows, edges, regions, dstEdges } = edgeCoverage(policy);
      const summary = say(
        `${edges} edges of ${windows} windows checked at ${windows * 4} instants, ${regions} regions, ${dstEdges} DST-affected edges`,
        `${edges} bords de ${windows} fenêtres vérifiés en ${windows * 4} instants, ${regions} régions, ${dstEdges} bords touchés par l'heure d'été`,
      );
      edgeFailures += failedHere;
      const verdictText = failedHere === 0 ? paint('green', say('all pass', 'tous passent')) : paint('red', say(`${failedHere} failed`, `${failedHere} en échec`));
      io.stdout(`${broken.length === 0 ? paint('green', '✓') : paint('red', '✖')} ${shown(path)} --edges: ${summary}: ${verdictText}\n`);
      for (const line of broken) io.stdout(`${line}\n`);
      if (failedHere > broken.length) io.stdout(`  ${say(`… and ${failedHere - broken.length} more`, `… et ${failedHere - broken.length} de plus`)}\n`);
    }
  }
  const total = say(`${passed} passed, ${failed} failed (${suites.length} suite${suites.length === 1 ? '' : 's'})`, `${passed} réussi(s), ${failed} en échec (${suites.length} suite(s))`);
  io.stdout(`\n${failed > 0 ? paint('red', total) : paint('green', total)}\n`);
  return failed > 0 || edgeFailures > 0 ? EXIT.violations : EXIT.ok;
}
