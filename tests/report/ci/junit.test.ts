import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/report/index.js';
import { junitClassname } from '../../../src/report/ci/junit.js';
import { xmlEscape } from '../../../src/report/ci/xml.js';
import { checked, context, notesOf, records, unread } from '../verdicts.js';

interface TestCase {
  name: string;
  classname: string;
  time: string;
  file?: string;
  line?: string;
  failure?: { message: string; type: string; '#text': string };
  error?: { message: string; type: string; '#text': string };
  skipped?: { message: string; type?: string };
  'system-out'?: string;
}
interface TestSuite {
  name: string;
  time: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: TestCase[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  trimValues: false,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

/** Checks well-formedness with a real XML parser, then returns the document. */
function parse(xml: string): { testsuites: { name: string; time: string; tests: string; failures: string; errors: string; testsuite: TestSuite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe('junit format', () => {
  it('writes one testsuite per input file, in first-seen order, with exact counts', async () => {
    const { policy, report } = await checked([records.blocked, records.allowed, records.review, records.invalid], {
      sources: [{ file: 'a.json', index: 0 }, { file: 'b.ndjson', index: 0, line: 1 }, { file: 'a.json', index: 1 }, { file: 'b.ndjson', index: 1, line: 2 }],
    });
    const { testsuites } = parse(formatReport('junit', report, context(policy)));
    expect([testsuites.tests, testsuites.failures, testsuites.errors]).toEqual(['4', '1', '1']);
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures, suite.errors])).toEqual([
      ['a.json', '2', '1', '0'],
      ['b.ndjson', '2', '0', '1'],
    ]);
    const [a, b] = testsuites.testsuite;
    expect(a!.testcase.map((test) => [test.name, test.classname, test.failure?.type])).toEqual([
      ['poll', 'a', 'blocked'],
      ['leak', 'a', undefined],
    ]);
    expect(a!.testcase[0]!.failure!.message).toMatch(/^fr\.loi77-808\.art11\.polls: No poll about the election/);
    expect(a!.testcase[0]!.failure!['#text']).toContain('may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)');
    // A review record passes by default, its findings kept in its output.
    expect(a!.testcase[1]!['system-out']).toContain('fr.cnccep.2017-05-macronleaks');
    expect(b!.testcase.map((test) => [test.name, test.line, test.error?.type])).toEqual([
      ['news', '1', undefined],
      ['bad', '2', 'invalid'],
    ]);
    expect(b!.testcase[1]!.error!.message).toMatch(/^categories\[0\]: .*nope/);
  });

  it('fails review records too with failOn review', async () => {
    const { policy, report } = await checked([records.review]);
    const { testsuites } = parse(formatReport('junit', report, context(policy, { failOn: 'review' })));
    expect(testsuites.failures).toBe('1');
    expect(testsuites.testsuite[0]!.testcase[0]!.failure!.type).toBe('review');
  });

  it('gives repeated ids unique test names, by position', async () => {
    // The second `poll` of one batch is invalid (repeated id), the one of another file is not.
    const { policy, report } = await checked([records.blocked, records.blocked, records.blocked], {
      sources: [{ file: 'a.ndjson', index: 0, line: 1 }, { file: 'a.ndjson', index: 1, line: 2 }, { file: 'b.json', index: 0 }],
    });
    const { testsuites } = parse(formatReport('junit', report, context(policy)));
    expect(testsuites.testsuite.map((suite) => suite.testcase.map((test) => test.name))).toEqual([['poll', 'poll (line 2)'], ['poll']]);
  });

  it('keeps names unique even when an id looks like a disambiguated one', async () => {
    const { policy, results } = await checked([records.allowed, { ...records.allowed, id: 'news (#1)' }]);
    // The same id twice at index 1 would be a reader bug; names must stay unique regardless.
    const doubled = [...results, { verdict: results[0]!.verdict, source: { file: 'drafts.json', index: 1 } }];
    const { testsuites } = parse(formatReport('junit', { policy, results: doubled }, context(policy)));
    const names = testsuites.testsuite[0]!.testcase.map((test) => test.name);
    expect(names).toEqual(['news', 'news (#1)', 'news (#1, 2)']);
  });

  it('stays well-formed with hostile ids, file names and control characters', async () => {
    const { policy, report } = await checked([records.hostile, { ...records.invalid, id: '<x>&]]>' }], {
      sources: [{ file: 'dir/"quoted" & <odd>.json', index: 0 }, { file: 'dir/"quoted" & <odd>.json', index: 1 }],
    });
    const xml = formatReport('junit', report, context(policy));
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const { testsuites } = parse(xml);
    const suite = testsuites.testsuite[0]!;
    expect(suite.name).toBe('dir/"quoted" & <odd>.json');
    // Characters XML cannot hold are written as \uXXXX; everything else comes back as it was.
    expect(suite.testcase.map((test) => test.name)).toEqual(['a"b\'<c>&d%e,f:g\nh\r\\u0000i\\u001b[31m\u202ej', '<x>&]]>']);
    expect(suite.testcase[1]!.error!.type).toBe('invalid');
  });

  it('names the suite of records given without a source', async () => {
    const { policy, report } = await checked([records.allowed], { sources: [undefined] });
    const { testsuites } = parse(formatReport('junit', report, context(policy)));
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.testcase[0]!.name])).toEqual([['<unknown>', 'news']]);
  });

  it('writes an error test case per input problem, named file:line, and a skipped one per skipped item, in their files’ suites', async () => {
    const { policy, results } = await checked([records.blocked, records.allowed], {
      sources: [{ file: 'feed.ndjson', index: 0, line: 1 }, { file: 'feed.ndjson', index: 1, line: 2 }],
    });
    const inputs = notesOf([unread.badLine, unread.missing, unread.org, unread.draft, { ...unread.badLine, source: { file: 'feed.ndjson', index: 4, line: 9 } }]);
    const { testsuites } = parse(formatReport('junit', { policy, results, inputs }, context(policy)));
    expect([testsuites.tests, testsuites.failures, testsuites.errors]).toEqual(['7', '1', '3']);
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures, suite.errors, suite.skipped])).toEqual([
      ['feed.ndjson', '4', '1', '2', '0'],
      ['missing.json', '1', '0', '1', '0'],
      ['content/notes.org', '1', '0', '0', '1'],
      ['content/posts/draft.md', '1', '0', '0', '1'],
    ]);
    const [feed, missing, org, draft] = testsuites.testsuite;
    expect(feed!.testcase.map((test) => [test.name, test.line, test.error?.type, test.error?.message])).toEqual([
      ['poll', '1', undefined, undefined],
      ['news', '2', undefined, undefined],
      ['feed.ndjson:4', '4', 'input-problem', "not valid JSON: Unexpected token 'b'"],
      ['feed.ndjson:9', '9', 'input-problem', "not valid JSON: Unexpected token 'b'"],
    ]);
    expect(missing!.testcase.map((test) => [test.name, test.classname, test.line, test.error?.message])).toEqual([['missing.json', 'missing', undefined, 'no such file']]);
    expect(org!.testcase[0]!.skipped).toEqual({ message: 'a kind of file not read (.org)', type: 'unsupported-kind' });
    expect(draft!.testcase.map((test) => [test.name, test.skipped?.type])).toEqual([['content/posts/draft.md:1', 'draft']]);
  });

  it('counts the notes a list left out in a test case of their own', async () => {
    const { policy, results } = await checked([records.allowed]);
    const many = Array.from({ length: 4 }, (_, n) => ({ ...unread.badLine, source: { file: 'feed.ndjson', index: n, line: n + 1 } }));
    const xml = formatReport('junit', { policy, results, inputs: notesOf([...many, unread.org, unread.adoc], 1) }, context(policy));
    const { testsuites } = parse(xml);
    expect([testsuites.tests, testsuites.errors]).toEqual(['5', '2']);
    const run = testsuites.testsuite.at(-1)!;
    expect([run.name, run.tests, run.errors, run.skipped]).toEqual(['blackout', '2', '1', '1']);
    expect(run.testcase.map((test) => [test.name, test.error?.type, test.skipped === undefined])).toEqual([
      ['3 more input problems, not listed (each was told on standard error)', 'input-problem', true],
      ['1 more skipped item, not listed (each was told on standard error)', undefined, false],
    ]);
    // They belong to no file: none is named.
    expect(run.testcase.map((test) => (test as { file?: string }).file)).toEqual([undefined, undefined]);
    expect(testsuites.testsuite[0]!.testcase.every((test) => (test as { file?: string }).file !== undefined)).toBe(true);
  });

  it('keeps problem names unique and hostile file names well-formed', async () => {
    const { policy, results } = await checked([{ ...records.allowed, id: 'x.ndjson:3' }], { sources: [{ file: 'x.ndjson', index: 0, line: 1 }] });
    const hostile = 'we"ird <&> \u0007.ndjson';
    const inputs = notesOf([
      { ...unread.badLine, source: { file: 'x.ndjson', index: 1, line: 3 } },
      { ...unread.badLine, source: { file: hostile, index: 0, line: 3 }, message: 'bad \u001b[31m <line> & "more"' },
    ]);
    const xml = formatReport('junit', { policy, results, inputs }, context(policy));
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const { testsuites } = parse(xml);
    expect(testsuites.testsuite[0]!.testcase.map((test) => test.name)).toEqual(['x.ndjson:3', 'x.ndjson:3 (2)']);
    expect(testsuites.testsuite[1]!.testcase[0]!.name).toBe('we"ird <&> \\u0007.ndjson:3');
    expect(testsuites.testsuite[1]!.testcase[0]!.error!.message).toBe('bad \\u001b[31m <line> & "more"');
  });

  it('is well-formed for an empty batch', async () => {
    const { policy, report } = await checked([]);
    const xml = formatReport('junit', report, context(policy));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testsuites name="blackout fr 2026.11.0" tests="0" failures="0" errors="0" time="0">');
  });
});

