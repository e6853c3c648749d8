/**
 * Hostile policy files: each is refused with a PolicyError, quickly and
 * without unbounded memory, and without touching anything outside the policy
 * (no prototype pollution, no code run by tags). Every input is generated
 * here; large ones go to a temporary folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as yaml from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createChecker,
  formatIssue,
  isPolicyError,
  loadPolicy,
  loadPolicyFromText,
  loadPolicySync,
  PolicyError,
  type PolicyIssue,
} from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

// Spies that keep the real behaviour: they only record whether a file was read
// (whole, or opened to be read) or parsed, to show that an oversized file is refused before either.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, readFileSync: vi.fn(real.readFileSync), openSync: vi.fn(real.openSync) };
});
vi.mock('yaml', async (importOriginal) => {
  const real = await importOriginal<typeof import('yaml')>();
  return { ...real, parseDocument: vi.fn(real.parseDocument) };
});

const VALID = `policy:
  id: test
  title: Test policy
  jurisdiction: FR
  version: "1"
  notice: Not legal advice.
regions:
  MET: { name: Mainland, zone: Europe/Paris }
categories:
  poll: { description: Opinion polls }
channels:
  web: { description: Website }
elections:
  - id: pres-2017
    kind: presidential
    title: Presidential 2017
    rounds:
      - { id: t1, date: "2017-04-23" }
rules:
  - id: polls
    title: Polls
    citation: { text: Law 77-808 }
    severity: block
    covers: { categories: [poll] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
`;

const NAME = 'hostile.yaml';
const MB = 1024 * 1024;

function edit(text: string, find: string, replace: string): string {
  const first = text.indexOf(find);
  if (first < 0 || text.indexOf(find, first + 1) >= 0) throw new Error(`test setup: '${find}' must occur exactly once`);
  return text.slice(0, first) + replace + text.slice(first + find.length);
}

function refusal(caught: unknown): PolicyError {
  expect(caught, 'the policy should have been refused').toBeInstanceOf(PolicyError);
  const error = caught as PolicyError;
  expect(isPolicyError(error)).toBe(true);
  expect(error.issues.length).toBeGreaterThan(0);
  // Hostile input must not turn into a flood of issues.
  expect(error.issues.length).toBeLessThanOrEqual(60);
  expect(error.message.split('\n').slice(1)).toEqual(error.issues.map(formatIssue));
  for (const issue of error.issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    if (issue.line > 0) {
      expect(issue.column).toBeGreaterThan(0);
      expect(issue.excerpt).toContain(`${issue.line} | `);
      expect(issue.excerpt.split('\n')[1]).toMatch(/\^$/);
    } else {
      expect(issue.excerpt).toBe('');
    }
  }
  return error;
}

/** The PolicyError of loading `text` from memory as NAME. */
function refuseText(text: string, files: Readonly<Record<string, string>> = {}): PolicyError {
  let caught: unknown;
  try {
    loadPolicyFromText(text, { name: NAME, files });
  } catch (error) {
    caught = error;
  }
  return refusal(caught);
}

async function refusePath(path: string): Promise<PolicyError> {
  let caught: unknown;
  try {
    await loadPolicy(path);
  } catch (error) {
    caught = error;
  }
  return refusal(caught);
}

function onlyIssue(error: PolicyError): PolicyIssue {
  expect(error.issues).toHaveLength(1);
  return error.issues[0]!;
}

/** Exactly these issues, in any order. */
function expectIssues(error: PolicyError, expected: { file?: string; line: number; column: number; code: PolicyIssue['code']; message: RegExp }[]): void {
  expect(error.issues).toHaveLength(expected.length);
  expect(error.issues).toEqual(
    expect.arrayContaining(expected.map(({ file = NAME, message, ...place }) => expect.objectContaining({ file, ...place, message: expect.stringMatching(message) }))),
  );
}

let folder: string;
let fileCount = 0;
/** Writes `content` to a new file in the temporary folder and returns its path. */
function writeTemp(name: string, content: string | Uint8Array): string {
  const path = join(folder, `${++fileCount}-${name}`);
  fs.writeFileSync(path, content);
  return path;
}

const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
function expectPrototypesClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeKeys);
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(probe.severity).toBeUndefined();
  expect(probe.name).toBeUndefined();
  expect(probe.constructor).toBe(Object);
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  expect(({} as { prototype?: unknown }).prototype).toBeUndefined();
}

beforeAll(() => {
  folder = fs.mkdtempSync(join(tmpdir(), 'blackout-hostile-'));
});
afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  vi.mocked(fs.readFileSync).mockClear();
  vi.mocked(fs.openSync).mockClear();
  vi.mocked(yaml.parseDocument).mockClear();
});
/** The paths the loader read since the test began (policy files are read from a descriptor it opens). */
const readPaths = () => [...vi.mocked(fs.readFileSync).mock.calls, ...vi.mocked(fs.openSync).mock.calls].map(([path]) => path);

describe('the starting point', () => {
  it('is a valid policy that loads', () => {
    expect(loadPolicyFromText(VALID, { name: NAME }).rules).toHaveLength(1);
    // The spies see the loader's calls: their silence below means something.
    expect(yaml.parseDocument).toHaveBeenCalledTimes(1);
  });
});

