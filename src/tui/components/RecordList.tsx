import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Lang, Messages } from '../messages.js';
import type { Row } from '../rows.js';
import type { Theme } from '../theme.js';
import { rowTimeText, type ZoneMode } from '../time-text.js';

export interface RecordListProps {
  /** Only the rows on screen. */
  readonly rows: readonly Row[];
  /** Index in `rows` of the selected one, -1 when it is not on screen. */
  readonly selected: number;
  readonly pageSize: number;
  readonly width: number;
  readonly zone: ZoneMode;
  readonly policyZone: string;
  readonly messages: Messages;
  readonly lang: Lang;
  readonly theme: Theme;
}

/** Column widths at a given width; the title takes what is left. */
export function listColumns(width: number): { status: number; time: number; audience: number; channel: number; categories: number; title: number } {
  const fixed = { status: 9, time: 16, audience: 10, channel: 8, categories: 14 };
  // Two columns of gutter for the selection mark, five single spaces between columns.
  const used = 2 + fixed.status + fixed.time + fixed.audience + fixed.channel + fixed.categories + 5;
  return { ...fixed, title: Math.max(8, width - used) };
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** The visible slice of the record list: a column header, then one line per record, the selection inverted. */
export const RecordList = memo(function RecordList({ rows, selected, pageSize, width, zone, policyZone, messages, lang, theme }: RecordListProps) {
  const columns = listColumns(width);
  const { columns: names } = messages;
  const header = `  ${[
    fit(names.status, columns.status),
    fit(names.time, columns.time),
    fit(names.audience, columns.audience),
    fit(names.channel, columns.channel),
    fit(names.categories, columns.categories),
    fit(names.title, columns.title),
  ].join(' ')}`;
  return (
    <Box flexDirection="column" width={width} height={pageSize + 1}>
      <Text bold wrap="truncate-end">{header}</Text>
      {rows.length === 0 ? <Text dimColor={theme.dim}>{messages.noRecords}</Text> : null}
      {rows.map((row, index) => {
        const { status } = row.verdict;
        const rest = [
          fit(rowTimeText(row.atMs, row.verdict.at, zone, policyZone, lang), columns.time),
          fit(row.audience, columns.audience),
          fit(row.channel, columns.channel),
          fit(row.categories, columns.categories),
          fit(row.title || row.label, columns.title),
        ].join(' ');
        return (
          <Text key={row.key} inverse={index === selected} wrap="truncate-end">
            {/* A mark as well as inverse video: the selection stays visible where attributes are lost. */}
            {index === selected ? '› ' : '  '}
            <Text color={theme.status[status]} bold>{fit(messages.status[status], columns.status)}</Text>
            {` ${rest}`}
          </Text>
        );
      })}
    </Box>
  );
});
