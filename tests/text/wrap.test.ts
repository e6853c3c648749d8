import { describe, expect, it } from 'vitest';
import { clip, fit, widthOf, wrap } from '../../src/text/wrap.js';

describe('wrapping', () => {
  it('breaks at spaces with a hanging indent, and puts a URL on a line of its own, whole', () => {
    expect(wrap('one two three four five', 12, '  ', '    ')).toEqual(['  one two', '    three', '    four', '    five']);
    expect(wrap('see https://example.org/a/very/long/path now', 20, '', '  ')).toEqual(['see', '  https://example.org/a/very/long/path', '  now']);
    expect(wrap('', 10, '> ')).toEqual(['> ']);
  });

  it('breaks a word too long for a line where the line ends when asked, dropping nothing', () => {
    const lines = wrap('id abcdefghijklmnopqrstuvwxyz end', 10, '', '  ', 'break');
    expect(lines.every((line) => widthOf(line) <= 10)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe('idabcdefghijklmnopqrstuvwxyzend');
    // A URL longer than the line, alone on its lines, every piece as wide as the line allows.
    const url = `https://example.org/${'x'.repeat(40)}`;
    expect(wrap(`see ${url}`, 20, '  ', '    ', 'break')).toEqual(['  see', `    ${url.slice(0, 16)}`, `    ${url.slice(16, 32)}`, `    ${url.slice(32, 48)}`, `    ${url.slice(48)}`]);
  });

  it('counts accented letters as one column and colours as none; clips and pads to a width', () => {
    expect(widthOf('Réunion')).toBe(7);
    expect(widthOf('\u001b[31mBLOQUÉ\u001b[0m')).toBe(6);
    expect(clip('Nouvelle-Calédonie', 8)).toBe('Nouvell…');
    expect(fit('GP', 4)).toBe('GP  ');
  });
});
