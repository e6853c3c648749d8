import type { Hint, Messages } from './messages.js';
import { clip, widthOf } from './text-width.js';

/** A piece of the footer's news (loading, input problems, what changed), with the theme role that colours it. */
export interface FooterPart {
  readonly text: string;
  readonly role: 'accent' | 'invalid';
}

const HINTS: readonly Hint[] = ['move', 'detail', 'search', 'status', 'region', 'zone', 'whatIf', 'help', 'quit'];
/** The hints a narrow footer leaves out, first to last; `? help` and `q quit` stay whatever the width. */
const DROPPED: readonly Hint[] = ['zone', 'whatIf', 'region', 'status', 'search', 'detail', 'move'];
const SEPARATOR = ' · ';

/**
 * The footer in `width` columns: the news first, then the key hints. Hints
 * are left out, the least needed first, until it fits; `? help` and `q quit`
 * are never left out: the news is cut instead.
 */
export function fitFooter(width: number, news: readonly FooterPart[], messages: Messages): { readonly news: FooterPart[]; readonly hints: string } {
  const shown = new Set(HINTS);
  const hintText = () => HINTS.filter((hint) => shown.has(hint)).map((hint) => messages.hints[hint]).join(SEPARATOR);
  const newsWidth = news.reduce((sum, part) => sum + widthOf(part.text) + SEPARATOR.length, 0);
  for (const hint of DROPPED) {
    if (newsWidth + widthOf(hintText()) <= width) break;
    shown.delete(hint);
  }
  const hints = hintText();
  let room = width - widthOf(hints);
  const fitted: FooterPart[] = [];
  for (const part of news) {
    if (room <= SEPARATOR.length) break;
    const text = clip(part.text, room - SEPARATOR.length);
    fitted.push({ text: `${text}${SEPARATOR}`, role: part.role });
    room -= widthOf(text) + SEPARATOR.length;
  }
  return { news: fitted, hints };
}