describe('alias bombs', () => {
  /** Ten levels of nine aliases each: 9^9 strings once expanded. */
  const billionLaughs = (prefix: string) => {
    const lines = [`${prefix}0: &${prefix}0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
    for (let level = 1; level < 10; level++) {
      lines.push(`${prefix}${level}: &${prefix}${level} [${Array(9).fill(`*${prefix}${level - 1}`).join(', ')}]`);
    }
    return lines.join('\n') + '\n';
  };

  it('refuses a billion laughs as a limit problem, at the first alias', () => {
    const issue = onlyIssue(refuseText(billionLaughs('lol')));
    expect(issue).toMatchObject({ file: NAME, code: 'limit', line: 2, column: 14, message: expect.stringMatching(/alias/i) });
    expect(issue.excerpt).toContain('*lol0');
  });

  it('refuses a billion laughs used as a value of an otherwise valid policy', () => {
    const text = billionLaughs('x') + edit(VALID, 'notice: Not legal advice.', 'notice: *x9');
    const issue = onlyIssue(refuseText(text));
    expect(issue).toMatchObject({ file: NAME, code: 'limit', message: expect.stringMatching(/alias/i) });
  });

  it('refuses a doubling bomb (2^40 nodes from 80 aliases)', () => {
    const lines = ['a0: &a0 [lol]'];
    for (let level = 1; level <= 40; level++) lines.push(`a${level}: &a${level} [*a${level - 1}, *a${level - 1}]`);
    expect(onlyIssue(refuseText(lines.join('\n') + '\n'))).toMatchObject({ file: NAME, code: 'limit', message: expect.stringMatching(/alias/i) });
  });

  it('still accepts a policy that uses a few aliases', () => {
    const text = edit(edit(VALID, 'title: Test policy', 'title: &title Test policy'), 'title: Polls', 'title: *title');
    expect(loadPolicyFromText(text, { name: NAME }).rules[0]!.title).toBe('Test policy');
  });
});

describe('oversized files', () => {
  /** A syntactically valid policy of at least `bytes` bytes: VALID with many categories. */
  const hugePolicy = (bytes: number) => {
    const lines: string[] = [];
    let size = VALID.length;
    for (let index = 0; size < bytes; index++) {
      const line = `  c${index}: { description: Category number ${index} of a very long list }\n`;
      lines.push(line);
      size += line.length;
    }
    return edit(VALID, 'categories:\n', `categories:\n${lines.join('')}`);
  };
  let tenMegabytes: string;
  beforeAll(() => {
    tenMegabytes = hugePolicy(10 * MB);
  });

  // The size is a property of the whole file: line 0 is right here.
  it('refuses 10 MB of YAML named by path, before reading or parsing it', async () => {
    const path = writeTemp('ten-megabytes.yaml', tenMegabytes);
    expect(fs.statSync(path).size).toBeGreaterThan(10 * MB);
    const issue = onlyIssue(await refusePath(path));
    expect(issue).toMatchObject({ file: path, code: 'limit', line: 0, column: 0, excerpt: '' });
    expect(issue.message).toMatch(/10\.\d MB.*at most 1 MB/);
    expect(readPaths()).not.toContain(path);
    expect(yaml.parseDocument).not.toHaveBeenCalled();
  });

  it('refuses an oversized file in a folder, and through loadPolicySync', () => {
    const dir = join(folder, 'big-folder');
    fs.mkdirSync(dir);
    fs.writeFileSync(join(dir, 'a.yaml'), tenMegabytes);
    let caught: unknown;
    try {
      loadPolicySync(dir);
    } catch (error) {
      caught = error;
    }
    const issue = onlyIssue(refusal(caught));
    expect(issue).toMatchObject({ file: join(dir, 'a.yaml'), line: 0, message: expect.stringMatching(/at most 1 MB/) });
    expect(readPaths()).toEqual([]);
    expect(yaml.parseDocument).not.toHaveBeenCalled();
  });

  it('refuses 10 MB of YAML given as text, before parsing it', () => {
    const issue = onlyIssue(refuseText(tenMegabytes));
    expect(issue).toEqual({ file: NAME, line: 0, column: 0, code: 'limit', message: expect.stringMatching(/10\.\d MB.*at most 1 MB/), fr: expect.stringMatching(/^le fichier fait 10,\d Mo ; un fichier de politique fait au plus 1 Mo$/), excerpt: '' });
    expect(yaml.parseDocument).not.toHaveBeenCalled();
  });

  it('counts bytes, not characters: 600,000 accented letters are over 1 MB', () => {
    const issue = onlyIssue(refuseText(`${VALID}# ${'é'.repeat(600_000)}\n`));
    expect(issue).toMatchObject({ file: NAME, line: 0, code: 'limit', message: expect.stringMatching(/at most 1 MB/) });
    expect(yaml.parseDocument).not.toHaveBeenCalled();
  });

  it('accepts a policy of exactly 1 MB and refuses one byte more', () => {
    const exactly = `${VALID}${'#'.repeat(MB - Buffer.byteLength(VALID) - 1)}\n`;
    expect(Buffer.byteLength(exactly)).toBe(MB);
    expect(loadPolicyFromText(exactly, { name: NAME }).rules).toHaveLength(1);
    expect(onlyIssue(refuseText(`#${exactly}`))).toMatchObject({ code: 'limit', line: 0 });
  });

  it('refuses an oversized file reached through extends, at the extends line on disk', async () => {
    const big = writeTemp('big-parent.yaml', `# ${'x'.repeat(2 * MB)}\n`);
    const child = writeTemp('child.yaml', `# extends a huge file\nextends: ./${basename(big)}\n`);
    const issue = onlyIssue(await refusePath(child));
    expect(issue).toMatchObject({ file: child, line: 2, column: 10, message: expect.stringMatching(/2\.0 MB.*at most 1 MB/) });
    expect(readPaths()).not.toContain(big);
    expect(readPaths()).toContain(child);
    expect(onlyIssue(refuseText('extends: big.yaml\n', { 'big.yaml': `# ${'x'.repeat(2 * MB)}\n` }))).toMatchObject({
      file: 'big.yaml',
      code: 'limit',
      line: 0,
    });
  });
});

