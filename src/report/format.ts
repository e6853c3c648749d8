import type { CompiledPolicy } from '../compile/compiled.js';
import type { InputNotes } from './inputs.js';
import type { CheckedRecord, Summary } from './results.js';

/** Languages the reports are written in. */
export type Lang = 'en' | 'fr';

/** What every formatter may read besides the results; the CLI decides it, formatters never detect it. */
export interface FormatContext {
  readonly policy: CompiledPolicy;
  /** Paint with ANSI colours (the CLI sets it from TTY, NO_COLOR and FORCE_COLOR). */
  readonly color: boolean;
  readonly lang: Lang;
  /** Lowest severity that fails the run: junit failures and github error annotations follow it (default block). */
  readonly failOn?: 'block' | 'review';
  /** blackout's version, named in SARIF's tool.driver. */
  readonly toolVersion?: string;
  /** The zone the text report writes times in (default: the policy's home zone). */
  readonly displayZone?: string;
  /** The text report's width in columns (default 100; a terminal's own width). */
  readonly width?: number;
  /** The text report lists allowed records too, each with its reason. */
  readonly verbose?: boolean;
}

/**
 * A streaming formatter: `start`, then `result` once per record in input
 * order, then `end` with the counts and what was read and not checked
 * (input problems and skipped items: they come between records, so they are
 * gathered, a bounded number listed, and told at the end). Each is a pure
 * function of its arguments and keeps no state, so a million records stream
 * in constant memory.
 */
export interface StreamFormatter {
  readonly kind: 'stream';
  /**
   * Written by the caller between two records' texts when both are not
   * empty: SARIF's results are one JSON array, and an allowed record has no
   * result, so only the caller, which sees every text, knows where a comma goes.
   */
  readonly separator?: string;
  start(ctx: FormatContext): string;
  result(record: CheckedRecord, index: number, ctx: FormatContext): string;
  /** `inputs`: input problems and skipped items (none when left out). */
  end(summary: Summary, ctx: FormatContext, inputs?: InputNotes): string;
}

/** A range of a spool, in bytes: `[start, end)`. */
export interface SpoolRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A formatter whose text opens with counts known only at the end (JUnit's
 * suites open with theirs). Each record's text is appended to a spool as it
 * comes (the CLI's is a temporary file); at the end the report is laid out as
 * text around ranges of the spool, so no report is ever held whole. The
 * writer keeps counts per section and what it needs to keep names unique
 * (hashes), never the texts.
 */
export interface SpoolFormatter {
  readonly kind: 'spool';
  /** A writer for one report. */
  open(ctx: FormatContext): SpoolWriter;
}

export interface SpoolWriter {
  /** A record's text, to append to the spool (records come in input order). */
  result(record: CheckedRecord, index: number): string;
  /** The report, in order: texts, and ranges of the spool to copy. */
  finish(summary: Summary, inputs?: InputNotes): ReadonlyArray<string | SpoolRange>;
}

export type Formatter = StreamFormatter | SpoolFormatter;
