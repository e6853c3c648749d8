/**
 * A record read from the bytes of one NDJSON line without JSON.parse: the
 * fields a verdict depends on are decoded (id, times, zone, action,
 * categories, audience, channel, publisher kind), `title` and `body` are kept
 * as byte ranges and decoded only if a detector needs them, `url` and
 * `publisher.name` are only checked to be strings.
 *
 * The scanner understands a strict subset of JSON and gives up (undefined)
 * on anything else, which is then parsed the plain way: only the record
 * fields of the contract, each at most once (no near miss, unknown key or
 * duplicate), string values without escapes or control characters, lists of
 * such strings, a publisher object holding only `name` and `kind`, JSON white
 * space between tokens. For every line it takes, JSON.parse would give an
 * object with the same fields and values: the tests hold it to that.
 * The bytes must be UTF-8 already checked, with no NUL.
 */

/** Record fields, by bit: each key is compared with the one field of its length and first byte. */
const ID = 0;
const ACTION = 1;
const ZONE = 2;
const PUBLISHED_AT = 3;
const FIRST_PUBLISHED_AT = 4;
const CATEGORIES = 5;
const AUDIENCE = 6;
const CHANNEL = 7;
const PUBLISHER = 8;
const TITLE = 9;
const BODY = 10;
const URL = 11;

const FIELD_NAMES = ['id', 'action', 'zone', 'publishedAt', 'firstPublishedAt', 'categories', 'audience', 'channel', 'publisher', 'title', 'body', 'url'];
const FIELD_BYTES = FIELD_NAMES.map((name) => Buffer.from(name, 'latin1'));
/** Fields by key length (no two of one length share a first byte). */
const BY_LENGTH: number[][] = [];
for (const [field, name] of FIELD_NAMES.entries()) (BY_LENGTH[name.length] ??= []).push(field);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** More than a record needs: a longer list is left to the plain reader, which names it. */
const MAX_LIST = 64;

/** A record scanned from a line (see the module's comment): what the checker reads of it. */
export class ScannedRecord {
  id: string | undefined = undefined;
  action: string | undefined = undefined;
  zone: string | undefined = undefined;
  publishedAt: string | undefined = undefined;
  firstPublishedAt: string | undefined = undefined;
  categories: string[] | undefined = undefined;
  audience: string[] | undefined = undefined;
  channel: string | undefined = undefined;
  /** The record has a publisher object (with `name`, `kind`, both or neither). */
  publisher = false;
  kind: string | undefined = undefined;
  /** The line's bytes, and where title and body lie in them (start < 0: absent). */
  readonly bytes: Buffer;
  titleStart = -1;
  titleEnd = -1;
  bodyStart = -1;
  bodyEnd = -1;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  /** The title, decoded now. */
  title(): string | undefined {
    return this.titleStart < 0 ? undefined : decodeUtf8(this.bytes, this.titleStart, this.titleEnd);
  }

  /** The body, decoded now. */
  body(): string | undefined {
    return this.bodyStart < 0 ? undefined : decodeUtf8(this.bytes, this.bodyStart, this.bodyEnd);
  }
}

/** Node's own decoders, which Buffer's toString calls after checking its arguments. */
interface Decoding {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  return (bytes as unknown as Decoding).utf8Slice(start, end);
}

// The scanner's cursor and the last string's extent: module state, so the hot loop allocates nothing.
let at = 0;
let stringStart = 0;
let stringEnd = 0;
let stringAscii = true;

/** Skips JSON white space (space, tab, CR; a line holds no LF) up to `end`; returns the byte there, or -1 at the end. */
function next(bytes: Buffer, end: number): number {
  while (at < end) {
    const code = bytes[at]!;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return code;
    at++;
  }
  return -1;
}

/** Reads the string opening at `at` into stringStart/stringEnd; false on an escape, a control character or no closing quote. */
function string(bytes: Buffer, end: number): boolean {
  let high = 0;
  for (let index = at + 1; index < end; index++) {
    const code = bytes[index]!;
    if (code === QUOTE) {
      stringStart = at + 1;
      stringEnd = index;
      stringAscii = high < 0x80;
      at = index + 1;
      return true;
    }
    if (code === BACKSLASH || code < 0x20) return false;
    high |= code;
  }
  return false;
}

/** The string just read, decoded. */
function text(bytes: Buffer): string {
  return stringAscii ? (bytes as unknown as Decoding).latin1Slice(stringStart, stringEnd) : decodeUtf8(bytes, stringStart, stringEnd);
}

/** The field a key names exactly, or -1. */
function fieldOf(bytes: Buffer): number {
  const length = stringEnd - stringStart;
  const candidates = BY_LENGTH[length];
  if (candidates === undefined) return -1;
  for (const field of candidates) {
    const name = FIELD_BYTES[field]!;
    let same = true;
    for (let index = 0; index < length && same; index++) same = bytes[stringStart + index] === name[index];
    if (same) return field;
  }
  return -1;
}

/** A string value at `at`, decoded; undefined when it is not a plain string. */
function stringValue(bytes: Buffer, end: number): string | undefined {
  return next(bytes, end) === QUOTE && string(bytes, end) ? text(bytes) : undefined;
}

/**
 * A string value at `at` that records repeat (a category, a region, a
 * channel, a zone), decoded once and then found again by its bytes, in a
 * small table of the last ones met; undefined when it is not a plain string.
 */