describe('deep nesting', () => {
  const DEPTH = 10_000;

  /** Refused as a nesting limit, and located. */
  function expectLocatedRefusal(error: PolicyError): void {
    expect(error.issues.every((found) => found.file === NAME)).toBe(true);
    expect(error.issues.some((found) => found.line > 0 && found.code === 'limit' && /nesting/.test(found.message))).toBe(true);
    expect(error.message).not.toMatch(/call stack/);
  }

  it(`refuses ${DEPTH} levels of flow sequences [[[[...]]]]`, () => {
    expectLocatedRefusal(refuseText(`rules: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`));
  });

  it(`refuses ${DEPTH} levels of flow maps {a: {a: ...}}`, () => {
    expectLocatedRefusal(refuseText(`rules: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`));
  });

  it(`refuses ${DEPTH} levels of block sequences (- - - ... on one line)`, () => {
    expectLocatedRefusal(refuseText(`${'- '.repeat(DEPTH)}1\n`));
  });

  it('refuses 1,000 levels of indented block maps', () => {
    const lines = Array.from({ length: 1000 }, (_, level) => `${' '.repeat(level)}a:`);
    expectLocatedRefusal(refuseText(`${lines.join('\n')} 1\n`));
  });

  it(`refuses ${DEPTH} levels of indented block maps by their size (50 MB of indentation)`, () => {
    const lines = Array.from({ length: DEPTH }, (_, level) => `${' '.repeat(level)}a:`);
    const issue = onlyIssue(refuseText(`${lines.join('\n')} 1\n`));
    expect(issue).toMatchObject({ file: NAME, code: 'limit', line: 0, message: expect.stringMatching(/at most 1 MB/) });
  });

  it('refuses 65 levels with the nesting limit, at the first node too deep; 64 levels pass that check', () => {
    const issue = onlyIssue(refuseText(`x: ${'['.repeat(65)}${']'.repeat(65)}\n`));
    expect(issue).toMatchObject({ file: NAME, code: 'limit', line: 1, column: 68, message: expect.stringMatching(/nesting deeper than 64 levels/) });
    const shallower = refuseText(`x: ${'['.repeat(64)}${']'.repeat(64)}\n`);
    expect(shallower.issues.map((found) => found.code)).toEqual(['schema']);
  });

  // The parser recurses into `- - -` under a key and overflows the stack from about 3,000 levels.
  it.each([3_000, 5_000, 20_000])('refuses %i levels of block sequences under a key with the nesting limit, at their line', (depth) => {
    const text = edit(VALID, 'notice: Not legal advice.', `notice:\n    ${'- '.repeat(depth)}x`);
    const issue = onlyIssue(refuseText(text));
    // At the 65th '- ' of line 7: four spaces, then 64 of them.
    expect(issue).toMatchObject({ file: NAME, code: 'limit', line: 7, column: 5 + 64 * 2, message: expect.stringMatching(/nesting too deep to parse/) });
    expect(issue.excerpt.split('\n')[0]).toMatch(/^ +7 \| {5}- - - /);
  });

  it('refuses a file too deep for the parser through loadPolicy and loadPolicySync too', async () => {
    const path = writeTemp('deep-dash.yaml', edit(VALID, 'notice: Not legal advice.', `notice:\n    ${'- '.repeat(5000)}x`));
    expect(onlyIssue(await refusePath(path))).toMatchObject({ file: path, code: 'limit', line: 7 });
    let caught: unknown;
    try {
      loadPolicySync(path);
    } catch (error) {
      caught = error;
    }
    expect(onlyIssue(refusal(caught))).toMatchObject({ file: path, code: 'limit', line: 7 });
  });

  it('refuses deep nesting in block style with the nesting limit, on the right line', () => {
    const lines = Array.from({ length: 100 }, (_, level) => `${' '.repeat(level)}k${level}:`);
    const issue = onlyIssue(refuseText(`${lines.join('\n')} leaf\n`));
    // The value of k64, the 65th map, starts on line 66 at its indentation (65 spaces).
    expect(issue).toMatchObject({ file: NAME, code: 'limit', line: 66, column: 66, message: expect.stringMatching(/nesting deeper than 64/) });
  });
});

