import { describe, expect, it } from 'vitest';
import { printable as fromReport } from '../../src/report/printable.js';
import { printable, printableLines } from '../../src/text/printable.js';
import { rawControls } from '../helpers/terminal.js';

describe('printable', () => {
  it('escapes every C0 and C1 control, DEL, bidi control and line separator as \\uXXXX', () => {
    const hostile = 'a\u001b]52;c;cHduZWQ=\u0007b\rc\bd\u0000e\u007ff\u0085g\u009bh\u202ei\u2066j\u061ck\u200fl\u2028m\u2029n\to\np';
    expect(printable(hostile)).toBe(
      'a\\u001b]52;c;cHduZWQ=\\u0007b\\u000dc\\u0008d\\u0000e\\u007ff\\u0085g\\u009bh\\u202ei\\u2066j\\u061ck\\u200fl\\u2028m\\u2029n\\u0009o\\u000ap',
    );
    expect(rawControls(printable(hostile))).toEqual([]);
  });

  it('escapes what is drawn as nothing, so that two ids that look alike read apart: soft hyphen, zero-width space, word joiner, byte order mark, tag characters', () => {
    expect(printable('x\u00ady\u200bz\u2060w\ufeffv\u{e0041}\u{e007f}u')).toBe('x\\u00ady\\u200bz\\u2060w\\ufeffv\\udb40\\udc41\\udb40\\udc7fu');
    expect(printable('post-1')).not.toBe(printable('post-1\u200b'));
    expect(printableLines('a\u200b\nb')).toBe('a\\u200b\nb');
  });

  it('keeps line ends in messages of several lines, and only them', () => {
    expect(printableLines('file-\u001b[2J.json:1: bad\r\nnext\n')).toBe('file-\\u001b[2J.json:1: bad\\u000d\nnext\n');
  });

  it('leaves ordinary text alone, accents, emoji and joiners included, and changes nothing the second time', () => {
    const text = 'Réunion à Lyon 🇫🇷 👩‍👩‍👧 \u00a0«sondage» \\u001b';
    expect(printable(text)).toBe(text);
    for (const sample of ['\u001b[31mred', 'x\u0085y', text]) expect(printable(printable(sample))).toBe(printable(sample));
  });

  it('escapes lone surrogates and U+FFFE/U+FFFF, which a terminal draws as U+FFFD: ids that differ there never look the same', () => {
    const ids = ['a\ud801', 'a\udc01', 'a\ufffd', 'a\ufffe', 'a\uffff'];
    expect(ids.map(printable)).toEqual(['a\\ud801', 'a\\udc01', 'a\ufffd', 'a\\ufffe', 'a\\uffff']);
    // A pair is one character, drawn as it is.
    expect(printable('vote \ud83d\uddf3\ufe0f')).toBe('vote 🗳️');
    expect(printable('sur\ud800x\udfff')).toBe('sur\\ud800x\\udfff');
  });

  it('is the one the reports import', () => {
    expect(fromReport).toBe(printable);
  });
});
