import { Box, Text } from 'ink';
import { memo } from 'react';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { homeZone } from '../../compile/window-text.js';
import { liveStates, liveStateText, type RoundFocus } from '../model/live.js';
import type { Lang, Messages } from '../messages.js';
import type { Theme } from '../theme.js';
import { instantText } from '../time-text.js';
import { printable } from '../model/rows.js';
import { widthOf } from '../text-width.js';

export interface HeaderProps {
  readonly policy: CompiledPolicy;
  readonly focus: RoundFocus | undefined;
  readonly nowMs: number;
  /** Lines under the title, one per group of regions. */
  readonly maxLines: number;
  readonly width: number;
  readonly messages: Messages;
  readonly lang: Lang;
  readonly theme: Theme;
}

const NAME = 'blackout';

/**
 * The title after `blackout`: the clock, the nearest election (marked when
 * its calendar is provisional), then the policy. What does not fit is left
 * out: the policy first, then the clock's zone (the filter bar names it).
 */
export function titleText(policy: CompiledPolicy, focus: RoundFocus | undefined, nowMs: number, width: number, messages: Messages, lang: Lang): string {
  const election = focus ? `${focus.title}${focus.provisional ? ` (${messages.provisional})` : ''}` : messages.noElection;
  const zone = homeZone(policy);
  const base = ` · ${messages.now} ${instantText(nowMs, zone, lang)} · ${election}`;
  const full = `${base} · ${policy.id} ${policy.version}`;
  for (const text of [full, base]) if (widthOf(NAME) + widthOf(text) <= width) return text;
  return ` · ${messages.now} ${instantText(nowMs, zone, lang, false)} · ${election}`;
}

/**
 * The clock, the nearest election, and each group of regions' live state
 * counting down, the home region's first: drawn again each second, not on keys.
 * Each line keeps its countdown whole: only the names of regions are cut.
 */
export const Header = memo(function Header({ policy, focus, nowMs, maxLines, width, messages, lang, theme }: HeaderProps) {
  const states = focus ? liveStates(policy, focus, nowMs) : [];
  const shown = states.slice(0, maxLines);
  const hidden = states.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>{NAME}</Text>
        {printable(titleText(policy, focus, nowMs, width, messages, lang))}
      </Text>
      {shown.map((state, index) => (
        <Text key={`${state.kind}${state.atMs}`} wrap="truncate-end" color={state.kind === 'in' ? theme.status.blocked : undefined} bold={state.kind === 'in'}>
          {printable(liveStateText(policy, state, nowMs, messages, lang, width, index === shown.length - 1 && hidden > 0 ? messages.moreStates(hidden) : ''))}
        </Text>
      ))}
      {Array.from({ length: maxLines - shown.length }, (_, index) => (
        <Text key={`blank${index}`}> </Text>
      ))}
    </Box>
  );
});