describe('__proto__ and constructor keys', () => {
  const cases: { where: string; text: string; key: string; line: number; column: number }[] = [
    { where: '__proto__ at the top level', text: `${VALID}__proto__: { polluted: true }\n`, key: '__proto__', line: 28, column: 1 },
    { where: 'constructor at the top level', text: `${VALID}constructor: { prototype: { polluted: true } }\n`, key: 'constructor', line: 28, column: 1 },
    {
      where: '__proto__ as a region code',
      text: edit(VALID, '  MET: {', '  __proto__: { name: Evil, zone: UTC }\n  MET: {'),
      key: '__proto__',
      line: 8,
      column: 3,
    },
    {
      where: 'constructor as a region code',
      text: edit(VALID, '  MET: {', '  constructor: { name: Evil, zone: UTC }\n  MET: {'),
      key: 'constructor',
      line: 8,
      column: 3,
    },
    {
      where: '__proto__ inside a region',
      text: edit(VALID, 'zone: Europe/Paris }\ncategories', 'zone: Europe/Paris, __proto__: { polluted: true } }\ncategories'),
      key: '__proto__',
      line: 8,
      column: 46,
    },
    {
      where: 'constructor inside a region',
      text: edit(VALID, 'zone: Europe/Paris }\ncategories', 'zone: Europe/Paris, constructor: { polluted: true } }\ncategories'),
      key: 'constructor',
      line: 8,
      column: 46,
    },
    {
      where: '__proto__ as a category name',
      text: edit(VALID, '  poll: {', '  __proto__: { description: Evil }\n  poll: {'),
      key: '__proto__',
      line: 10,
      column: 3,
    },
    {
      where: '__proto__ inside a category',
      text: edit(VALID, '{ description: Opinion polls }', '{ description: Opinion polls, __proto__: { polluted: true } }'),
      key: '__proto__',
      line: 10,
      column: 39,
    },
    {
      where: 'constructor inside a category',
      text: edit(VALID, '{ description: Opinion polls }', '{ description: Opinion polls, constructor: { polluted: true } }'),
      key: 'constructor',
      line: 10,
      column: 39,
    },
    {
      where: '__proto__ as a channel name',
      text: edit(VALID, '  web: {', '  __proto__: { description: Evil }\n  web: {'),
      key: '__proto__',
      line: 12,
      column: 3,
    },
    {
      where: '__proto__ inside a rule, to change its severity',
      text: edit(VALID, '    severity: block\n', '    severity: block\n    __proto__: { severity: review }\n'),
      key: '__proto__',
      line: 24,
      column: 5,
    },
    {
      where: 'constructor inside a rule',
      text: edit(VALID, '    severity: block\n', '    severity: block\n    constructor: { prototype: { polluted: true } }\n'),
      key: 'constructor',
      line: 24,
      column: 5,
    },
    {
      where: '__proto__ in a text given per language',
      text: edit(VALID, 'title: Test policy', 'title: { en: Test, __proto__: { polluted: true } }'),
      key: '__proto__',
      line: 3,
      column: 22,
    },
    {
      where: 'constructor in a text given per language',
      text: edit(VALID, 'title: Test policy', 'title: { en: Test, constructor: Evil }'),
      key: 'constructor',
      line: 3,
      column: 22,
    },
  ];

  for (const { where, text, key, line, column } of cases) {
    it(`refuses ${where}, naming the key at its place`, () => {
      const error = refuseText(text);
      expect(error.issues).toContainEqual(expect.objectContaining({ file: NAME, code: 'schema', line, column, message: expect.stringContaining(key) }));
      expect(error.issues.every((found) => found.file === NAME && found.line > 0)).toBe(true);
      expectPrototypesClean();
    });
  }

  it('refuses them all at once, and leaves every prototype clean', () => {
    let text = `${VALID}__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n`;
    text = edit(text, 'zone: Europe/Paris }\ncategories', 'zone: Europe/Paris, __proto__: { polluted: true } }\ncategories');
    text = edit(text, '{ description: Opinion polls }', '{ description: Opinion polls, constructor: { polluted: true } }');
    const error = refuseText(text);
    expect(error.issues.map((found) => [found.line, found.column])).toEqual(
      expect.arrayContaining([
        [28, 1],
        [29, 1],
        [8, 46],
        [10, 39],
      ]),
    );
    expect(error.issues).toHaveLength(4);
    expectPrototypesClean();
  });

  it('loads a policy after a refused one as if nothing happened', () => {
    refuseText(edit(VALID, '    severity: block\n', '    severity: block\n    __proto__: { severity: review, polluted: true }\n'));
    const policy = loadPolicyFromText(VALID, { name: NAME });
    expect(policy.rules[0]!.severity).toBe('block');
    const verdict = createChecker(policy).check({ id: 'r', publishedAt: '2017-04-23T10:00:00+02:00', categories: ['poll'] });
    expect(verdict.status).toBe('blocked');
    expectPrototypesClean();
  });
});

describe('tags', () => {
  const cases: { tag: string; named: string; text: string; line: number; column: number }[] = [
    {
      tag: '!!js/function',
      named: 'js/function',
      text: edit(VALID, 'notice: Not legal advice.', 'notice: !!js/function "function () { globalThis.pwned = true }"'),
      line: 6,
      column: 11,
    },
    { tag: '!!js/regexp', named: 'js/regexp', text: edit(VALID, 'notice: Not legal advice.', 'notice: !!js/regexp /.*/'), line: 6, column: 11 },
    { tag: '!!js/undefined', named: 'js/undefined', text: edit(VALID, 'notice: Not legal advice.', 'notice: !!js/undefined ""'), line: 6, column: 11 },
    {
      tag: '!!python/object/apply',
      named: 'python/object/apply:os.system',
      text: edit(VALID, 'notice: Not legal advice.', 'notice: !!python/object/apply:os.system ["true"]'),
      line: 6,
      column: 11,
    },
    { tag: '!foo', named: '!foo', text: edit(VALID, 'notice: Not legal advice.', 'notice: !foo bar'), line: 6, column: 11 },
    { tag: '!foo on a map', named: '!foo', text: edit(VALID, 'regions:\n', 'regions: !foo\n'), line: 7, column: 10 },
    {
      tag: 'a %TAG shorthand',
      named: 'tag:example.com,2000:evil',
      text: `%TAG !e! tag:example.com,2000:\n---\n${edit(VALID, 'notice: Not legal advice.', 'notice: !e!evil bar')}`,
      line: 8,
      column: 11,
    },
  ];

  for (const { tag, named, text, line, column } of cases) {
    it(`refuses a custom tag (${tag}) as a YAML problem at the tag, naming it`, () => {
      const issue = onlyIssue(refuseText(text));
      expect(issue).toMatchObject({ file: NAME, code: 'yaml', line, column, message: expect.stringMatching(/tag/i) });
      expect(issue.message).toContain(named);
      expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    });
  }
});

