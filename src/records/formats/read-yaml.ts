import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { errorItem, type InputItem } from '../input-item.js';
import { inputMessages, kindOf, type InputLang } from '../messages.js';
import { isRecordObject } from './read-json.js';
import { SAFE_YAML_OPTIONS } from '../../yaml-options.js';
import { bracketTooDeep, MAX_RECORD_DEPTH, nodeData, nodeProblem, parseProblem, yamlData, yamlProblem } from './safe-yaml.js';

/**
 * Brackets nested deeper than this refuse a whole document before it is
 * parsed (the parser's cost grows with each level); shallower ones are
 * parsed, and an item past MAX_RECORD_DEPTH is refused alone.
 */
const PARSE_DEPTH_LIMIT = 1000;

/** A line that starts a document (`---`) or ends one (`...`). */
const MARKER = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm;

/**
 * The documents of a YAML text, each as its range: cut at the lines that
 * start or end one, so each is parsed apart and one too deep for the parser
 * (which recurses) costs only itself.
 */
function documentRanges(text: string): { start: number; end: number }[] {
  const cuts = [0];
  for (const match of text.matchAll(MARKER)) if (match.index > 0) cuts.push(match.index);
  cuts.push(text.length);
  const ranges: { start: number; end: number }[] = [];
  for (let at = 0; at < cuts.length - 1; at++) ranges.push({ start: cuts[at]!, end: cuts[at + 1]! });
  return ranges;
}

/**
 * The records of a YAML text: a mapping (one record), a list of mappings, or
 * several `---` documents of either. Nothing is lost for a neighbour's fault:
 * a bad document is one item naming its line and the documents after it are
 * still read; in a list, an item nested too deep (or with a merge key, or a
 * key twice) is one item, and its siblings are records.
 */
export function yamlItems(text: string, file: string, lang: InputLang = 'en'): InputItem[] {
  const m = inputMessages(lang);
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  const items: InputItem[] = [];
  let index = 0;
  // Where a record starts: documents and list items may share a line (`- {id: a}`, `--- {id: b}`), so the column too.
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, index: index++, line, column: col };
  };
  for (const range of documentRanges(text)) {
    // Offsets of the document's own parse, as offsets of the file.
    const problemAt = (offset: number, message: string) => items.push(errorItem(at(range.start + offset), message));
    const deep = bracketTooDeep(text, range.start, range.end, PARSE_DEPTH_LIMIT);
    if (deep !== undefined) {
      problemAt(deep - range.start, m.tooDeep(MAX_RECORD_DEPTH));
      continue;
    }
    let doc: Document;
    try {
      doc = parseDocument(text.slice(range.start, range.end), SAFE_YAML_OPTIONS);
    } catch {
      // The parser recursed past the stack: `- - - …` thousands deep.
      problemAt(0, m.tooDeep(MAX_RECORD_DEPTH));
      continue;
    }
    const record = (value: object, offset: number) => items.push({ kind: 'record', record: value, source: at(range.start + offset) });
    readDocument(doc, m, lang, problemAt, record);
  }
  if (items.length === 0) items.push(errorItem({ file, index: 0 }, m.empty, true));
  return items;
}

/** The items of one parsed document: its records, or its problems at their offsets in it. */
function readDocument(
  doc: Document,
  m: ReturnType<typeof inputMessages>,
  lang: InputLang,
  problemAt: (offset: number, message: string) => void,
  record: (value: object, offset: number) => void,
): void {
  const broken = parseProblem(doc, lang);
  if (broken) return problemAt(broken.offset, broken.message);
  if (doc.contents === null) return;
  const start = doc.contents.range?.[0] ?? 0;
  // A list is read item by item: one bad item is its own problem, its siblings are records.
  if (isSeq(doc.contents)) {
    for (const node of doc.contents.items as Array<Node | null>) {
      const offset = node?.range?.[0] ?? start;
      const problem = nodeProblem(node, lang);
      if (problem) {
        problemAt(problem.offset, problem.message);
        continue;
      }
      const data = nodeData(doc, node);
      if (!data) problemAt(offset, m.aliasBomb);
      else if (isRecordObject(data.value)) record(data.value, offset);
      else problemAt(offset, m.yamlNotRecord(kindOf(data.value, lang)));
    }
    return;
  }
  const problem = yamlProblem(doc, lang);
  if (problem) return problemAt(problem.offset, problem.message);
  const data = yamlData(doc);
  if (!data) return problemAt(start, m.aliasBomb);
  if (isMap(doc.contents) && isRecordObject(data.value)) record(data.value, start);
  else problemAt(start, m.yamlNotRecord(kindOf(data.value, lang)));
}
