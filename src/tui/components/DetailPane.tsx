import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DetailLine } from '../detail.js';
import type { Messages } from '../messages.js';
import type { Theme } from '../theme.js';
import { printable } from '../rows.js';

export interface DetailPaneProps {
  readonly lines: readonly DetailLine[];
  readonly scroll: number;
  readonly height: number;
  readonly width: number;
  readonly messages: Messages;
  readonly theme: Theme;
}

/** The selected record in full, scrolled by `scroll` lines; says how many lines are left below. */
export const DetailPane = memo(function DetailPane({ lines, scroll, height, width, messages, theme }: DetailPaneProps) {
  const first = Math.max(0, Math.min(scroll, lines.length - 1));
  const room = lines.length - first > height ? height - 1 : height;
  const shown = lines.slice(first, first + room);
  const left = lines.length - first - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, index) => (
        <Text
          key={index}
          wrap="truncate-end"
          bold={line.role === 'title'}
          dimColor={line.role === 'dim' && theme.dim}
          color={line.role === 'blocked' || line.role === 'review' || line.role === 'allowed' || line.role === 'invalid' ? theme.status[line.role] : undefined}
        >
          {/* Policy texts (citations, messages) are drawn escaped too; escaping twice changes nothing. */}
          {printable(line.text)}
        </Text>
      ))}
      {left > 0 ? <Text dimColor={theme.dim}>{messages.detail.more(left)}</Text> : null}
    </Box>
  );
});
