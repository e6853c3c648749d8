import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createChecker, isPolicyError, loadPolicyFromText, type CompiledPolicy } from '../../src/index.js';
import { syntheticPolicy } from '../helpers/policies.js';

/** A local wall time as epoch ms, computed by luxon apart from the engine. */
const ms = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toMillis();

const rule = (id: string, start: string, end: string, covers = '{ categories: [propaganda] }') => `  - id: ${id}
    title: ${id}
    citation: { text: ${id} }
    severity: block
    covers: ${covers}
    window:
      start: ${start}
      end: ${end}`;

function policy(regions: Record<string, string>, elections: string, rules: string[], extra = ''): CompiledPolicy {
  const text = syntheticPolicy({ regions, elections, rules: rules.join('\n') });
  // Standing closing times go on the regions, written after the helper's one-line definitions.
  return loadPolicyFromText(extra === '' ? text : text.replace(/^regions:\n/m, `regions:\n${extra}`), { name: 'test.yaml' });
}

/** The windows of one rule, by region code, as [start, end] epoch ms. */
function windowsOf(compiled: CompiledPolicy, ruleId: string): Record<string, [number, number][]> {
  const found: Record<string, [number, number][]> = {};
  for (const window of compiled.windows) {
    if (window.rule.id !== ruleId) continue;
    (found[compiled.regions[window.region]!.code] ??= []).push([window.startMs, window.endMs]);
  }
  return found;
}

