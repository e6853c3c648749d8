import { Box, Text } from 'ink';
import { memo, useCallback, useMemo } from 'react';
import type { Messages } from '../messages.js';
import type { Theme } from '../theme.js';
import { CELL, MARK, type Band } from '../model/timeline.js';
import { printable } from '../model/rows.js';

export interface TimelineBandsProps {
  readonly axis: string;
  /** The bands drawn, the home region's first. */
  readonly bands: readonly Band[];
  /** The line that names the bands left out (`+4: Guyane, …`), or '' when none is. */
  readonly collapsed: string;
  /** Column of the current instant, -1 outside. */
  readonly now: number;
  /** Lines the bands take, the collapsed line included: blank ones fill the rest. */
  readonly lines: number;
  readonly labelWidth: number;
  readonly width: number;
  readonly theme: Theme;
}

export interface TimelineMarksProps {
  readonly marks: string;
  /** Column of the selected record, -1 when it is outside the weekend. */
  readonly cursor: number;
  readonly labelWidth: number;
  /** The legend line, or undefined when there is no room for it. */
  readonly legend: string | undefined;
  readonly messages: Messages;
  readonly theme: Theme;
}

function label(raw: string, width: number): string {
  const text = printable(raw);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A line of glyphs drawn as runs of one colour each: a few Text nodes, not one per column. */
const Runs = memo(function Runs({ text, colour }: { text: string; colour: (glyph: string) => string | undefined }) {
  const runs = useMemo(() => runsOf(text), [text]);
  return (
    <Text>
      {runs.map((run, index) => (
        <Text key={index} color={colour(run.glyph)}>
          {run.text}
        </Text>
      ))}
    </Text>
  );
});

function runsOf(text: string): { text: string; glyph: string }[] {
  const runs: { text: string; glyph: string }[] = [];
  for (const glyph of text) {
    const last = runs[runs.length - 1];
    if (last && last.glyph === glyph) last.text += glyph;
    else runs.push({ text: glyph, glyph });
  }
  return runs;
}

const NOW = '│';

function withNow(cells: string, now: number): string {
  return now < 0 || now >= cells.length ? cells : `${cells.slice(0, now)}${NOW}${cells.slice(now + 1)}`;
}

const MARK_STATUS = Object.fromEntries(Object.entries(MARK).map(([status, glyph]) => [glyph, status])) as Partial<Record<string, keyof typeof MARK>>;

/** The election weekend: day axis, one band per region group, the now marker. Drawn again when the now marker moves a column, not on keys. */
export const TimelineBands = memo(function TimelineBands({ axis, bands, collapsed, now, lines, labelWidth, width, theme }: TimelineBandsProps) {
  const blank = Math.max(0, lines - bands.length - (collapsed === '' ? 0 : 1));
  const bandColour = (glyph: string) => (glyph === CELL.block ? theme.band.block : glyph === CELL.review ? theme.band.review : glyph === NOW ? theme.now : undefined);
  return (
    <Box flexDirection="column" width={labelWidth + 1 + width}>
      <Text dimColor={theme.dim}>{`${' '.repeat(labelWidth + 1)}${axis}`}</Text>
      {bands.map((band) => (
        <Text key={band.label} wrap="truncate-end">
          {`${label(band.label, labelWidth)} `}
          <Runs text={withNow(band.cells, now)} colour={bandColour} />
        </Text>
      ))}
      {collapsed === '' ? null : (
        <Text dimColor={theme.dim} wrap="truncate-end">
          {printable(collapsed)}
        </Text>
      )}
      {Array.from({ length: blank }, (_, index) => (
        <Text key={`blank${index}`}> </Text>
      ))}
    </Box>
  );
});

/** The records as marks under the bands, a cursor under the selected one, and the legend of the glyphs. */
export const TimelineMarks = memo(function TimelineMarks({ marks, cursor, labelWidth, legend, messages, theme }: TimelineMarksProps) {
  const pointer = cursor >= 0 ? `${' '.repeat(cursor)}^` : messages.timelineOutside;
  const markColour = useCallback((glyph: string) => (MARK_STATUS[glyph] ? theme.status[MARK_STATUS[glyph]] : undefined), [theme]);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {' '.repeat(labelWidth + 1)}
        <Runs text={marks} colour={markColour} />
      </Text>
      <Text color={theme.cursor} wrap="truncate-end">{`${' '.repeat(labelWidth + 1)}${pointer}`}</Text>
      {legend === undefined ? null : (
        <Text dimColor={theme.dim} wrap="truncate-end">
          {legend}
        </Text>
      )}
    </Box>
  );
});
