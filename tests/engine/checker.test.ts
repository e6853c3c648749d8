import { beforeAll, describe, expect, it } from 'vitest';
import { createChecker, loadPolicyFromText, UsageError, type Checker } from '../../src/index.js';
import { frenchPolicy, syntheticPolicy } from '../helpers/policies.js';

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});

const SATURDAY_10H_PARIS = '2017-05-06T10:00:00+02:00';
const propaganda = { categories: ['propaganda'], channel: 'web' } as const;

describe('statuses', () => {
  it('blocks mainland propaganda on the Saturday, per region, with the window and the earliest time', () => {
    const verdict = checker.check({ id: 'rec-17', publishedAt: SATURDAY_10H_PARIS, audience: ['FR-MET', 'RE'], ...propaganda });
    expect(verdict).toMatchObject({
      id: 'rec-17',
      status: 'blocked',
      at: '2017-05-06T10:00:00.000+02:00',
      earliestAllowedAt: '2017-05-07T18:00:00.000Z',
      errors: [],
    });
    expect(verdict.violations).toHaveLength(1);
    expect(verdict.violations[0]).toMatchObject({
      rule: 'fr.l49.propaganda',
      severity: 'block',
      citation: 'Code électoral, art. L49, al. 2',
      election: 'fr-presidentielle-2017-t2',
      regions: ['FR-MET', 'RE'],
      window: { start: '2017-05-05T22:00:00.000Z', end: '2017-05-07T18:00:00.000Z' },
      localWindow: { start: '2017-05-06T00:00:00.000+02:00', end: '2017-05-07T20:00:00.000+02:00', zone: 'Europe/Paris' },
      message: 'Electoral propaganda may not be published online from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris).',
      provisional: false,
      detected: null,
    });
  });

  it('allows the same record the Friday before, and news at any time', () => {
    expect(checker.check({ id: 'a', publishedAt: '2017-05-04T10:00:00+02:00', ...propaganda }).status).toBe('allowed');
    expect(checker.check({ id: 'b', publishedAt: SATURDAY_10H_PARIS, categories: ['news'] }).status).toBe('allowed');
  });

  it('is lawful in Paris and unlawful in Guadeloupe at the same instant', () => {
    const fridayNoon = '2017-05-05T12:00:00+02:00';
    expect(checker.check({ id: 'paris', publishedAt: fridayNoon, audience: ['FR-MET'], ...propaganda }).status).toBe('allowed');
    const gp = checker.check({ id: 'gp', publishedAt: fridayNoon, audience: ['GP'], ...propaganda });
    expect(gp.status).toBe('blocked');
    expect(gp.violations[0]!.window.start).toBe('2017-05-05T04:00:00.000Z');
    expect(gp.violations[0]!.message).toContain('(America/Guadeloupe)');
  });

  it('applies al. 1, not the electronic al. 2, to printed propaganda and leaflets', () => {
    const printed = checker.check({ id: 'p', publishedAt: SATURDAY_10H_PARIS, categories: ['propaganda'], channel: 'print' });
    expect(printed.violations.map((v) => v.rule)).toEqual(['fr.l49.printed-propaganda']);
    const leaflet = checker.check({ id: 'l', publishedAt: SATURDAY_10H_PARIS, categories: ['leaflet'], channel: 'print' });
    expect(leaflet.violations.map((v) => v.rule)).toEqual(['fr.l49.documents']);
  });

  it('puts a review-only rule at review, with no earliest time', () => {
    const verdict = checker.check({ id: 'leak', publishedAt: SATURDAY_10H_PARIS, categories: ['leak'], audience: ['FR-MET'] });
    expect(verdict.status).toBe('review');
    expect(verdict.violations.map((v) => v.rule)).toEqual(['fr.cnccep.2017-05-macronleaks']);
    expect(verdict.earliestAllowedAt).toBeNull();
  });

  it('blocks when a block and a review rule both apply, listing both', () => {
    const verdict = checker.check({ id: 'both', publishedAt: SATURDAY_10H_PARIS, categories: ['leak', 'propaganda'], channel: 'social', audience: ['FR-MET'] });
    expect(verdict.status).toBe('blocked');
    expect(verdict.violations.map((v) => v.rule)).toEqual(['fr.l49.propaganda', 'fr.cnccep.2017-05-macronleaks']);
  });

  it('applies L48-2 to candidates only', () => {
    const thursday = '2017-05-04T12:00:00+02:00';
    const base = { publishedAt: thursday, categories: ['new-polemic'], audience: ['FR-MET'] };
    expect(checker.check({ id: 'c', ...base, publisher: { name: 'X', kind: 'candidate' } }).status).toBe('review');
    expect(checker.check({ id: 'm', ...base, publisher: { name: 'Le Monde', kind: 'media' } }).status).toBe('allowed');
  });

  it('keeps the phoning ban under L49-1 in 2017 and L49 3° from 30 June 2020', () => {
    const in2017 = checker.check({ id: 'p17', publishedAt: SATURDAY_10H_PARIS, categories: ['phoning'], audience: ['FR-MET'] });
    const in2022 = checker.check({ id: 'p22', publishedAt: '2022-04-23T10:00:00+02:00', categories: ['phoning'], audience: ['FR-MET'] });
    expect(in2017.violations.map((v) => v.rule)).toEqual(['fr.l49-1.phoning']);
    expect(in2022.violations.map((v) => v.rule)).toEqual(['fr.l49.phoning']);
    const meeting2017 = checker.check({ id: 'm17', publishedAt: SATURDAY_10H_PARIS, categories: ['meeting'], audience: ['FR-MET'] });
    expect(meeting2017.status).toBe('allowed');
  });

  it('covers paid political ads for six months, per election', () => {
    const verdict = checker.check({ id: 'ad', publishedAt: '2016-10-01T00:00:00+02:00', categories: ['political-ad'], audience: ['FR-MET'] });
    expect(verdict.status).toBe('blocked');
    expect(verdict.violations[0]).toMatchObject({ election: 'fr-presidentielle-2017', window: { start: '2016-09-30T22:00:00.000Z', end: '2017-05-07T18:00:00.000Z' } });
    const before = checker.check({ id: 'ad0', publishedAt: '2016-09-30T23:59:59.999+02:00', categories: ['political-ad'], audience: ['FR-MET'] });
    expect(before.status).toBe('allowed');
  });

  it('says when a verdict depends on a provisional calendar', () => {
    const verdict = checker.check({ id: 'p27', publishedAt: '2027-04-10T10:00:00+02:00', audience: ['FR-MET'], ...propaganda });
    expect(verdict.status).toBe('blocked');
    expect(verdict.violations[0]).toMatchObject({ election: 'fr-presidentielle-2027-t1', provisional: true });
    expect(verdict.violations[0]!.message).toContain('Provisional calendar');
  });

  it('writes messages in French on request', () => {
    const verdict = checker.check({ id: 'fr', publishedAt: SATURDAY_10H_PARIS, audience: ['FR-MET'], ...propaganda }, { lang: 'fr' });
    expect(verdict.violations[0]!.message).toBe(
      'La propagande électorale ne peut pas être diffusée par voie électronique du sam. 6 mai 00:00 au dim. 7 mai 20:00 (Europe/Paris).',
    );
  });
});