describe('closing times and the anchors that count from them', () => {
  it('ends a region’s silence at its own close, from the vote’s, the region’s or the round’s closing time', () => {
    const compiled = policy(
      { PARIS: 'Europe/Paris', TAHITI: 'Pacific/Tahiti', NOUMEA: 'Pacific/Noumea' },
      `  - id: leg
    kind: legislative
    title: Test
    rounds:
      - id: t1
        date: "2022-06-12"
        closes: "20:00"
        regions:
          TAHITI: { date: "2022-06-04", closes: "19:00" }`,
      [rule('own', '{ kind: regionVotingDay, days: -1, time: "00:00" }', '{ kind: regionClose }')],
    );
    expect(windowsOf(compiled, 'own')).toEqual({
      PARIS: [[ms('2022-06-11T00:00', 'Europe/Paris'), ms('2022-06-12T20:00', 'Europe/Paris')]],
      TAHITI: [[ms('2022-06-03T00:00', 'Pacific/Tahiti'), ms('2022-06-04T19:00', 'Pacific/Tahiti')]],
      NOUMEA: [[ms('2022-06-11T00:00', 'Pacific/Noumea'), ms('2022-06-12T20:00', 'Pacific/Noumea')]],
    });
  });

  it('prefers a region’s standing closing time to the round’s', () => {
    const compiled = policy(
      { PARIS: 'Europe/Paris' },
      `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09", closes: "20:00" }]`,
      [rule('own', '{ kind: regionVotingDay, days: -1, time: "00:00" }', '{ kind: regionClose }')],
      '  OUTRE: { name: Outre, zone: America/Martinique, closes: "18:00" }\n',
    );
    expect(windowsOf(compiled, 'own').OUTRE).toEqual([[ms('2030-06-08T00:00', 'America/Martinique'), ms('2030-06-09T18:00', 'America/Martinique')]]);
  });

  it('ends some hours after the close, and at the last close of all regions, on the last day of a vote over two', () => {
    const compiled = policy(
      { CITY: 'America/Mexico_City', TIJUANA: 'America/Tijuana' },
      `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2024-06-01", days: 2, closes: "18:00" }]`,
      [
        rule('plus3', '{ kind: regionVotingDay, days: -8, time: "00:00" }', '{ kind: regionClose, hours: 3 }'),
        rule('last', '{ kind: regionVotingDay, days: -3, time: "00:00" }', '{ kind: lastClose }'),
      ],
    );
    expect(windowsOf(compiled, 'plus3').CITY).toEqual([[ms('2024-05-24T00:00', 'America/Mexico_City'), ms('2024-06-02T21:00', 'America/Mexico_City')]]);
    const tijuanaClose = ms('2024-06-02T18:00', 'America/Tijuana');
    expect(windowsOf(compiled, 'last')).toEqual({
      CITY: [[ms('2024-05-29T00:00', 'America/Mexico_City'), tijuanaClose]],
      TIJUANA: [[ms('2024-05-29T00:00', 'America/Tijuana'), tijuanaClose]],
    });
    const checker = createChecker(compiled);
    const record = (instant: number) => ({ id: 'r', publishedAt: new Date(instant).toISOString(), categories: ['propaganda'], audience: ['CITY'] });
    expect(checker.check(record(tijuanaClose - 1)).violations.map((violation) => violation.rule)).toEqual(['plus3', 'last']);
    expect(checker.check(record(tijuanaClose)).violations.map((violation) => violation.rule)).toEqual(['plus3']);
  });

  it('gives a region that takes no part in a round no window of its own, but keeps those counted from the main vote', () => {
    const compiled = policy(
      { PARIS: 'Europe/Paris', WALLIS: 'Pacific/Wallis' },
      `  - id: leg
    kind: legislative
    title: Test
    rounds:
      - { id: t1, date: "2017-06-11" }
      - { id: t2, date: "2017-06-18", regions: { WALLIS: none } }`,
      [
        rule('own', '{ kind: regionVotingDay, days: -1, time: "00:00" }', '{ kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }'),
        rule('national', '{ kind: votingDay, days: -1, time: "00:00", zone: region }', '{ kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }', '{ categories: [poll] }'),
      ],
    );
    expect(windowsOf(compiled, 'own').WALLIS).toHaveLength(1);
    expect(windowsOf(compiled, 'own').PARIS).toHaveLength(2);
    expect(windowsOf(compiled, 'national').WALLIS).toHaveLength(2);
    expect(compiled.elections[0]!.rounds[1]!.regionDates).toEqual(['2017-06-18', null]);
  });

  it('refuses an anchor that needs a closing time nobody gave, naming the region and the election', () => {
    let caught: unknown;
    try {
      policy(
        { PARIS: 'Europe/Paris' },
        `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`,
        [rule('own', '{ kind: regionVotingDay, days: -1, time: "00:00" }', '{ kind: regionClose }')],
      );
    } catch (error) {
      caught = error;
    }
    expect(isPolicyError(caught)).toBe(true);
    expect((caught as { issues: { message: string }[] }).issues.map((issue) => issue.message)).toEqual([
      "region PARIS has no closing time in e: give closes on the round, on the region's vote or on the region",
    ]);
  });

  it('counts from the Nth day of a vote over several days, and covers government publishers', () => {
    const compiled = policy(
      { ROMA: 'Europe/Rome' },
      `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2024-06-08", days: 2, closes: "23:00" }]`,
      [
        rule('sunday', '{ kind: regionVotingDay, day: 2, days: -15, time: "00:00" }', '{ kind: regionClose }'),
        rule('institutional', '{ kind: regionVotingDay, days: -30, time: "00:00" }', '{ kind: regionClose }', '{ categories: [propaganda], publisherKinds: [government] }'),
      ],
    );
    expect(windowsOf(compiled, 'sunday').ROMA).toEqual([[ms('2024-05-25T00:00', 'Europe/Rome'), ms('2024-06-09T23:00', 'Europe/Rome')]]);
    const checker = createChecker(compiled);
    const record = (kind: string) => ({ id: 'r', publishedAt: '2024-05-20T10:00:00+02:00', categories: ['propaganda'], publisher: { kind } });
    expect(checker.check(record('government')).violations.map((violation) => violation.rule)).toEqual(['institutional']);
    expect(checker.check(record('media')).status).toBe('allowed');
  });
});
