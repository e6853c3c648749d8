/**
 * Policy errors are located and complete: every problem of a policy is
 * reported at once, each with its file, line and column, an excerpt of the
 * offending line with a caret under the column, and the error's message lists
 * them all as `file:line:col: message`.
 *
 * Each test starts from VALID (a small policy that loads) and breaks it in a
 * known place. Line and column numbers below are 1-based and refer to VALID
 * as written here: editing VALID means updating them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatIssue,
  isPolicyError,
  loadPolicy,
  loadPolicyFromText,
  loadPolicySync,
  PolicyError,
  type PolicyIssue,
  type PolicyIssueCode,
} from '../../src/index.js';

// Line numbers of VALID, for reading the expectations:
//  5 version, 8-9 regions MET and GP, 11 group ALL, 23-24 rounds,
//  26-39 rule 'polls' (29 severity, 31-35 covers, 36 inForce, 37-39 window),
//  40-48 rule 'ads' (per: election; 47 start, 48 end).
const VALID = `policy:
  id: test
  title: Test policy
  jurisdiction: FR
  version: "1"
  notice: Not legal advice.
regions:
  MET: { name: Mainland, zone: Europe/Paris }
  GP: { name: Guadeloupe, zone: America/Guadeloupe }
groups:
  ALL: { name: Everywhere, regions: [MET, GP] }
defaultAudience: [ALL]
categories:
  poll: { description: Opinion polls }
  ad: { description: Political ads }
channels:
  web: { description: Website }
elections:
  - id: pres-2017
    kind: presidential
    title: Presidential 2017
    rounds:
      - { id: t1, date: "2017-04-23", regions: { GP: "2017-04-22" } }
      - { id: t2, date: "2017-05-07", regions: { GP: "2017-05-06" } }
rules:
  - id: polls
    title: Polls
    citation: { text: Law 77-808 }
    severity: block
    covers:
      categories: [poll]
      channels: [web]
      regions: [ALL]
      elections: [pres-2017]
      rounds: [pres-2017-t1]
    inForce: { from: "2016-04-27", until: "2030-01-01" }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
  - id: ads
    title: Political ads
    citation: { text: Art. L52-1 }
    severity: review
    per: election
    covers: { categories: [ad] }
    window:
      start: { kind: monthStart, months: -6, time: "00:00", zone: Europe/Paris, round: first }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris, round: last }
`;

const NAME = 'policy.yaml';

/** VALID (or `text`) with each `[find, replace]` applied; each `find` must occur exactly once. */
function edit(text: string, ...replacements: (readonly [string, string])[]): string {
  let result = text;
  for (const [find, replace] of replacements) {
    const first = result.indexOf(find);
    if (first < 0 || result.indexOf(find, first + 1) >= 0) throw new Error(`test setup: '${find}' must occur exactly once`);
    result = result.slice(0, first) + replace + result.slice(first + find.length);
  }
  return result;
}

/** The PolicyError `load` throws, checked for the invariants every PolicyError keeps. */
function policyErrorOf(load: () => unknown, texts: Readonly<Record<string, string>> = {}): PolicyError {
  let caught: unknown;
  try {
    load();
  } catch (error) {
    caught = error;
  }
  return checkedPolicyError(caught, texts);
}

async function rejectionOf(load: () => Promise<unknown>, texts: Readonly<Record<string, string>> = {}): Promise<PolicyError> {
  let caught: unknown;
  try {
    await load();
  } catch (error) {
    caught = error;
  }
  return checkedPolicyError(caught, texts);
}