describe('YAML 1.1 tags', () => {
  // Without resolveKnownTags these would turn into a Buffer, Maps, a Set, pairs or a Date the schema cannot see.
  const cases: { tag: string; text: string; line: number; column: number }[] = [
    { tag: 'binary', text: edit(VALID, 'notice: Not legal advice.', 'notice: !!binary Tm90IGxlZ2FsIGFkdmljZS4='), line: 6, column: 11 },
    { tag: 'omap', text: edit(VALID, 'regions:\n  MET: { name: Mainland, zone: Europe/Paris }', 'regions: !!omap\n  - MET: { name: Mainland, zone: Europe/Paris }'), line: 7, column: 10 },
    { tag: 'set', text: edit(VALID, 'covers: { categories: [poll] }', 'covers: { categories: !!set { poll } }'), line: 24, column: 27 },
    { tag: 'pairs', text: edit(VALID, 'citation: { text: Law 77-808 }', 'citation: !!pairs [text: Law 77-808, text: Law 2016-508]'), line: 22, column: 15 },
    { tag: 'timestamp', text: edit(VALID, 'date: "2017-04-23"', 'date: !!timestamp 2017-04-23'), line: 18, column: 25 },
  ];

  for (const { tag, text, line, column } of cases) {
    it(`refuses !!${tag} with one YAML problem at the tag`, () => {
      const issue = onlyIssue(refuseText(text));
      expect(issue).toMatchObject({ file: NAME, code: 'yaml', line, column });
      expect(issue.message).toContain(`tag:yaml.org,2002:${tag}`);
      expect(issue.excerpt.split('\n')[0]).toContain(`!!${tag}`);
    });
  }

  it('still honours the core tags (!!str)', () => {
    const policy = loadPolicyFromText(edit(VALID, 'version: "1"', 'version: !!str 1'), { name: NAME });
    expect(policy.version).toBe('1');
  });
});

describe('keys that are not plain strings', () => {
  it('refuses a complex key (? [a, b]) at the top level and in a map of names', () => {
    const top = onlyIssue(refuseText(`? [a, b]\n: 1\n${VALID}`));
    expect(top).toMatchObject({ file: NAME, code: 'yaml', line: 1, column: 3, message: expect.stringMatching(/keys must be .*strings/) });
    const inCategories = onlyIssue(refuseText(edit(VALID, '  poll: {', '  ? [a, b]\n  : { description: Evil }\n  poll: {')));
    expect(inCategories).toMatchObject({ file: NAME, code: 'yaml', line: 10, column: 5, message: expect.stringMatching(/keys must be .*strings/) });
  });

  it('refuses numeric, boolean and null keys in maps of names, every one at its place', () => {
    const text = edit(
      edit(VALID, '  poll: {', '  1: { description: One }\n  true: { description: Yes }\n  null: { description: Nothing }\n  0x1F: { description: Hex }\n  poll: {'),
      'regions:\n',
      'regions:\n  2: { name: Two, zone: UTC }\n',
    );
    const error = refuseText(text);
    expect(error.issues).toHaveLength(5);
    expect(error.issues.map((found) => [found.line, found.column])).toEqual(
      expect.arrayContaining([
        [8, 3],
        [11, 3],
        [12, 3],
        [13, 3],
        [14, 3],
      ]),
    );
    for (const found of error.issues) expect(found).toMatchObject({ file: NAME, code: 'yaml', message: expect.stringMatching(/keys must be .*strings/) });
  });

  it('refuses a numeric key in a flow map ({1: x})', () => {
    const issue = onlyIssue(refuseText(edit(VALID, 'regions:\n  MET: { name: Mainland, zone: Europe/Paris }', 'regions: {1: { name: One, zone: UTC }}')));
    expect(issue).toMatchObject({ file: NAME, code: 'yaml', line: 7, column: 11, message: expect.stringMatching(/keys must be .*strings/) });
  });
});

