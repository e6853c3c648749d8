import { Text } from 'ink';
import { memo } from 'react';
import { fitFooter, type FooterPart } from '../footer-text.js';
import type { Lang, Messages } from '../messages.js';
import type { Notice } from '../model/state.js';
import type { Theme } from '../theme.js';
import { instantText } from '../time-text.js';

export interface FooterProps {
  readonly notice: Notice | undefined;
  /** The inputs are still being read: `count` records are checked so far. */
  readonly loading: boolean;
  readonly count: number;
  /** Input problems met so far. */
  readonly problems: number;
  readonly width: number;
  /** The zone the clock is told in. */
  readonly zone: string;
  readonly messages: Messages;
  readonly lang: Lang;
  readonly theme: Theme;
}

/** What is going on (loading, input problems, the last thing the clock or watch mode had to say), then the key hints, `? help` and `q quit` always. */
export const Footer = memo(function Footer({ notice, loading, count, problems, width, zone, messages, lang, theme }: FooterProps) {
  const news: FooterPart[] = [];
  // Problems first: when the footer is short, loading's progress is cut rather than the key that lists them.
  if (problems > 0) news.push({ text: messages.problemCount(problems), role: 'invalid' });
  if (loading) news.push({ text: messages.loading(count), role: 'accent' });
  if (notice?.kind === 'reloadFailed') news.push({ text: messages.reloadFailed(notice.message), role: 'invalid' });
  if (notice?.kind === 'reloaded') news.push({ text: messages.reloaded(notice.count), role: 'accent' });
  if (notice?.kind === 'rechecked') news.push({ text: messages.rechecked(notice.count, instantText(notice.atMs, zone, lang, false)), role: 'accent' });
  const fitted = fitFooter(width, news, messages);
  return (
    <Text wrap="truncate-end">
      {fitted.news.map((part, index) => (
        <Text key={index} color={part.role === 'invalid' ? theme.status.invalid : theme.accent}>
          {part.text}
        </Text>
      ))}
      <Text dimColor={theme.dim}>{fitted.hints}</Text>
    </Text>
  );
});
