import type { InputMessages } from '../messages.js';
import type { BadByte } from './utf8-chunks.js';

/** One CSV row as read: its fields, the line it starts on, and what is wrong with it, if anything. */
export interface CsvRow {
  readonly fields: string[];
  readonly line: number;
  readonly problem?: string;
  /** The row holds bytes that are not text (NUL, invalid UTF-8), whatever its problem says. */
  readonly binary?: boolean;
}

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Splits CSV text into rows as it streams in (RFC 4180: comma separated,
 * fields in double quotes may hold commas, newlines and doubled quotes; CRLF
 * or LF line ends). A row longer than `limit` characters is reported, not
 * kept, so one huge row cannot exhaust memory.
 */
export class CsvRowSplitter {
  #fields: string[] = [];
  #field = '';
  #rowChars = 0;
  #inQuotes = false;
  #afterQuote = false;
  /** The current field started with a quote (so it is not blank even when empty). */
  #quoted = false;
  #line = 1;
  #rowLine = 1;
  #problem: string | undefined;
  #binary = false;
  readonly #limit: number;
  readonly #m: InputMessages;

  constructor(limit: number, messages: InputMessages) {
    this.#limit = limit;
    this.#m = messages;
  }

  /**
   * Splits `text`, pushing every row it completes onto `rows`. `bad` are the
   * places of bytes that were not text (NUL, invalid UTF-8): each makes the
   * row that holds it a problem at that row's own line, and only that row.
   */
  push(text: string, rows: CsvRow[], bad: readonly BadByte[] = []): void {
    let segment = 0;
    let nextBad = 0;
    const length = text.length;
    for (let at = 0; at < length; at++) {
      const code = text.charCodeAt(at);
      if (this.#inQuotes) {
        if (code === QUOTE) {
          this.#append(text, segment, at);
          segment = at + 1;
          this.#inQuotes = false;
          this.#afterQuote = true;
        } else if (code === NEWLINE) this.#line++;
        continue;
      }
      if (this.#afterQuote && code !== COMMA && code !== NEWLINE && code !== CARRIAGE_RETURN) {
        this.#afterQuote = false;
        if (code === QUOTE) {
          // A doubled quote inside a quoted field is one quote.
          this.#inQuotes = true;
          this.#append('"', 0, 1);
          segment = at + 1;
          continue;
        }
        this.#problem ??= this.#m.csvAfterQuote(text[at]!);
      }
      if (code === COMMA) {
        this.#append(text, segment, at);
        segment = at + 1;
        this.#endField();
      } else if (code === NEWLINE) {
        this.#append(text, segment, at);
        segment = at + 1;
        if (nextBad < bad.length && bad[nextBad]!.at < at) nextBad = this.#blame(bad, nextBad, at);
        this.#dropCarriageReturn();
        this.#endRow(rows);
        this.#line++;
        this.#rowLine = this.#line;
      } else if (code === QUOTE && this.#field === '' && at === segment && !this.#quoted) {
        this.#inQuotes = true;
        this.#quoted = true;
        segment = at + 1;
      } else if (code === CARRIAGE_RETURN && this.#afterQuote) {
        segment = at + 1;
      }
    }
    this.#append(text, segment, length);
    // Bad bytes past the last row end belong to the row still open.
    if (nextBad < bad.length) this.#blame(bad, nextBad, length);
  }

  /** Makes the bad bytes before `end` the open row's problem; returns the index of the first one after. */
  #blame(bad: readonly BadByte[], from: number, end: number): number {
    let next = from;
    for (; next < bad.length && bad[next]!.at < end; next++) {
      this.#problem ??= bad[next]!.kind === 'nul' ? this.#m.nulInLine : this.#m.notUtf8;
      this.#binary = true;
    }
    return next;
  }

  /** The last row, when the text does not end with a newline. */
  end(rows: CsvRow[]): void {
    if (this.#inQuotes) {
      this.#problem = this.#m.csvUnclosedQuote;
      this.#endRow(rows);
      return;
    }
    this.#dropCarriageReturn();
    this.#endRow(rows);
  }

  /** The CR of a CRLF line end (it may have come at the end of the previous chunk). */
  #dropCarriageReturn(): void {
    if (!this.#quoted && this.#field.endsWith('\r')) this.#field = this.#field.slice(0, -1);
  }

  #append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.#rowChars += to - from;
    // Past the limit the row is only followed to its end, never kept.
    if (this.#rowChars > this.#limit) {
      this.#field = '';
      this.#fields = [];
      return;
    }
    this.#field += text.slice(from, to);
  }

  #endField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#quoted = false;
    this.#afterQuote = false;
  }

  #endRow(rows: CsvRow[]): void {
    const blank = this.#fields.length === 0 && this.#field === '' && !this.#quoted;
    this.#endField();
    if (this.#rowChars > this.#limit) rows.push({ fields: [], line: this.#rowLine, problem: this.#m.lineTooLong(this.#limit) });
    else if (this.#problem !== undefined) rows.push({ fields: this.#fields, line: this.#rowLine, problem: this.#problem, ...(this.#binary ? { binary: true } : {}) });
    else if (!blank) rows.push({ fields: this.#fields, line: this.#rowLine });
    this.#fields = [];
    this.#rowChars = 0;
    this.#problem = undefined;
    this.#binary = false;
  }
}