describe('keys that are not plain strings, next to other YAML problems', () => {
  const numericCategory = (text: string) => edit(text, '  poll: {', '  1: { description: One }\n  poll: {');

  it('reports the key and a custom tag elsewhere', () => {
    expectIssues(refuseText(numericCategory(edit(VALID, 'notice: Not legal advice.', 'notice: !foo bar'))), [
      { line: 6, column: 11, code: 'yaml', message: /tag.*!foo/ },
      { line: 10, column: 3, code: 'yaml', message: /keys must be plain strings/ },
    ]);
  });

  it('reports the key and a YAML 1.1 tag elsewhere', () => {
    expectIssues(refuseText(numericCategory(edit(VALID, 'notice: Not legal advice.', 'notice: !!binary aGVsbG8='))), [
      { line: 6, column: 11, code: 'yaml', message: /tag:yaml\.org,2002:binary/ },
      { line: 10, column: 3, code: 'yaml', message: /keys must be plain strings/ },
    ]);
  });

  it('reports the key and a duplicate key elsewhere', () => {
    expectIssues(refuseText(numericCategory(edit(VALID, '  id: test\n', '  id: test\n  id: other\n'))), [
      { line: 3, column: 3, code: 'yaml', message: /unique/i },
      { line: 11, column: 3, code: 'yaml', message: /keys must be plain strings/ },
    ]);
  });

  it('reports the key and nesting one level too deep, both found by the same walk', () => {
    expectIssues(refuseText(`x: ${'['.repeat(65)}${']'.repeat(65)}\n1: y\n`), [
      { line: 1, column: 68, code: 'limit', message: /nesting deeper than 64 levels/ },
      { line: 2, column: 1, code: 'yaml', message: /keys must be plain strings/ },
    ]);
  });

  it('does not walk the keys of a file the parser gave up on (nesting too deep to parse)', () => {
    const error = refuseText(`1: x\nrules: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    // The column is where the parser's stack ran out, which depends on the stack size.
    for (const found of error.issues) expect(found).toMatchObject({ file: NAME, line: 2, code: 'limit', message: expect.stringMatching(/nesting too deep to parse/) });
  });
});

describe('duplicate keys', () => {
  it('refuses a duplicate top-level key at the second one', () => {
    const issue = onlyIssue(refuseText(`${VALID}rules: []\n`));
    expect(issue).toMatchObject({ file: NAME, code: 'yaml', line: 28, column: 1, message: expect.stringMatching(/unique/i) });
  });

  it('refuses duplicate keys at every place, in block and flow maps', () => {
    const text = edit(edit(VALID, '  id: test\n', '  id: test\n  id: other\n'), 'zone: Europe/Paris }\ncategories', 'zone: Europe/Paris, zone: UTC }\ncategories');
    const error = refuseText(text);
    expect(error.issues).toEqual([
      expect.objectContaining({ file: NAME, code: 'yaml', line: 3, column: 3, message: expect.stringMatching(/unique/i) }),
      expect.objectContaining({ file: NAME, code: 'yaml', line: 9, column: 46, message: expect.stringMatching(/unique/i) }),
    ]);
  });

  it('refuses a duplicate region code that would silently replace the first', () => {
    const issue = onlyIssue(refuseText(edit(VALID, '  MET: { name: Mainland, zone: Europe/Paris }\n', '  MET: { name: Mainland, zone: Europe/Paris }\n  MET: { name: Elsewhere, zone: Asia/Tokyo }\n')));
    expect(issue).toMatchObject({ file: NAME, code: 'yaml', line: 9, column: 3 });
  });
});

describe('files that are not policies', () => {
  /** Deterministic pseudo-random bytes (a linear congruential generator). */
  const garbage = (length: number, seed: number) => {
    const bytes = new Uint8Array(length);
    let state = seed;
    for (let index = 0; index < length; index++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      bytes[index] = (state >> 16) & 0xff;
    }
    return bytes;
  };

  it('refuses a file of random bytes, at a place in it', async () => {
    const path = writeTemp('random.yaml', garbage(4096, 1));
    const error = await refusePath(path);
    expect(error.issues.every((found) => found.file === path)).toBe(true);
    expect(error.issues[0]).toMatchObject({ code: 'yaml' });
    expect(error.issues[0]!.line).toBeGreaterThan(0);
  });

  it('refuses a binary image (a PNG header) named .yaml', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    const path = writeTemp('image.yaml', png);
    const issue = onlyIssue(await refusePath(path));
    // Its first byte, 0x89, is not UTF-8.
    expect(issue).toMatchObject({ file: path, code: 'yaml', line: 1, column: 1, message: expect.stringMatching(/not UTF-8/) });
  });

  it('refuses a file saved in cp1252 at its first byte that is not UTF-8: its phrases would never match a record', async () => {
    const text = edit(VALID, 'title: Polls', 'title: Sondage Élabé');
    const at = text.indexOf('É');
    const bytes = Buffer.from(text, 'latin1');
    const path = writeTemp('cp1252.yaml', bytes);
    const before = text.slice(0, at);
    const issue = onlyIssue(await refusePath(path));
    expect(issue).toMatchObject({ file: path, code: 'yaml', line: before.split('\n').length, column: at - before.lastIndexOf('\n'), message: 'the file is not UTF-8 (a byte here is not, or U+FFFD is written): save it as UTF-8' });
  });

  it('refuses text with NUL and control characters', () => {
    const issue = onlyIssue(refuseText('policy:\u0000\u0001\u0007\n'));
    expect(issue).toMatchObject({ file: NAME, line: 1, column: 8, code: 'yaml', message: expect.stringMatching(/not text/) });
  });

  it('refuses a NUL byte anywhere with one issue at the first one', () => {
    const cases: { text: string; line: number; column: number }[] = [
      { text: '\u0000policy: x\n', line: 1, column: 1 },
      { text: 'policy:\n  id: "a\u0000b"\u0000\n', line: 2, column: 9 },
      { text: `${VALID}# end\u0000`, line: 28, column: 6 },
      { text: edit(VALID, 'title: Polls', 'title: Po\u0000lls'), line: 21, column: 14 },
    ];
    for (const { text, line, column } of cases) {
      const issue = onlyIssue(refuseText(text));
      expect(issue).toMatchObject({ file: NAME, line, column, code: 'yaml', message: 'the file is not text (it holds a NUL byte): a policy is YAML' });
    }
    expect(yaml.parseDocument).not.toHaveBeenCalled();
  });

  it('refuses a NUL byte in an extended file, in that file', () => {
    const issue = onlyIssue(refuseText('extends: b.yaml\n', { 'b.yaml': `${VALID}# \u0000\n` }));
    expect(issue).toMatchObject({ file: 'b.yaml', line: 28, column: 3, code: 'yaml', message: expect.stringMatching(/not text/) });
  });

  it('says an empty document, ~ or null holds no policy, at its place', () => {
    const cases: { text: string; line: number; column: number }[] = [
      { text: '', line: 1, column: 1 },
      { text: '~\n', line: 1, column: 1 },
      { text: '~', line: 1, column: 1 },
      { text: 'null\n', line: 1, column: 1 },
      { text: '  \n~\n', line: 2, column: 1 },
    ];
    for (const { text, line, column } of cases) {
      const issue = onlyIssue(refuseText(text));
      expect(issue).toMatchObject({ file: NAME, line, column, code: 'schema', message: 'the file holds no policy: the document is empty' });
    }
  });

  it('says an empty or ~ extended file holds no policy, in that file', () => {
    expectIssues(refuseText('extends: [a.yaml, b.yaml]\n', { 'a.yaml': '', 'b.yaml': '~\n' }), [
      { file: 'a.yaml', line: 1, column: 1, code: 'schema', message: /holds no policy/ },
      { file: 'b.yaml', line: 1, column: 1, code: 'schema', message: /holds no policy/ },
    ]);
  });

  it('refuses an empty file, by path and as text', async () => {
    const path = writeTemp('empty.yaml', '');
    expect(onlyIssue(await refusePath(path))).toMatchObject({ file: path, code: 'schema', line: 1, column: 1, message: expect.stringMatching(/holds no policy/) });
    expect(onlyIssue(refuseText(''))).toMatchObject({ file: NAME, code: 'schema', line: 1, column: 1, message: expect.stringMatching(/holds no policy/) });
  });

  it('refuses a file with only a comment, by path and as text', async () => {
    const comment = '# A policy will be written here.\n';
    const path = writeTemp('comment.yaml', comment);
    expect(onlyIssue(await refusePath(path))).toMatchObject({ file: path, code: 'schema', line: 1, column: 1, message: expect.stringMatching(/holds no policy/) });
    const issue = onlyIssue(refuseText(comment));
    expect(issue.excerpt).toContain(comment.trim());
  });

  it('refuses documents that are not maps: null, a list, a string', () => {
    for (const text of ['~\n', '---\n']) {
      expect(onlyIssue(refuseText(text))).toMatchObject({ file: NAME, code: 'schema', line: 1, message: expect.stringMatching(/holds no policy/) });
    }
    for (const text of ['[1, 2]\n', 'just some words\n']) {
      expect(onlyIssue(refuseText(text))).toMatchObject({ file: NAME, code: 'schema', line: 1, message: expect.stringMatching(/must be (an )?object/) });
    }
  });

  it('refuses a second YAML document in the file, at its start', () => {
    const issue = onlyIssue(refuseText(`${VALID}---\nrules: []\n`));
    expect(issue).toMatchObject({ file: NAME, code: 'yaml', line: 28, column: 1, message: expect.stringMatching(/^a policy file holds one YAML document, and this one holds several/) });
  });

  it('refuses merge keys (<<), which are not expanded', () => {
    const text = `defaults: &defaults { polluted: true }\n${edit(VALID, '  id: test\n', '  <<: *defaults\n  id: test\n')}`;
    const error = refuseText(text);
    expect(error.issues).toContainEqual(expect.objectContaining({ code: 'schema', line: 1, column: 1, message: expect.stringContaining("'defaults'") }));
    expect(error.issues).toContainEqual(expect.objectContaining({ code: 'schema', line: 3, column: 3, message: expect.stringContaining("'<<'") }));
    expectPrototypesClean();
  });
});

