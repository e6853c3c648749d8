import { readAt, type CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import { UsageError } from '../errors.js';
import { parseInstant } from '../records/instant.js';
import { blockMessage, type BlockReason } from './block-messages.js';
import type { DecisionLog } from './decision-log.js';
import { isLang, type Lang } from './lang.js';
import { PublicationBlockedError } from './publication-blocked-error.js';
import { POLICY_UNAVAILABLE, type VerdictSource } from './verdict-source.js';

/** Options of {@link assertPublishable}. */
export interface GuardOptions {
  /** Check as if published at this instant (a scheduled item run now: `Date.now()`); default the record's publishedAt. */
  readonly at?: string | Date | number;
  /** Language of `error.message` (both languages are in `error.messages`). Default en. */
  readonly lang?: Lang;
  /** Lowest status that refuses the publication: `block` (default, as the CLI) or `review`. */
  readonly failOn?: 'block' | 'review';
  /** Log the decision here before answering. */
  readonly decisionLog?: DecisionLog;
}

/**
 * The check a CMS runs before a publication: returns the verdict when the
 * record may go out, throws a {@link PublicationBlockedError} when it may not.
 * Fails closed: a record that cannot be checked, or a checker without a
 * policy, is refused too. Call it again when a scheduled item actually goes
 * out, with `at: Date.now()`.
 *
 * @example
 * // Payload beforeChange hook
 * try { assertPublishable(checker, toRecord(data), { lang: 'fr' }); }
 * catch (error) { if (isPublicationBlockedError(error)) throw new APIError(error.message, 403); throw error; }
 */
export function assertPublishable(checker: VerdictSource, record: unknown, options: GuardOptions = {}): Verdict {
  const lang = options.lang ?? 'en';
  if (!isLang(lang)) throw new UsageError(`lang: use en or fr, not ${JSON.stringify(lang)}`);
  const failOn = options.failOn ?? 'block';
  if (failOn !== 'block' && failOn !== 'review') throw new UsageError(`failOn: use block or review, not ${JSON.stringify(failOn)}`);
  // Read once, so both checks (and the log) see the same instant.
  const at = options.at === undefined ? undefined : readAt(options.at).ms;
  const checkOptions: CheckOptions = at === undefined ? { lang } : { at, lang };
  const verdict = checker.check(record, checkOptions);
  options.decisionLog?.record(record, verdict, checker.policy, at === undefined ? {} : { at });
  const reason = refusal(verdict, failOn);
  if (reason === undefined) return verdict;
  const other: Lang = lang === 'en' ? 'fr' : 'en';
  // The other language's policy messages: a second check, on the refusal path only.
  const otherVerdict = reason === 'blocked' || reason === 'review' ? checker.check(record, { ...checkOptions, lang: other }) : verdict;
  const messages = { [lang]: blockMessage(reason, verdict, lang), [other]: blockMessage(reason, otherVerdict, other) } as Record<Lang, string>;
  throw new PublicationBlockedError({ reason, verdict, messages, lang });
}

/** Why a verdict refuses a publication, or undefined when it may go out. */
function refusal(verdict: Verdict, failOn: 'block' | 'review'): BlockReason | undefined {
  switch (verdict.status) {
    case 'allowed':
      return undefined;
    case 'review':
      return failOn === 'review' ? 'review' : undefined;
    case 'invalid':
      return 'invalid';
    case 'blocked':
      return verdict.errors.some((error) => error.code === POLICY_UNAVAILABLE) ? 'policy-unavailable' : 'blocked';
  }
}

/**
 * The earliest instant at or after the desired one (`at`, or the record's
 * publishedAt) at which the record may go out, in UTC: for rescheduling a
 * refused item. Review rules never hold a publication back. Throws a
 * {@link PublicationBlockedError} when no time can be given (an invalid
 * record, no policy loaded).
 *
 * @example
 * const when = nextLawfulTime(checker, { ...record, publishedAt: scheduledAt }); // '2017-05-07T18:00:00.000Z'
 */
export function nextLawfulTime(checker: VerdictSource, record: unknown, options: Pick<GuardOptions, 'at' | 'lang'> = {}): string {
  const at = options.at === undefined ? undefined : readAt(options.at).ms;
  const verdict = checker.check(record, at === undefined ? {} : { at });
  if (verdict.status === 'blocked' && verdict.earliestAllowedAt !== null) return verdict.earliestAllowedAt;
  const checked = verdict.at === null ? undefined : parseInstant(verdict.at);
  if ((verdict.status === 'allowed' || verdict.status === 'review') && checked?.ok) return new Date(checked.ms).toISOString();
  // No time can be given: the guard throws the error that says why.
  assertPublishable(checker, record, { ...options, failOn: 'block' });
  throw new UsageError('no lawful time can be given for this record');
}
