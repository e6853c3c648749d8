import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { PolicyIssue } from '../../errors.js';
import { parseInstant } from '../../records/instant.js';
import schema from '../../policy/schema/test-suite.schema.json' with { type: 'json' };
import { fileIssue, issueAtPath, MAX_POLICY_BYTES, parseSourceFile, tooLargeMessage } from '../../policy/source-file.js';
import { toIssues } from '../../policy/validate.js';
import { guillemets, NO_SUCH_FILE, readFailure, type IssueText } from '../../policy/issue-text.js';
import { RECORD_FIELDS as CONTRACT_FIELDS } from '../../records/near-miss.js';

/** The test-suite JSON Schema. */
export const testSuiteSchema: Readonly<Record<string, unknown>> = schema;

export type ExpectedStatus = 'allowed' | 'blocked' | 'review' | 'invalid';

/** What a case expects of its verdict; only the fields given are compared. */
export interface Expectation {
  readonly status?: ExpectedStatus;
  readonly rules?: readonly string[];
  readonly elections?: readonly string[];
  readonly regions?: readonly string[];
  /** Epoch ms, or null; compared as instants, so any offset may be written. */
  readonly earliestAllowedAt?: number | null;
  readonly detections?: readonly string[];
  readonly errors?: readonly string[];
  readonly provisional?: boolean;
}

/** One record and the verdict it must get. */
export interface TestCase {
  readonly name: string;
  readonly why: string;
  /** The record, with `id` set to the name when the suite leaves it out. */
  readonly record: Readonly<Record<string, unknown>>;
  /** The `at` option, as written (already checked to be an instant). */
  readonly at?: string;
  readonly expect: Expectation;
  /** Where the case starts in its file (1-based). */
  readonly line: number;
}

/** A suite file, read and checked: the policy it tests and its cases. */
export interface TestSuite {
  readonly file: string;
  /** The policy file or folder under test, as a path usable from the current folder. */
  readonly policy: string;
  readonly cases: readonly TestCase[];
}

/** The suite as the schema lets it be, before instants are read. */
interface SuiteDocument {
  policy?: string;
  tests: { name: string; why: string; record: Record<string, unknown>; at?: string; expect: Omit<Expectation, 'earliestAllowedAt'> & { earliestAllowedAt?: string | null } }[];
}

/** The record fields of the contract: any other key in a suite's record is a typo that would make a case pass unseen. */
const RECORD_FIELDS: ReadonlySet<string> = new Set(CONTRACT_FIELDS);

let validator: ValidateFunction<SuiteDocument> | undefined;

function getValidator(): ValidateFunction<SuiteDocument> {
  validator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<SuiteDocument>(schema);
  return validator;
}

/**
 * Where a suite's policy is: its `policy` key, relative to the suite; else
 * the folder that holds its `tests/` folder; else the suite's own folder.
 */
export function suitePolicyPath(file: string, declared: string | undefined): string {
  const folder = dirname(file);
  if (declared !== undefined) return join(folder, declared);
  return basename(resolve(folder)) === 'tests' ? dirname(folder) : folder;
}

/**
 * Parses and checks a suite's text, with the policy loader's safe YAML
 * reading (size, depth, aliases, tags). Returns every problem, located.
 */
export function parseTestSuite(file: string, text: string): { suite?: TestSuite; issues: PolicyIssue[] } {
  const parsed = parseSourceFile(file, text);
  if (parsed.issues.length > 0) return { issues: parsed.issues };
  const source = parsed.file;
  const validate = getValidator();
  if (!validate(source.data)) {
    if (source.data === null || source.data === undefined) {
      return { issues: [issueAtPath(source, [], 'schema', { en: 'the file holds no test suite: the document is empty', fr: 'le fichier ne contient aucune suite de tests : le document est vide' })] };
    }
    return { issues: toIssues(source, validate.errors ?? []) };
  }
  const document = source.data;
  const issues: PolicyIssue[] = [];
  const names = new Map<string, number>();
  const cases = document.tests.map((raw, index): TestCase => {
    const where = (sub: (string | number)[], message: IssueText, at: 'key' | 'value' = 'value') =>
      issues.push(issueAtPath(source, ['tests', index, ...sub], 'semantic', message, at));
    const first = names.get(raw.name);
    if (first !== undefined) where(['name'], { en: `test '${raw.name}' is already defined (test ${first + 1})`, fr: `le test ${guillemets(raw.name)} est déjà défini (test ${first + 1})` });
    else names.set(raw.name, index);
    for (const key of Object.keys(raw.record)) {
      const fields = [...RECORD_FIELDS].join(', ');
      if (!RECORD_FIELDS.has(key)) where(['record', key], { en: `unknown record field '${key}'; a record has ${fields}`, fr: `champ d’enregistrement inconnu ${guillemets(key)} ; un enregistrement a ${fields}` }, 'key');
    }
    if (raw.at !== undefined) {
      const at = parseInstant(raw.at);
      if (!at.ok) where(['at'], { en: `at: ${at.message}`, fr: `at : ${at.fr}` });
    }
    const { earliestAllowedAt, ...rest } = raw.expect;
    let earliest: number | null | undefined = earliestAllowedAt === null ? null : undefined;
    if (typeof earliestAllowedAt === 'string') {
      const instant = parseInstant(earliestAllowedAt);
      if (instant.ok) earliest = instant.ms;
      else where(['expect', 'earliestAllowedAt'], { en: `earliestAllowedAt: ${instant.message}`, fr: `earliestAllowedAt : ${instant.fr}` });
    }
    return {
      name: raw.name,
      why: raw.why,
      record: raw.record.id === undefined ? { id: raw.name, ...raw.record } : raw.record,
      ...(raw.at === undefined ? {} : { at: raw.at }),
      expect: { ...rest, ...(earliest === undefined ? {} : { earliestAllowedAt: earliest }) },
      line: source.locate(['tests', index]).line,
    };
  });
  if (issues.length > 0) return { issues };
  return { suite: { file, policy: suitePolicyPath(file, document.policy), cases }, issues };
}

/** Reads a suite file; a file too large is refused before it is read. */
export function readTestSuite(file: string): { suite?: TestSuite; issues: PolicyIssue[] } {
  try {
    const { size } = statSync(file);
    if (size > MAX_POLICY_BYTES) return { issues: [fileIssue(file, 'limit', tooLargeMessage(size))] };
    const text = readFileSync(file, 'utf8');
    return parseTestSuite(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason: IssueText =
      (error as NodeJS.ErrnoException).code === 'EISDIR' ? { en: 'is a folder', fr: 'c’est un dossier' } : readFailure(error, NO_SUCH_FILE);
    return { issues: [fileIssue(file, 'io', { en: `cannot read test suite: ${reason.en}`, fr: `impossible de lire la suite de tests : ${reason.fr}` })] };
  }
}
