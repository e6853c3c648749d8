/**
 * NDJSON lines of every kind the check's fast paths meet (scan-record.ts,
 * verdict-bytes.ts), to hold them to the plain path: plain records the
 * scanner takes, and records it must leave to JSON.parse (escapes, unknown,
 * near-miss and duplicate keys, values of other types, nesting), with local
 * times, content left online, detector hits, records without category,
 * provisional calendars, invalid fields, ids that need escaping, and lines
 * that are no record at all.
 */
import { makeRecords } from '../../bench/records.mjs';

const SATURDAY = '2017-05-06T10:00:00+02:00';

/** Records the scanner takes as they are written by JSON.stringify. */
export function plainRecords(): object[] {
  return [
    ...makeRecords(600, 11),
    { id: 'poll', publishedAt: SATURDAY, categories: ['poll'] },
    { id: 'local-paris', publishedAt: '2017-05-06T10:00:00', zone: 'Europe/Paris', categories: ['poll'], audience: ['FR-MET'] },
    { id: 'local-tahiti', publishedAt: '2017-05-06T10:00:00', zone: 'Pacific/Tahiti', categories: ['propaganda'], audience: ['PF'] },
    { id: 'gap', publishedAt: '2017-03-26T02:30:00', zone: 'Europe/Paris', categories: ['poll'] },
    { id: 'fold', publishedAt: '2017-10-29T02:30:00', zone: 'Europe/Paris', categories: ['poll'] },
    { id: 'upper-zone', publishedAt: '2017-05-06T10:00:00', zone: 'EUROPE/PARIS', categories: ['poll'] },
    { id: 'unknown-zone', publishedAt: '2017-05-06T10:00:00', zone: 'Mars/Olympus', categories: ['poll'] },
    { id: 'no-zone', publishedAt: '2017-05-06T10:00:00', categories: ['poll'] },
    { id: 'remain', action: 'remain', firstPublishedAt: '2017-05-04T10:00:00Z', publishedAt: SATURDAY, categories: ['propaganda'] },
    { id: 'remain-late', action: 'remain', firstPublishedAt: '2017-05-06T09:00:00+02:00', publishedAt: SATURDAY, categories: ['propaganda'] },
    { id: 'remain-no-first', action: 'remain', publishedAt: SATURDAY, categories: ['propaganda'] },
    { id: 'update', action: 'update', publishedAt: SATURDAY, categories: ['leak'], audience: ['FR-MET'] },
    { id: 'bad-action', action: 'delete', publishedAt: SATURDAY, categories: ['poll'] },
    { id: 'detected', publishedAt: SATURDAY, categories: ['news'], audience: ['FR-MET'], title: 'Un nouveau sondage exclusif' },
    { id: 'detected-body', publishedAt: SATURDAY, categories: ['news'], body: 'Selon le dernier sondage, les résultats…' },
    { id: 'uncategorised', publishedAt: SATURDAY, channel: 'web', audience: ['FR-MET'], title: 'Les derniers chiffres' },
    { id: 'empty-categories', publishedAt: SATURDAY, categories: [], title: 'Réunion' },
    { id: 'provisional', publishedAt: '2027-04-17T10:00:00+02:00', categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] },
    { id: 'provisional-news', publishedAt: '2027-04-17T10:00:00+02:00', categories: ['news'], title: 'sondage' },
    { id: 'groups', publishedAt: SATURDAY, categories: ['poll', 'news'], audience: ['FR', 'GP'], channel: 'social', publisher: { name: 'X', kind: 'media' } },
    { id: 'publisher-empty', publishedAt: SATURDAY, categories: ['poll'], publisher: {} },
    { id: 'publisher-kind', publishedAt: SATURDAY, categories: ['propaganda'], publisher: { kind: 'candidate' } },
    { id: 'bad-kind', publishedAt: SATURDAY, categories: ['poll'], publisher: { name: 'Y', kind: 'robot' } },
    { id: 'bad-category', publishedAt: SATURDAY, categories: ['nope', 'poll', 'also-nope'] },
    { id: 'bad-region', publishedAt: SATURDAY, categories: ['poll'], audience: ['XX'] },
    { id: 'empty-audience', publishedAt: SATURDAY, categories: ['poll'], audience: [] },
    { id: 'bad-channel', publishedAt: SATURDAY, categories: ['poll'], channel: 'pigeon' },
    { id: 'bad-time', publishedAt: 'Saturday morning', categories: ['poll'] },
    { id: 'fraction', publishedAt: '2017-05-06T10:00:00.123456+02:00', categories: ['poll'] },
    { id: 'plus-zero', publishedAt: '2017-05-06T08:00:00+00:00', categories: ['poll'] },
    { id: 'after', firstPublishedAt: '2017-05-07T10:00:00Z', action: 'remain', publishedAt: SATURDAY, categories: ['poll'] },
    { publishedAt: SATURDAY, categories: ['poll'] },
    { id: '', publishedAt: SATURDAY },
    { id: 'x'.repeat(1025), publishedAt: SATURDAY },
    {},
    { id: 'émission-été-😀', publishedAt: SATURDAY, categories: ['poll'], title: 'Ça va 😀', body: 'Ω≈ç√∫˜µ≤≥÷' },
    { id: 'del\u007fc1\u0085ls\u2028bidi\u202e', publishedAt: SATURDAY, categories: ['poll'] },
    { id: 'url', publishedAt: SATURDAY, categories: ['news'], url: 'https://example.org/a' },
    { id: 'everything', action: 'publish', zone: 'Europe/Paris', publishedAt: '2017-05-06T10:00:00', categories: ['poll'], audience: ['FR-MET'], channel: 'web', publisher: { kind: 'media', name: 'Z' }, title: 'T', body: 'B', url: 'U' },
  ];
}