function checkedPolicyError(caught: unknown, texts: Readonly<Record<string, string>>): PolicyError {
  expect(caught, 'the policy should have been refused').toBeInstanceOf(PolicyError);
  const error = caught as PolicyError;
  expect(isPolicyError(error)).toBe(true);
  expect(error.name).toBe('PolicyError');
  expect(error.issues.length).toBeGreaterThan(0);
  // The message names the count, then lists every issue, one a line, as file:line:col: message.
  const lines = error.message.split('\n');
  expect(lines[0]).toBe(`Policy has ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}:`);
  expect(lines.slice(1)).toEqual(error.issues.map(formatIssue));
  for (const issue of error.issues) {
    expect(formatIssue(issue)).toBe(issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}: ${issue.message}` : `${issue.file}: ${issue.message}`);
    expect(issue.message.length).toBeGreaterThan(0);
    const text = texts[issue.file];
    if (issue.line > 0 && text !== undefined) expectExcerpt(issue, text);
    if (issue.line === 0) expect(issue.excerpt).toBe('');
  }
  return error;
}

/** The excerpt shows the offending line of `text`, and a caret under the issue's column. */
function expectExcerpt(issue: PolicyIssue, text: string): void {
  const sourceLine = text.split('\n')[issue.line - 1];
  expect(sourceLine, `line ${issue.line} exists in ${issue.file}`).toBeDefined();
  const [shown, caret, ...rest] = issue.excerpt.split('\n');
  expect(rest).toEqual([]);
  expect(shown).toContain(String(issue.line));
  expect(shown!.endsWith(sourceLine!)).toBe(true);
  const textStart = shown!.length - sourceLine!.length;
  expect(caret!.trimEnd().endsWith('^')).toBe(true);
  expect(caret!.indexOf('^')).toBe(textStart + issue.column - 1);
  expect(caret!.slice(0, textStart)).toMatch(/^[ |]*$/);
}

/** The error of loading `text` as NAME (with `files` to extend). */
function problemsOf(text: string, files: Readonly<Record<string, string>> = {}, name = NAME): PolicyError {
  return policyErrorOf(() => loadPolicyFromText(text, { name, files }), { [name]: text, ...files });
}

function issue(code: PolicyIssueCode, line: number, column: number, message: RegExp, file = NAME) {
  return expect.objectContaining({ file, code, line, column, message: expect.stringMatching(message) });
}

/** Exactly these issues, in any order. */
function expectIssues(error: PolicyError, expected: unknown[]): void {
  expect(error.issues).toHaveLength(expected.length);
  expect(error.issues).toEqual(expect.arrayContaining(expected));
}

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'blackout-policy-errors-'));
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('the starting point', () => {
  it('is a valid policy that loads', () => {
    const policy = loadPolicyFromText(VALID, { name: NAME });
    expect(policy.regions.map((region) => region.code)).toEqual(['MET', 'GP']);
    expect(policy.rules.map((rule) => rule.id)).toEqual(['polls', 'ads']);
    expect(policy.windows.length).toBeGreaterThan(0);
  });

  it('the excerpt check itself reads the caret right', () => {
    const error = problemsOf(edit(VALID, ['severity: block', 'severity: blocker']));
    expect(error.issues[0]!.excerpt).toContain('    severity: blocker');
    expect(error.issues[0]!.excerpt.split('\n')[1]).toMatch(/\^$/);
  });
});

describe('shape errors (schema)', () => {
  it('an unknown key, at the key', () => {
    const text = edit(VALID, ['    severity: block\n', '    severity: block\n    colour: red\n']);
    expectIssues(problemsOf(text), [issue('schema', 30, 5, /unknown key 'colour'/)]);
  });

  it('a misspelt key, with the key it was surely meant as, in a rule, a region, at the top', () => {
    const text = edit(VALID, ['    covers:\n      categories: [poll]', '    cover:\n      categories: [poll]'], ['  MET: { name: Mainland, zone: Europe/Paris }', '  MET: { name: Mainland, Zone: Europe/Paris }'], ['channels:\n', 'chanels:\n']);
    const messages = problemsOf(text).issues.map((found) => found.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown key 'cover' \(did you mean 'covers'\?\)/),
        expect.stringMatching(/unknown key 'Zone' \(did you mean 'zone'\?\)/),
        expect.stringMatching(/unknown key 'chanels' \(did you mean 'channels'\?\)/),
      ]),
    );
    // A key far from every known one gets no guess.
    expect(problemsOf(edit(VALID, ['    severity: block\n', '    severity: block\n    colour: red\n'])).issues[0]!.message).toMatch(/unknown key 'colour'$/);
  });

  it('a missing required key, at the map that lacks it', () => {
    const text = edit(VALID, ['    citation: { text: Law 77-808 }\n', '']);
    expectIssues(problemsOf(text), [issue('schema', 26, 5, /missing required key 'citation'/)]);
  });

  it('a missing required key in a flow map, at the brace', () => {
    const text = edit(VALID, ['citation: { text: Art. L52-1 }', 'citation: { url: "https://example.org" }']);
    expectIssues(problemsOf(text), [issue('schema', 42, 15, /missing required key 'text'/)]);
  });

  it('a value of the wrong type', () => {
    const text = edit(VALID, ['version: "1"', 'version: 1']);
    expectIssues(problemsOf(text), [issue('schema', 5, 12, /version.*must be string/)]);
  });

  it('a list where a map is expected', () => {
    const text = edit(VALID, ['    rounds:\n      - { id: t1', '    rounds: 3\n    more:\n      - { id: t1']);
    expectIssues(problemsOf(text), [issue('schema', 22, 13, /rounds.*must be array/), issue('schema', 23, 5, /unknown key 'more'/)]);
  });

  it('a value outside its enum (severity: blocker), naming the allowed values', () => {
    const text = edit(VALID, ['severity: block', 'severity: blocker']);
    expectIssues(problemsOf(text), [issue('schema', 29, 15, /severity.*"block", "review"/)]);
  });

  it('a time of 25:00, quoted or not', () => {
    const quoted = edit(VALID, ['days: -1, time: "00:00" }', 'days: -1, time: "25:00" }']);
    expectIssues(problemsOf(quoted), [issue('schema', 38, 55, /time.*"25:00"/)]);
    const plain = edit(VALID, ['days: -1, time: "00:00" }', 'days: -1, time: 25:00 }']);
    expectIssues(problemsOf(plain), [issue('schema', 38, 55, /time.*"25:00"/)]);
  });

  it('reports every shape problem of a file at once', () => {
    const text = edit(
      VALID,
      ['version: "1"', 'version: 1'],
      ['zone: America/Guadeloupe }', 'zone: America/Guadeloupe, colour: red }'],
      ['severity: block', 'severity: blocker'],
      ['days: -1, time: "00:00" }', 'days: -1, time: "25:00" }'],
      ['citation: { text: Art. L52-1 }', 'citation: { url: "https://example.org" }'],
    );
    const error = problemsOf(text);
    expectIssues(error, [
      issue('schema', 5, 12, /must be string/),
      issue('schema', 9, 53, /unknown key 'colour'/),
      issue('schema', 29, 15, /"block", "review"/),
      issue('schema', 38, 55, /"25:00"/),
      issue('schema', 42, 15, /missing required key 'text'/),
    ]);
    expect(error.message).toMatch(/^Policy has 5 problems:\n/);
  });

  it('reports the shape problems of every file of a folder at once', () => {
    const dir = join(folder, 'two-bad-files');
    mkdirSync(dir);
    const first = edit(VALID, ['severity: block', 'severity: blocker']);
    const second = 'rules: 3\ncolour: red\n';
    writeFileSync(join(dir, 'a.yaml'), first);
    writeFileSync(join(dir, 'b.yaml'), second);
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    const error = policyErrorOf(() => loadPolicySync(dir), { [a]: first, [b]: second });
    expectIssues(error, [
      issue('schema', 29, 15, /"block", "review"/, a),
      issue('schema', 1, 8, /rules.*must be array/, b),
      issue('schema', 2, 1, /unknown key 'colour'/, b),
    ]);
  });
});

describe('meaning errors (semantic)', () => {
  it('an unknown IANA zone in a region', () => {
    const text = edit(VALID, ['zone: America/Guadeloupe', 'zone: America/Atlantis']);
    expectIssues(problemsOf(text), [issue('semantic', 9, 33, /unknown time zone 'America\/Atlantis'/)]);
  });

  it('an unknown IANA zone in an anchor', () => {
    const text = edit(VALID, ['time: "20:00", zone: Europe/Paris }\n  - id: ads', 'time: "20:00", zone: Mars/Olympus }\n  - id: ads']);
    expectIssues(problemsOf(text), [issue('semantic', 39, 61, /unknown time zone 'Mars\/Olympus'/)]);
    const start = edit(VALID, ['days: -1, time: "00:00" }', 'days: -1, time: "00:00", zone: Europe/Nowhere }']);
    expectIssues(problemsOf(start), [issue('semantic', 38, 70, /unknown time zone 'Europe\/Nowhere'/)]);
  });

  it('a window that ends before it starts, at the window, naming both instants', () => {
    const text = edit(VALID, ['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }\n', 'end: { kind: votingDay, days: -2, time: "20:00", zone: Europe/Paris }\n']);
    expectIssues(problemsOf(text), [
      issue('semantic', 38, 7, /ends \(2017-04-21T18:00:00\.000Z\) before it starts \(2017-04-21T22:00:00\.000Z\).*MET.*pres-2017-t1/),
    ]);
  });

  it('a window that ends when it starts', () => {
    const text = edit(VALID, ['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }\n', 'end: { kind: regionVotingDay, days: -1, time: "00:00" }\n']);
    expectIssues(problemsOf(text), [issue('semantic', 38, 7, /ends \(2017-04-21T22:00:00\.000Z\) when it starts/)]);
  });

  it('a rule naming an unknown category, channel, region, election and round: each at its list item, all at once', () => {
    const text = edit(
      VALID,
      ['categories: [poll]', 'categories: [pol]'],
      ['channels: [web]', 'channels: [tv]'],
      ['regions: [ALL]', 'regions: [XX]'],
      ['elections: [pres-2017]', 'elections: [pres-2018]'],
      ['rounds: [pres-2017-t1]', 'rounds: [pres-2017-t3]'],
    );
    expectIssues(problemsOf(text), [
      issue('semantic', 31, 20, /unknown category 'pol'/),
      issue('semantic', 32, 18, /unknown channel 'tv'/),
      issue('semantic', 33, 17, /unknown region or group 'XX'/),
      issue('semantic', 34, 19, /unknown election 'pres-2018'/),
      issue('semantic', 35, 16, /unknown election round 'pres-2017-t3'/),
    ]);
  });

  it('an election kind one typo from an election\'s, which would leave the rule without a window; a kind no election has yet is fine', () => {
    const covers = '    covers: { categories: [ad], electionKinds: [presidentail] }';
    const text = edit(VALID, ['    covers: { categories: [ad] }', covers]);
    expectIssues(problemsOf(text), [issue('semantic', 45, covers.indexOf('presidentail') + 1, /no election of the policy is of kind 'presidentail': did you mean 'presidential'\?/)]);
    // A code's rules come before the calendars of its elections: a kind unlike any election's is no typo.
    expect(loadPolicyFromText(edit(VALID, ['    covers: { categories: [ad] }', '    covers: { categories: [ad], electionKinds: [presidential, referendum] }']), { name: NAME }).rules).toHaveLength(2);
  });

  it('a file of several YAML documents, said in a policy author’s words rather than the parser’s API', () => {
    const error = problemsOf(`${VALID}---\nrules: []\n`);
    expect(error.issues).toEqual([expect.objectContaining({ file: NAME, code: 'yaml', message: expect.stringMatching(/^a policy file holds one YAML document, and this one holds several \(a --- line starts another\)/) })]);
    expect(error.message).not.toContain('parseAllDocuments');
  });

  it('a misspelt placeholder in a rule message, which every reader would see as written', () => {
    const line = '    message: { en: "Polls are banned {windw}.", fr: "Sondages interdits {window} ({region})." }';
    const text = edit(VALID, ['    title: Polls\n', `    title: Polls\n${line}\n`]);
    expectIssues(problemsOf(text), [issue('semantic', 28, line.indexOf('"Polls') + 1, /unknown placeholder \{windw\} in the message; a message may use \{title\}, \{window\}, \{region\}/)]);
  });

  it('rules without a single election (their file left out of the folder, or named otherwise): the policy would forbid nothing', () => {
    const start = VALID.indexOf('elections:\n');
    const withoutElections = edit(VALID.slice(0, start) + VALID.slice(VALID.indexOf('rules:\n')), ['      elections: [pres-2017]\n', ''], ['      rounds: [pres-2017-t1]\n', '']);
    const error = problemsOf(withoutElections);
    expect(error.issues).toEqual([expect.objectContaining({ file: NAME, code: 'semantic', message: expect.stringMatching(/^the policy has rules but no election, so it would forbid nothing; put the elections in a \.yaml or \.yml file/) })]);
  });

  it('an inverted window is still reported when another rule has a problem of its own', () => {
    const text = edit(
      VALID,
      ['categories: [poll]', 'categories: [pol]'],
      ['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris, round: last }', 'end: { kind: votingDay, days: -300, time: "20:00", zone: Europe/Paris, round: last }'],
    );
    expectIssues(problemsOf(text), [
      issue('semantic', 31, 20, /unknown category 'pol'/),
      issue('semantic', 47, 7, /ends \(2016-07-11T18:00:00\.000Z\) before it starts \(2016-09-30T22:00:00\.000Z\).*MET.*pres-2017$/),
    ]);
  });

  it('two rules with backwards windows: each gets its own issue, at its own window', () => {
    const text = edit(
      VALID,
      ['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }\n', 'end: { kind: votingDay, days: -2, time: "20:00", zone: Europe/Paris }\n'],
      ['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris, round: last }', 'end: { kind: votingDay, days: -300, time: "20:00", zone: Europe/Paris, round: last }'],
    );
    expectIssues(problemsOf(text), [
      issue('semantic', 38, 7, /ends \(2017-04-21T18:00:00\.000Z\) before it starts \(2017-04-21T22:00:00\.000Z\).*MET.*pres-2017-t1/),
      issue('semantic', 47, 7, /ends \(2016-07-11T18:00:00\.000Z\) before it starts \(2016-09-30T22:00:00\.000Z\).*MET.*pres-2017$/),
    ]);
  });

  it('an unknown name at the second place of a list', () => {
    const text = edit(VALID, ['categories: [poll]', 'categories: [poll, ad, nope]']);
    expectIssues(problemsOf(text), [issue('semantic', 31, 30, /unknown category 'nope'/)]);
  });

  it('a duplicate rule id, at the second one', () => {
    const text = edit(VALID, ['  - id: ads', '  - id: polls']);
    expectIssues(problemsOf(text), [issue('semantic', 40, 9, /rule 'polls' is already defined in policy\.yaml/)]);
  });

  it('a duplicate election id, at the second one', () => {
    const text = edit(VALID, ['rules:\n', '  - id: pres-2017\n    kind: presidential\n    title: Again\n    rounds:\n      - { id: t1, date: "2017-04-23" }\nrules:\n']);
    expectIssues(problemsOf(text), [issue('semantic', 25, 9, /election 'pres-2017' is already defined in policy\.yaml/)]);
  });

  it('per: election with an anchor that does not say round: first or last', () => {
    const text = edit(VALID, [', round: first }', ' }']);
    expectIssues(problemsOf(text), [issue('semantic', 47, 14, /per election.*round: first or last/)]);
    const both = edit(VALID, [', round: first }', ' }'], [', round: last }', ' }']);
    expectIssues(problemsOf(both), [issue('semantic', 47, 14, /round: first or last/), issue('semantic', 48, 12, /round: first or last/)]);
    const explicitThis = edit(VALID, [', round: first }', ', round: this }']);
    expectIssues(problemsOf(explicitThis), [issue('semantic', 47, 14, /round: first or last/)]);
  });

  it('a group naming an unknown region', () => {
    const text = edit(VALID, ['regions: [MET, GP]', 'regions: [MET, GX]']);
    expectIssues(problemsOf(text), [issue('semantic', 11, 43, /unknown region 'GX'/)]);
  });

  it('inForce.until before inForce.from', () => {
    const text = edit(VALID, ['until: "2030-01-01"', 'until: "2015-01-01"']);
    expectIssues(problemsOf(text), [issue('semantic', 36, 14, /until is before .*from/)]);
  });

  it('an impossible calendar date (2017-02-30) in a round, a region vote and inForce', () => {
    expectIssues(problemsOf(edit(VALID, ['date: "2017-04-23"', 'date: "2017-02-30"'])), [issue('semantic', 23, 25, /'2017-02-30' is not a calendar date/)]);
    expectIssues(problemsOf(edit(VALID, ['GP: "2017-04-22"', 'GP: "2017-02-30"'])), [issue('semantic', 23, 54, /'2017-02-30' is not a calendar date/)]);
    expectIssues(problemsOf(edit(VALID, ['from: "2016-04-27"', 'from: "2017-02-30"'])), [issue('semantic', 36, 22, /'2017-02-30' is not a calendar date/)]);
  });

  it('reports every meaning problem of a policy at once', () => {
    const text = edit(
      VALID,
      ['zone: America/Guadeloupe', 'zone: America/Atlantis'],
      ['regions: [MET, GP]', 'regions: [MET, GX]'],
      ['date: "2017-04-23"', 'date: "2017-02-30"'],
      ['categories: [poll]', 'categories: [pol]'],
      ['channels: [web]', 'channels: [tv]'],
      ['until: "2030-01-01"', 'until: "2015-01-01"'],
      ['time: "20:00", zone: Europe/Paris }\n  - id: ads', 'time: "20:00", zone: Mars/Olympus }\n  - id: ads'],
      [', round: first }', ' }'],
    );
    const error = problemsOf(text);
    expectIssues(error, [
      issue('semantic', 9, 33, /unknown time zone 'America\/Atlantis'/),
      issue('semantic', 11, 43, /unknown region 'GX'/),
      issue('semantic', 23, 25, /'2017-02-30' is not a calendar date/),
      issue('semantic', 31, 20, /unknown category 'pol'/),
      issue('semantic', 32, 18, /unknown channel 'tv'/),
      issue('semantic', 36, 14, /until is before/),
      issue('semantic', 39, 61, /unknown time zone 'Mars\/Olympus'/),
      issue('semantic', 47, 14, /round: first or last/),
    ]);
    for (const found of error.issues) expect(error.message).toContain(`${NAME}:${found.line}:${found.column}: ${found.message}`);
  });
});

describe('errors across files', () => {
  const CHILD = `extends: ./base.yaml
regions:
  MET: { name: Again, zone: Europe/Paris }
categories:
  poll: { description: Polls again }
`;

  it('a region (and a category) defined in two files, at the second definition, naming the first file', () => {
    const error = problemsOf(CHILD, { 'pol/base.yaml': VALID }, 'pol/child.yaml');
    expectIssues(error, [
      issue('semantic', 3, 3, /region 'MET' is already defined in pol\/base\.yaml/, 'pol/child.yaml'),
      issue('semantic', 5, 3, /category 'poll' is already defined in pol\/base\.yaml/, 'pol/child.yaml'),
    ]);
  });

  it('a region defined in two files of a folder', () => {
    const dir = join(folder, 'duplicate-region');
    mkdirSync(dir);
    const second = 'regions:\n  MET: { name: Twice, zone: Europe/Paris }\n';
    writeFileSync(join(dir, 'a.yaml'), VALID);
    writeFileSync(join(dir, 'b.yaml'), second);
    const b = join(dir, 'b.yaml');
    const error = policyErrorOf(() => loadPolicySync(dir), { [b]: second });
    expectIssues(error, [issue('semantic', 2, 3, /region 'MET' is already defined in .*a\.yaml/, b)]);
  });

  it('an extends cycle, at the extends that closes it', () => {
    const error = problemsOf('extends: b.yaml\n', { 'b.yaml': 'extends: c.yaml\n', 'c.yaml': '# c closes the loop\nextends: [policy.yaml]\n' });
    expectIssues(error, [issue('semantic', 2, 11, /policy\.yaml.*cycle/, 'c.yaml')]);
  });

  it('a file that extends itself', () => {
    expectIssues(problemsOf('# me again\nextends: ./policy.yaml\n'), [issue('semantic', 2, 10, /policy\.yaml.*cycle/)]);
  });

  it('an extends cycle between files on disk', () => {
    const dir = join(folder, 'cycle');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), 'extends: b.yaml\n');
    writeFileSync(join(dir, 'b.yaml'), '\nextends: ./a.yaml\n');
    const b = join(dir, 'b.yaml');
    const error = policyErrorOf(() => loadPolicySync(join(dir, 'a.yaml')), { [b]: '\nextends: ./a.yaml\n' });
    expectIssues(error, [issue('semantic', 2, 10, /a\.yaml.*cycle/, b)]);
  });

  it('extends to a missing file: an io error at the extends line, naming the file', () => {
    expectIssues(problemsOf('# base is missing\nextends: ./base.yaml\n'), [issue('io', 2, 10, /cannot read 'base\.yaml'.*no such file/)]);
    const list = '# one of two is missing\nextends:\n  - ./base.yaml\n  - ./nope.yaml\n';
    expectIssues(problemsOf(list, { 'base.yaml': VALID }), [issue('io', 4, 5, /cannot read 'nope\.yaml'/)]);
  });

  it('a file that fails the schema still has its extends read: its issues and its parent\'s are reported together', () => {
    const files = { 'b.yaml': 'a: [\n' };
    const error = problemsOf('extends: b.yaml\npolicy: { id: X }\n', files, 'p.yaml');
    expectIssues(error, [
      issue('schema', 2, 9, /^policy: missing required key 'title'; missing required key 'jurisdiction'; missing required key 'version'; missing required key 'notice'$/, 'p.yaml'),
      issue('schema', 2, 15, /^policy\.id: "X" does not have the expected form/, 'p.yaml'),
      issue('yaml', 2, 1, /Flow sequence/, 'b.yaml'),
    ]);
  });

  it('a missing parent of a file that fails the schema: an io error at the extends line', () => {
    expectIssues(problemsOf('policy: { id: X }\nextends: missing.yaml\n', {}, 'p.yaml'), [
      issue('schema', 1, 9, /^policy: missing required key 'title'/, 'p.yaml'),
      issue('schema', 1, 15, /^policy\.id: "X" does not have the expected form/, 'p.yaml'),
      issue('io', 2, 10, /cannot read 'missing\.yaml': no such file/, 'p.yaml'),
    ]);
  });

  it('problems all along a chain of broken files: each file\'s own, and a missing grandparent at its list item', () => {
    const files = { 'b.yaml': '# b\nextends:\n  - c.yaml\n  - gone.yaml\nrules: 3\n', 'c.yaml': VALID };
    expectIssues(problemsOf('extends: b.yaml\ncolour: red\n', files, 'p.yaml'), [
      issue('schema', 2, 1, /unknown key 'colour'/, 'p.yaml'),
      issue('schema', 5, 8, /rules.*must be array/, 'b.yaml'),
      issue('io', 4, 5, /cannot read 'gone\.yaml': no such file/, 'b.yaml'),
    ]);
  });

  it('extends to a missing file on disk', async () => {
    const dir = join(folder, 'missing-parent');
    mkdirSync(dir);
    const text = 'regions:\n  RE: { name: Réunion, zone: Indian/Reunion }\nextends: ../elsewhere/base.yaml\n';
    writeFileSync(join(dir, 'child.yaml'), text);
    const child = join(dir, 'child.yaml');
    const error = await rejectionOf(() => loadPolicy(child), { [child]: text });
    expectIssues(error, [issue('io', 3, 10, /cannot read '.*elsewhere\/base\.yaml'.*no such file/, child)]);
  });
});

describe('errors without a place in a file', () => {
  it('a folder with no YAML file', async () => {
    const dir = join(folder, 'no-yaml');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), '# not a policy\n');
    writeFileSync(join(dir, 'policy.json'), '{}\n');
    const expected = [{ file: dir, line: 0, column: 0, code: 'io', message: expect.stringMatching(/no \.yaml/), fr: 'le dossier ne contient aucun fichier de politique .yaml', excerpt: '' }];
    expect((await rejectionOf(() => loadPolicy(dir))).issues).toEqual(expected);
    expect(policyErrorOf(() => loadPolicySync(dir)).issues).toEqual(expected);
  });

  it('an empty folder', async () => {
    const dir = join(folder, 'empty');
    mkdirSync(dir);
    expect((await rejectionOf(() => loadPolicy(dir))).issues).toEqual([expect.objectContaining({ file: dir, line: 0, code: 'io' })]);
  });

  it('a path that does not exist, as a file or as a folder', async () => {
    for (const path of [join(folder, 'nope.yaml'), join(folder, 'nope', 'deeper')]) {
      const expected = [{ file: path, line: 0, column: 0, code: 'io', message: expect.stringMatching(/no such file/), fr: 'impossible de lire la politique : fichier ou dossier introuvable', excerpt: '' }];
      const error = await rejectionOf(() => loadPolicy(path));
      expect(error.issues).toEqual(expected);
      expect(error.message).toBe(`Policy has 1 problem:\n${path}: ${error.issues[0]!.message}`);
      expect(policyErrorOf(() => loadPolicySync(path)).issues).toEqual(expected);
    }
  });
});
