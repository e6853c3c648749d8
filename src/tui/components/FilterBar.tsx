import { Text } from 'ink';
import { memo } from 'react';
import type { Messages } from '../messages.js';
import { cell, printable } from '../rows.js';
import type { Theme } from '../theme.js';

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
  readonly messages: Messages;
  readonly theme: Theme;
}

/** The filters in force, the time zone of the list, the count, and the search box. */
export const FilterBar = memo(function FilterBar({ status, region, zone, shown, total, search, searching, messages, theme }: FilterBarProps) {
  const searchShown = searching || search !== '';
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{printable(messages.filterBar(status, region, zone, shown, total))}</Text>
      {searchShown ? ` · ${messages.search}: /${cell(search)}${searching ? '▏' : ''}` : ''}
    </Text>
  );
});
