/** Where everything goes on a terminal of a given size (80×24 and up; smaller is laid out as 80×24 would be, clipped). */
export interface Layout {
  readonly columns: number;
  /** Lines drawn: one less than the terminal, so the frame never scrolls it. */
  readonly height: number;
  readonly liveLines: number;
  readonly bandRows: number;
  /** Columns of the timeline's labels, then of its bands. */
  readonly labelWidth: number;
  readonly timelineWidth: number;
  /** Record rows on screen (below the list's column header). */
  readonly pageSize: number;
  /** The detail sits beside the list on a wide terminal, over it on a narrow one. */
  readonly detailBeside: boolean;
  readonly listWidth: number;
  readonly detailWidth: number;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
const WIDE = 140;

/** The layout for a terminal of `columns` × `rows`. */
export function layoutFor(columns: number, rows: number): Layout {
  const width = Math.max(MIN_COLUMNS, Math.floor(columns) || MIN_COLUMNS);
  const height = Math.max(MIN_ROWS, Math.floor(rows) || MIN_ROWS) - 1;
  const tall = height >= 33 ? 2 : height >= 27 ? 1 : 0;
  const liveLines = 1 + tall;
  const bandRows = 2 + tall * 2;
  // title, live lines, axis + bands + marks + cursor, filter bar, list header, footer
  const fixed = 1 + liveLines + 3 + bandRows + 1 + 1 + 1;
  const labelWidth = Math.min(18, Math.floor(width / 6));
  const detailBeside = width >= WIDE;
  const detailWidth = detailBeside ? Math.floor(width * 0.45) : width;
  return {
    columns: width,
    height,
    liveLines,
    bandRows,
    labelWidth,
    timelineWidth: width - labelWidth - 1,
    pageSize: Math.max(1, height - fixed),
    detailBeside,
    listWidth: detailBeside ? width - detailWidth - 1 : width,
    detailWidth,
  };
}
