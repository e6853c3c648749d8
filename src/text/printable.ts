// C0/C1 controls drive terminals (ESC opens CSI and OSC sequences, OSC 52
// writes the clipboard, CR and BS overwrite what was drawn); bidi controls and
// line separators make one text look like another, as do characters drawn as
// nothing (soft hyphen, zero-width space, word joiner, invisible operators,
// byte order mark, interlinear annotation marks, tag characters): `x` and
// `x\u200b` would look the same id. Shown escaped, never obeyed. The bidi
// controls are Unicode's Bidi_Control set: ALM, LRM, RLM, LRE..RLO, LRI..PDI.
// The zero-width joiner and non-joiner are kept: emoji and several scripts need them.
// A lone surrogate is drawn as U+FFFD, as is U+FFFD itself; U+FFFE and U+FFFF are no characters.
const INVISIBLE = '\u00ad\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffb\ufffe\uffff\u{e0000}-\u{e007f}\\ud800-\\udfff';
const UNPRINTABLE = new RegExp(`[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069${INVISIBLE}]`, 'gu');
const UNPRINTABLE_BUT_NEWLINE = new RegExp(`[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069${INVISIBLE}]`, 'gu');

/** Each UTF-16 code unit as `\uXXXX` (a tag character is two). */
function escape(character: string): string {
  let escaped = '';
  for (let index = 0; index < character.length; index++) escaped += `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
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
