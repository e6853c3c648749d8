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
  /** The JUnit schema the junit report must be valid against (default: the attributes most consumers read). */
  readonly junitSchema?: JunitSchema;
  /** GitHub's job summary ($GITHUB_STEP_SUMMARY), when the run has one: the github format appends its Markdown there. */
  readonly jobSummary?: JobSummary;
}

/**
 * `default`: test cases carry `file` and `line` (GitLab, junit2json and
 * others read them); `jenkins`: valid against junit-10.xsd, the schema
 * Jenkins' xUnit plugin checks reports with (it skips a report that fails),
 * which allows neither.
 */
export type JunitSchema = 'default' | 'jenkins';

/** Every JUnit schema the junit format writes for. */
export const JUNIT_SCHEMAS: readonly JunitSchema[] = ['default', 'jenkins'];

/** What a command adds to the context for one format (the CLI's `--junit-schema`, GitHub's job summary). */
export type ReportOptions = Pick<FormatContext, 'junitSchema' | 'jobSummary'>;

/**
 * Where the github format writes its job summary. The CLI makes it from
 * $GITHUB_STEP_SUMMARY and does the writing, so the formatter does no I/O.
 */
export interface JobSummary {
  /**
   * Bytes the Markdown may take: GitHub drops a step's whole summary when the
   * file passes 1 MiB, and what the file already holds counts.
   */
  readonly room: number;
  /** Appends the Markdown; false when it could not be written (the sink has said why). */
  append(markdown: string): boolean;
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
 * suites open with theirs), or that keeps what a report needs across records
 * (GitHub's last notice counts the annotations before it, and its job summary
 * gathers them). Each record's text is appended to a spool as it
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
