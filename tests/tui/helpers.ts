import { createChecker, type Checker } from '../../src/engine/checker.js';
import type { Row } from '../../src/tui/rows.js';
import { loadRows } from '../../src/tui/session.js';
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

/** The #MacronLeaks example as the list shows it. */
export async function exampleRows(lang: 'en' | 'fr' = 'en'): Promise<Row[]> {
  return loadRows(await frenchChecker(), [EXAMPLE], FRIDAY_23H, lang);
}

/** Lets Ink and React flush what a key press caused. */
export function settle(ms = 60): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
