import { beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../src/cms/sweep.js';
import { createChecker, UsageError, type Checker } from '../../src/index.js';
import { frenchPolicy } from '../helpers/policies.js';

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});

const item = (id: string, publishedAt: string, extra: Record<string, unknown> = {}) => ({ id, publishedAt, categories: ['propaganda'], audience: ['FR-MET'], channel: 'web', ...extra });

// The Thursday before the second round of 2017: what is queued for the weekend?
const queue = [
  item('friday-evening', '2017-05-05T23:59:59.999+02:00'),
  item('saturday-morning', '2017-05-06T08:00:00+02:00'),
  item('sunday-results-talk', '2017-05-07T19:59:00', { zone: 'Europe/Paris' }),
  item('sunday-night', '2017-05-07T20:00:00+02:00'),
  item('next-month', '2017-06-01T08:00:00+02:00'),
  item('poll-word', '2017-05-06T09:00:00+02:00', { categories: [], title: 'Un dernier sondage' }),
  { id: 'no-time', categories: ['propaganda'] },
  item('gap', '2017-03-26T02:30:00', { zone: 'Europe/Paris' }),
];

describe('sweep', () => {
  it('lists the items due in the range that fall into a window, with the earliest lawful time', () => {
    const result = sweep(checker, queue, { from: '2017-05-04T00:00:00+02:00', to: '2017-05-09T00:00:00+02:00' });
    expect(result.from).toBe('2017-05-03T22:00:00.000Z');
    expect(result.to).toBe('2017-05-08T22:00:00.000Z');
    expect(result.items).toBe(8);
    expect(result.inRange).toBe(5);
    expect(result.flagged.map(({ id, status, earliestAllowedAt }) => ({ id, status, earliestAllowedAt }))).toEqual([
      { id: 'saturday-morning', status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' },
      { id: 'sunday-results-talk', status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' },
      { id: 'poll-word', status: 'review', earliestAllowedAt: null },
      { id: 'no-time', status: 'invalid', earliestAllowedAt: null },
      { id: 'gap', status: 'invalid', earliestAllowedAt: null },
    ]);
    expect(result.flagged[0]).toMatchObject({ index: 1, scheduledAt: '2017-05-06T08:00:00.000+02:00', rules: ['fr.l49.propaganda'] });
  });

  it('takes the range as half-open: an item at `to` is left for the next sweep', () => {
    const at = '2017-05-06T08:00:00+02:00';
    expect(sweep(checker, [item('a', at)], { from: '2017-05-05T00:00:00Z', to: at }).flagged).toEqual([]);
    expect(sweep(checker, [item('a', at)], { from: at, to: '2017-05-08T00:00:00Z' }).flagged).toHaveLength(1);
  });

  it('writes messages in the language asked', () => {
    const [flagged] = sweep(checker, [queue[1]], { from: '2017-05-05T00:00:00Z', to: '2017-05-08T00:00:00Z', lang: 'fr' }).flagged;
    expect(flagged!.verdict.violations[0]!.message).toMatch(/^La propagande électorale/);
  });

  it('refuses a range that ends before it starts, or an unreadable bound', () => {
    expect(() => sweep(checker, queue, { from: '2017-05-09T00:00:00Z', to: '2017-05-04T00:00:00Z' })).toThrow(UsageError);
    expect(() => sweep(checker, queue, { from: 'Thursday', to: '2017-05-04T00:00:00Z' })).toThrow(UsageError);
  });

  it('survives hostile items', () => {
    const hostile = { get publishedAt(): string { throw new Error('boom'); }, id: 'h' };
    const result = sweep(checker, [hostile, null, 42], { from: 0, to: Date.parse('2030-01-01T00:00:00Z') });
    expect(result.flagged.map((flagged) => flagged.status)).toEqual(['invalid', 'invalid', 'invalid']);
  });
});
