import { Box, Text } from 'ink';
import { memo } from 'react';
import { KEY_HELP } from '../keys.js';
import type { Messages } from '../messages.js';
import type { Theme } from '../theme.js';

/** Every key the UI answers to, from the same list the key handler follows. */
export const HelpOverlay = memo(function HelpOverlay({ height, messages, theme }: { readonly height: number; readonly messages: Messages; readonly theme: Theme }) {
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent}>{messages.helpTitle}</Text>
      {KEY_HELP.map((key) => (
        <Text key={key} wrap="truncate-end">{`  ${messages.keys[key]}`}</Text>
      ))}
      <Text dimColor={theme.dim}>{messages.helpClose}</Text>
    </Box>
  );
});
