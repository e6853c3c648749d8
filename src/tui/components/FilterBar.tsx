import { Text } from 'ink';
import type { CompiledPolicy } from '../../policy/compiled.js';
import type { Messages } from '../messages.js';
import type { TuiState } from '../state.js';
import type { Theme } from '../theme.js';
import { cell } from '../rows.js';

export interface FilterBarProps {
  readonly state: TuiState;
  readonly policy: CompiledPolicy;
  readonly policyZone: string;
  readonly messages: Messages;
  readonly theme: Theme;
}

/** The filters in force, the time zone of the list, the count, and the search box. */
export function FilterBar({ state, policy, policyZone, messages, theme }: FilterBarProps) {
  const { filter } = state;
  const status = filter.status === 'all' ? messages.allStatuses : messages.status[filter.status];
  const region = filter.region < 0 ? messages.allRegions : policy.regions[filter.region]!.code;
  const zone = state.zone === 'utc' ? messages.zoneName.utc : state.zone === 'policy' ? messages.zoneName.policy(policyZone) : messages.zoneName.own;
  const searchShown = state.searching || filter.search !== '';
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{messages.filterBar(status, region, zone, state.view.length, state.rows.length)}</Text>
      {searchShown ? ` · ${messages.search}: /${cell(filter.search)}${state.searching ? '▏' : ''}` : ''}
    </Text>
  );
}
