import type { Verdict } from '../engine/verdict.js';
import type { FormatContext, ReportFormatter } from './format.js';
import { messages } from './messages.js';
import type { CheckedRecord } from './results.js';
import { recordName } from './source-text.js';
import { describeRecord } from './text.js';
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

interface Suite {
  readonly file: string;
  readonly cases: string[];
  failures: number;
  errors: number;
  readonly names: Set<string>;
}

/** A test name not yet used in the suite: the id, then the id with its position, then a counter. */
function uniqueName(suite: Suite, { verdict, source }: CheckedRecord, index: number): string {
  const base = xmlEscape(recordName(verdict.id, source, index));
  const position = source === undefined ? `#${index}` : source.line === undefined ? `#${source.index}` : `line ${source.line}`;
  let name = suite.names.has(base) ? `${base} (${xmlEscape(position)})` : base;
  for (let n = 2; suite.names.has(name); n++) name = `${base} (${xmlEscape(position)}, ${n})`;
  suite.names.add(name);
  return name;
}

function testCase(suite: Suite, record: CheckedRecord, index: number, ctx: FormatContext): string {
  const { verdict, source } = record;
  const name = uniqueName(suite, record, index);
  const file = xmlEscape(suite.file);
  const line = source?.line === undefined ? '' : ` line="${source.line}"`;
  const open = `    <testcase name="${name}" classname="${file}" file="${file}"${line}`;
  const result = outcome(verdict, ctx.failOn ?? 'block');
  if (verdict.status === 'allowed') return `${open}/>\n`;
  const details = xmlEscape(describeRecord(verdict, source, { ...ctx, color: false }));
  if (result === 'pass') return `${open}>\n      <system-out>${details}</system-out>\n    </testcase>\n`;
  if (result === 'error') suite.errors++;
  else suite.failures++;
  const summary = result === 'error' ? verdict.errors.map((error) => `${error.field}: ${error.message}`) : verdict.violations.map((violation) => `${violation.rule}: ${violation.message}`);
  const message = xmlEscape(summary.join('; ') || messages(ctx.lang).invalidRecord);
  return `${open}>\n      <${result} message="${message}" type="${verdict.status}">${details}</${result}>\n    </testcase>\n`;
}

/**
 * JUnit XML for CI dashboards: one testsuite per input file, one testcase
 * per record (allowed passes; blocked fails, review too with failOn review;
 * invalid is an error). A report formatter: the counts open each suite.
 */
export const junit: ReportFormatter = {
  kind: 'report',
  format: (report, ctx) => {
    const suites = new Map<string, Suite>();
    report.results.forEach((record, index) => {
      // Library callers may pass no source; suites still need a name.
      const file = record.source?.file ?? '<unknown>';
      let suite = suites.get(file);
      if (suite === undefined) {
        suite = { file, cases: [], failures: 0, errors: 0, names: new Set() };
        suites.set(file, suite);
      }
      suite.cases.push(testCase(suite, record, index, ctx));
    });
    const { policy } = ctx;
    const properties = `    <properties>\n      <property name="policy" value="${xmlEscape(policy.id)}"/>\n      <property name="policy.version" value="${xmlEscape(policy.version)}"/>\n      <property name="policy.sha256" value="${policy.sha256}"/>\n    </properties>\n`;
    let failures = 0;
    let errors = 0;
    const body = [...suites.values()].map((suite) => {
      failures += suite.failures;
      errors += suite.errors;
      const counts = `tests="${suite.cases.length}" failures="${suite.failures}" errors="${suite.errors}" skipped="0"`;
      return `  <testsuite name="${xmlEscape(suite.file)}" ${counts}>\n${properties}${suite.cases.join('')}  </testsuite>\n`;
    });
    const counts = `tests="${report.results.length}" failures="${failures}" errors="${errors}"`;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="blackout ${xmlEscape(policy.id)} ${xmlEscape(policy.version)}" ${counts}>\n${body.join('')}</testsuites>\n`;
  },
};
