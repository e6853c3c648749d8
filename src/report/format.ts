import type { CompiledPolicy } from '../policy/compiled.js';
import type { CheckedRecord, CheckReport, Summary } from './results.js';

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
}

/**
 * A streaming formatter: `start`, then `result` once per record in input
 * order, then `end`. Each is a pure function of its arguments and keeps no
 * state, so a million records stream in constant memory.
 */
export interface StreamFormatter {
  readonly kind: 'stream';
  start(ctx: FormatContext): string;
  result(record: CheckedRecord, index: number, ctx: FormatContext): string;
  end(summary: Summary, ctx: FormatContext): string;
}

/** A formatter that needs the whole report first (junit counts in its opening tags, SARIF's rule table). */
export interface ReportFormatter {
  readonly kind: 'report';
  format(report: CheckReport, ctx: FormatContext): string;
}

export type Formatter = StreamFormatter | ReportFormatter;
