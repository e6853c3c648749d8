import { isUtf8 } from 'node:buffer';
import { ServiceError } from './service-error.js';

// A request body is read in the charset its Content-Type declares: UTF-8 by
// default (RFC 8259), or Latin-1. A Latin-1 body read as UTF-8 would turn
// « résultats » into replacement characters that no detector matches, and the
// record would pass: so a body that is not what it says is refused, never guessed.

/** A media type's essence (`application/json`) and parameters, names lowercased. */
export interface MediaType {
  readonly essence: string;
  readonly parameters: ReadonlyMap<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^\\s*(${TOKEN}/${TOKEN})\\s*`);
const PARAMETER = new RegExp(`^;\\s*(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN}))\\s*`);

/** Reads a Content-Type header (RFC 9110, 8.3.1); undefined when it is not one. */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (header === undefined) return undefined;
  const type = MEDIA_TYPE.exec(header);
  if (!type) return undefined;
  const parameters = new Map<string, string>();
  let rest = header.slice(type[0].length);
  while (rest.length > 0) {
    // A bare `;` (or one with spaces after it) is allowed and says nothing.
    const empty = /^;\s*(?=;|$)/.exec(rest);
    if (empty) {
      rest = rest.slice(empty[0].length);
      continue;
    }
    const parameter = PARAMETER.exec(rest);
    if (!parameter) return undefined;
    const name = parameter[1]!.toLowerCase();
    // The first of a repeated parameter counts.
    if (!parameters.has(name)) parameters.set(name, parameter[2] !== undefined ? parameter[2].replace(/\\(.)/g, '$1') : parameter[3]!);
    rest = rest.slice(parameter[0].length);
  }
  return { essence: type[1]!.toLowerCase(), parameters };
}

/** JSON, or a JSON-based type (`application/merge-patch+json`). */
export function isJsonType(type: MediaType | undefined): boolean {
  return type !== undefined && /^application\/(?:[\w.+-]+\+)?json$/.test(type.essence);
}

/**
 * The labels of the charsets read, as the WHATWG Encoding Standard names them.
 * Every Latin-1 label is read as windows-1252, as browsers do: it differs only
 * in 0x80–0x9F, control codes that no Latin-1 text uses, and which text from
 * Windows labelled Latin-1 uses for ’ “ ” … œ €.
 */
const CHARSETS: Readonly<Record<string, 'utf-8' | 'windows-1252'>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  'iso_8859-1:1987': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'iso-ir-100': 'windows-1252',
  cp819: 'windows-1252',
  ibm819: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

/** The charsets read, by their usual names (for the README and the OpenAPI document). */
export const SUPPORTED_CHARSETS = ['utf-8', 'iso-8859-1', 'windows-1252'] as const;

/** How to read a body of this type: refused (415) before it is read when its charset is not one of ours. */
export function bodyDecoder(type: MediaType): (body: Buffer) => string {
  const label = type.parameters.get('charset');
  const charset = label === undefined ? 'utf-8' : CHARSETS[label.trim().toLowerCase()];
  if (charset === undefined) throw new ServiceError('unsupported-charset', JSON.stringify(label!.slice(0, 40)));
  return charset === 'utf-8' ? decodeUtf8 : decodeWindows1252;
}

/** UTF-8, or a 400 naming the first byte that is not; a byte-order mark is dropped (RFC 8259, 8.1). */
function decodeUtf8(body: Buffer): string {
  if (!isUtf8(body)) {
    const at = firstInvalidByte(body);
    throw new ServiceError('invalid-encoding', `byte ${at}: 0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Where a body that is not UTF-8 goes wrong: Node puts one U+FFFD in place of
 * each bad sequence; the first that does not stand for the bytes EF BF BD is it.
 */
function firstInvalidByte(body: Buffer): number {
  const text = body.toString('utf8');
  let offset = 0;
  let from = 0;
  for (;;) {
    const index = text.indexOf('\ufffd', from);
    // isUtf8 said there is one; the end stands in should it disagree.
    if (index < 0) return Math.max(0, body.length - 1);
    offset += Buffer.byteLength(text.slice(from, index));
    if (body[offset] !== 0xef || body[offset + 1] !== 0xbf || body[offset + 2] !== 0xbd) return offset;
    offset += 3;
    from = index + 1;
  }
}

/** What windows-1252 puts at 0x80–0x9F, where ISO-8859-1 has control codes (five bytes stay so). */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** windows-1252, byte by byte: every byte is a character, so nothing can be refused here. */
function decodeWindows1252(body: Buffer): string {
  const latin1 = body.toString('latin1');
  return /[\u0080-\u009f]/.test(latin1) ? latin1.replace(/[\u0080-\u009f]/g, (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80]!) : latin1;
}