function shortValue(bytes: Buffer, end: number): string | undefined {
  if (next(bytes, end) !== QUOTE || !string(bytes, end)) return undefined;
  const length = stringEnd - stringStart;
  if (!stringAscii || length > MAX_SHORT) return text(bytes);
  let hash = length;
  for (let index = stringStart; index < stringEnd; index++) hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
  const slot = (hash ^ (hash >>> 16)) & (SHORT_SLOTS - 1);
  const known = shortStrings[slot];
  if (known !== undefined && known.length === length) {
    let same = true;
    for (let index = 0; index < length && same; index++) same = known.charCodeAt(index) === bytes[stringStart + index];
    if (same) return known;
  }
  return (shortStrings[slot] = text(bytes));
}

/** Short strings remembered by the hash of their bytes, the last one met per slot. */
const SHORT_SLOTS = 1024;
const MAX_SHORT = 48;
const shortStrings = new Array<string | undefined>(SHORT_SLOTS).fill(undefined);

/** A string value at `at`, skipped: true when it is a plain string. */
function skipString(bytes: Buffer, end: number): boolean {
  return next(bytes, end) === QUOTE && string(bytes, end);
}

/** A list of plain strings at `at` (of its own length: most hold one); undefined for anything else. */
function list(bytes: Buffer, end: number): string[] | undefined {
  if (next(bytes, end) !== OPEN_BRACKET) return undefined;
  at++;
  if (next(bytes, end) === CLOSE_BRACKET) {
    at++;
    return [];
  }
  let values: string[] | undefined;
  for (;;) {
    const value = shortValue(bytes, end);
    if (value === undefined) return undefined;
    if (values === undefined) values = [value];
    else if (values.length === MAX_LIST) return undefined;
    else values.push(value);
    const code = next(bytes, end);
    at++;
    if (code === CLOSE_BRACKET) return values;
    if (code !== COMMA) return undefined;
  }
}

/** A publisher object at `at`, holding `name` and `kind` at most once each, as plain strings; false for anything else. */
function publisher(bytes: Buffer, end: number, record: ScannedRecord): boolean {
  if (next(bytes, end) !== OPEN_BRACE) return false;
  at++;
  let code = next(bytes, end);
  if (code === CLOSE_BRACE) {
    at++;
    return true;
  }
  let seen = 0;
  for (;;) {
    if (code !== QUOTE || !string(bytes, end) || stringEnd - stringStart !== 4) return false;
    const first = bytes[stringStart];
    let key: number;
    if (first === 0x6e && bytes[stringStart + 1] === 0x61 && bytes[stringStart + 2] === 0x6d && bytes[stringStart + 3] === 0x65) key = 1; // name
    else if (first === 0x6b && bytes[stringStart + 1] === 0x69 && bytes[stringStart + 2] === 0x6e && bytes[stringStart + 3] === 0x64) key = 2; // kind
    else return false;
    if ((seen & key) !== 0 || next(bytes, end) !== COLON) return false;
    seen |= key;
    at++;
    if (key === 1) {
      if (!skipString(bytes, end)) return false;
    } else {
      const kind = shortValue(bytes, end);
      if (kind === undefined) return false;
      record.kind = kind;
    }
    code = next(bytes, end);
    at++;
    if (code === CLOSE_BRACE) return true;
    if (code !== COMMA) return false;
    code = next(bytes, end);
  }
}

/**
 * Scans bytes [start, end) of `bytes`, one NDJSON line (valid UTF-8, no NUL,
 * no line break): the record, or undefined when the line is anything but the
 * plain record described above (then JSON.parse must read it).
 */
export function scanRecord(bytes: Buffer, start: number, end: number): ScannedRecord | undefined {
  at = start;
  if (next(bytes, end) !== OPEN_BRACE) return undefined;
  at++;
  const record = new ScannedRecord(bytes);
  let code = next(bytes, end);
  if (code === CLOSE_BRACE) at++;
  else {
    let seen = 0;
    for (;;) {
      if (code !== QUOTE || !string(bytes, end)) return undefined;
      const field = fieldOf(bytes);
      if (field < 0 || (seen & (1 << field)) !== 0 || next(bytes, end) !== COLON) return undefined;
      seen |= 1 << field;
      at++;
      switch (field) {
        case ID:
          if ((record.id = stringValue(bytes, end)) === undefined) return undefined;
          break;
        case ACTION:
          if ((record.action = shortValue(bytes, end)) === undefined) return undefined;
          break;
        case ZONE:
          if ((record.zone = shortValue(bytes, end)) === undefined) return undefined;
          break;
        case PUBLISHED_AT:
          if ((record.publishedAt = stringValue(bytes, end)) === undefined) return undefined;
          break;
        case FIRST_PUBLISHED_AT:
          if ((record.firstPublishedAt = stringValue(bytes, end)) === undefined) return undefined;
          break;
        case CATEGORIES:
          if ((record.categories = list(bytes, end)) === undefined) return undefined;
          break;
        case AUDIENCE:
          if ((record.audience = list(bytes, end)) === undefined) return undefined;
          break;
        case CHANNEL:
          if ((record.channel = shortValue(bytes, end)) === undefined) return undefined;
          break;
        case PUBLISHER:
          if (!publisher(bytes, end, record)) return undefined;
          record.publisher = true;
          break;
        case TITLE:
          if (!skipString(bytes, end)) return undefined;
          record.titleStart = stringStart;
          record.titleEnd = stringEnd;
          break;
        case BODY:
          if (!skipString(bytes, end)) return undefined;
          record.bodyStart = stringStart;
          record.bodyEnd = stringEnd;
          break;
        case URL:
          if (!skipString(bytes, end)) return undefined;
          break;
      }
      code = next(bytes, end);
      at++;
      if (code === CLOSE_BRACE) break;
      if (code !== COMMA) return undefined;
      code = next(bytes, end);
    }
  }
  // Nothing but white space after the record.
  return next(bytes, end) === -1 ? record : undefined;
}