describe('junit format: classnames, times and the Jenkins schema', () => {
  it('writes time="0" on the run, each suite and each test case, problems and skipped items included', async () => {
    const { policy, results } = await checked([records.blocked, records.allowed, records.invalid]);
    const { testsuites } = parse(formatReport('junit', { policy, results, inputs: notesOf([unread.badLine, unread.draft]) }, context(policy)));
    expect(testsuites.time).toBe('0');
    const suites = testsuites.testsuite;
    expect(suites.map((suite) => suite.time)).toEqual(['0', '0', '0']);
    expect(suites.flatMap((suite) => suite.testcase.map((test) => test.time))).toEqual(['0', '0', '0', '0', '0']);
  });

  it('names the class after the file without its extension, folders joined with dots', async () => {
    const { policy, report } = await checked([records.blocked, records.allowed], {
      sources: [{ file: 'examples/macronleaks/records.json', index: 0, line: 17, column: 3 }, { file: 'content/posts/2017-05-06.sondage.md', index: 0, line: 1 }],
    });
    const { testsuites } = parse(formatReport('junit', report, context(policy)));
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.testcase[0]!.classname, suite.testcase[0]!.file])).toEqual([
      ['examples/macronleaks/records.json', 'examples.macronleaks.records', 'examples/macronleaks/records.json'],
      ['content/posts/2017-05-06.sondage.md', 'content.posts.2017-05-06_sondage', 'content/posts/2017-05-06.sondage.md'],
    ]);
  });

  it.each([
    ['examples/macronleaks/records.json', 'examples.macronleaks.records'],
    ['./feed.ndjson', 'feed'],
    ['/tmp/run/a.b.yaml', 'tmp.run.a_b'],
    ['C:\\newsroom\\export.csv', 'C:.newsroom.export'],
    ['../up/x.md', '__.up.x'],
    ['.hidden', '_hidden'],
    ['no-extension', 'no-extension'],
    ['<stdin>', '<stdin>'],
    ['<unknown>', '<unknown>'],
    ['/', '/'],
  ])('junitClassname(%j) is %j', (file, classname) => {
    expect(junitClassname(file)).toBe(classname);
  });

  it('leaves out the test cases’ file and line for Jenkins, keeping everything else', async () => {
    const { policy, results } = await checked([records.blocked, records.invalid], {
      sources: [{ file: 'feed.ndjson', index: 0, line: 1 }, { file: 'feed.ndjson', index: 1, line: 2 }],
    });
    const report = { policy, results, inputs: notesOf([unread.badLine, unread.draft]) };
    const plain = formatReport('junit', report, context(policy));
    const jenkins = formatReport('junit', report, context(policy, { junitSchema: 'jenkins' }));
    expect(plain).toMatch(/ file="feed\.ndjson" line="1"/);
    expect(jenkins).not.toMatch(/<testcase [^>]*\b(file|line)=/);
    // The same report but for those two attributes.
    expect(jenkins).toBe(plain.replace(/(<testcase [^>]*?) file="[^"]*"(?: line="\d+")?/g, '$1'));
    expect(formatReport('junit', report, context(policy, { junitSchema: 'default' }))).toBe(plain);
  });
});

describe('xmlEscape', () => {
  it.each([
    ['a&b', 'a&amp;b'],
    ['<tag attr="v">\'', '&lt;tag attr=&quot;v&quot;&gt;&apos;'],
    ['line\nbreak\ttab\rret', 'line&#10;break&#9;tab&#13;ret'],
    ['nul\u0000 bell\u0007 vt\u000b ff\u000c esc\u001b', 'nul\\u0000 bell\\u0007 vt\\u000b ff\\u000c esc\\u001b'],
    ['\ufffe\uffff', '\\ufffe\\uffff'],
    ['lone \ud800 high, lone \udc00 low, pair \ud83d\uddf3', 'lone \\ud800 high, lone \\udc00 low, pair \ud83d\uddf3'],
    ['élection « 2017 »', 'élection « 2017 »'],
  ])('escapes %j', (input, expected) => {
    expect(xmlEscape(input)).toBe(expected);
  });
});