describe('the instant checked', () => {
  it('checks a draft at the given instant, keeping that instant’s offset', () => {
    const draft = { id: 'draft', ...propaganda, audience: ['FR-MET'] };
    expect(checker.check(draft, { at: '2017-05-06T09:00:00+02:00' })).toMatchObject({ status: 'blocked', at: '2017-05-06T09:00:00.000+02:00' });
    expect(checker.check(draft, { at: Date.parse('2017-05-07T18:00:00Z') })).toMatchObject({ status: 'allowed', at: '2017-05-07T18:00:00.000Z' });
    expect(checker.check(draft, { at: new Date('2017-05-07T17:59:59.999Z') }).status).toBe('blocked');
  });

  it('lets `at` override publishedAt', () => {
    const record = { id: 'x', publishedAt: SATURDAY_10H_PARIS, audience: ['FR-MET'], ...propaganda };
    expect(checker.check(record, { at: '2017-05-08T10:00:00Z' }).status).toBe('allowed');
  });

  it('throws a UsageError for an unusable `at` (a caller bug, not a bad record)', () => {
    expect(() => checker.check({ id: 'x' }, { at: 'tomorrow' })).toThrow(UsageError);
    expect(() => checker.check({ id: 'x' }, { at: Number.NaN })).toThrow(UsageError);
  });
});

