// What blackout draws is escaped by printable() first; colours take no column.
// Reports count a column per code point (their own texts are Latin, box-drawing
// and punctuation; a terminal wraps what a wider title makes too long). The
// terminal UI measures as Ink does, grapheme by grapheme (src/tui/text-width.ts):
// a wide title must not overflow a frame Ink draws in place.

const COLOUR = /\u001b\[\d+m/g;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** How texts are cut into pieces a terminal draws whole, and how many columns each takes. */
export interface TextMeasure {
  pieces(text: string): string[];
  columns(piece: string): number;
}

/** A column per code point. */
export const CODE_POINTS: TextMeasure = { pieces: (text) => [...text], columns: () => 1 };

/** Measuring, cutting and wrapping texts for one way of measuring them. */
export interface TextLayout {
  /** Columns a text takes. */
  widthOf(text: string): number;
  /** A text cut to `width` columns, `…` marking the cut. */
  clip(text: string, width: number): string;
  /** A text cut or padded to exactly `width` columns. */
  fit(text: string, width: number): string;
  wrap: typeof wrap;
}

export function textLayout(measure: TextMeasure): TextLayout {
  const plain = (text: string) => (text.includes('\u001b') ? text.replace(COLOUR, '') : text);
  const widthOf = (text: string): number => {
    let width = 0;
    for (const piece of measure.pieces(plain(text))) width += measure.columns(piece);
    return width;
  };
  const clip = (text: string, width: number): string => {
    if (widthOf(text) <= width) return text;
    let kept = '';
    let used = 0;
    for (const piece of measure.pieces(text)) {
      const columns = measure.columns(piece);
      if (used + columns > width - 1) break;
      kept += piece;
      used += columns;
    }
    return `${kept}…`;
  };
  const fit = (text: string, width: number): string => {
    const clipped = clip(text, width);
    return clipped + ' '.repeat(Math.max(0, width - widthOf(clipped)));
  };
  return { widthOf, clip, fit, wrap: (text, width, first, rest = first, long = 'keep') => wrapWith(measure, widthOf, text, width, first, rest, long) };
}

export const { widthOf, clip, fit } = textLayout(CODE_POINTS);

/**
 * A paragraph laid out within `width` columns, broken at spaces: the first
 * line after `first`, the others after `rest` (a hanging indent). A URL goes
 * on a line of its own, so a terminal can open it. A word longer than a line
 * is kept whole (`long: 'keep'`, for a report that may be copied) or broken
 * where the line ends (`'break'`, for a screen that must not overflow).
 * Nothing is dropped; runs of spaces are one break.
 *
 * @example
 * wrap('blocked only for readers in New Caledonia and Wallis-et-Futuna', 40, '  ', '    ');
 */
export function wrap(text: string, width: number, first: string, rest: string = first, long: 'keep' | 'break' = 'keep'): string[] {
  return wrapWith(CODE_POINTS, widthOf, text, width, first, rest, long);
}

function wrapWith(measure: TextMeasure, widthOf: (text: string) => number, text: string, width: number, first: string, rest: string, long: 'keep' | 'break'): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const push = () => {
    lines.push(line);
    line = rest;
    empty = true;
  };
  const room = () => width - widthOf(line) - (empty ? 0 : 1);
  for (const word of text.split(' ')) {
    if (word === '') continue;
    let letters = measure.pieces(word);
    const url = URL.test(word);
    if (!empty && (url || widthOf(word) > room())) push();
    if (long === 'break') {
      // A word too long for a whole line is broken where the line ends (a piece wider than a whole line goes alone).
      for (let take = fitting(measure, letters, room()); take < letters.length && (take > 0 || empty); take = fitting(measure, letters, room())) {
        const cut = Math.max(take, 1);
        line += (empty ? '' : ' ') + letters.slice(0, cut).join('');
        letters = letters.slice(cut);
        push();
      }
    }
    if (letters.length > 0) {
      line += (empty ? '' : ' ') + letters.join('');
      empty = false;
    }
    if (url) push();
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/** How many of `pieces`, from the first, fit in `room` columns. */
function fitting(measure: TextMeasure, pieces: readonly string[], room: number): number {
  let used = 0;
  for (let index = 0; index < pieces.length; index++) {
    used += measure.columns(pieces[index]!);
    if (used > room) return index;
  }
  return pieces.length;
}
