// Widths are counted in code points: what the UI draws is escaped by
// printable() and its own texts are Latin, box-drawing and punctuation, one
// column each. Ink's truncation stays the safety net for wider characters
// (CJK, emoji) in record titles.

/** Columns a text takes. */
export function widthOf(text: string): number {
  let width = 0;
  for (const _ of text) width++;
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
 * A line wrapped to `width` columns at spaces, continuation lines indented
 * two columns more than the line's own indent; a word longer than a line
 * (a URL, an id) is broken where the line ends. Nothing is dropped.
 */
export function wrapText(text: string, columns: number): string[] {
  const width = Math.max(1, columns);
  if (widthOf(text) <= width) return [text];
  const indent = Math.min(/^ */.exec(text)![0].length, Math.max(0, width - 10));
  const hanging = ' '.repeat(Math.min(indent + 2, Math.max(0, width - 10)));
  const lines: string[] = [];
  let line = ' '.repeat(indent);
  let empty = true;
  const push = () => {
    lines.push(line);
    line = hanging;
    empty = true;
  };
  for (const word of text.slice(indent).split(' ')) {
    // Runs of spaces are one break.
    if (word === '') continue;
    let rest = [...word];
    if (!empty && widthOf(line) + 1 + rest.length > width) push();
    // A word too long for a whole line is broken at the line's end.
    while (widthOf(line) + (empty ? 0 : 1) + rest.length > width) {
      const room = width - widthOf(line) - (empty ? 0 : 1);
      line += (empty ? '' : ' ') + rest.slice(0, room).join('');
      rest = rest.slice(room);
      push();
    }
    if (rest.length > 0) {
      line += (empty ? '' : ' ') + rest.join('');
      empty = false;
    }
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}
