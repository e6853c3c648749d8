import { BlackoutError, isBlackoutError } from '../errors.js';
import type { Verdict } from '../engine/verdict.js';
import type { BlockReason, BlockMessages } from './block-messages.js';
import type { Lang } from './lang.js';

/** The plain-object form of a {@link PublicationBlockedError} (what `JSON.stringify` writes). */
export interface PublicationBlockedJson {
  readonly name: 'PublicationBlockedError';
  readonly code: typeof PUBLICATION_BLOCKED;
  readonly reason: BlockReason;
  readonly message: string;
  readonly lang: Lang;
  readonly messages: BlockMessages;
  /** The legal citation of the first rule that refused the publication, or null. */
  readonly citation: string | null;
  readonly rules: readonly string[];
  /** When the publication may go out (UTC), or null when no time can be given. */
  readonly earliestAllowedAt: string | null;
  readonly verdict: Verdict;
}

/** The stable `code` CMS error handlers can match on. */
export const PUBLICATION_BLOCKED = 'PUBLICATION_BLOCKED';

/**
 * Thrown by `assertPublishable` when a publication must not go out. It carries
 * what a CMS shows the editor (the message in English and French, the
 * citation, the earliest allowed time) and survives `JSON.stringify`, so a job
 * queue or an HTTP error body can pass it on; {@link PublicationBlockedError.fromJSON}
 * rebuilds it.
 *
 * @example
 * try { assertPublishable(checker, record, { lang: 'fr' }); }
 * catch (error) { if (isPublicationBlockedError(error)) throw new APIError(error.message, 403, error.toJSON()); }
 */
export class PublicationBlockedError extends BlackoutError {
  override name = 'PublicationBlockedError' as const;
  readonly code = PUBLICATION_BLOCKED;
  readonly reason: BlockReason;
  readonly lang: Lang;
  readonly messages: BlockMessages;
  readonly citation: string | null;
  readonly rules: readonly string[];
  readonly earliestAllowedAt: string | null;
  readonly verdict: Verdict;

  constructor(init: { reason: BlockReason; verdict: Verdict; messages: BlockMessages; lang: Lang }) {
    super(init.messages[init.lang]);
    this.reason = init.reason;
    this.lang = init.lang;
    this.messages = init.messages;
    this.verdict = init.verdict;
    const counted = init.verdict.violations.filter((violation) => init.reason === 'review' || violation.severity === 'block');
    this.citation = counted[0]?.citation ?? null;
    this.rules = [...new Set(counted.map((violation) => violation.rule))];
    this.earliestAllowedAt = init.verdict.earliestAllowedAt;
  }

  toJSON(): PublicationBlockedJson {
    return {
      name: this.name,
      code: this.code,
      reason: this.reason,
      message: this.message,
      lang: this.lang,
      messages: this.messages,
      citation: this.citation,
      rules: this.rules,
      earliestAllowedAt: this.earliestAllowedAt,
      verdict: this.verdict,
    };
  }

  /** Rebuilds the error from its JSON form (after a queue or an HTTP hop). */
  static fromJSON(json: PublicationBlockedJson): PublicationBlockedError {
    return new PublicationBlockedError({ reason: json.reason, verdict: json.verdict, messages: json.messages, lang: json.lang });
  }
}

/** True for a {@link PublicationBlockedError}, also across realms and bundled copies. */
export function isPublicationBlockedError(error: unknown): error is PublicationBlockedError {
  return isBlackoutError(error) && error.name === 'PublicationBlockedError' && (error as { code?: unknown }).code === PUBLICATION_BLOCKED;
}
