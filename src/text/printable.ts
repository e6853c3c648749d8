// C0/C1 controls drive terminals (ESC opens CSI and OSC sequences, OSC 52
// writes the clipboard, CR and BS overwrite what was drawn); bidi controls and
// line separators make one text look like another. Shown escaped, never obeyed.
// The bidi controls are Unicode's Bidi_Control set: ALM, LRM, RLM, LRE..RLO, LRI..PDI.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text from records, file names or policies made safe for a terminal or a
 * one-line annotation: every control character as `\u001b`. The one escaping
 * function of everything blackout prints (reports, stderr, the terminal UI).
 * Idempotent: what it returns has nothing left to escape.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}

/** {@link printable} for messages of one or more lines: line ends (LF) are kept, every other control escaped. */
export function printableLines(text: string): string {
  return text.replace(UNPRINTABLE_BUT_NEWLINE, escape);
}
