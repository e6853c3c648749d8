import { isUtf8 } from 'node:buffer';
import type { InputItem } from '../input-item.js';
import type { InputLang } from '../messages.js';
import { NdjsonParser } from './read-ndjson.js';

/** What parsing a run of whole NDJSON lines moves a parser's position by (see NdjsonParser.position). */
export interface LineCounts {
  /** Newlines passed. */
  readonly lines: number;
  /** Records and bad lines found: the parser's index moves by as many. */
  readonly index: number;
  /** Lines of binary bytes met, in all (those before the run included). */
  readonly binaryLines: number;
  /** The input is given up inside the run (too many binary lines). */
  readonly stopped: boolean;
}

const NEWLINE = 10;
const OPEN_BRACE = 0x7b;
const CARRIAGE_RETURN = 13;

/**
 * Counts, without parsing them, what NdjsonParser would find in a run of
 * whole lines (an NdjsonChunk): a parallel check numbers each chunk's records
 * and lines before handing it out, so that a worker can write its verdicts at
 * once. A line that opens with `{` is a record or a bad line whatever follows
 * (never blank); any other line, and every line of a run that is not all
 * UTF-8 without NUL, is put to the parser itself, so the counts are its own.
 */
export function countLines(bytes: Buffer, start: { readonly opensInput: boolean; readonly binaryLines: number; readonly last: boolean }, file: string, limit: number, lang: InputLang): LineCounts {
  const items: InputItem[] = [];
  if (bytes.indexOf(0) >= 0 || !isUtf8(bytes)) {
    // Binary lines count towards the cap, which may stop the input inside the run: the parser says where.
    const parser = new NdjsonParser(file, limit, lang, { opensInput: start.opensInput, sniff: false, binaryLines: start.binaryLines });
    const stopped = parser.push(bytes, items) === 'stop';
    if (!stopped && start.last) parser.finish(items);
    const { lines, index, binaryLines } = parser.position;
    return { lines, index, binaryLines, stopped };
  }
  let lines = 0;
  let index = 0;
  for (let from = 0; from < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, from);
    const end = newline < 0 ? bytes.length : newline;
    const first = bytes[from];
    if (first === OPEN_BRACE && !(lines === 0 && start.opensInput)) index++;
    else if (end > from && !(end === from + 1 && first === CARRIAGE_RETURN)) index += rareLine(bytes.subarray(from, newline < 0 ? end : end + 1), lines === 0 && start.opensInput, newline < 0, file, limit, lang, items);
    if (newline < 0) break;
    lines++;
    from = newline + 1;
  }
  return { lines, index, binaryLines: start.binaryLines, stopped: false };
}

/** Records and bad lines in one line (0 or 1) as the parser finds them: a line that opens with anything but `{` may be blank. */
function rareLine(line: Buffer, opensInput: boolean, last: boolean, file: string, limit: number, lang: InputLang, items: InputItem[]): number {
  const parser = new NdjsonParser(file, limit, lang, { opensInput, sniff: false, binaryLines: 0 });
  parser.push(line, items);
  if (last) parser.finish(items);
  items.length = 0;
  return parser.position.index;
}
