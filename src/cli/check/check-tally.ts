import type { ErrorItem, SkippedItem } from '../../records/input-item.js';
import { inputProblemLine } from '../print-issues.js';
import { emptySummary, InputNotesBuilder } from '../../report/index.js';
import type { CliIo } from '../io.js';
import { IdSet } from './id-set.js';
import { favourMemory, LONG_RUN_RECORDS } from '../memory-mode.js';
import type { Lang } from '../options/lang-option.js';
import { Progress } from './progress.js';
import type { StatusCounts } from './worker-messages.js';

/**
 * What a check run counts as it goes, on the main thread or from workers:
 * statuses, ids seen, input problems and skipped items (the first ones kept
 * for the report, in input order), progress.
 */
export class CheckTally {
  readonly summary = emptySummary();
  readonly seen = new IdSet();
  /** Input problems (lines or files not read) and things read and knowingly not checked, for the report. */
  readonly inputs = new InputNotesBuilder();
  readonly #io: CliIo;
  readonly #progress: Progress;

  constructor(io: CliIo, lang: Lang, now?: () => number) {
    this.#io = io;
    this.#progress = new Progress(io, lang, now);
  }

  /** Input problems: lines or files not read. */
  get unread(): number {
    return this.inputs.problemCount;
  }

  /** Things read and knowingly not checked. */
  get skipped(): number {
    return this.inputs.skippedCount;
  }

  /** An input problem, one line on stderr with file and line, and in the report; reading goes on. */
  problem(item: ErrorItem): void {
    this.inputs.add(item);
    this.#io.stderr(inputProblemLine(item));
  }

  /** Something knowingly not checked (a draft, a file of a kind not read): one line on stderr, and in the report. */
  skip(item: SkippedItem): void {
    this.inputs.add(item);
    this.#io.stderr(inputProblemLine(item));
  }

  /** The counts of a batch checked on a worker. */
  add(counts: StatusCounts): void {
    const { summary } = this;
    summary.records += counts.records;
    summary.allowed += counts.allowed;
    summary.blocked += counts.blocked;
    summary.review += counts.review;
    summary.invalid += counts.invalid;
    this.progress();
  }

  progress(): void {
    if (this.summary.records >= LONG_RUN_RECORDS) favourMemory();
    this.#progress.update(this.summary.records);
  }

  /** Clears the progress line. */
  done(): void {
    this.#progress.done();
  }
}
