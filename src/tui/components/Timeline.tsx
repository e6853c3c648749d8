import { Box, Text } from 'ink';
import type { Messages } from '../messages.js';
import type { Theme } from '../theme.js';
import { CELL, MARK, type Band } from '../timeline-model.js';

export interface TimelineProps {
  readonly axis: string;
  readonly bands: readonly Band[];
  readonly marks: string;
  /** Column of the selected record, -1 when it is outside the weekend. */
  readonly cursor: number;
  /** Column of the current instant, -1 outside. */
  readonly now: number;
  readonly maxBands: number;
  readonly labelWidth: number;
  readonly width: number;
  readonly messages: Messages;
  readonly theme: Theme;
}

function label(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A line of glyphs drawn as runs of one colour each: a few Text nodes, not one per column. */
function Runs({ text, colour }: { text: string; colour: (glyph: string) => string | undefined }) {
  const runs: { text: string; glyph: string }[] = [];
  for (const glyph of text) {
    const last = runs[runs.length - 1];
    if (last && last.glyph === glyph) last.text += glyph;
    else runs.push({ text: glyph, glyph });
  }
  return (
    <Text>
      {runs.map((run, index) => (
        <Text key={index} color={colour(run.glyph)}>
          {run.text}
        </Text>
      ))}
    </Text>
  );
}

const NOW = '│';

function withNow(cells: string, now: number): string {
  return now < 0 || now >= cells.length ? cells : `${cells.slice(0, now)}${NOW}${cells.slice(now + 1)}`;
}

const MARK_STATUS = Object.fromEntries(Object.entries(MARK).map(([status, glyph]) => [glyph, status])) as Partial<Record<string, keyof typeof MARK>>;

/** The election weekend: day axis, one band per region group, records as marks, a cursor under the selection. */
export function Timeline({ axis, bands, marks, cursor, now, maxBands, labelWidth, width, messages, theme }: TimelineProps) {
  const shown = bands.length > maxBands ? bands.slice(0, maxBands - 1) : bands;
  const hidden = bands.length - shown.length;
  const bandColour = (glyph: string) => (glyph === CELL.block ? theme.band.block : glyph === CELL.review ? theme.band.review : glyph === NOW ? theme.now : undefined);
  const pointer = cursor >= 0 ? `${' '.repeat(cursor)}^` : messages.timelineOutside;
  return (
    <Box flexDirection="column" width={labelWidth + 1 + width}>
      <Text dimColor={theme.dim}>{`${' '.repeat(labelWidth + 1)}${axis}`}</Text>
      {shown.map((band) => (
        <Text key={band.label} wrap="truncate-end">
          {`${label(band.label, labelWidth)} `}
          <Runs text={withNow(band.cells, now)} colour={bandColour} />
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor={theme.dim}>{label(`+${hidden}`, labelWidth)}</Text> : null}
      {Array.from({ length: maxBands - shown.length - (hidden > 0 ? 1 : 0) }, (_, index) => (
        <Text key={`blank${index}`}> </Text>
      ))}
      <Text wrap="truncate-end">
        {' '.repeat(labelWidth + 1)}
        <Runs text={marks} colour={(glyph) => (MARK_STATUS[glyph] ? theme.status[MARK_STATUS[glyph]] : undefined)} />
      </Text>
      <Text color={theme.cursor} wrap="truncate-end">{`${' '.repeat(labelWidth + 1)}${pointer}`}</Text>
    </Box>
  );
}
