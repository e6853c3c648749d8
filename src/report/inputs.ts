import type { ErrorItem, SkippedItem, SkipReason } from '../records/input-item.js';

/**
 * How many input problems, and how many skipped items, a report lists: a file
 * with a million bad lines must not make a report (or the memory behind it)
 * grow without bound. Every one is counted all the same.
 */
export const LISTED_LIMIT = 1000;

/**
 * What a run was given and did not check, as every report shows it: input
 * problems (a line or a file not read) and skipped items (a draft, a file of
 * a kind not read), the first ones listed in input order, all counted.
 */
export interface InputNotes {
  /** The first {@link LISTED_LIMIT} input problems, in input order. */
  readonly problems: readonly ErrorItem[];
  /** The first {@link LISTED_LIMIT} skipped items, in input order. */
  readonly skipped: readonly SkippedItem[];
  /** Every input problem, listed or not. */
  readonly problemCount: number;
  /** Every skipped item, listed or not, and how many for each reason. */
  readonly skippedCount: number;
  readonly skippedReasons: Readonly<Record<SkipReason, number>>;
}

/** A run that read everything it was given. */
export const NO_INPUT_NOTES: InputNotes = Object.freeze({
  problems: Object.freeze([]),
  skipped: Object.freeze([]),
  problemCount: 0,
  skippedCount: 0,
  skippedReasons: Object.freeze({ draft: 0, expired: 0, unpublished: 0, 'list-page': 0, 'unsupported-kind': 0 }),
});

/**
 * Input notes gathered as a run goes, in input order: the first `limit` of
 * each kind kept, every one counted.
 *
 * @example
 * const notes = new InputNotesBuilder();
 * for (const item of items) if (item.kind !== 'record') notes.add(item);
 * formatReport('json', { policy, results, inputs: notes }, ctx);
 */
export class InputNotesBuilder implements InputNotes {
  readonly problems: ErrorItem[] = [];
  readonly skipped: SkippedItem[] = [];
  problemCount = 0;
  skippedCount = 0;
  readonly skippedReasons: Record<SkipReason, number> = { draft: 0, expired: 0, unpublished: 0, 'list-page': 0, 'unsupported-kind': 0 };
  readonly #limit: number;

  constructor(limit = LISTED_LIMIT) {
    this.#limit = limit;
  }

  add(item: ErrorItem | SkippedItem): void {
    if (item.kind === 'error') {
      if (this.problemCount++ < this.#limit) this.problems.push(item);
    } else {
      this.skippedReasons[item.reason]++;
      if (this.skippedCount++ < this.#limit) this.skipped.push(item);
    }
  }
}

/** Input problems and skipped items left out of the lists. */
export function notListed(inputs: InputNotes): { readonly problems: number; readonly skipped: number } {
  return { problems: inputs.problemCount - inputs.problems.length, skipped: inputs.skippedCount - inputs.skipped.length };
}
