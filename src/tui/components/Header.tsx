import { Box, Text } from 'ink';
import { memo } from 'react';
import type { CompiledPolicy } from '../../policy/compiled.js';
import { liveStates, liveStateText, type RoundFocus } from '../live.js';
import type { Lang, Messages } from '../messages.js';
import type { Theme } from '../theme.js';
import { instantText } from '../time-text.js';
import { printable } from '../rows.js';

export interface HeaderProps {
  readonly policy: CompiledPolicy;
  readonly focus: RoundFocus | undefined;
  readonly nowMs: number;
  readonly maxLines: number;
  readonly messages: Messages;
  readonly lang: Lang;
  readonly theme: Theme;
}

/** The policy, the nearest election, and each audience group's live state counting down: drawn again each second, not on keys. */
export const Header = memo(function Header({ policy, focus, nowMs, maxLines, messages, lang, theme }: HeaderProps) {
  const zone = policy.regions[0]?.zone ?? 'UTC';
  const states = focus ? liveStates(policy, focus, nowMs) : [];
  const shown = states.slice(0, maxLines);
  const hidden = states.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>blackout</Text>
        {printable(` · ${policy.id} ${policy.version} · ${focus ? focus.title : messages.noElection} · ${messages.now} ${instantText(nowMs, zone, lang)}`)}
      </Text>
      {shown.map((state, index) => (
        <Text key={`${state.kind}${state.atMs}`} wrap="truncate-end" color={state.kind === 'in' ? theme.status.blocked : undefined} bold={state.kind === 'in'}>
          {printable(liveStateText(policy, state, nowMs, messages, lang))}
          {index === shown.length - 1 && hidden > 0 ? ` (${messages.moreStates(hidden)})` : ''}
        </Text>
      ))}
      {Array.from({ length: maxLines - shown.length }, (_, index) => (
        <Text key={`blank${index}`}> </Text>
      ))}
    </Box>
  );
});