describe('a byte-order mark', () => {
  const BOM = '\uFEFF';

  it('is ignored in a file named by path', async () => {
    const path = writeTemp('bom.yaml', BOM + VALID);
    const policy = await loadPolicy(path);
    expect(policy.rules.map((rule) => rule.id)).toEqual(['polls']);
    expect(readPaths()).toEqual([path]);
    expect(fs.readFileSync(path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(loadPolicySync(path).regions.map((region) => region.code)).toEqual(['MET']);
  });

  it('is ignored in text and in an extended file', () => {
    expect(loadPolicyFromText(BOM + VALID, { name: NAME }).rules).toHaveLength(1);
    const child = `${BOM}extends: ./base.yaml\nregions:\n  RE: { name: Réunion, zone: Indian/Reunion }\n`;
    const policy = loadPolicyFromText(child, { name: 'child.yaml', files: { 'base.yaml': BOM + VALID } });
    expect(policy.regions.map((region) => region.code)).toEqual(['MET', 'RE']);
  });

  it('does not shift the line or column of an error', () => {
    const issue = onlyIssue(refuseText(BOM + edit(VALID, '  id: test\n', '  id: test\n  colour: red\n')));
    expect(issue).toMatchObject({ file: NAME, code: 'schema', line: 3, column: 3, message: expect.stringContaining("'colour'") });
    expect(issue.excerpt.split('\n')[0]).toMatch(/^ +3 \| {3}colour: red$/);
  });
});

describe('extends used as a weapon', () => {
  it('refuses a chain of 250 files once, at the extends that reaches the 201st file', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 250; index++) files[`f${index}.yaml`] = `# link ${index}\nextends: f${index + 1}.yaml\n`;
    files['f250.yaml'] = VALID;
    const issue = onlyIssue(refuseText('extends: f0.yaml\n', files));
    // NAME and f0..f198 are 200 files: f198's extends goes over.
    expect(issue).toMatchObject({ file: 'f198.yaml', line: 2, column: 10, code: 'limit', message: 'a policy may span at most 200 files' });
  });

  /** VALID extending f0.yaml..f{count-1}.yaml, one a line from line 29 on, each file adding a category. */
  const fanOut = (count: number) => {
    const files: Record<string, string> = {};
    for (let index = 0; index < count; index++) files[`f${index}.yaml`] = `categories:\n  c${index}: { description: Category ${index} }\n`;
    const list = Array.from({ length: count }, (_, index) => `  - f${index}.yaml\n`).join('');
    return { text: `${VALID}extends:\n${list}`, files };
  };

  it('refuses a file extending 250 files once, at the list item of the 201st file', () => {
    const { text, files } = fanOut(250);
    const issue = onlyIssue(refuseText(text, files));
    // f199 is the 201st file, item 200 of the list, on line 29 + 199.
    expect(issue).toMatchObject({ file: NAME, line: 228, column: 5, code: 'limit', message: 'a policy may span at most 200 files' });
    expect(issue.excerpt.split('\n')[0]).toMatch(/ 228 \| {3}- f199\.yaml$/);
  });

  it('accepts exactly 200 files, and refuses 201 at the last one', () => {
    const { text, files } = fanOut(199);
    expect(loadPolicyFromText(text, { name: NAME, files }).categories).toHaveLength(200);
    const over = fanOut(200);
    expect(onlyIssue(refuseText(over.text, over.files))).toMatchObject({ file: NAME, line: 228, column: 5, code: 'limit' });
  });
});