/**
 * Lines the scanner must leave to JSON.parse (the first) or that are no
 * record (the rest): their verdicts and problems must come out as ever.
 */
export function otherLines(): string[] {
  return [
    // Escapes, in values and keys.
    `{"id":"quote\\"d","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"esc","publishedAt":"${SATURDAY}","categories":["po\\u006cl"]}`,
    `{"\\u0069d":"key-escape","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"lone \\ud800 surrogate","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"newline\\nin id","publishedAt":"${SATURDAY}","categories":["poll"],"title":"a\\tb"}`,
    // Unknown, near-miss and duplicate keys.
    `{"id":"slug","slug":"a-b","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"near","Categories":["poll"],"publishedAt":"${SATURDAY}"}`,
    `{"id":"near2","publishedAt":"${SATURDAY}","categorie":["poll"]}`,
    `{"id":"published_at","published_at":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"dup","categories":["news"],"publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"dup-last-allows","categories":["poll"],"publishedAt":"${SATURDAY}","categories":["news"]}`,
    `{"id":"dup-id","id":"other","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"pub-dup","publishedAt":"${SATURDAY}","categories":["poll"],"publisher":{"kind":"media","kind":"candidate"}}`,
    `{"id":"pub-type","publishedAt":"${SATURDAY}","categories":["propaganda"],"publisher":{"type":"candidate"}}`,
    `{"id":"pub-extra","publishedAt":"${SATURDAY}","categories":["poll"],"publisher":{"name":"n","url":"u"}}`,
    `{"__proto__":{"x":1},"id":"proto","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    // Values of other types.
    `{"id":7,"publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"num-time","publishedAt":1494057600000,"categories":["poll"]}`,
    `{"id":"null-zone","zone":null,"publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"string-categories","publishedAt":"${SATURDAY}","categories":"poll"}`,
    `{"id":"number-category","publishedAt":"${SATURDAY}","categories":[1,"poll"]}`,
    `{"id":"nested","publishedAt":"${SATURDAY}","categories":[["poll"]]}`,
    `{"id":"publisher-string","publishedAt":"${SATURDAY}","categories":["poll"],"publisher":"me"}`,
    `{"id":"publisher-null","publishedAt":"${SATURDAY}","categories":["poll"],"publisher":null}`,
    `{"id":"title-number","publishedAt":"${SATURDAY}","categories":["poll"],"title":3}`,
    `{"id":"url-object","publishedAt":"${SATURDAY}","categories":["poll"],"url":{}}`,
    `{"id":"long-list","publishedAt":"${SATURDAY}","categories":[${Array.from({ length: 80 }, () => '"poll"').join(',')}]}`,
    // White space the scanner takes, and JSON it must refuse.
    `  { "id" : "spaced" ,\t"publishedAt" :\r"${SATURDAY}" , "categories" : [ "poll" , "news" ] , "publisher" : { "kind" : "media" } }  `,
    `{"id":"trailing-comma","publishedAt":"${SATURDAY}","categories":["poll"],}`,
    `{"id":"list-comma","publishedAt":"${SATURDAY}","categories":["poll",]}`,
    `{"id":"after-garbage","publishedAt":"${SATURDAY}","categories":["poll"]} x`,
    `{"id":"two"} {"id":"records"}`,
    `{"id":"tab\tin value","publishedAt":"${SATURDAY}","categories":["poll"]}`,
    `{"id":"unclosed","publishedAt":"${SATURDAY}","categories":["poll"]`,
    `{'id':'single quotes'}`,
    `[{"id":"in-array"}]`,
    `"just a string"`,
    `42`,
    `null`,
    ``,
    `   `,
    `{"id":"bom\ufeff-inside","publishedAt":"${SATURDAY}","categories":["poll"]}`,
  ];
}

/**
 * An NDJSON file of all of them: each plain record also with spaces after
 * its separators and with a CR line end, every other line, records repeated
 * far apart (duplicate ids), a BOM, a NUL line, an invalid UTF-8 line, and
 * a last line without a newline.
 */
export function corpusFile(): Buffer {
  const parts: (string | Buffer)[] = ['\ufeff'];
  const plain = plainRecords();
  plain.forEach((record, index) => {
    const json = JSON.stringify(record);
    parts.push(index % 7 === 3 ? `${json}\r\n` : `${json}\n`);
    if (index % 50 === 0) parts.push(`${JSON.stringify(record, null, 1).replace(/\n/g, '')}\n`);
  });
  for (const line of otherLines()) parts.push(`${line}\n`);
  parts.push(Buffer.from('{"id":"nul\u0000here","publishedAt":"2017-05-06T10:00:00Z"}\n'));
  parts.push(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]));
  for (const record of plain.slice(0, 5)) parts.push(`${JSON.stringify(record)}\n`);
  parts.push(JSON.stringify({ id: 'last', publishedAt: SATURDAY, categories: ['poll'] }));
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}
