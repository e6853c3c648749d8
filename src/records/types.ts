/** Who publishes: the kinds a policy's rules may name. */
export type PublisherKind = 'candidate' | 'party' | 'media' | 'individual' | 'platform' | 'government';

/** What a record says it does: a first publication, a change, or content left online. */
export type RecordAction = 'publish' | 'update' | 'remain';
export const RECORD_ACTIONS: readonly RecordAction[] = ['publish', 'update', 'remain'];

/**
 * One publication to check (the contract's input record). Only `id` is
 * required; the checker reports every other missing or malformed field in
 * the verdict instead of throwing.
 */
export interface PublicationRecord {
  /** Unique within one batch. */
  readonly id: string;
  /** When it goes (or went) out: ISO 8601 with Z or an offset, or a local time with `zone`. */
  readonly publishedAt?: string;
  /** IANA zone of a local `publishedAt` or `firstPublishedAt`. */
  readonly zone?: string;
  readonly action?: RecordAction;
  /** With `remain`: when the content first went online. */
  readonly firstPublishedAt?: string;
  /** Content classes from the policy's vocabulary. */
  readonly categories?: readonly string[];
  /** Region or group codes of the policy; default: the policy's default audience. */
  readonly audience?: readonly string[];
  readonly channel?: string;
  readonly publisher?: { readonly name?: string; readonly kind?: PublisherKind };
  readonly title?: string;
  readonly body?: string;
  readonly url?: string;
}
