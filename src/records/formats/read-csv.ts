import { CsvRowSplitter, type CsvRow } from './csv-rows.js';
import { errorItem, type InputItem } from '../input-item.js';
import { inputMessages, type InputLang, type InputMessages } from '../messages.js';
import { toBuffer, type Chunks } from '../read-text.js';
import { setField } from '../set-field.js';
import { Utf8Chunks } from './utf8-chunks.js';
import { binaryInputItem, MAX_BINARY_LINES, sniffBinary } from './read-ndjson.js';

/** Columns that hold lists, written `a;b` or `a|b` in one cell. */
const LIST_COLUMNS = new Set(['categories', 'audience']);
const LIST_SEPARATOR = /[;|]/;

/**
 * Streams the records of a CSV file with a header row. Dotted headers
 * (`publisher.kind`) make nested fields; `categories` and `audience` cells are
 * lists split on `;` or `|`; an empty cell leaves its field out. A bad row (a
 * NUL or invalid UTF-8 byte in it too) is an item naming its first line, and
 * the next rows are read; a bad header row stops the file.
 */
export async function* readCsv(chunks: Chunks, file: string, maxRecordBytes: number, lang: InputLang): AsyncGenerator<InputItem[]> {
  const m = inputMessages(lang);
  const splitter = new CsvRowSplitter(maxRecordBytes, m);
  // Bad bytes are blamed on their row; a BOM at the start is dropped.
  const decoder = new Utf8Chunks();
  let header: Header | undefined;
  let index = 0;
  let binaryRows = 0;
  const toItems = (rows: CsvRow[]): { items: InputItem[]; stop: boolean } => {
    const items: InputItem[] = [];
    for (const row of rows) {
      if (!header) {
        const read = readHeader(row, m);
        if (typeof read === 'string') {
          items.push(errorItem({ file, index: 0, line: row.line }, read, true));
          return { items, stop: true };
        }
        header = read;
        continue;
      }
      const source = { file, index: index++, line: row.line };
      // As for NDJSON: past so many rows of binary bytes the rest is taken for binary too, not told row by row.
      if (row.binary && ++binaryRows === MAX_BINARY_LINES) {
        items.push(errorItem(source, m.notText, true));
        return { items, stop: true };
      }
      if (row.problem !== undefined) items.push(errorItem(source, row.problem));
      else if (row.fields.length !== header.paths.length) items.push(errorItem(source, m.csvFieldCount(row.fields.length, header.paths.length)));
      else items.push({ kind: 'record', record: toRecord(header, row.fields), source });
    }
    return { items, stop: false };
  };

  const feed = (bytes: Buffer) => {
    const { text, bad } = decoder.decode(bytes);
    const rows: CsvRow[] = [];
    splitter.push(text, rows, bad);
    return toItems(rows);
  };
  // The start is held until it tells a binary file (a NUL in the first line, as for NDJSON), refused whole before a row is split: a file of zeros has no line end to stop at.
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let bytes = toBuffer(chunk);
    if (head !== undefined) {
      head = head.length === 0 ? bytes : Buffer.concat([head, bytes]);
      const binary = sniffBinary(head, false);
      if (binary === undefined) continue;
      if (binary) {
        yield [binaryInputItem(file, lang)];
        return;
      }
      bytes = head;
      head = undefined;
    }
    const { items, stop } = feed(bytes);
    if (items.length > 0) yield items;
    if (stop) return;
  }
  if (head !== undefined && head.length > 0) {
    if (sniffBinary(head, true)) {
      yield [binaryInputItem(file, lang)];
      return;
    }
    const { items, stop } = feed(head);
    if (items.length > 0) yield items;
    if (stop) return;
  }
  const tail = decoder.end();
  const rows: CsvRow[] = [];
  splitter.push(tail.text, rows, tail.bad);
  splitter.end(rows);
  const { items, stop } = toItems(rows);
  // A bad header row on the last line has said why already.
  if (stop) {
    yield items;
    return;
  }
  if (!header) items.push(errorItem({ file, index: 0 }, m.empty, true));
  else if (index === 0 && items.length === 0) items.push(errorItem({ file, index: 0 }, m.empty, true));
  if (items.length > 0) yield items;
}

/** The columns: each header split into the path of the field it fills. */
interface Header {
  readonly paths: readonly (readonly string[])[];
}

/** The header row, or why it cannot name the columns. */
function readHeader(row: CsvRow, m: InputMessages): Header | string {
  if (row.problem !== undefined) return row.problem;
  const names = row.fields.map((name) => name.trim());
  // `id;publishedAt;categories`: every row would be one field, and every record invalid.
  const separator = names.length === 1 ? [';', '\t'].find((candidate) => names[0]!.includes(candidate)) : undefined;
  if (separator !== undefined) return m.csvSeparator(separator);
  const seen = new Map<string, string>();
  for (let column = 0; column < names.length; column++) {
    const name = names[column]!;
    if (name === '') return m.csvEmptyHeader(column + 1);
    if (seen.has(name)) return m.csvDuplicateHeader(name);
    seen.set(name, name);
  }
  // `publisher` and `publisher.name` cannot both be set.
  for (const name of names) {
    const parts = name.split('.');
    for (let length = 1; length < parts.length; length++) {
      const prefix = parts.slice(0, length).join('.');
      if (seen.has(prefix)) return m.csvHeaderConflict(prefix, name);
    }
  }
  if (names.length === 0) return m.csvNoHeader;
  return { paths: names.map((name) => name.split('.')) };
}

function toRecord(header: Header, fields: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let column = 0; column < fields.length; column++) {
    const cell = fields[column]!;
    if (cell === '') continue;
    const path = header.paths[column]!;
    const value =
      path.length === 1 && LIST_COLUMNS.has(path[0]!)
        ? cell
            .split(LIST_SEPARATOR)
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : cell;
    setField(record, path, value);
  }
  return record;
}
