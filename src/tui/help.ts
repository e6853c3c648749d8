import type { DetailLine } from './model/detail.js';
import { KEY_HELP } from './keys.js';
import type { Messages } from './messages.js';

/** The help's lines: every key the UI answers to, from the same list the key handler follows, then what the marks mean. */
export function helpLines(messages: Messages): DetailLine[] {
  return [
    { text: messages.helpTitle, role: 'title' },
    ...KEY_HELP.map((key): DetailLine => ({ text: `  ${messages.keys[key]}`, role: 'plain' })),
    { text: messages.marksTitle, role: 'title' },
    ...messages.marks.map((text): DetailLine => ({ text, role: 'plain' })),
    { text: messages.helpClose, role: 'dim' },
  ];
}
