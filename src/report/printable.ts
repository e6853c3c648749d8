// C0/C1 controls drive terminals; bidi overrides and line separators can
// make one record's text look like another's. Shown escaped, never obeyed.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text from records or policies made safe for a terminal or a one-line annotation: `\u001b` for ESC. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
