import type { CliIo } from '../io.js';
import type { Lang } from '../options/lang-option.js';

const EVERY_MS = 500;
/** Short runs stay silent: progress is for the long ones. */
const AFTER_MS = 1000;

/** Records checked and records/s, redrawn in place on standard error when it is a terminal; never on stdout. */
export class Progress {
  readonly #io: CliIo;
  readonly #lang: Lang;
  readonly #now: () => number;
  readonly #started: number;
  #shownAt = 0;
  #shown = false;

  // Date.now, not performance.now: the first use of `performance` loads a module at start-up.
  constructor(io: CliIo, lang: Lang, now: () => number = Date.now) {
    this.#io = io;
    this.#lang = lang;
    this.#now = now;
    this.#started = now();
  }

  update(records: number): void {
    if (!this.#io.stderrIsTty) return;
    const now = this.#now();
    if (now - this.#started < AFTER_MS || now - this.#shownAt < EVERY_MS) return;
    this.#shownAt = now;
    this.#shown = true;
    const rate = Math.round(records / ((now - this.#started) / 1000));
    const locale = this.#lang === 'fr' ? 'fr-FR' : 'en-GB';
    const words = this.#lang === 'fr' ? ['enregistrements', 'enr./s'] : ['records', 'records/s'];
    this.#redraw(`${records.toLocaleString(locale)} ${words[0]}, ${rate.toLocaleString(locale)} ${words[1]}`);
  }

  /** Clears the line, so messages that follow start clean. */
  done(): void {
    if (this.#shown) this.#redraw('');
  }

  /** The status line, in place: through the io's own when it has one (its stderr escapes control characters). */
  #redraw(text: string): void {
    if (this.#io.stderrStatus) this.#io.stderrStatus(text);
    else this.#io.stderr(`\r\x1b[K${text}`);
  }
}
