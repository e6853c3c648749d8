import type { ProvisionalReason, RegionInfo } from './compiled.js';
import { provisionalCalendarNote, provisionalRuleNote } from './notes.js';
import { localize, type LocalizedText } from '../policy/text.js';
import { describeWindow } from './window-text.js';

/** What a rule's message may name, written in by {@link windowMessages}: its title, the window in words, the region's code. */
export const MESSAGE_PLACEHOLDERS: readonly string[] = ['title', 'window', 'region'];

const DEFAULT_MESSAGE = { en: '{title}: not allowed {window}.', fr: '{title} : interdit {window}.' } as const;

/** What a rule says in its violation messages. */
export interface RuleWording {
  readonly title: LocalizedText;
  /** The template: `{title}`, `{window}` and `{region}` are written in. */
  readonly message?: LocalizedText;
  readonly provisional?: boolean;
}

/**
 * A window's violation message in each language: the rule's template with
 * the window written in, then the notes on a provisional rule or calendar.
 * The compiler writes them; a policy restored from the cache writes them
 * again when first asked for (the window's words are then known texts).
 */
export function windowMessages(
  rule: RuleWording,
  window: { readonly startMs: number; readonly endMs: number; readonly provisionalCalendar: ProvisionalReason | false },
  region: RegionInfo,
  languages: readonly string[],
): Map<string, string> {
  const messages = new Map<string, string>();
  for (const lang of languages) {
    const template = rule.message === undefined ? localize(DEFAULT_MESSAGE, lang) : localize(rule.message, lang);
    const text = template
      .replaceAll('{title}', localize(rule.title, lang))
      .replaceAll('{window}', describeWindow(window.startMs, window.endMs, region.zone, lang))
      .replaceAll('{region}', region.code);
    const notes = [...(rule.provisional ? [provisionalRuleNote(lang)] : []), ...(window.provisionalCalendar ? [provisionalCalendarNote(lang, window.provisionalCalendar)] : [])];
    messages.set(lang, [text, ...notes].join(' '));
  }
  return messages;
}
