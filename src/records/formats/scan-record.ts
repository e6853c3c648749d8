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

/** Record fields, by bit. */
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
const NAME = 12;
const KIND = 13;

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

/** Each key as its bytes with the closing quote, by its first byte: a key is matched where it stands, not read first. */
const RECORD_KEYS = keyTable({ id: ID, action: ACTION, zone: ZONE, publishedAt: PUBLISHED_AT, firstPublishedAt: FIRST_PUBLISHED_AT, categories: CATEGORIES, audience: AUDIENCE, channel: CHANNEL, publisher: PUBLISHER, title: TITLE, body: BODY, url: URL });
const PUBLISHER_KEYS = keyTable({ name: NAME, kind: KIND });

interface Key {
  readonly field: number;
  /** The name and its closing quote. */
  readonly bytes: Uint8Array;
}

function keyTable(fields: Readonly<Record<string, number>>): (readonly Key[] | undefined)[] {
  const table: Key[][] = [];
  for (const [name, field] of Object.entries(fields)) (table[name.charCodeAt(0)] ??= []).push({ field, bytes: Buffer.from(`${name}"`, 'latin1') });
  return table;
}

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

/** The key at `at` (past its opening quote) when it is one of `keys` exactly, moving past its closing quote; else -1. */
function key(bytes: Buffer, end: number, keys: readonly (readonly Key[] | undefined)[]): number {
  const candidates = keys[bytes[at]!];
  if (candidates === undefined) return -1;
  for (const candidate of candidates) {
    const name = candidate.bytes;
    if (at + name.length > end) continue;
    let index = 0;
    while (index < name.length && bytes[at + index] === name[index]) index++;
    if (index === name.length) {
      at += index;
      return candidate.field;
    }
  }
  return -1;
}

/** Reads a short string opening at `at` (an id, an instant, a code) into stringStart/stringEnd; false on an escape, a control character or no closing quote. */
function string(bytes: Buffer, end: number): boolean {
  const start = at + 1;
  let high = 0;
  for (let index = start; index < end; index++) {
    const code = bytes[index]!;
    if (code === QUOTE) return closed(start, index, high);
    if (code === BACKSLASH || code < 0x20) return false;
    high |= code;
  }
  return false;
}

/** The string read ends at `quote`; `high` has a high bit set if a byte had. */
function closed(start: number, quote: number, high: number): true {
  stringStart = start;
  stringEnd = quote;
  stringAscii = (high & 0x80808080) === 0;
  at = quote + 1;
  return true;
}

/** The buffer `words` reads four bytes at a time, and how far its start is past a multiple of 4. */
let worded: Buffer | undefined;
let words: Int32Array = new Int32Array(0);
let shift = 0;

/**
 * {@link string} for a long one (a title, a body): its bytes are tested four
 * at a time, in aligned words, for a quote, a backslash or a byte below 0x20
 * (the tests are from Sean Anderson's "Bit Twiddling Hacks": each says
 * exactly whether a word holds one); a word that does is read byte by byte.
 */
