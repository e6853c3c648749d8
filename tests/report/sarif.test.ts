import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { INVALID_RECORD_RULE } from '../../src/report/sarif.js';
import { checked, context, HOSTILE_ID, records } from './verdicts.js';

// The official SARIF 2.1.0 schema (rtm.5, the OASIS standard's), as shipped by Microsoft's sarif-js-sdk.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const { id, $schema: _draft, ...schemaBody } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// The schema is draft-04, whose only difference that it uses is `id` for `$id`; ajv 8 reads the rest as is.
// Its language pattern has a stray `]` that only non-unicode regular expressions accept.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addFormat('uri', (value) => URL.canParse(value));
ajv.addFormat('uri-reference', (value) => URL.canParse(value, 'file:///base/'));
ajv.addFormat('date-time', (value) => !Number.isNaN(Date.parse(value)));
const validate = ajv.compile({ ...schemaBody, $id: String(id) });

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; rules: { id: string; helpUri?: string; help: { text: string }; defaultConfiguration: { level: string } }[] } };
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
    expect(polls).toMatchObject({ help: { text: info.citation.text }, helpUri: info.citation.url, defaultConfiguration: { level: 'error' } });
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

  it('is valid with no results', async () => {
    const { policy, report } = await checked([records.allowed]);
    expect(sarifOf(formatReport('sarif', report, context(policy))).runs[0]!.results).toEqual([]);
  });
});