describe('lifecycle', () => {
  const inWindow = SATURDAY_10H_PARIS;
  it('checks an update like a publication', () => {
    expect(checker.check({ id: 'u', action: 'update', publishedAt: inWindow, audience: ['FR-MET'], ...propaganda }).status).toBe('blocked');
  });

  it('lets content first published before every window stay online', () => {
    const verdict = checker.check({ id: 'r', action: 'remain', publishedAt: inWindow, firstPublishedAt: '2017-05-04T12:00:00+02:00', ...propaganda });
    expect(verdict).toMatchObject({ status: 'allowed', at: '2017-05-06T10:00:00.000+02:00', violations: [] });
  });

  it('keeps content first published inside a block window unlawful while that window lasts', () => {
    // Friday 12:00 Paris (10:00Z) is inside the Saturday voters' silence (from 02:00Z in Miquelon to
    // 10:00Z exactly in Tahiti, 07:00Z for the consulates on the American Pacific coast), before
    // Wallis (12:00Z) and the mainland (22:00Z): the windows it predates do not count against it.
    const stillOnline = { id: 'r2', action: 'remain', firstPublishedAt: '2017-05-05T12:00:00+02:00', ...propaganda };
    const verdict = checker.check({ ...stillOnline, publishedAt: inWindow });
    expect(verdict.status).toBe('blocked');
    expect(verdict.at).toBe('2017-05-06T10:00:00.000+02:00');
    expect(verdict.violations[0]!.regions).toEqual(['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', 'FE-AM-PAC', 'FE-AM-CEN-US', 'FE-AM-MEX', 'FE-AM-CAM', 'FE-AM-EST', 'FE-AM-AND', 'FE-AM-ATL', 'FE-AM-CAR', 'FE-AM-SUD', 'FE-AM-PRY', 'FE-AM-CHL']);
    expect(verdict.earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
    expect(checker.check({ ...stillOnline, publishedAt: '2017-05-07T18:00:00Z' }).status).toBe('allowed');
  });

  it('lets content published before the second round’s silence stay, even if it broke the first round’s', () => {
    const verdict = checker.check({ id: 'r5', action: 'remain', publishedAt: inWindow, firstPublishedAt: '2017-04-22T10:00:00+02:00', audience: ['FR-MET'], ...propaganda });
    expect(verdict.status).toBe('allowed');
  });

  it('needs firstPublishedAt with remain, not after the instant checked', () => {
    expect(checker.check({ id: 'r3', action: 'remain', publishedAt: inWindow, ...propaganda }).errors.map((e) => e.field)).toEqual(['firstPublishedAt']);
    const late = checker.check({ id: 'r4', action: 'remain', publishedAt: inWindow, firstPublishedAt: '2017-05-07T12:00:00+02:00', ...propaganda });
    expect(late.errors).toEqual([expect.objectContaining({ field: 'firstPublishedAt', code: 'order' })]);
  });
});

describe('detectors', () => {
  it('puts an undeclared poll inside the poll window at review, naming the phrase', () => {
    const verdict = checker.check({
      id: 'd',
      publishedAt: SATURDAY_10H_PARIS,
      categories: ['news'],
      audience: ['FR-MET'],
      title: 'Les derniers SONDAGES donnent Macron en tête',
    });
    expect(verdict.status).toBe('review');
    expect(verdict.detections).toEqual([{ category: 'poll', phrase: 'sondages', field: 'title' }]);
    expect(verdict.violations[0]).toMatchObject({ rule: 'fr.loi77-808.art11.polls', severity: 'review', detected: { category: 'poll' } });
    expect(verdict.violations[0]!.message).toMatch(/^"sondages" in the title suggests category poll/);
  });

  it('ignores accents and case, and matches whole words only', () => {
    const at = SATURDAY_10H_PARIS;
    const hit = checker.check({ id: 'e', publishedAt: at, categories: ['news'], audience: ['FR-MET'], body: 'Les PREMIERES Estimations à 20 h' });
    expect(hit.detections.map((d) => d.category)).toEqual(['result']);
    const partialWord = checker.check({ id: 'f', publishedAt: at, categories: ['news'], audience: ['FR-MET'], body: 'Les sondageurs se taisent' });
    expect(partialWord.status).toBe('allowed');
    const phrase = checker.check({ id: 'g', publishedAt: at, categories: ['news'], audience: ['FR-MET'], body: 'les Intentions  de-vote' });
    expect(phrase.detections.map((d) => d.phrase)).toEqual(['intentions de vote']);
  });

  it('does not flag a mention outside every window, nor a category the record declares', () => {
    expect(checker.check({ id: 'h', publishedAt: '2017-05-01T10:00:00+02:00', categories: ['news'], title: 'Sondage' }).status).toBe('allowed');
    const declared = checker.check({ id: 'i', publishedAt: SATURDAY_10H_PARIS, categories: ['poll'], audience: ['FR-MET'], title: 'Sondage' });
    expect(declared.status).toBe('blocked');
    expect(declared.detections).toEqual([]);
  });
});

describe('invalid records', () => {
  it.each([
    [null, 'record', 'type'],
    [[1, 2], 'record', 'type'],
    ['text', 'record', 'type'],
    [{ publishedAt: SATURDAY_10H_PARIS }, 'id', 'required'],
    [{ id: 42, publishedAt: SATURDAY_10H_PARIS }, 'id', 'type'],
    [{ id: 'a' }, 'publishedAt', 'required'],
    [{ id: 'a', publishedAt: 'yesterday' }, 'publishedAt', 'format'],
    [{ id: 'a', publishedAt: 1494057600000 }, 'publishedAt', 'type'],
    [{ id: 'a', publishedAt: '2017-05-06T10:00:00' }, 'publishedAt', 'needs-zone'],
    [{ id: 'a', publishedAt: '2017-05-06T10:00:00', zone: 'Nowhere/Land' }, 'zone', 'unknown-zone'],
    [{ id: 'a', publishedAt: '2017-03-26T02:30:00', zone: 'Europe/Paris' }, 'publishedAt', 'nonexistent-local-time'],
    [{ id: 'a', publishedAt: '2017-10-29T02:30:00', zone: 'Europe/Paris' }, 'publishedAt', 'ambiguous-local-time'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, categories: ['propaganda', 'gossip'] }, 'categories[1]', 'unknown-category'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, categories: 'poll' }, 'categories', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, audience: ['FR-MET', 'XX'] }, 'audience[1]', 'unknown-region'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, audience: [] }, 'audience', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, audience: ['constructor'] }, 'audience[0]', 'unknown-region'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, categories: ['__proto__'] }, 'categories[0]', 'unknown-category'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, channel: 'pigeon' }, 'channel', 'unknown-channel'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, publisher: { kind: 'robot' } }, 'publisher.kind', 'unknown-publisher-kind'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, action: 'delete' }, 'action', 'unknown-action'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, title: 7 }, 'title', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, body: ['text'] }, 'body', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, url: {} }, 'url', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, publisher: [] }, 'publisher', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, publisher: null }, 'publisher', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, publisher: 'Le Monde' }, 'publisher', 'type'],
    [{ id: 'a', publishedAt: SATURDAY_10H_PARIS, publisher: { name: 5, kind: 'media' } }, 'publisher.name', 'type'],
  ])('%j is invalid at %s (%s)', (record, field, code) => {
    const verdict = checker.check(record);
    expect(verdict.status).toBe('invalid');
    expect(verdict.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(verdict.violations).toEqual([]);
    expect(verdict.earliestAllowedAt).toBeNull();
  });

  it('names every faulty field at once', () => {
    const verdict = checker.check({ id: 'a', publishedAt: 'soon', categories: ['x'], channel: 'y' });
    expect(verdict.errors.map((e) => e.field)).toEqual(['publishedAt', 'categories[0]', 'channel']);
  });

  it('names every field of the wrong type at once', () => {
    const verdict = checker.check({ id: 'a', publishedAt: 5, publisher: { name: 9 }, title: 7, body: null, url: 8 });
    expect(verdict.errors.map((e) => e.field)).toEqual(['publishedAt', 'publisher.name', 'title', 'body', 'url']);
  });

  it('never lets a record touch Object.prototype', () => {
    const record = JSON.parse('{"id":"p","publishedAt":"2017-05-06T10:00:00Z","__proto__":{"polluted":true},"categories":["news"]}');
    expect(checker.check(record).status).toBe('allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('marks repeated ids in a batch invalid, keeping the first', () => {
    const verdicts = checker.checkAll([
      { id: 'same', publishedAt: '2017-05-01T10:00:00Z' },
      { id: 'same', publishedAt: '2017-05-01T11:00:00Z' },
    ]);
    expect(verdicts.map((v) => v.status)).toEqual(['allowed', 'invalid']);
    expect(verdicts[1]!.errors[0]).toMatchObject({ field: 'id', code: 'duplicate-id' });
  });
});