function longString(bytes: Buffer, end: number): boolean {
  if (bytes !== worded) {
    worded = bytes;
    shift = bytes.byteOffset & 3;
    words = new Int32Array(bytes.buffer, bytes.byteOffset - shift, (bytes.length + shift) >> 2);
  }
  const start = at + 1;
  let index = start;
  let high = 0;
  for (; index < end && ((index + shift) & 3) !== 0; index++) {
    const code = bytes[index]!;
    if (code === QUOTE) return closed(start, index, high);
    if (code === BACKSLASH || code < 0x20) return false;
    high |= code;
  }
  let word = (index + shift) >> 2;
  for (const last = (end + shift) >> 2; word < last; word++) {
    const value = words[word]!;
    const quote = value ^ 0x22222222;
    const backslash = value ^ 0x5c5c5c5c;
    if ((((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash) | ((value - 0x20202020) & ~value)) & 0x80808080) break;
    high |= value;
  }
  for (index = Math.max(index, (word << 2) - shift); index < end; index++) {
    const code = bytes[index]!;
    if (code === QUOTE) return closed(start, index, high);
    if (code === BACKSLASH || code < 0x20) return false;
    high |= code;
  }
  return false;
}

/** The string just read, decoded. */
function text(bytes: Buffer): string {
  return stringAscii ? (bytes as unknown as Decoding).latin1Slice(stringStart, stringEnd) : decodeUtf8(bytes, stringStart, stringEnd);
}

/** A string value at `at`, decoded; undefined when it is not a plain string. */
function stringValue(bytes: Buffer, end: number): string | undefined {
  return next(bytes, end) === QUOTE && string(bytes, end) ? text(bytes) : undefined;
}

/** Short strings remembered by the hash of their bytes, the last one met per slot. */
const SHORT_SLOTS = 1024;
const MAX_SHORT = 48;
const shortStrings = new Array<string | undefined>(SHORT_SLOTS).fill(undefined);

/**
 * A string value at `at` that records repeat (a category, a region, a
 * channel, a zone), decoded once and then found again by its bytes, in a
 * small table of the last ones met; undefined when it is not a plain string.
 */
function codeValue(bytes: Buffer, end: number): string | undefined {
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

/** A long string value at `at`, skipped: true when it is a plain string. */
function skipLongString(bytes: Buffer, end: number): boolean {
  return next(bytes, end) === QUOTE && longString(bytes, end);
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
    const value = codeValue(bytes, end);
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

/**
 * The members of an object whose `{` is at `at`, each read into `record` by
 * `member`, keys among `keys`, each at most once; false for anything else.
 */
function object(bytes: Buffer, end: number, keys: readonly (readonly Key[] | undefined)[], record: ScannedRecord): boolean {
  at++;
  let code = next(bytes, end);
  if (code === CLOSE_BRACE) {
    at++;
    return true;
  }
  let seen = 0;
  for (;;) {
    if (code !== QUOTE) return false;
    at++;
    const field = key(bytes, end, keys);
    if (field < 0 || (seen & (1 << field)) !== 0 || next(bytes, end) !== COLON) return false;
    seen |= 1 << field;
    at++;
    if (!member(bytes, end, field, record)) return false;
    code = next(bytes, end);
    at++;
    if (code === CLOSE_BRACE) return true;
    if (code !== COMMA) return false;
    code = next(bytes, end);
  }
}

/** Reads the value of `field` at `at` into `record`; false when it is not what the scanner takes. */
function member(bytes: Buffer, end: number, field: number, record: ScannedRecord): boolean {
  switch (field) {
    case ID:
      return (record.id = stringValue(bytes, end)) !== undefined;
    case ACTION:
      return (record.action = codeValue(bytes, end)) !== undefined;
    case ZONE:
      return (record.zone = codeValue(bytes, end)) !== undefined;
    case PUBLISHED_AT:
      return (record.publishedAt = stringValue(bytes, end)) !== undefined;
    case FIRST_PUBLISHED_AT:
      return (record.firstPublishedAt = stringValue(bytes, end)) !== undefined;
    case CATEGORIES:
      return (record.categories = list(bytes, end)) !== undefined;
    case AUDIENCE:
      return (record.audience = list(bytes, end)) !== undefined;
    case CHANNEL:
      return (record.channel = codeValue(bytes, end)) !== undefined;
    case PUBLISHER:
      return (record.publisher = next(bytes, end) === OPEN_BRACE && object(bytes, end, PUBLISHER_KEYS, record));
    case TITLE:
      if (!skipLongString(bytes, end)) return false;
      record.titleStart = stringStart;
      record.titleEnd = stringEnd;
      return true;
    case BODY:
      if (!skipLongString(bytes, end)) return false;
      record.bodyStart = stringStart;
      record.bodyEnd = stringEnd;
      return true;
    case KIND:
      return (record.kind = codeValue(bytes, end)) !== undefined;
    default:
      // url, publisher.name: only their type matters.
      return skipLongString(bytes, end);
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
  const record = new ScannedRecord(bytes);
  // Nothing but white space after the record.
  return object(bytes, end, RECORD_KEYS, record) && next(bytes, end) === -1 ? record : undefined;
}
