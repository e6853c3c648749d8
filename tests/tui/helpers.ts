import { createChecker, type Checker } from '../../src/engine/checker.js';
import type { Status, Verdict } from '../../src/engine/verdict.js';
import type { CompiledPolicy } from '../../src/compile/compiled.js';
import type { Row } from '../../src/tui/model/rows.js';
import { loadRecords, newStore } from '../../src/tui/session.js';
import { initialState } from '../../src/tui/model/state.js';
import { RecordStore } from '../../src/tui/model/store.js';
import { frenchPolicy } from '../helpers/policies.js';

export const EXAMPLE = 'examples/macronleaks/records.json';
/** Fri 5 May 2017 23:00 Paris: every region but the mainland is silent, the mainland in one hour. */
export const FRIDAY_23H = Date.parse('2017-05-05T21:00:00Z');

let checker: Promise<Checker> | undefined;

/** A checker on the shipped French policy, made once per test file. */
export function frenchChecker(): Promise<Checker> {
  checker ??= frenchPolicy().then(createChecker);
  return checker;
}

/** The #MacronLeaks example, read and checked whole, as the UI loads it. */
export async function exampleStore(lang: 'en' | 'fr' = 'en', files: readonly string[] = [EXAMPLE]): Promise<RecordStore> {
  const french = await frenchChecker();
  const store = newStore(french, lang);
  await loadRecords(store, { checker: french, files, clockMs: FRIDAY_23H, lang });
  return store;
}

/** The #MacronLeaks example as the list shows it, in list order (by instant). */
export async function exampleRows(lang: 'en' | 'fr' = 'en'): Promise<Row[]> {
  const store = await exampleStore(lang);
  return [...initialState(store, 12, 10).order].map((index) => store.row(index));
}

/** A policy of three regions A, B and C (region indices 0, 1, 2), the default audience all three: enough for the store. */
const THREE_REGIONS = {
  regions: [{ code: 'A' }, { code: 'B' }, { code: 'C' }],
  audiences: new Map([
    ['A', [0]],
    ['B', [1]],
    ['C', [2]],
  ]),
  defaultAudience: [0, 1, 2],
} as unknown as CompiledPolicy;

/**
 * Records made by hand, for sizes the example does not reach: record i is
 * `r<i>`, one minute after the last, with status allowed, blocked, review,
 * invalid in turn and audience region i mod 3.
 */
export function syntheticStore(count: number, from = 0, store = new RecordStore(THREE_REGIONS, 'default')): RecordStore {
  for (let index = from; index < from + count; index++) {
    const status = (['allowed', 'blocked', 'review', 'invalid'] as const satisfies readonly Status[])[index % 4];
    const at = new Date(index * 60_000).toISOString();
    // A blocked or review record has a violation of that severity, for its region.
    const violations = status === 'blocked' || status === 'review' ? [{ severity: status === 'blocked' ? 'block' : 'review', regions: [['A', 'B', 'C'][index % 3]] }] : [];
    const verdict = { id: `r${index}`, status, at, violations, earliestAllowedAt: null, errors: [], detections: [] } as unknown as Verdict;
    const record = { id: `r${index}`, audience: [['A', 'B', 'C'][index % 3]], channel: 'web', categories: ['news'], title: `title ${index}` };
    store.add({ record, source: { file: 'x.json', index } }, verdict);
  }
  return store;
}

/** Lets Ink and React flush what a key press caused. */
export function settle(ms = 60): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
