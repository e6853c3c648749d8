import type { Verdict } from '../../engine/verdict.js';
import type { ErrorItem, SkippedItem } from '../../records/input-item.js';
import type { FormatContext, JunitSchema, SpoolFormatter, SpoolRange, SpoolWriter } from '../format.js';
import { NO_INPUT_NOTES, type InputNotes } from '../inputs.js';
import { messages } from '../messages.js';
import { groupHash, NameSet } from '../name-set.js';
import type { CheckedRecord, Summary } from '../results.js';
import { recordName } from '../source-text.js';
import { describeRecord } from '../text.js';
import { xmlEscape } from './xml.js';

type Outcome = 'pass' | 'failure' | 'error';

function outcome(verdict: Verdict, failOn: 'block' | 'review'): Outcome {
  switch (verdict.status) {
    case 'invalid':
      return 'error';
    case 'blocked':
      return 'failure';
    case 'review':
      return failOn === 'review' ? 'failure' : 'pass';
    case 'allowed':
      return 'pass';
  }
}

/** The suite of the notes a list left out: they have no file of their own. */
const RUN_SUITE = 'blackout';
/** The suite of records given without a source (library callers). */
const UNKNOWN_FILE = '<unknown>';

interface Suite {
  /** The file, escaped for XML. */
  readonly name: string;
  /** Its test cases' classname, escaped for XML. */
  readonly classname: string;
  /** Tells its test names from other suites' in the writer's one set of names. */
  readonly hash: number;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Its test cases in the spool: byte ranges, flat as start, end, start, end… (one range per run of its records). */
  readonly ranges: number[];
  /** Test cases of input problems and skipped items, which come with the end. */
  notes: string;
}

/**
 * A test case's classname: the file's path without its extension, folders
 * joined with dots (`examples.macronleaks.records`), as Java's are. Jenkins
 * cuts a classname at its last dot into package and class, so a dot within
 * a name becomes `_`. Names that are no path (`<stdin>`) stay as they are.
 */
export function junitClassname(file: string): string {
  const segments = file.replace(/\\/g, '/').split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) return file;
  const last = segments.length - 1;
  const dot = segments[last]!.lastIndexOf('.');
  if (dot > 0) segments[last] = segments[last]!.slice(0, dot);
  return segments.map((segment) => segment.replace(/\./g, '_')).join('.');
}

/**
 * An open `<testcase>` tag (without its `>`). A record checks in
 * microseconds, and reports stay the same from run to run: every time is 0.
 * Jenkins' xUnit schema allows no `file` or `line`.
 */
function openCase(name: string, suite: Suite, line: number | undefined, schema: JunitSchema): string {
  // The notes of what a list left out belong to no file: a `file` would name one that is not there.
  const where = schema === 'jenkins' || suite.name === RUN_SUITE ? '' : ` file="${suite.name}"${line === undefined ? '' : ` line="${line}"`}`;
  return `    <testcase name="${name}" classname="${suite.classname}" time="0"${where}`;
}

/**
 * Writes one JUnit report: each record's test case goes to the spool as it
 * comes, counted in its file's suite; `finish` lays the suites out, each
 * opening with its counts, around the spooled cases. Kept: counts and byte
 * ranges per file, and the names given, hashed (names stay unique within a
 * suite).
 */
class JunitWriter implements SpoolWriter {
  readonly #ctx: FormatContext;
  readonly #schema: JunitSchema;
  readonly #suites = new Map<string, Suite>();
  readonly #names = new NameSet();
  /** Bytes written to the spool so far. */
  #bytes = 0;

  constructor(ctx: FormatContext) {
    this.#ctx = ctx;
    this.#schema = ctx.junitSchema ?? 'default';
  }

