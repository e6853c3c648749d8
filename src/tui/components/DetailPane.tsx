import { Box, Text } from 'ink';
import { memo } from 'react';
import { lineStatus, type DetailLine } from '../model/detail.js';
import type { Messages } from '../messages.js';
import type { Theme } from '../theme.js';
import { printable } from '../model/rows.js';

export interface DetailPaneProps {
  /** Lines already fitted to `width` (wrapLines). */
  readonly lines: readonly DetailLine[];
  readonly scroll: number;
  readonly height: number;
  readonly width: number;
  readonly messages: Messages;
  readonly theme: Theme;
}

/** How far a pane of `height` lines can scroll `count` lines: until its last line is at the bottom. */
export function maxScroll(count: number, height: number): number {
  return Math.max(0, count - height);
}

/**
 * The selected record in full (or the help, or the input problems), scrolled
 * by `scroll` lines and no further than its end; says how many lines are left below.
 */
export const DetailPane = memo(function DetailPane({ lines, scroll, height, width, messages, theme }: DetailPaneProps) {
  const first = Math.max(0, Math.min(scroll, maxScroll(lines.length, height)));
  const room = lines.length - first > height ? height - 1 : height;
  const shown = lines.slice(first, first + room);
  const left = lines.length - first - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, index) => {
        const status = lineStatus(line.role);
        return (
          <Text key={index} wrap="truncate-end" bold={line.role === 'title'} dimColor={line.role === 'dim' && theme.dim} color={status ? theme.status[status] : undefined}>
            {/* Policy texts (citations, messages) are drawn escaped too; escaping twice changes nothing. */}
            {printable(line.text)}
          </Text>
        );
      })}
      {left > 0 ? <Text dimColor={theme.dim}>{messages.detail.more(left)}</Text> : null}
    </Box>
  );
});