describe('earliestAllowedAt', () => {
  const policy = loadPolicyFromText(
    syntheticPolicy({
      regions: { PARIS: 'Europe/Paris', NOUMEA: 'Pacific/Noumea' },
      elections: `  - id: e
    kind: test
    title: Test
    rounds: [{ id: r1, date: "2030-06-09" }]`,
      rules: `  - id: first
    title: First
    citation: { text: A }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: -2, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
  - id: second
    title: Second
    citation: { text: B }
    severity: block
    covers: { categories: [propaganda], regions: [PARIS] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "12:00", zone: Europe/Paris }
  - id: third
    title: Third
    citation: { text: C }
    severity: block
    covers: { categories: [poll], regions: [NOUMEA] }
    window:
      start: { kind: votingDay, days: 0, time: "06:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "18:00", zone: Europe/Paris }
  - id: soft
    title: Soft
    citation: { text: D }
    severity: review
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: 0, time: "12:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 1, time: "00:00", zone: Europe/Paris }`,
    }),
  );
  const local = createChecker(policy);

  it('merges windows that touch, across rules', () => {
    const verdict = local.check({ id: 'a', publishedAt: '2030-06-07T10:00:00+02:00', categories: ['propaganda'], audience: ['PARIS'] });
    expect(verdict.violations.map((v) => v.rule)).toEqual(['first']);
    expect(verdict.earliestAllowedAt).toBe('2030-06-09T10:00:00.000Z');
  });

  it('only counts windows of the record’s own categories and regions', () => {
    const verdict = local.check({ id: 'b', publishedAt: '2030-06-07T10:00:00+02:00', categories: ['propaganda'], audience: ['NOUMEA'] });
    expect(verdict.earliestAllowedAt).toBe('2030-06-07T22:00:00.000Z');
  });

  it('merges overlapping windows across regions and categories', () => {
    const verdict = local.check({ id: 'c', publishedAt: '2030-06-08T10:00:00+02:00', categories: ['propaganda', 'poll'], audience: ['PARIS', 'NOUMEA'] });
    expect(verdict.earliestAllowedAt).toBe('2030-06-09T16:00:00.000Z');
  });

  it('ignores review windows: they never hold a publication back', () => {
    const verdict = local.check({ id: 'd', publishedAt: '2030-06-09T11:00:00+02:00', categories: ['propaganda'], audience: ['PARIS'] });
    expect(verdict.status).toBe('blocked');
    expect(verdict.earliestAllowedAt).toBe('2030-06-09T10:00:00.000Z');
    expect(local.check({ id: 'e', publishedAt: '2030-06-09T12:00:00+02:00', categories: ['propaganda'], audience: ['PARIS'] }).status).toBe('review');
  });
});

