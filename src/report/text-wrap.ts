const COLOUR = /\u001b\[\d+m/g;

/** The columns a text takes on a terminal: one a code point (accented letters are one; wide characters are rare in reports), colours none. */
export function columns(text: string): number {
  let count = 0;
  for (const _ of text.replace(COLOUR, '')) count++;
  return count;
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A paragraph laid out within `width` columns, broken at spaces: the first
 * line after `first`, the others after `rest` (a hanging indent). A URL goes
 * on a line of its own, whole, so a terminal can open it; a word longer than
 * a line is left whole rather than cut.
 *
 * @example
 * wrap('blocked only for readers in New Caledonia and Wallis-et-Futuna', 40, '  ', '    ');
 */
export function wrap(text: string, width: number, first: string, rest: string = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const push = () => {
    lines.push(line);
    line = rest;
    empty = true;
  };
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    if (URL.test(word)) {
      if (!empty) push();
      line += word;
      push();
      continue;
    }
    if (!empty && columns(line) + 1 + columns(word) > width) push();
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}
