import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/report/index.js';
import { INPUT_PROBLEM_NOTIFICATION, INVALID_RECORD_RULE, SKIPPED_NOTIFICATION } from '../../../src/report/ci/sarif.js';
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { loadPolicyFromText } from '../../../src/index.js';
import { localize } from '../../../src/policy/text.js';
import { PROJECT_URL } from '../../../src/report/ci/sarif.js';
import { syntheticPolicy } from '../../helpers/policies.js';
import { validateSarif as validate } from './sarif-schema.js';
import { checked, context, HOSTILE_ID, notesOf, records, unread } from '../verdicts.js';

interface Notification {
  descriptor: { id: string; index: number };
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }[];
  properties: Record<string, unknown>;
}

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        fullName?: string;
        informationUri?: string;
        rules: { id: string; helpUri?: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[];
        notifications: { id: string; defaultConfiguration: { level: string } }[];
      };
    };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: Notification[]; properties: Record<string, number> }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations: { name: string }[] }[];
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
    }[];
  }[];
}

function sarifOf(text: string): SarifLog {
  const log = JSON.parse(text);
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  return log;
}

describe('sarif format', () => {
  it('is a SARIF 2.1.0 log valid against the official schema, hostile input included', async () => {
    const { policy, report } = await checked([records.blocked, records.review, records.detected, records.invalid, records.hostile, records.allowed], {
      sources: [
        { file: 'drafts/a b#c.ndjson', index: 0, line: 1 },
        { file: 'drafts/a b#c.ndjson', index: 1, line: 2 },
        { file: '<stdin>', index: 0 },
        { file: '/abs/path/x.json', index: 0 },
        { file: 'windows\\dir\\y.json', index: 3 },
        undefined,
      ],
    });
    const log = sarifOf(formatReport('sarif', report, context(policy, { toolVersion: '1.2.3' })));
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run!.tool.driver).toMatchObject({ name: 'blackout', version: '1.2.3' });
    expect(run!.results.map((result) => [result.ruleId, result.level])).toEqual([
      ['fr.loi77-808.art11.polls', 'error'],
      ['fr.cnccep.2017-05-macronleaks', 'warning'],
      ['fr.loi77-808.art11.polls', 'warning'],
      [INVALID_RECORD_RULE, 'error'],
      ['fr.l49.propaganda', 'error'],
      // No channel given: the checker assumes it could be print too.
      ['fr.l49.printed-propaganda', 'error'],
    ]);
    expect(run!.results.map((result) => result.locations[0]!.physicalLocation)).toEqual([
      { artifactLocation: { uri: 'drafts/a%20b%23c.ndjson' }, region: { startLine: 1 } },
      { artifactLocation: { uri: 'drafts/a%20b%23c.ndjson' }, region: { startLine: 2 } },
      undefined,
      { artifactLocation: { uri: 'file:///abs/path/x.json' } },
      { artifactLocation: { uri: 'windows/dir/y.json' } },
      { artifactLocation: { uri: 'windows/dir/y.json' } },
    ]);
    expect(run!.results.map((result) => result.locations[0]!.logicalLocations[0]!.name)).toEqual(['poll', 'leak', 'detected', 'bad', HOSTILE_ID, HOSTILE_ID]);
  });

  it('lists every policy rule with its citation as help, and points each result at its rule', async () => {
    const { policy, report } = await checked([records.blocked, records.invalid]);
    const [run] = sarifOf(formatReport('sarif', report, context(policy))).runs;
    const { rules } = run!.tool.driver;
    expect(rules.map((rule) => rule.id)).toEqual([...policy.rules.map((rule) => rule.id), INVALID_RECORD_RULE]);
    const polls = rules.find((rule) => rule.id === 'fr.loi77-808.art11.polls')!;
    const info = policy.rules.find((rule) => rule.id === 'fr.loi77-808.art11.polls')!;
    expect(polls).toMatchObject({ helpUri: info.citation.url, defaultConfiguration: { level: 'error' } });
    expect(polls.help.text).toContain(info.citation.text);
    expect(polls.help.markdown).toContain(`](${info.citation.url})`);
    for (const result of run!.results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('writes the message, the earliest allowed time and the window in each result', async () => {
    const { policy, report } = await checked([records.blocked]);
    const [result] = sarifOf(formatReport('sarif', report, context(policy))).runs[0]!.results;
    expect(result!.message.text).toBe(
      'poll: No poll about the election may be published, broadcast or commented on from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris). (may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC))',
    );
    expect(result!.properties).toMatchObject({
      recordId: 'poll',
      election: 'fr-presidentielle-2017-t2',
      window: { start: '2017-05-05T22:00:00.000Z', end: '2017-05-07T18:00:00.000Z' },
      earliestAllowedAt: '2017-05-07T18:00:00.000Z',
    });
  });

  it('keeps fingerprints across runs at other instants and in other orders, and tells records apart', async () => {
    const first = await checked([records.blocked, records.hostile]);
    const later = { ...records.blocked, publishedAt: '2017-05-07T19:00:00+02:00' };
    const second = await checked([records.hostile, later], { sources: [{ file: 'drafts.json', index: 0 }, { file: 'drafts.json', index: 1 }] });
    const prints = (log: SarifLog) => new Map(log.runs[0]!.results.map((result) => [result.properties.recordId, result.partialFingerprints]));
    const a = prints(sarifOf(formatReport('sarif', first.report, context(first.policy))));
    const b = prints(sarifOf(formatReport('sarif', second.report, context(second.policy))));
    expect(a.get('poll')).toEqual(b.get('poll'));
    expect(a.get(HOSTILE_ID)).toEqual(b.get(HOSTILE_ID));
    expect(a.get('poll')).not.toEqual(a.get(HOSTILE_ID));
    expect(Object.values(a.get('poll')!)[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is checked by a schema that bites: a wrong level or a missing message is refused', async () => {
    const { policy, report } = await checked([records.blocked]);
    const log = JSON.parse(formatReport('sarif', report, context(policy)));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    log.runs[0].results[0].level = 'error';
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it('is valid with no results, and says the run read every input', async () => {
    const { policy, report } = await checked([records.allowed]);
    const [run] = sarifOf(formatReport('sarif', report, context(policy))).runs;
    expect(run!.results).toEqual([]);
    expect(run!.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [], properties: { inputProblems: 0, skipped: 0 } }]);
  });

  it('points each result at the line and column where its record starts', async () => {
    const { policy, report } = await checked([records.blocked, records.invalid], {
      sources: [{ file: 'export.json', index: 0, line: 2, column: 3 }, { file: 'export.json', index: 1, line: 2, column: 80 }],
    });
    const [run] = sarifOf(formatReport('sarif', report, context(policy))).runs;
    expect(run!.results.map((result) => result.locations[0]!.physicalLocation!.region)).toEqual([
      { startLine: 2, startColumn: 3 },
      { startLine: 2, startColumn: 80 },
    ]);
  });

  it('marks the run unsuccessful when input was not read, with a located error notification per problem and a note per skipped item', async () => {
    const { policy, results } = await checked([records.blocked]);
    const inputs = notesOf([unread.badLine, unread.org, unread.missing, unread.yaml, unread.stdin, unread.draft]);
    const [run] = sarifOf(formatReport('sarif', { policy, results, inputs }, context(policy))).runs;
    expect(run!.results).toHaveLength(1);
    const { notifications } = run!.tool.driver;
    expect(notifications.map((descriptor) => [descriptor.id, descriptor.defaultConfiguration.level])).toEqual([
      [INPUT_PROBLEM_NOTIFICATION, 'error'],
      [SKIPPED_NOTIFICATION, 'note'],
    ]);
    const [invocation] = run!.invocations;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.properties).toEqual({ inputProblems: 4, skipped: 2 });
    const told = invocation!.toolExecutionNotifications;
    // Problems first, in input order, then skipped items; each descriptor points at its entry in tool.driver.notifications.
    for (const notification of told) expect(notifications[notification.descriptor.index]!.id).toBe(notification.descriptor.id);
    expect(told.map((notification) => [notification.level, notification.descriptor.id, notification.locations?.[0]?.physicalLocation, notification.properties])).toEqual([
      ['error', INPUT_PROBLEM_NOTIFICATION, { artifactLocation: { uri: 'feed.ndjson' }, region: { startLine: 4 } }, { fatal: false }],
      ['error', INPUT_PROBLEM_NOTIFICATION, { artifactLocation: { uri: 'missing.json' } }, { fatal: true }],
      ['error', INPUT_PROBLEM_NOTIFICATION, { artifactLocation: { uri: 'desk.yaml' }, region: { startLine: 5, startColumn: 3 } }, { fatal: false }],
      // Standard input is no artifact: the place is in the message only.
      ['error', INPUT_PROBLEM_NOTIFICATION, undefined, { fatal: false }],
      ['note', SKIPPED_NOTIFICATION, { artifactLocation: { uri: 'content/notes.org' } }, { reason: 'unsupported-kind' }],
      ['note', SKIPPED_NOTIFICATION, { artifactLocation: { uri: 'content/posts/draft.md' }, region: { startLine: 1 } }, { reason: 'draft' }],
    ]);
    expect(told.map((notification) => notification.message.text)).toEqual([
      "feed.ndjson:4: not valid JSON: Unexpected token 'b'",
      'missing.json: no such file',
      'desk.yaml:5:3: not valid YAML: bad indentation',
      '<stdin>:3: longer than 1 MiB, the limit for one record; skipped',
      'content/notes.org: a kind of file not read (.org)',
      'content/posts/draft.md:1: a draft (draft: true): not a publication',
    ]);
  });

  it('stays successful with skipped items alone, and tells how many notifications a list left out', async () => {
    const { policy, results } = await checked([records.allowed]);
    const skippedOnly = sarifOf(formatReport('sarif', { policy, results, inputs: notesOf([unread.draft]) }, context(policy))).runs[0]!.invocations[0]!;
    expect(skippedOnly.executionSuccessful).toBe(true);
    const many = Array.from({ length: 5 }, (_, n) => ({ ...unread.badLine, source: { file: 'feed.ndjson', index: n, line: n + 1 } }));
    const [invocation] = sarifOf(formatReport('sarif', { policy, results, inputs: notesOf([...many, unread.org, unread.adoc, unread.draft], 2) }, context(policy, { lang: 'fr' }))).runs[0]!.invocations;
    expect(invocation!.toolExecutionNotifications.map((notification) => [notification.level, notification.properties])).toEqual([
      ['error', { fatal: false }],
      ['error', { fatal: false }],
      ['error', { notListed: 3 }],
      ['note', { reason: 'unsupported-kind' }],
      ['note', { reason: 'unsupported-kind' }],
      ['note', { notListed: 1 }],
    ]);
    expect(invocation!.toolExecutionNotifications[2]!.message.text).toMatch(/^3 autres problèmes de lecture, non listés/);
  });

  it('describes every rule in full, with help in text and Markdown, as GitHub code scanning requires (GH2012)', async () => {
    const { policy, report } = await checked([records.blocked, records.invalid]);
    const [run] = sarifOf(formatReport('sarif', report, context(policy, { toolVersion: '1.2.3' }))).runs;
    const { driver } = run!.tool;
    expect(driver).toMatchObject({ name: 'blackout', fullName: 'blackout 1.2.3', informationUri: PROJECT_URL });
    for (const rule of driver.rules) {
      expect([rule.id, rule.shortDescription.text.trim() !== '', rule.fullDescription.text.trim() !== '', rule.help.text.trim() !== '', rule.help.markdown.trim() !== '']).toEqual([rule.id, true, true, true, true]);
    }
    for (const info of policy.rules) {
      const rule = driver.rules.find((candidate) => candidate.id === info.id)!;
      expect(rule.helpUri).toBe(info.citation.url);
      expect(rule.fullDescription.text.startsWith(`${localize(info.title, 'en')} (${info.citation.text}).`)).toBe(true);
    }
    const propaganda = driver.rules.find((rule) => rule.id === 'fr.l49.propaganda')!;
    const md = new MarkdownIt();
    const html = md.render(propaganda.help.markdown);
    expect(html).toContain('<a href="https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070239/LEGISCTA000006148458/2020-06-29/">Code électoral, art. L49, al. 2</a>');
    expect(html).toContain('<strong>Penalty</strong>: €3,750 fine');
    expect(propaganda.help.text).toContain('Do not publish it while the window holds');
    const review = driver.rules.find((rule) => rule.id === 'fr.cnccep.2017-05-macronleaks')!;
    expect(review.help.text).toContain('A person decides');
    const invalid = driver.rules.find((rule) => rule.id === INVALID_RECORD_RULE)!;
    expect(invalid.fullDescription.text).toMatch(/never taken as allowed/);
  });

  it('names the project’s home page as package.json does', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { homepage?: string };
    expect(manifest.homepage).toBe(PROJECT_URL);
  });

  it('writes review results at error level with failOn review, as junit and github fail them', async () => {
    const { policy, report } = await checked([records.blocked, records.review, records.detected]);
    const levels = (failOn: 'block' | 'review') => sarifOf(formatReport('sarif', report, context(policy, { failOn }))).runs[0]!.results.map((result) => [result.ruleId, result.level]);
    expect(levels('block')).toEqual([
      ['fr.loi77-808.art11.polls', 'error'],
      ['fr.cnccep.2017-05-macronleaks', 'warning'],
      ['fr.loi77-808.art11.polls', 'warning'],
    ]);
    expect(levels('review')).toEqual([
      ['fr.loi77-808.art11.polls', 'error'],
      ['fr.cnccep.2017-05-macronleaks', 'error'],
      ['fr.loi77-808.art11.polls', 'error'],
    ]);
  });

  it('escapes a policy’s own text in the help’s Markdown: a policy file is input too', async () => {
    const hostile = '**x** <img src=x onerror=alert(1)> [y](javascript:alert(1)) `z` |';
    const text = syntheticPolicy({
      regions: { 'FR-MET': 'Europe/Paris' },
      elections: '  - id: e2017\n    kind: presidential\n    title: Test\n    rounds: [{ id: t2, date: 2017-05-07 }]',
      rules: `  - id: polls\n    title: ${JSON.stringify(hostile)}\n    citation: { text: ${JSON.stringify(hostile)}, url: "https://example.org/a(b)<c>" }\n    severity: block\n    penalty: ${JSON.stringify(hostile)}\n    note: ${JSON.stringify(hostile)}\n    covers: { categories: [poll] }\n    window:\n      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }\n      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`,
    });
    const policy = await loadPolicyFromText(text);
    const [rule] = sarifOf(formatReport('sarif', { policy, results: [] }, context(policy))).runs[0]!.tool.driver.rules;
    const html = new MarkdownIt().render(rule!.help.markdown);
    // One link, the citation's, its URL encoded; no image, no code, no emphasis other than the labels'.
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('href="https://example.org/a%28b%29%3Cc%3E"');
    expect(html).not.toMatch(/<(img|code|em)\b|javascript:alert\(1\)"/);
    // The title and the labels Covers, Penalty and Note.
    expect(html.match(/<strong>/g)).toHaveLength(4);
  });
});
