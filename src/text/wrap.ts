// Widths are counted in code points: what blackout draws is escaped by
// printable() and its own texts are Latin, box-drawing and punctuation, one
// column each; colours take none. Wider characters (CJK, emoji) in record
// titles are left to the terminal (and Ink's truncation in the UI).

const COLOUR = /\u001b\[\d+m/g;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Columns a text takes. */
export function widthOf(text: string): number {
  let width = 0;
  for (const _ of text.includes('\u001b') ? text.replace(COLOUR, '') : text) width++;
  return width;
}

/** A text cut to `width` columns, `…` marking the cut. */
export function clip(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  return `${[...text].slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** A text cut or padded to exactly `width` columns. */
export function fit(text: string, width: number): string {
  const clipped = clip(text, width);
  return clipped + ' '.repeat(Math.max(0, width - widthOf(clipped)));
}

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
    let letters = [...word];
    const url = URL.test(word);
    if (!empty && (url || letters.length > room())) push();
    if (long === 'break') {
      // A word too long for a whole line is broken where the line ends.
      for (let take = room(); letters.length > take && take > 0; take = room()) {
        line += (empty ? '' : ' ') + letters.slice(0, take).join('');
        letters = letters.slice(take);
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
