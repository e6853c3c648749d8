import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { errorItem, type InputItem } from './input-item.js';
import { inputMessages, kindOf, type InputLang } from './messages.js';
import { isRecordObject } from './read-json.js';
import { SAFE_YAML_OPTIONS } from '../yaml-options.js';
import { yamlData, yamlProblem } from './safe-yaml.js';

/**
 * The records of a YAML text: a mapping (one record), a list of mappings, or
 * several `---` documents of either. A bad document is one item naming its
 * line; the documents after it are still read.
 */
export function yamlItems(text: string, file: string, lang: InputLang = 'en'): InputItem[] {
  const m = inputMessages(lang);
  const lines = new LineCounter();
  // Where a record starts: documents and list items may share a line (`- {id: a}`, `--- {id: b}`), so the column too.
  const place = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const items: InputItem[] = [];
  let index = 0;
  const docs = parseAllDocuments(text, { ...SAFE_YAML_OPTIONS, lineCounter: lines });
  for (const doc of Array.isArray(docs) ? docs : []) {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const problem = yamlProblem(doc, lang);
    if (problem) {
      items.push(errorItem({ file, index: index++, ...place(problem.offset) }, problem.message));
      continue;
    }
    if (doc.contents === null) continue;
    const data = yamlData(doc);
    if (!data) {
      items.push(errorItem({ file, index: index++, ...place(start) }, m.aliasBomb));
      continue;
    }
    const { value } = data;
    if (isSeq(doc.contents) && Array.isArray(value)) {
      const nodes = doc.contents.items as Array<Node | null>;
      value.forEach((record: unknown, position) => {
        const source = { file, index: index++, ...place(nodes[position]?.range?.[0] ?? start) };
        items.push(isRecordObject(record) ? { kind: 'record', record, source } : errorItem(source, m.yamlNotRecord(kindOf(record, lang))));
      });
    } else if (isMap(doc.contents) && isRecordObject(value)) {
      items.push({ kind: 'record', record: value, source: { file, index: index++, ...place(start) } });
    } else {
      items.push(errorItem({ file, index: index++, ...place(start) }, m.yamlNotRecord(kindOf(value, lang))));
    }
  }
  if (items.length === 0) items.push(errorItem({ file, index: 0 }, m.empty, true));
  return items;
}
