import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChecker } from '../../src/index.js';
import { describeDuration, explain, type RuleExplanation } from '../../src/engine/explain.js';
import { frenchPolicy } from '../helpers/policies.js';

const rule = (rules: readonly RuleExplanation[], id: string) => rules.find((candidate) => candidate.rule === id)!;

/** Every record of the shipped examples and suites, with the instant each case checks at. */
function corpus(): { record: unknown; at?: string }[] {
  const examples = readdirSync('examples')
    .filter((name) => existsSync(join('examples', name, 'records.json')))
    .flatMap((name) => JSON.parse(readFileSync(join('examples', name, 'records.json'), 'utf8')) as unknown[]);
  const suites = readdirSync('policies/fr/tests').flatMap((name) =>
    (parse(readFileSync(join('policies/fr/tests', name), 'utf8')) as { tests: { name: string; record: Record<string, unknown>; at?: string }[] }).tests.map((test) => ({
      record: { id: test.name, ...test.record },
      ...(test.at === undefined ? {} : { at: test.at }),
    })),
  );
  return [...examples.map((record) => ({ record })), ...suites];
}

describe('explain', () => {
  it('writes each region’s window as that region sees it: Paris and Guadeloupe apart, regions alike together', async () => {
    const policy = await frenchPolicy();
    const { rules } = explain(policy, { id: 'p', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET', 'GP', 'MQ'] });
    const time = rule(rules, 'fr.loi77-808.art11.polls').sentences[3]!;
    expect(time).toBe(
      'time: inside the window for Mainland France and Corsica (2017 presidential election, round 2: from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris)); ' +
        'inside the window for Guadeloupe, Martinique (2017 presidential election, round 2: from Sat 6 May 00:00 until Sun 7 May 14:00 (America/Guadeloupe))',
    );
  });

  it('agrees with the checker on every rule of every shipped record: a rule applies exactly when all four reasons hold', async () => {
    const policy = await frenchPolicy();
    const checker = createChecker(policy);
    const records = corpus();
    expect(records.length).toBeGreaterThan(50);
    let applying = 0;
    for (const { record, at } of records) {
      const { verdict, rules } = explain(policy, record, at === undefined ? {} : { at }, checker);
      if (verdict.status === 'invalid') {
        expect(rules).toEqual([]);
        continue;
      }
      expect(rules).toHaveLength(policy.rules.length);
      for (const reason of rules) {
        const holds = reason.category.fits && reason.channel.fits && reason.publisher.fits && reason.time.kind === 'inside';
        expect({ id: verdict.id, rule: reason.rule, applies: holds }).toEqual({ id: verdict.id, rule: reason.rule, applies: reason.applies });
        if (reason.applies) applying++;
      }
    }
    expect(applying).toBeGreaterThan(40);
  });

  it('says a poll 1 ms before Saturday 00:00 Paris misses the ban by 1 ms, and when the last one closed', async () => {
    const policy = await frenchPolicy();
    const at = Date.parse('2017-05-05T21:59:59.999Z');
    const { verdict, rules } = explain(policy, { id: 'p', publishedAt: '2017-05-05T21:59:59.999Z', categories: ['poll'], audience: ['FR-MET'] });
    expect(verdict.status).toBe('allowed');
    const polls = rule(rules, 'fr.loi77-808.art11.polls');
    expect(polls).toMatchObject({ applies: false, category: { fits: true, via: 'declared' }, channel: { fits: true, covered: null, value: null } });
    if (polls.time.kind !== 'outside') throw new Error(`expected outside, got ${polls.time.kind}`);
    expect(polls.time.next).toMatchObject({ election: 'fr-presidentielle-2017-t2', region: 'FR-MET', distanceMs: 1 });
    // Round 1 closed on Sunday 23 April 2017, 20:00 Paris.
    expect(polls.time.previous).toMatchObject({ election: 'fr-presidentielle-2017-t1', distanceMs: at - Date.parse('2017-04-23T18:00:00Z') });
    expect(polls.sentences[3]).toBe(
      'time: outside every window for the audience: the last window (2017 presidential election, round 1, Mainland France and Corsica) closed Sun 23 Apr 2017 20:00 Europe/Paris (18:00 UTC), 12 days, 3 hours, and 59 minutes before; the next (2017 presidential election, round 2, Mainland France and Corsica) opens Sat 6 May 2017 00:00 Europe/Paris (Fri 5 May 22:00 UTC), 1 millisecond later',
    );
  });

  it('names the channel that keeps a rule out, and the detector phrase that brings one in', async () => {
    const policy = await frenchPolicy();
    const { verdict, rules } = explain(policy, { id: 'd', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'], channel: 'print', audience: ['FR-MET'], title: 'Un sondage inédit' }, { lang: 'fr' });
    expect(verdict.status).toBe('review');
    const polls = rule(rules, 'fr.loi77-808.art11.polls');
    expect(polls).toMatchObject({ applies: true, category: { fits: true, via: 'detector', hit: { category: 'poll', phrase: 'sondage', field: 'title' } } });
    expect(polls.sentences[0]).toBe('catégorie : la publication ne déclare pas poll, mais « sondage » dans son titre le laisse penser (à examiner)');
    const online = rule(rules, 'fr.l49.propaganda');
    expect(online.channel).toEqual({ fits: false, covered: ['web', 'social', 'broadcast', 'email', 'sms'], value: 'print' });
    expect(online.sentences[1]).toBe('canal : print ne fait pas partie de web, social, broadcast, email, sms');
  });

  it('tells content left online that a window opened after its first publication does not count', async () => {
    const policy = await frenchPolicy();
    const { verdict, rules } = explain(policy, {
      id: 'r',
      action: 'remain',
      firstPublishedAt: '2017-05-05T20:49:00+02:00',
      publishedAt: '2017-05-06T12:00:00+02:00',
      categories: ['propaganda'],
      channel: 'web',
      audience: ['FR-MET'],
    });
    expect(verdict.status).toBe('allowed');
    const online = rule(rules, 'fr.l49.propaganda');
    expect(online.applies).toBe(false);
    expect(online.time.kind).toBe('opened-later');
    expect(online.sentences[3]).toContain('but it opened after the content was first published');
  });

  it('says a rule has no window for an audience it does not reach', async () => {
    const policy = await frenchPolicy();
    const { rules } = explain(policy, { id: 'x', publishedAt: '2017-06-03T10:00:00-10:00', categories: ['poll'], audience: ['FR-MET'] });
    expect(rule(rules, 'fr.loi77-808.art11.polls-pf-2017-t1').time).toEqual({ kind: 'no-window' });
  });

  it('gives no reasons for an invalid record: the verdict names the fields', async () => {
    const policy = await frenchPolicy();
    const { verdict, rules } = explain(policy, { id: 'bad', categories: ['gossip'] });
    expect(verdict.status).toBe('invalid');
    expect(rules).toEqual([]);
  });

  it('writes durations with at most three units, in English and French', () => {
    expect(describeDuration(1, 'en')).toBe('1 millisecond');
    expect(describeDuration(93_784_001, 'en')).toBe('1 day, 2 hours, and 3 minutes');
    // French puts a no-break space between a number and its unit.
    expect(describeDuration(86_400_001, 'fr')).toBe('1\u00a0jour et 1\u00a0milliseconde');
  });
});
