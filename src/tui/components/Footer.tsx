import { Text } from 'ink';
import { memo } from 'react';
import type { Messages } from '../messages.js';
import type { Notice } from '../state.js';
import type { Theme } from '../theme.js';

export interface FooterProps {
  readonly notice: Notice | undefined;
  /** The inputs are still being read: `count` records are checked so far. */
  readonly loading: boolean;
  readonly count: number;
  /** Input problems met so far. */
  readonly problems: number;
  readonly messages: Messages;
  readonly theme: Theme;
}

/** What is going on (loading, input problems, the last thing watch mode had to say), then the key hints. */
export const Footer = memo(function Footer({ notice, loading, count, problems, messages, theme }: FooterProps) {
  const failed = notice?.kind === 'reloadFailed';
  return (
    <Text wrap="truncate-end">
      {loading ? <Text color={theme.accent}>{`${messages.loading(count)} · `}</Text> : null}
      {problems > 0 ? <Text color={theme.status.invalid}>{`${messages.problemCount(problems)} · `}</Text> : null}
      {failed ? <Text color={theme.status.invalid}>{messages.reloadFailed(notice.message)}</Text> : null}
      {notice?.kind === 'reloaded' ? <Text color={theme.accent}>{`${messages.reloaded(notice.count)} · `}</Text> : null}
      {failed ? null : <Text dimColor={theme.dim}>{messages.hints}</Text>}
    </Text>
  );
});
