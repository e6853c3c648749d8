import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createChecker, isPolicyError, loadPolicyFromText } from '../../src/index.js';
import { restorePolicy, storePolicy } from '../../src/policy-load/serialize.js';
import { syntheticPolicy } from '../helpers/policies.js';

const rules = `  - id: silence
    title: { en: Silence, fr: Silence }
    citation: { text: A }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`;

const policyWith = (elections: string) =>
  loadPolicyFromText(syntheticPolicy({ regions: { PARIS: 'Europe/Paris', ANTILLES: 'America/Guadeloupe' }, elections, rules }), { name: 'test.yaml' });

/** Local wall time in a zone, as an ISO instant, computed by luxon apart from the engine. */
const at = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toISO()!;
const record = (publishedAt: string, audience: string[], categories = ['propaganda']) => ({ id: 'r', publishedAt, categories, audience, channel: 'web' });

describe('a provisional calendar with a range of dates', () => {
  const policy = policyWith(`  - id: e
    kind: test
    title: { en: 2031 test election, fr: Élection test 2031 }
    provisional: no-decree
    rounds:
      - { id: r1, date: "2031-04-13", range: { from: "2031-04-13", to: "2031-04-20" }, regions: { ANTILLES: "2031-04-12" } }`);
  const checker = createChecker(policy);

  it('marks every covered verdict in the span of the possible windows, allowed ones too', () => {
    const eve = DateTime.fromISO('2031-04-12T00:00:00', { zone: 'Europe/Paris' });
    const lastClose = DateTime.fromISO('2031-04-20T20:00:00', { zone: 'Europe/Paris' });
    const before = checker.check(record(eve.minus({ milliseconds: 1 }).toISO()!, ['PARIS']));
    expect([before.status, before.provisional]).toEqual(['allowed', undefined]);
    const inside = checker.check(record(eve.toISO()!, ['PARIS']));
    expect([inside.status, inside.provisional]).toEqual(['blocked', true]);
    const between = checker.check(record(at('2031-04-19T10:00:00', 'Europe/Paris'), ['PARIS']));
    expect([between.status, between.provisional]).toEqual(['allowed', true]);
    expect(between.provisionalNote).toBe('Provisional answer (2031 test election: calendar not official yet (no convocation decree)): it may change once the calendar is settled.');
    const last = checker.check(record(lastClose.minus({ milliseconds: 1 }).toISO()!, ['PARIS']));
    expect(last.provisional).toBe(true);
    expect(checker.check(record(lastClose.toISO()!, ['PARIS'])).provisional).toBeUndefined();
  });

  it('moves the regions that vote on another day with the main vote', () => {
    const eve = DateTime.fromISO('2031-04-11T00:00:00', { zone: 'America/Guadeloupe' });
    expect(checker.check(record(eve.minus({ milliseconds: 1 }).toISO()!, ['ANTILLES'])).provisional).toBeUndefined();
    expect(checker.check(record(eve.toISO()!, ['ANTILLES'])).provisional).toBe(true);
  });

  it('leaves alone what no rule covers, and says it in French', () => {
    const saturday = at('2031-04-19T10:00:00', 'Europe/Paris');
    expect(checker.check(record(saturday, ['PARIS'], ['poll'])).provisional).toBeUndefined();
    expect(checker.check(record(saturday, ['PARIS']), { lang: 'fr' }).provisionalNote).toBe(
      'Réponse provisoire (Élection test 2031 : calendrier pas encore officiel (pas de décret de convocation)) : elle peut changer quand le calendrier sera fixé.',
    );
  });

  it('answers the same from the policy cache', () => {
    const stored = storePolicy(policy);
    const texts = { length: stored.texts.length, text: (index: number) => stored.texts[index]! };
    const [windows, slices, starts, spans] = stored.numbers;
    const { policy: json, cold } = JSON.parse(JSON.stringify({ policy: stored.policy, cold: stored.cold })) as Pick<typeof stored, 'policy' | 'cold'>;
    const restored = createChecker(restorePolicy({ policy: json, numbers: [windows, slices, starts, spans], texts, cold: () => cold }));
    for (const local of ['2031-04-11T23:59:59.999', '2031-04-12T00:00:00', '2031-04-19T10:00:00', '2031-04-20T20:00:00']) {
      const instant = at(local, 'Europe/Paris');
      expect(restored.check(record(instant, ['PARIS', 'ANTILLES']))).toEqual(checker.check(record(instant, ['PARIS', 'ANTILLES'])));
    }
  });
});

describe('a past date inferred, not sourced', () => {
  const checker = createChecker(
    policyWith(`  - id: past
    kind: test
    title: 2016 test election
    rounds:
      - { id: r1, date: "2016-06-12", regions: { ANTILLES: { date: "2016-06-11", provisional: inferred } } }`),
  );

  it('says the date is inferred, never that it is not official yet, on the violation and the verdict', () => {
    const verdict = checker.check(record(at('2016-06-10T10:00:00', 'America/Guadeloupe'), ['ANTILLES']));
    expect(verdict.status).toBe('blocked');
    expect(verdict.violations[0]!.message).toMatch(/\(Provisional date: inferred, not taken from an official text\.\)$/);
    expect(verdict.provisionalNote).toBe('Provisional answer (2016 test election: a voting date is inferred, not taken from an official text): it may change once the calendar is settled.');
  });

  it('spans the day the region could have voted with the main vote instead', () => {
    // With a Sunday vote the region's eve would be Saturday 11 June 00:00 local: still in the span.
    expect(checker.check(record(at('2016-06-11T10:00:00', 'America/Guadeloupe'), ['ANTILLES'])).provisional).toBe(true);
    expect(checker.check(record(at('2016-06-09T23:59:59.999', 'America/Guadeloupe'), ['ANTILLES'])).provisional).toBeUndefined();
    expect(checker.check(record(at('2016-06-11T10:00:00', 'Europe/Paris'), ['PARIS'])).provisional).toBeUndefined();
  });
});

describe('a range of dates in a policy', () => {
  const refused = (round: string, provisional = 'provisional: true\n    ') => {
    try {
      policyWith(`  - id: e
    kind: test
    title: T
    ${provisional}rounds:
      - ${round}`);
    } catch (error) {
      expect(isPolicyError(error)).toBe(true);
      return (error as { issues: { message: string }[] }).issues.map((issue) => issue.message);
    }
    throw new Error('the policy was accepted');
  };

  it('must hold the round’s date, and belongs to a provisional calendar', () => {
    expect(refused('{ id: r1, date: "2031-04-13", range: { from: "2031-04-14", to: "2031-04-20" } }')).toEqual([
      "the range must run from one date to a later one and hold the round's date (2031-04-13)",
    ]);
    expect(refused('{ id: r1, date: "2031-04-13", range: { from: "2031-04-13", to: "2031-04-20" } }', '')).toEqual([
      'a range of dates is for a provisional calendar: mark the round or the election provisional',
    ]);
  });
});