  result(record: CheckedRecord, index: number): string {
    const { verdict, source } = record;
    // Library callers may pass no source; suites still need a name.
    const suite = this.#suite(source?.file ?? UNKNOWN_FILE);
    const position = source === undefined ? `#${index}` : source.line === undefined ? `#${source.index}` : `line ${source.line}`;
    const name = this.#uniqueName(suite, xmlEscape(recordName(verdict.id, source, index)), xmlEscape(position));
    const open = openCase(name, suite, source?.line, this.#schema);
    const result = outcome(verdict, this.#ctx.failOn ?? 'block');
    suite.tests++;
    let text: string;
    if (verdict.status === 'allowed') text = `${open}/>\n`;
    else {
      const details = xmlEscape(describeRecord(record, { ...this.#ctx, color: false }));
      if (result === 'pass') text = `${open}>\n      <system-out>${details}</system-out>\n    </testcase>\n`;
      else {
        if (result === 'error') suite.errors++;
        else suite.failures++;
        const summary = result === 'error' ? verdict.errors.map((error) => `${error.field}: ${error.message}`) : verdict.violations.map((violation) => `${violation.rule}: ${violation.message}`);
        const message = xmlEscape(summary.join('; ') || messages(this.#ctx.lang).invalidRecord);
        text = `${open}>\n      <${result} message="${message}" type="${verdict.status}">${details}</${result}>\n    </testcase>\n`;
      }
    }
    const length = Buffer.byteLength(text);
    const { ranges } = suite;
    // Records of one file come together: their cases make one range.
    if (ranges.length > 0 && ranges[ranges.length - 1] === this.#bytes) ranges[ranges.length - 1] += length;
    else ranges.push(this.#bytes, this.#bytes + length);
    this.#bytes += length;
    return text;
  }

  finish(_summary: Summary, inputs: InputNotes = NO_INPUT_NOTES): Array<string | SpoolRange> {
    const words = messages(this.#ctx.lang).inputs;
    for (const problem of inputs.problems) this.#problem(problem);
    for (const item of inputs.skipped) this.#skipped(item);
    const moreProblems = inputs.problemCount - inputs.problems.length;
    const moreSkipped = inputs.skippedCount - inputs.skipped.length;
    if (moreProblems > 0) {
      const suite = this.#suite(RUN_SUITE);
      const text = xmlEscape(words.problemsNotListed(moreProblems));
      suite.tests++;
      suite.errors++;
      suite.notes += `${openCase(this.#uniqueName(suite, text, ''), suite, undefined, this.#schema)}>\n      <error message="${text}" type="input-problem"/>\n    </testcase>\n`;
    }
    if (moreSkipped > 0) {
      const suite = this.#suite(RUN_SUITE);
      const text = xmlEscape(words.skippedNotListed(moreSkipped));
      suite.tests++;
      suite.skipped++;
      suite.notes += `${openCase(this.#uniqueName(suite, text, ''), suite, undefined, this.#schema)}>\n      <skipped message="${text}"/>\n    </testcase>\n`;
    }
    const { policy } = this.#ctx;
    const properties = `    <properties>\n      <property name="policy" value="${xmlEscape(policy.id)}"/>\n      <property name="policy.version" value="${xmlEscape(policy.version)}"/>\n      <property name="policy.sha256" value="${policy.sha256}"/>\n    </properties>\n`;
    let tests = 0;
    let failures = 0;
    let errors = 0;
    const body: Array<string | SpoolRange> = [];
    for (const suite of this.#suites.values()) {
      tests += suite.tests;
      failures += suite.failures;
      errors += suite.errors;
      const counts = `tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="0"`;
      body.push(`  <testsuite name="${suite.name}" ${counts}>\n${properties}`);
      for (let at = 0; at < suite.ranges.length; at += 2) body.push({ start: suite.ranges[at]!, end: suite.ranges[at + 1]! });
      body.push(`${suite.notes}  </testsuite>\n`);
    }
    const counts = `tests="${tests}" failures="${failures}" errors="${errors}" time="0"`;
    return [`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="blackout ${xmlEscape(policy.id)} ${xmlEscape(policy.version)}" ${counts}>\n`, ...body, '</testsuites>\n'];
  }

  /** An input problem: a test case in error, named `file:line` (or the file, when the whole input was lost). */
  #problem({ source, message }: ErrorItem): void {
    const suite = this.#suite(source.file);
    const text = xmlEscape(message);
    const name = this.#uniqueName(suite, xmlEscape(source.line === undefined ? source.file : `${source.file}:${source.line}`), '');
    suite.tests++;
    suite.errors++;
    suite.notes += `${openCase(name, suite, source.line, this.#schema)}>\n      <error message="${text}" type="input-problem">${text}</error>\n    </testcase>\n`;
  }

  /** A skipped item: a skipped test case, typed with its reason. */
  #skipped({ source, message, reason }: SkippedItem): void {
    const suite = this.#suite(source.file);
    const name = this.#uniqueName(suite, xmlEscape(source.line === undefined ? source.file : `${source.file}:${source.line}`), '');
    suite.tests++;
    suite.skipped++;
    suite.notes += `${openCase(name, suite, source.line, this.#schema)}>\n      <skipped message="${xmlEscape(message)}" type="${reason}"/>\n    </testcase>\n`;
  }

  #suite(file: string): Suite {
    let suite = this.#suites.get(file);
    if (suite === undefined) {
      const name = xmlEscape(file);
      suite = { name, classname: xmlEscape(junitClassname(file)), hash: groupHash(name), tests: 0, failures: 0, errors: 0, skipped: 0, ranges: [], notes: '' };
      this.#suites.set(file, suite);
    }
    return suite;
  }

  /** A test name not yet used in the suite: the name, then with its position, then with a counter. */
  #uniqueName(suite: Suite, base: string, position: string): string {
    const taken = (name: string) => !this.#names.add(name, suite.hash);
    if (!taken(base)) return base;
    const label = position === '' ? '' : `${position}, `;
    if (position !== '' && !taken(`${base} (${position})`)) return `${base} (${position})`;
    for (let n = 2; ; n++) {
      const name = `${base} (${label}${n})`;
      if (!taken(name)) return name;
    }
  }
}

/**
 * JUnit XML for CI dashboards: one testsuite per input file, one testcase
 * per record (allowed passes; blocked fails, review too with failOn review;
 * invalid is an error), one in error per input problem (named `file:line`)
 * and one skipped per skipped item. The counts open each suite, so the cases
 * are spooled as they come and the suites laid out at the end.
 */
export const junit: SpoolFormatter = {
  kind: 'spool',
  open: (ctx) => new JunitWriter(ctx),
};