describe('provisional readings', () => {
  const policy = loadPolicyFromText(
    syntheticPolicy({
      regions: { PARIS: 'Europe/Paris' },
      elections: `  - id: firm
    kind: test
    title: Firm calendar
    rounds: [{ id: r1, date: "2030-06-09" }]
  - id: tentative
    kind: test
    title: Tentative calendar
    provisional: true
    rounds: [{ id: r1, date: "2031-06-08" }]`,
      rules: `  - id: weak
    title: Weak basis
    citation: { text: A secondary source }
    severity: block
    provisional: true
    covers: { categories: [poll] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
  - id: firm-rule
    title: Firm basis
    citation: { text: A statute }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: votingDay, days: -1, time: "00:00", zone: Europe/Paris }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`,
    }),
  );
  const local = createChecker(policy);
  const at = (date: string) => ({ at: `${date}T10:00:00+02:00` });

  it('says why a violation is provisional: the rule, the calendar, or both', () => {
    const weakRule = local.check({ id: 'a', categories: ['poll'] }, at('2030-06-08')).violations[0]!;
    expect(weakRule.provisional).toBe(true);
    expect(weakRule.message).toMatch(/Provisional rule/);
    expect(weakRule.message).not.toMatch(/Provisional calendar/);
    const weakCalendar = local.check({ id: 'b', categories: ['propaganda'] }, at('2031-06-07')).violations[0]!;
    expect(weakCalendar.provisional).toBe(true);
    expect(weakCalendar.message).toMatch(/Provisional calendar/);
    const both = local.check({ id: 'c', categories: ['poll'] }, at('2031-06-07')).violations[0]!;
    expect(both.message).toMatch(/Provisional rule.*Provisional calendar/);
    const firm = local.check({ id: 'd', categories: ['propaganda'] }, at('2030-06-08')).violations[0]!;
    expect(firm.provisional).toBe(false);
    expect(firm.message).not.toMatch(/Provisional/);
  });
});

