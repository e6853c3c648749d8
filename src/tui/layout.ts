/** Where everything goes on a terminal of a given size (80 columns and up; fewer are laid out as 80 would be, clipped). */
export interface Layout {
  readonly columns: number;
  /** Lines drawn: one less than the terminal, so the frame never scrolls it. */
  readonly height: number;
  /** Header lines under the title: one per group of regions, as many as fit. */
  readonly liveLines: number;
  /** The timeline is drawn (not on a very short terminal). */
  readonly timeline: boolean;
  /** Lines of timeline bands, the `+N: …` line of those left out included. */
  readonly bandLines: number;
  /** The timeline's one-line legend is drawn. */
  readonly legend: boolean;
  /** Columns of the timeline's labels, then of its bands. */
  readonly labelWidth: number;
  readonly timelineWidth: number;
  /** Record rows on screen (below the list's column header). */
  readonly pageSize: number;
  /** The detail sits beside the list on a wide terminal, over it on a narrow one. */
  readonly detailBeside: boolean;
  readonly listWidth: number;
  readonly detailWidth: number;
  /** Lines of the help, which takes everything between the header and the footer. */
  readonly overlayHeight: number;
}

/** What the screen has to show, which the layout makes room for. */
export interface LayoutNeeds {
  /** Groups of regions with a line in the header. */
  readonly liveStates: number;
  /** Bands of the timeline. */
  readonly bands: number;
}

export const MIN_COLUMNS = 80;
/** Fewer rows are laid out as this many would be, clipped. */
export const MIN_ROWS = 12;
const WIDE = 140;
/** Header lines at most: beyond, the last says how many groups are left out. */
const MAX_LIVE_LINES = 4;

/** The timeline's label column and bands, at a width. */
export function timelineColumns(columns: number): { readonly labelWidth: number; readonly timelineWidth: number } {
  const width = Math.max(MIN_COLUMNS, Math.floor(columns) || MIN_COLUMNS);
  const labelWidth = Math.min(18, Math.floor(width / 6));
  return { labelWidth, timelineWidth: width - labelWidth - 1 };
}

/**
 * The layout for a terminal of `columns` × `rows`. The title, one header
 * line (the home region's), the filter bar, the list's column header and the
 * footer are always drawn; then, while the list keeps at least ~40% of the
 * height (6 rows at least): a second header line, the timeline with the home
 * region's band, its legend, more bands until every group has one, more
 * header lines. The list takes the rest.
 */
export function layoutFor(columns: number, rows: number, needs: LayoutNeeds = { liveStates: 2, bands: 1 }): Layout {
  const width = Math.max(MIN_COLUMNS, Math.floor(columns) || MIN_COLUMNS);
  const height = Math.max(MIN_ROWS, Math.floor(rows) || MIN_ROWS) - 1;
  // title, first header line, filter bar, list header, footer
  let free = height - 5;
  const minList = Math.max(6, Math.ceil(height * 0.42));
  const take = (lines: number): boolean => {
    if (free - lines < minList) return false;
    free -= lines;
    return true;
  };
  let liveLines = 1;
  if (needs.liveStates > 1 && take(1)) liveLines++;
  // axis, marks, cursor and the bands: the home region's, and a line for the others when there are more
  const firstBands = Math.min(2, Math.max(1, needs.bands));
  const timeline = take(3 + firstBands);
  let bandLines = timeline ? firstBands : 0;
  const legend = timeline && take(1);
  while (timeline && bandLines < needs.bands && take(1)) bandLines++;
  while (liveLines < Math.min(MAX_LIVE_LINES, needs.liveStates) && take(1)) liveLines++;
  const { labelWidth, timelineWidth } = timelineColumns(width);
  const detailBeside = width >= WIDE;
  const detailWidth = detailBeside ? Math.floor(width * 0.45) : width;
  return {
    columns: width,
    height,
    liveLines,
    timeline,
    bandLines,
    legend,
    labelWidth,
    timelineWidth,
    pageSize: Math.max(1, free),
    detailBeside,
    listWidth: detailBeside ? width - detailWidth - 1 : width,
    detailWidth,
    // Under the title and the header lines, above the footer.
    overlayHeight: height - 1 - liveLines - 1,
  };
}
