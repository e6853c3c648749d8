/**
 * What would drive a terminal or reorder what it shows: C0 controls but the
 * line end, DEL, C1 controls, bidi controls and line separators. Every text
 * blackout prints must be free of them (the tests look for them raw).
 */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** The raw control characters in `text`, as code points written U+XXXX (empty when it is safe to print). */
export function rawControls(text: string): string[] {
  return [...text.matchAll(RAW_CONTROL)].map(([character]) => `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