describe('hostile records and options', () => {
  it('never throws on values JSON cannot write, or on a getter that throws', () => {
    const cyclic: Record<string, unknown> = { id: 'cycle', publishedAt: '2017-05-06T10:00:00Z' };
    cyclic.categories = [cyclic];
    expect(checker.check(cyclic).errors[0]).toMatchObject({ field: 'categories[0]', code: 'unknown-category' });
    expect(checker.check({ id: 'big', publishedAt: '2017-05-06T10:00:00Z', audience: [10n] }).errors[0]!.message).toContain('10n');
    const trap = { id: 'trap', get publishedAt(): string { throw new Error('boom'); } };
    expect(checker.check(trap)).toMatchObject({ status: 'invalid', errors: [{ field: 'record', code: 'unreadable' }] });
  });

  it('lists at most twenty problems of one record', () => {
    const verdict = checker.check({ id: 'many', publishedAt: '2017-05-06T10:00:00Z', categories: Array.from({ length: 10_000 }, (_, i) => `c${i}`) });
    expect(verdict.errors).toHaveLength(21);
    expect(verdict.errors[20]).toMatchObject({ code: 'too-many-errors' });
  });

  it('checks a zone whenever one is given, and reports it once', () => {
    const withOffset = checker.check({ id: 'z1', publishedAt: '2017-05-06T10:00:00+02:00', zone: 'Mars/Base' });
    expect(withOffset.errors).toEqual([expect.objectContaining({ field: 'zone', code: 'unknown-zone' })]);
    const local = checker.check({ id: 'z2', publishedAt: '2017-05-06T10:00:00', zone: 'Mars/Base' });
    expect(local.errors).toEqual([expect.objectContaining({ field: 'zone', code: 'unknown-zone' })]);
  });

  it('refuses years before 1000 rather than reading 0050 as 1950', () => {
    expect(checker.check({ id: 'y', publishedAt: '0050-05-06T10:00:00Z' }).errors[0]).toMatchObject({ field: 'publishedAt', code: 'format' });
  });

  it('rejects an `at` of the wrong type with a UsageError', () => {
    expect(() => checker.check({ id: 'x' }, { at: null as unknown as string })).toThrow(UsageError);
  });

  it('marks a violation provisional when any of its regions has a provisional date', () => {
    // The 2005 referendum: Saint-Barthélemy's Saturday (28 May) is inferred, the mainland's Sunday is sourced.
    const verdict = checker.check({ id: 'ref', publishedAt: '2005-05-28T12:00:00+02:00', categories: ['propaganda'], channel: 'web', audience: ['FR-MET', 'BL'] });
    const violation = verdict.violations.find((v) => v.election === 'fr-referendum-2005-t1')!;
    expect(violation.regions).toEqual(['FR-MET', 'BL']);
    expect(violation.provisional).toBe(true);
    // A past date inferred, not sourced: said so, never "not yet official".
    expect(violation.message).toContain('(Provisional date: inferred, not taken from an official text.)');
    expect(verdict.provisional).toBe(true);
    expect(verdict.provisionalNote).toBe('Provisional answer (Referendum of 29 May 2005: a voting date is inferred, not taken from an official text): it may change once the calendar is settled.');
  });

  it('covers Polynésie’s own voting day in the 2017 legislative round 1 under the poll ban', () => {
    const verdict = checker.check({ id: 'pf', publishedAt: '2017-06-03T09:00:00-10:00', categories: ['poll'], audience: ['PF'] });
    expect(verdict.violations.map((v) => v.rule)).toEqual(['fr.loi77-808.art11.polls-pf-2017-t1']);
    expect(verdict.violations[0]!.window).toEqual({ start: '2017-06-02T10:00:00.000Z', end: '2017-06-04T10:00:00.000Z' });
  });
});
