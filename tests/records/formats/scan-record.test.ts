/**
 * The NDJSON record scanner (scan-record.ts) against JSON.parse: a line it
 * takes must parse to an object with the same fields and values, with no
 * key but the contract's fields (and only `name` and `kind` in `publisher`),
 * each once; anything else must be left to JSON.parse. Plain records must be
 * taken (else the fast path would never run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanRecord, type ScannedRecord } from '../../../src/records/formats/scan-record.js';
import { RECORD_FIELDS } from '../../../src/records/near-miss.js';
import { otherLines, plainRecords } from '../../helpers/ndjson-corpus.js';
import { fuzz, timeLimit } from '../../hostile/fuzz.js';

/** Scans `line` where it stands among other bytes (the scanner must not read past its end). */
function scan(line: string, before = '{"id":"before"}\n', after = '\n"id":"after"}'): ScannedRecord | undefined {
  const bytes = Buffer.from(`${before}${line}${after}`);
  const start = Buffer.byteLength(before);
  return scanRecord(bytes, start, start + Buffer.byteLength(line));
}

/** What the checker reads of a parsed record, as the scanner gives it. */
function fieldsOf(record: Record<string, unknown>) {
  const publisher = record.publisher as Record<string, unknown> | undefined;
  return {
    id: record.id,
    action: record.action,
    zone: record.zone,
    publishedAt: record.publishedAt,
    firstPublishedAt: record.firstPublishedAt,
    categories: record.categories,
    audience: record.audience,
    channel: record.channel,
    publisher: publisher !== undefined,
    kind: publisher?.kind,
    title: record.title,
    body: record.body,
  };
}

function scannedFields(record: ScannedRecord) {
  return {
    id: record.id,
    action: record.action,
    zone: record.zone,
    publishedAt: record.publishedAt,
    firstPublishedAt: record.firstPublishedAt,
    categories: record.categories,
    audience: record.audience,
    channel: record.channel,
    publisher: record.publisher,
    kind: record.kind,
    title: record.title(),
    body: record.body(),
  };
}

/** The property: a line scanned is a plain record that JSON.parse reads to the same fields; true when it was scanned. */
function agrees(line: string): boolean {
  const scanned = scan(line);
  if (scanned === undefined) return false;
  const parsed = JSON.parse(line) as Record<string, unknown>;
  expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
  for (const key of Object.keys(parsed)) expect(RECORD_FIELDS).toContain(key);
  for (const key of ['title', 'body', 'url', 'id', 'zone', 'action', 'channel', 'publishedAt', 'firstPublishedAt']) {
    if (key in parsed) expect(typeof parsed[key]).toBe('string');
  }
  if ('publisher' in parsed) {
    const publisher = parsed.publisher as Record<string, unknown>;
    for (const key of Object.keys(publisher)) expect(['name', 'kind']).toContain(key);
    for (const value of Object.values(publisher)) expect(typeof value).toBe('string');
  }
  expect(scannedFields(scanned)).toEqual(fieldsOf(parsed));
  // A duplicate key would have been read by JSON.parse as its last value: the scanner must have refused it.
  const keys = [...line.matchAll(/"([A-Za-z]+)"\s*:/g)].map((match) => match[1]);
  expect(new Set(keys).size).toBe(keys.length);
  return true;
}

