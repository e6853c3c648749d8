const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Where each element of a top-level JSON array starts: JSON.parse gives no
 * positions on Node 20, so the text is scanned once, in step with the
 * elements as they are read, holding nothing but a few numbers. The text
 * must be JSON that parsed: strings then hold no raw newline, so every
 * newline is whitespace between tokens and lines are counted on the way.
 * Strings are skipped with `indexOf`, which keeps long texts cheap.
 *
 * @example
 * const starts = new JsonElementStarts(text);
 * while (starts.next()) console.log(starts.line, starts.column);
 */
export class JsonElementStarts {
  /** 1-based line and column (UTF-16 code units, as SARIF counts) of the element found by the last `next()`. */
  line = 1;
  column = 1;
  /** Where that element starts in the text, and where it ends (just past it). */
  offset = 0;
  end = 0;
  readonly #text: string;
  #at = 0;
  /** The line `#at` is on, and where that line starts. */
  #line = 1;
  #lineStart = 0;
  #depth = 0;

  constructor(text: string) {
    this.#text = text;
  }

  /** Moves to the next element's first character; false when there is none (the array ended, or the text is no array). */
  next(): boolean {
    const text = this.#text;
    const length = text.length;
    // A value starts after the array's `[` or after a `,` between its elements.
    let expecting = false;
    for (let at = this.#at; at < length; at++) {
      const code = text.charCodeAt(at);
      if (code === NEWLINE) {
        this.#lineStart = at + 1;
        this.#line++;
        continue;
      }
      if (code <= 0x20) continue;
      const depth = this.#depth;
      if (depth === 0) {
        if (code !== OPEN_BRACKET) return this.#end();
        this.#depth = 1;
        expecting = true;
        continue;
      }
      if (depth === 1) {
        if (code === CLOSE_BRACKET) return this.#end();
        if (code === COMMA) {
          expecting = true;
          continue;
        }
        if (expecting) {
          this.line = this.#line;
          this.column = at - this.#lineStart + 1;
          // The element is stepped over by the next call: a string or a bracket is handled there.
          this.#at = at;
          this.offset = at;
          this.#skipValue();
          this.end = this.#at;
          return true;
        }
      }
    }
    return this.#end();
  }

  /** Steps over the value at `#at` (at depth 1), leaving `#at` just past it. */
  #skipValue(): void {
    const text = this.#text;
    const length = text.length;
    let depth = 0;
    for (let at = this.#at; at < length; at++) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        at = closingQuote(text, at);
        if (depth === 0) {
          this.#at = at + 1;
          return;
        }
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (depth === 0) {
          // The array's own `]` after a number or literal: left for `next` to find.
          this.#at = at;
          return;
        }
        if (--depth === 0) {
          this.#at = at + 1;
          return;
        }
      } else if (code === NEWLINE) {
        this.#lineStart = at + 1;
        this.#line++;
      } else if (code === COMMA && depth === 0) {
        this.#at = at;
        return;
      }
    }
    this.#at = length;
  }

  #end(): false {
    this.#at = this.#text.length;
    return false;
  }
}

/** The 1-based line and column of a JSON text's first token (the text of one record). */
export function jsonValueStart(text: string): { readonly line: number; readonly column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === NEWLINE) {
      line++;
      lineStart = at + 1;
    } else if (code > 0x20) return { line, column: at - lineStart + 1 };
  }
  return { line, column: 1 };
}

/** The index of the `"` closing the string opened at `open`: the next quote not escaped by an odd run of backslashes (the text's length when none is). */
export function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}
