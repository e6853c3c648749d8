import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { inputMessages, type InputLang } from '../messages.js';

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
 * (an unresolved tag), or a problem of its contents (see {@link nodeProblem}).
 * The parser recurses and catches its own stack overflow; that is reported as
 * nesting too.
 */
export function yamlProblem(doc: Document, lang: InputLang): YamlProblem | undefined {
  return parseProblem(doc, lang) ?? nodeProblem(doc.contents, lang);
}

/** A syntax error or warning of the parser, if any. */
export function parseProblem(doc: Document, lang: InputLang): YamlProblem | undefined {
  const m = inputMessages(lang);
  const [problem] = [...doc.errors, ...doc.warnings];
  if (!problem) return undefined;
  const tooDeep = problem.message.includes('Maximum call stack size exceeded');
  // The place is the item's own; the parser's 'at line N' counts from the start of the YAML, not of the file.
  const reason = tooDeep ? m.tooDeep(MAX_RECORD_DEPTH) : m.badYaml(m.yamlReason(problem.code, (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')));
  return { message: reason, offset: problem.pos[0] };
}

/**
 * The first reason not to trust a parsed node: nesting too deep, a key given
 * twice in a mapping (a set a mapping: the parser's own check is quadratic),
 * or a merge key (`<<`), which YAML 1.2 reads as a plain key: kept, it would
 * hide the fields it means to bring in. Iterative, so depth is no risk.
 */
export function nodeProblem(root: unknown, lang: InputLang): YamlProblem | undefined {
  const m = inputMessages(lang);
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_RECORD_DEPTH) return { message: m.tooDeep(MAX_RECORD_DEPTH), offset: (node as Node | null)?.range?.[0] ?? 0 };
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (pair.key.value === '<<' && pair.key.type === 'PLAIN') return { message: m.mergeKey, offset: pair.key.range?.[0] ?? 0 };
          // As JavaScript will hold it: `1` and `"1"` are one key.
          const key = String(pair.key.value);
          if (keys.has(key)) return { message: m.badYaml(m.yamlDuplicateKey(JSON.stringify(key).slice(0, 66))), offset: pair.key.range?.[0] ?? 0 };
          keys.add(key);
        } else if (pair.key !== null) {
          // `? [a]` would become the text "[ a ]", with a warning on stderr.
          return { message: m.complexKey, offset: (pair.key as Node).range?.[0] ?? node.range?.[0] ?? 0 };
        }
        stack.push({ node: pair.value, depth: depth + 1 });
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
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

/** One node of a document as plain data (its aliases resolved in the document), or undefined when they expand too far. */
export function nodeData(doc: Document, node: Node | null): { value: unknown } | undefined {
  try {
    return { value: node === null ? null : node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return undefined;
  }
}

/**
 * Where `[` and `{` first nest deeper than `limit` (MAX_RECORD_DEPTH by
 * default), counting every bracket (in strings too: no record has that many
 * left open), or undefined. Checked before parsing: the parser spends about
 * 30 µs and 1.4 KB on each level, and a megabyte of brackets would exhaust
 * the heap.
 */
export function bracketTooDeep(text: string, from = 0, to = text.length, limit = MAX_RECORD_DEPTH): number | undefined {
  let depth = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return index;
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}