describe('scanRecord', () => {
  it('reads every plain record as JSON.parse does, written compact or spaced', () => {
    for (const record of plainRecords()) {
      expect(agrees(JSON.stringify(record))).toBe(true);
      expect(agrees(JSON.stringify(record, null, 2).replace(/\n/g, ' '))).toBe(true);
    }
  });

  it('leaves everything else to JSON.parse: escapes, unknown, near-miss and duplicate keys, other types, bad JSON', () => {
    const scanned = otherLines().filter((line) => scan(line) !== undefined);
    // Only two among them are plain records: one spaced out, one with a BOM inside a string.
    expect(scanned.map((line) => scan(line)!.id)).toEqual(['spaced', 'bom\ufeff-inside']);
    for (const line of scanned) expect(agrees(line)).toBe(true);
  });

  it('never reads past the end of its line', () => {
    const line = '{"id":"cut","publishedAt":"2017-05-06T10:00:00Z"}';
    for (let cut = 0; cut < line.length; cut++) {
      const bytes = Buffer.from(`${line}\n${line}`);
      expect(scanRecord(bytes, 0, cut)).toBeUndefined();
    }
    expect(scanRecord(Buffer.from(`${line}\n${line}`), 0, line.length)?.id).toBe('cut');
  });

  it('reads strings at every alignment, with every byte that matters at every place', () => {
    const pieces = ['a', 'é', '€', '😀', '"', '\\', '\t', '\u0001', '\u001f', ' ', '\u007f', '\u0085', '\u2028', 'Z'];
    for (let pad = 0; pad < 8; pad++) {
      for (const piece of pieces) {
        for (let place = 0; place < 12; place++) {
          const text = `${'x'.repeat(place)}${piece}${'y'.repeat(11 - place)}`;
          const escaped = JSON.stringify(text).slice(1, -1);
          for (const value of [text, escaped]) {
            const line = `${' '.repeat(pad)}{"id":"i","title":"${value}","body":"${value}${value}","url":"${value}"}`;
            let parsed: unknown;
            try {
              parsed = JSON.parse(line);
            } catch {
              parsed = undefined;
            }
            const scanned = scan(line, 'p'.repeat(pad));
            if (parsed === undefined) expect(scanned).toBeUndefined();
            else if (scanned !== undefined) expect(agrees(line)).toBe(true);
            // A string without escapes or control characters is plain: it must be taken.
            else expect(/[\\\u0000-\u001f]/.test(value)).toBe(true);
          }
        }
      }
    }
  });

  it('agrees with JSON.parse on generated lines of every kind (fuzzed)', { timeout: timeLimit('scan') }, async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('poll', 'news', 'FR-MET', 'web', 'media', 'remain', 'Europe/Paris', '2017-05-06T10:00:00+02:00', ''),
    );
    const value = fc.oneof(
      { weight: 6, arbitrary: text.map((t) => JSON.stringify(t)) },
      { weight: 3, arbitrary: fc.array(text, { maxLength: 4 }).map((list) => JSON.stringify(list)) },
      { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('name', 'kind', 'type', 'Kind'), text, { maxKeys: 3 }).map((object) => JSON.stringify(object)) },
      { weight: 1, arbitrary: fc.constantFrom('null', 'true', '7', '-0.5e3', '{}', '[]', '[[]]', '{"a":{"b":1}}', '"\\u0070oll"', '"a\\"b"') },
      // Raw bytes JSON refuses inside strings.
      { weight: 1, arbitrary: fc.constantFrom('"a\tb"', '"\u0001"', '"x\ry"') },
    );
    const key = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...RECORD_FIELDS) },
      { weight: 1, arbitrary: fc.constantFrom('Categories', 'categorie', 'published_at', 'slug', 'tz', 'ID', 'Id', 'titles', '__proto__', 'i\\u0064', '') },
    );
    const space = fc.constantFrom('', '', '', ' ', '\t', ' \r ', '  ');
    const line = fc
      .tuple(fc.array(fc.tuple(key, value, space, space), { maxLength: 9 }), space, fc.constantFrom('', '', ',', ' x', '}', ']'))
      .map(([members, edge, tail]) => `${edge}{${members.map(([k, v, s1, s2]) => `${s1}"${k}"${s2}:${s1}${v}${s2}`).join(',')}}${tail}${edge}`);
    let taken = 0;
    await fuzz(
      'scan',
      fc.property(line, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (agrees(text)) {
          taken++;
          expect(parses).toBe(true);
        }
      }),
    );
    // The generator makes plain records often enough for the property to say something of them.
    expect(taken).toBeGreaterThan(1000);
  });
});
