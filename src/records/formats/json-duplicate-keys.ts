import { closingQuote } from './json-element-starts.js';

const QUOTE = 0x22;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** A key written twice in one object, and where its second writing opens (the offset of its quote). */
export interface DuplicateKey {
  readonly key: string;
  readonly offset: number;
}

/**
 * The first key written twice in one object of `text`, JSON that parsed into
 * `value`; undefined when there is none. JSON.parse keeps a repeated key's
 * last value, other readers its first, and RFC 8259 leaves it open: a record
 * with one says two things, so it is refused rather than read either way.
 * Cheap when there is none: the members JSON.parse kept are counted against
 * the colons written outside strings (one per member written); only when the
 * text has more is it walked again, to name the key.
 */
export function duplicateKey(text: string, value: unknown): DuplicateKey | undefined {
  return membersKept(value) === membersWritten(text) ? undefined : firstDuplicate(text);
}

/** Keys of every object in a parsed value, counted without recursion (the value may nest as deep as JSON.parse took). */
function membersKept(value: unknown): number {
  let members = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      for (const element of next) if (element !== null && typeof element === 'object') pending.push(element);
      continue;
    }
    for (const key in next) {
      members++;
      const member = (next as Record<string, unknown>)[key];
      if (member !== null && typeof member === 'object') pending.push(member);
    }
  }
  return members;
}

function membersWritten(text: string): number {
  let colons = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) at = closingQuote(text, at);
    else if (code === COLON) colons++;
  }
  return colons;
}

/** The walk that names the key: each open object's keys, as JSON.parse decodes them (`"\u0061"` is `"a"`). */
function firstDuplicate(text: string): DuplicateKey | undefined {
  const open: (Set<string> | undefined)[] = [];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const close = closingQuote(text, at);
      const keys = open[open.length - 1];
      let after = close + 1;
      while (after < text.length && text.charCodeAt(after) <= 0x20) after++;
      if (keys !== undefined && text.charCodeAt(after) === COLON) {
        const key = JSON.parse(text.slice(at, close + 1)) as string;
        if (keys.has(key)) return { key, offset: at };
        keys.add(key);
      }
      at = close;
    } else if (code === OPEN_BRACE) open.push(new Set());
    else if (code === OPEN_BRACKET) open.push(undefined);
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) open.pop();
  }
  return undefined;
}
