import { Text } from 'ink';
import type { Messages } from '../messages.js';
import type { Notice } from '../state.js';
import type { Theme } from '../theme.js';

/** Key hints, or the last thing watch mode has to say. */
export function Footer({ notice, messages, theme }: { readonly notice: Notice | undefined; readonly messages: Messages; readonly theme: Theme }) {
  if (notice?.kind === 'reloadFailed') return <Text color={theme.status.invalid} wrap="truncate-end">{messages.reloadFailed(notice.message)}</Text>;
  if (notice?.kind === 'reloaded') return <Text color={theme.accent} wrap="truncate-end">{`${messages.reloaded(notice.count)} · ${messages.hints}`}</Text>;
  return <Text dimColor={theme.dim} wrap="truncate-end">{messages.hints}</Text>;
}
