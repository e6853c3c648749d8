import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Status } from '../../engine/verdict.js';
import type { Lang, Messages } from '../messages.js';
import type { Row } from '../model/rows.js';
import type { Theme } from '../theme.js';
import { rowTimeText, timeColumnWidth, type RowTimeStyle } from '../time-text.js';
import { fit, widthOf } from '../text-width.js';

/** A row as the list draws it: its status (for the filtered region, when there is one) and whether other regions differ. */
export interface ListRow {
  readonly row: Row;
  readonly status: Status;
  /** Under a region filter: other regions of its audience have another status (drawn `*`). */
  readonly differs: boolean;
}

export interface RecordListProps {
  /** Only the rows on screen. */
  readonly rows: readonly ListRow[];
  /** Index in `rows` of the selected one, -1 when it is not on screen. */
  readonly selected: number;
  readonly pageSize: number;
  readonly width: number;
  readonly time: RowTimeStyle;
  readonly policyZone: string;
  /** The filtered region's code, heading the status column; undefined without a region filter. */
  readonly region: string | undefined;
  readonly messages: Messages;
  readonly lang: Lang;
  readonly theme: Theme;
}

export interface ListColumns {
  readonly status: number;
  readonly time: number;
  readonly audience: number;
  readonly channel: number;
  readonly categories: number;
  readonly title: number;
}

/**
 * Column widths at a given width: the status and time columns as wide as
 * their longest text in the language (a status and its `*`; a time with its
 * minutes, in French too), the others narrower under 100 columns, the title
 * taking what is left.
 */
export function listColumns(width: number, time: RowTimeStyle, messages: Messages, lang: Lang): ListColumns {
  const status = Math.max(9, Math.max(...Object.values(messages.status).map(widthOf)) + 1);
  const narrow = width < 100;
  const fixed = { status, time: Math.max(timeColumnWidth(time, lang), widthOf(messages.nowCell)), audience: narrow ? 8 : 10, channel: narrow ? 7 : 8, categories: narrow ? 11 : 14 };
  // Two columns of gutter for the selection mark, five single spaces between columns.
  const used = 2 + fixed.status + fixed.time + fixed.audience + fixed.channel + fixed.categories + 5;
  return { ...fixed, title: Math.max(8, width - used) };
}

/** The visible slice of the record list: a column header, then one line per record, the selection inverted. */
export const RecordList = memo(function RecordList({ rows, selected, pageSize, width, time, policyZone, region, messages, lang, theme }: RecordListProps) {
  const columns = listColumns(width, time, messages, lang);
  const { columns: names } = messages;
  const header = `  ${[
    fit(region ?? names.status, columns.status),
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
      {rows.map(({ row, status, differs }, index) => {
        const when = row.clocked ? messages.nowCell : rowTimeText(row.atMs, row.verdict.at, time, policyZone, lang);
        const rest = [
          fit(when, columns.time),
          fit(row.audience, columns.audience),
          fit(row.channel, columns.channel),
          fit(row.categories, columns.categories),
          fit(row.title || row.label, columns.title),
        ].join(' ');
        return (
          <Text key={row.key} inverse={index === selected} wrap="truncate-end">
            {/* A mark as well as inverse video: the selection stays visible where attributes are lost. */}
            {index === selected ? '› ' : '  '}
            <Text color={theme.status[status]} bold>{fit(`${messages.status[status]}${differs ? '*' : ''}`, columns.status)}</Text>
            {` ${rest}`}
          </Text>
        );
      })}
    </Box>
  );
});
