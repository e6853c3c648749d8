import { Text } from 'ink';
import { memo } from 'react';
import type { Messages } from '../messages.js';
import { cell, printable } from '../model/rows.js';
import type { Theme } from '../theme.js';
import { widthOf } from '../text-width.js';

export interface FilterBarProps {
  /** The filters in force, in words. */
  readonly status: string;
  readonly region: string;
  readonly zone: string;
  /** Records shown, of `total` checked so far. */
  readonly shown: number;
  readonly total: number;
  readonly search: string;
  readonly searching: boolean;
  readonly width: number;
  readonly messages: Messages;
  readonly theme: Theme;
}

/** The filters in force, the time zone of the list, the count, and the search box; the zone gives way to a search that needs the room. */
export const FilterBar = memo(function FilterBar({ status, region, zone, shown, total, search, searching, width, messages, theme }: FilterBarProps) {
  const searchText = searching || search !== '' ? ` · ${messages.search}: /${cell(search)}${searching ? '▏' : ''}` : '';
  const full = printable(messages.filterBar(status, region, zone, shown, total));
  const filters = searchText === '' || widthOf(full) + widthOf(searchText) <= width ? full : printable(messages.filterBar(status, region, undefined, shown, total));
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{filters}</Text>
      {searchText}
    </Text>
  );
});