describe('names that are not regular files', () => {
  // Run in a child process with a time limit: a FIFO blocks open() and a
  // link to /dev/zero reads without end, and neither can be stopped from
  // inside the process they block. Built code (dist/), as the CLI tests use.
  const LIBRARY = pathToFileURL(join(process.cwd(), 'dist', 'index.js')).href;
  const BIN = join(process.cwd(), 'dist', 'cli', 'bin.cjs');
  const RECORD = '{"id":"p","publishedAt":"2017-04-22T10:00:00+02:00","categories":["poll"]}\n';
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(join(folder, 'special-'));
    fs.symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    fs.symlinkSync('/dev/urandom', join(dir, 'urandom.yaml'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    for (const target of ['zero', 'urandom', 'fifo']) fs.writeFileSync(join(dir, `extends-${target}.yaml`), `extends: ./${target}.yaml\n${VALID}`);
    fs.mkdirSync(join(dir, 'folder-with-fifo'));
    fs.writeFileSync(join(dir, 'folder-with-fifo', 'a.yaml'), VALID);
    execFileSync('mkfifo', [join(dir, 'folder-with-fifo', 'zz.yaml')]);
  });

  /** The issues of loading `path` with the library in a child process, which must end within 20 s. */
  function issuesInChild(path: string): PolicyIssue[] {
    const script = `
      const { loadPolicy } = await import(${JSON.stringify(LIBRARY)});
      try { await loadPolicy(${JSON.stringify(path)}); console.log('null'); }
      catch (error) { console.log(JSON.stringify(error.name === 'PolicyError' ? error.issues : error.stack)); }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal, 'the load should end on its own').toBeNull();
    const issues = JSON.parse(run.stdout) as PolicyIssue[];
    expect(Array.isArray(issues), String(issues)).toBe(true);
    return issues;
  }

  it.each([
    ['a FIFO', 'fifo.yaml', /FIFO \(named pipe\), not a regular file/],
    ['a link to /dev/zero', 'zero.yaml', /character device, not a regular file/],
    ['a link to /dev/urandom', 'urandom.yaml', /character device, not a regular file/],
  ])('refuses %s named as the policy, at once', (_name, file, message) => {
    const [issue, ...more] = issuesInChild(join(dir, file));
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ file: join(dir, file), code: 'io', line: 0, message: expect.stringMatching(message) });
  });

  it.each([
    ['a FIFO', 'fifo', /FIFO \(named pipe\), not a regular file/],
    ['a link to /dev/zero', 'zero', /character device, not a regular file/],
    ['a link to /dev/urandom', 'urandom', /character device, not a regular file/],
  ])('refuses %s reached through extends, at the extends line', (_name, target, message) => {
    const file = join(dir, `extends-${target}.yaml`);
    const [issue, ...more] = issuesInChild(file);
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ file, code: 'io', line: 1, column: 10, message: expect.stringMatching(message) });
  });

  it('refuses a FIFO among the files of a policy folder', () => {
    const [issue, ...more] = issuesInChild(join(dir, 'folder-with-fifo'));
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ file: join(dir, 'folder-with-fifo', 'zz.yaml'), code: 'io', message: expect.stringMatching(/FIFO/) });
  });

  it.each(['fifo.yaml', 'zero.yaml', 'extends-fifo.yaml', 'folder-with-fifo'])('check --policy %s exits 2 at once, naming the file', (name) => {
    const run = spawnSync(process.execPath, [BIN, 'check', '-', '--policy', join(dir, name)], { input: RECORD, encoding: 'utf8', timeout: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not a regular file/);
    expect(run.stderr).not.toMatch(/internal error/);
  });

  it('check --policy with a policy too deep for the parser exits 2 with the nesting limit, not an internal error', async () => {
    const path = writeTemp('deep-cli.yaml', edit(VALID, 'notice: Not legal advice.', `notice:\n    ${'- '.repeat(5000)}x`));
    const run = await runCli(['check', '-', '--policy', path], { stdin: RECORD });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path}:7:133: nesting too deep to parse`);
    expect(run.stderr).not.toMatch(/internal error|call stack/i);
  });
});
