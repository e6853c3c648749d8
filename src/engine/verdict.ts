import type { DetectorHit } from '../compile/detectors.js';
import type { Severity } from '../compile/compiled.js';

export type Status = 'allowed' | 'blocked' | 'review' | 'invalid';

/** A UTC interval, ISO 8601 with milliseconds. */
export interface UtcWindow {
  readonly start: string;
  readonly end: string;
}

/** One rule that applies to the record at the instant checked, for one election (round). */
export interface Violation {
  readonly rule: string;
  readonly severity: Severity;
  readonly citation: string;
  readonly citationUrl: string | null;
  /** The election round (`fr-presidentielle-2017-t2`), or the election for rules that apply per election. */
  readonly election: string;
  /** Audience regions whose window contains the instant, in policy order. */
  readonly regions: readonly string[];
  /** The window for the first of `regions`, in UTC. */
  readonly window: UtcWindow;
  /** The same window in that region's local time. */
  readonly localWindow: UtcWindow & { readonly zone: string };
  readonly message: string;
  /** The election calendar behind this window is not official yet, or the rule's legal basis is not confirmed; the message says which. */
  readonly provisional: boolean;
  /** Set when a detector, not the record's categories, brought the rule in: the category suggested. */
  readonly detected: DetectorHit | null;
  /**
   * Present (true) when the record declares no category and the rule's window
   * holds: `review`, for the record to say what it is. Absent otherwise.
   */
  readonly uncategorised?: true;
  /** In a check against several policies, the policy whose rule this is; absent otherwise. */
  readonly policy?: string;
}

/** Why a record could not be checked. */
export interface RecordError {
  /** The field at fault (`publishedAt`, `categories[2]`, ...), or `record` for the whole. */
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The checker's answer for one record (the contract's verdict). */
export interface Verdict {
  readonly id: string | null;
  readonly status: Status;
  /** The instant checked, with the record's own offset; null when it could not be read. */
  readonly at: string | null;
  readonly violations: readonly Violation[];
  /** Earliest instant at or after `at` free of every block rule (UTC); null unless blocked. */
  readonly earliestAllowedAt: string | null;
  readonly errors: readonly RecordError[];
  /** What a detector found in the title or body that made the record `review`. */
  readonly detections: readonly DetectorHit[];
  /**
   * Present (true) when a provisional election calendar could change this
   * answer, whatever the status: the instant falls where one of its windows
   * could fall for a rule that covers the record. Absent otherwise.
   */
  readonly provisional?: true;
  /** With `provisional`: which elections, and why each is provisional. */
  readonly provisionalNote?: string;
}
