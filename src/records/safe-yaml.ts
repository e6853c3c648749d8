import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { inputMessages, type InputLang } from './messages.js';

/** Deeper than any record needs, shallow enough to walk without risk. */
export const MAX_RECORD_DEPTH = 64;
/** Aliases a document may expand; an alias bomb needs far more. */
const MAX_ALIAS_COUNT = 100;

/** A problem in a YAML document, at a source offset. */
export interface YamlProblem {
  readonly message: string;
  readonly offset: number;
}

/**
 * The first reason not to trust a parsed document: a syntax error, a warning
 * (an unresolved tag), nesting too deep, or a merge key (`<<`), which YAML 1.2
 * reads as a plain key: kept, it would hide the fields it means to bring in.
 * The parser recurses and catches its own stack overflow; that is reported as
 * nesting too.
 */
export function yamlProblem(doc: Document, lang: InputLang): YamlProblem | undefined {
  const m = inputMessages(lang);
  const [problem] = [...doc.errors, ...doc.warnings];
  if (problem) {
    const tooDeep = problem.message.includes('Maximum call stack size exceeded');
    // The place is the item's own; the parser's 'at line N' counts from the start of the YAML, not of the file.
    const reason = tooDeep ? m.tooDeep(MAX_RECORD_DEPTH) : m.badYaml((problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''));
    return { message: reason, offset: problem.pos[0] };
  }
  // Iterative, so depth itself is no risk.
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_RECORD_DEPTH) return { message: m.tooDeep(MAX_RECORD_DEPTH), offset: (node as Node | null)?.range?.[0] ?? 0 };
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') return { message: m.mergeKey, offset: pair.key.range?.[0] ?? 0 };
        stack.push({ node: pair.value, depth: depth + 1 });
      }
    }
    else if (isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
  }
  return undefined;
}

/** The document as plain data, or undefined when its aliases expand too far. */
export function yamlData(doc: Document): { value: unknown } | undefined {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return undefined;
  }
}
