/**
 * Property tests of the engine (issue 11): for any record object, check()
 * returns without throwing a verdict that keeps the contract's invariants,
 * the same whatever the checker remembered of earlier records. Instants are
 * drawn at and around the shipped policy's window edges (±1 ms), where a
 * wrong comparison would show, and records mix good fields with bad ones.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChecker, type Checker } from '../../src/engine/checker.js';
import type { Verdict } from '../../src/engine/verdict.js';
import type { CompiledPolicy } from '../../src/compile/compiled.js';
import { frenchPolicy } from '../helpers/policies.js';
import { fuzz, timeLimit } from './fuzz.js';

let policy: CompiledPolicy;
let checker: Checker;
let reference: Checker;
beforeAll(async () => {
  policy = await frenchPolicy();
  checker = createChecker(policy);
  // Remembers next to nothing: what the cached checker answers must not depend on what it remembered.
  reference = createChecker(policy, { outcomeCacheSize: 1 });
});

const OFFSETS = ['Z', '+00:00', '+02:00', '-04:00', '+05:30', '-10:00', '+14:00', '-12:00'];

/** An epoch-ms instant written ISO 8601 with one of several offsets, the same instant whatever the offset. */
function iso(ms: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 23)}${offset}`;
}

/** A firstPublishedAt to be made this many ms before publishedAt, once that is drawn. */
class EarlierBy {
  constructor(readonly ms: number) {}
}

/** Records and options drawn for the policy: instants near its window edges (±1 ms, ±1 h), or anywhere from 2012 to 2030. */
function arbitraries(policy: CompiledPolicy) {
  /** Instants near the policy's window edges, or anywhere from 2012 to 2030. */
  const instant = fc.oneof(
    {
      arbitrary: fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(-1, 0, 1, -3_600_000, 3_600_000)).map(([pick, start, shift]) => {
        const window = policy.windows[pick % policy.windows.length]!;
        return (start ? window.startMs : window.endMs) + shift;
      }),
      weight: 4,
    },
    fc.integer({ min: Date.UTC(2012, 0, 1), max: Date.UTC(2030, 0, 1) }),
  );
  /** Mostly what a newsroom sends; now and then what an attacker or a broken export does. */
  const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
  const junk = fc.anything({ maxDepth: 1 });
  const timestamp = mostly(
    fc.oneof({ arbitrary: fc.tuple(instant, fc.constantFrom(...OFFSETS)).map(([ms, offset]) => iso(ms, offset)), weight: 6 }, fc.tuple(instant).map(([ms]) => iso(ms, 'Z').slice(0, 19))),
    fc.oneof(fc.constantFrom('2017-03-26T02:30:00', '2017-10-29T02:30:00', '2017-05-06T24:00:00Z', '2017-02-29T10:00:00Z', 'Saturday', '', '2017-05-06T10:00:00z'), junk),
  );
  const listOf = (values: readonly string[]): fc.Arbitrary<unknown> =>
    mostly(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }), fc.array(fc.oneof(fc.constantFrom(...values), fc.string(), junk), { maxLength: 4 }));
  const textField = mostly(fc.oneof(fc.string(), fc.constantFrom('Sondage Ifop : 52 %', 'les estimations de 20 h', 'exit poll', 'Réunion publique')), junk);

  const record = fc.oneof(
    {
      weight: 20,
      arbitrary: fc
        .record(
          {
            id: mostly(fc.string({ minLength: 1, maxLength: 12 }), junk),
            publishedAt: timestamp,
            zone: mostly(fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Pacific/Tahiti', 'Asia/Tokyo'), fc.constantFrom('Mars/Olympus', '', 42)),
            action: mostly(fc.constantFrom('publish', 'publish', 'update', 'remain'), fc.constantFrom('delete', null)),
            // Before publishedAt when the record says so (content left online), else anything.
            firstPublishedAt: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 90 * 86_400_000 }).map((before) => new EarlierBy(before)), weight: 12 }, { arbitrary: timestamp, weight: 1 }),
            categories: listOf(policy.categories.map((category) => category.name)),
            audience: listOf([...policy.audiences.keys()]),
            channel: mostly(fc.constantFrom(...policy.channels), fc.oneof(fc.string(), junk)),
            publisher: mostly(fc.record({ name: fc.string(), kind: fc.constantFrom('candidate', 'party', 'media', 'individual', 'platform') }, { requiredKeys: ['kind'] }), fc.oneof(fc.record({ kind: fc.string() }), junk)),
            title: textField,
            body: textField,
            url: mostly(fc.webUrl(), junk),
          },
          { requiredKeys: ['id'] },
        )
        .map((value) => {
          const record = value as Record<string, unknown>;
          if (record.firstPublishedAt instanceof EarlierBy) {
            const published = typeof record.publishedAt === 'string' ? Date.parse(/[Zz]|[+-]\d\d:\d\d$/.test(record.publishedAt) ? record.publishedAt : `${record.publishedAt}Z`) : Number.NaN;
            if (record.action === 'remain' && Math.abs(published) < 8e15) record.firstPublishedAt = iso(published - record.firstPublishedAt.ms, 'Z');
            else delete record.firstPublishedAt;
          }
          return record;
        }),
    },
    fc.anything(),
  );
  // A bad `at` is bad usage (a UsageError), not a bad record: the options hold instants.
  const options = fc.record({ at: fc.option(fc.oneof(fc.tuple(instant, fc.constantFrom(...OFFSETS)).map(([ms, offset]) => iso(ms, offset)), instant, instant.map((ms) => new Date(ms))), { nil: undefined }), lang: fc.constantFrom(undefined, 'en', 'fr', 'de') }, { requiredKeys: [] });
  return { record, options };
}

/** The contract's invariants of one verdict checked at the instant it names. */
function keepsTheContract(verdict: Verdict): void {
  expect(['allowed', 'blocked', 'review', 'invalid']).toContain(verdict.status);
  const blocks = verdict.violations.filter((violation) => violation.severity === 'block');
  if (verdict.status === 'invalid') {
    // A record that cannot be checked is never allowed, and says why.
    expect(verdict.errors.length).toBeGreaterThan(0);
    expect(verdict.violations).toEqual([]);
    expect(verdict.earliestAllowedAt).toBeNull();
    for (const error of verdict.errors) expect(typeof error.field === 'string' && typeof error.code === 'string' && error.message.length > 0).toBe(true);
    return;
  }
  expect(verdict.errors).toEqual([]);
  const at = Date.parse(verdict.at!);
  expect(Number.isNaN(at)).toBe(false);
  if (verdict.status === 'allowed') {
    expect(verdict.violations).toEqual([]);
    expect(verdict.detections).toEqual([]);
  }
  if (verdict.status === 'blocked') expect(blocks.length).toBeGreaterThan(0);
  if (verdict.status === 'review') {
    expect(blocks).toEqual([]);
    expect(verdict.violations.length + verdict.detections.length).toBeGreaterThan(0);
  }
  if (verdict.status === 'blocked') {
    const earliest = Date.parse(verdict.earliestAllowedAt!);
    expect(earliest).toBeGreaterThan(at);
    expect(verdict.earliestAllowedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  } else {
    expect(verdict.earliestAllowedAt).toBeNull();
  }
  for (const violation of verdict.violations) {
    // Half-open windows: the instant checked lies in [start, end) of each violation's window.
    expect(Date.parse(violation.window.start)).toBeLessThanOrEqual(at);
    expect(Date.parse(violation.window.end)).toBeGreaterThan(at);
    expect(violation.regions.length).toBeGreaterThan(0);
    for (const region of violation.regions) expect(policy.regions.some((known) => known.code === region)).toBe(true);
    expect(violation.message.length).toBeGreaterThan(0);
  }
}

describe('the engine, fuzzed', () => {
  it('check() never throws, keeps the contract, answers as a checker that remembers nothing, and is free to publish at earliestAllowedAt', async () => {
    const seen = { allowed: 0, blocked: 0, review: 0, invalid: 0 };
    const { record, options } = arbitraries(policy);
    await fuzz(
      'engine',
      fc.property(record, options, (value, given) => {
        const verdict = checker.check(value, given);
        seen[verdict.status]++;
        keepsTheContract(verdict);
        expect(JSON.stringify(verdict)).toBe(JSON.stringify(reference.check(value, given)));
        if (verdict.status === 'blocked' && value !== null && typeof value === 'object') {
          // Windows that touch are merged: just before the earliest time it is still blocked, at it no block rule applies.
          const earliest = Date.parse(verdict.earliestAllowedAt!);
          expect(checker.check(value, { ...given, at: earliest }).status).not.toBe('blocked');
          expect(checker.check(value, { ...given, at: earliest - 1 }).status).toBe('blocked');
        }
      }),
    );
    console.log(`fuzz engine: verdicts ${JSON.stringify(seen)}`);
    // The records drawn reach every status, or the pass proves less than it says.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  }, timeLimit('engine'));
});
