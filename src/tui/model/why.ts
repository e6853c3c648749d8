import type { Checker } from '../../engine/checker.js';
import { explain } from '../../engine/explain.js';
import type { Lang } from '../messages.js';
import type { Row } from './rows.js';

/** Why one rule does not hold an allowed record. */
export interface Reason {
  readonly rule: string;
  readonly reason: string;
}

/** How many rules an allowed record's detail explains. */
const REASONS = 3;

/**
 * Why an allowed record is allowed, for the rules that would otherwise hold
 * it (its category, channel and publisher fit): its time is outside their
 * windows, or they opened after it was first published (content left online).
 * Those left online first, then the others in policy order.
 */
export function allowedReasons(checker: Checker, row: Row, lang: Lang): Reason[] {
  if (row.verdict.status !== 'allowed' || row.verdict.at === null) return [];
  // A record checked at the clock is explained at the instant it was checked.
  const { rules } = explain(checker.policy, row.input.record, { lang, ...(row.clocked ? { at: row.verdict.at } : {}) }, checker);
  const fitting = rules.filter((rule) => !rule.applies && rule.category.fits && rule.channel.fits && rule.publisher.fits && rule.time.kind !== 'no-window');
  fitting.sort((a, b) => Number(b.time.kind === 'opened-later') - Number(a.time.kind === 'opened-later'));
  return fitting.slice(0, REASONS).map((rule) => ({ rule: rule.rule, reason: rule.sentences.at(-1) ?? '' }));
}
