import stringWidth from 'string-width';
import { textLayout } from '../text/wrap.js';

// The terminal UI measures texts as Ink does (string-width, grapheme by
// grapheme): a CJK character or an emoji takes two columns, a combining mark
// none. Measured otherwise, a wide title would make lines longer than Ink's
// frame, which the terminal wraps, and the frame drawn in place would leave
// lines of an earlier one on screen.

const graphemes = new Intl.Segmenter();

export const { widthOf, clip, fit, wrap } = textLayout({
  pieces: (text) => Array.from(graphemes.segment(text), (part) => part.segment),
  columns: (piece) => stringWidth(piece),
});
