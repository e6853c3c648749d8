import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { PolicyIssue, PolicyIssueCode } from '../errors.js';
import { SAFE_YAML_OPTIONS } from '../yaml-options.js';
import { fileIssue, MAX_POLICY_BYTES, tooLargeMessage, utf8Length } from './file-text.js';
import { guillemets, type IssueText } from './issue-text.js';
import { yamlProblemText } from './yaml-problems.js';

export { fileIssue, MAX_POLICY_BYTES, POLICY_FILE_NAME, tooLargeMessage } from './file-text.js';

/** Deeper than any real policy needs, shallow enough to walk without risk. */
export const MAX_POLICY_DEPTH = 64;
/** Aliases a file may expand; a billion-laughs file needs far more. */
const MAX_ALIAS_COUNT = 200;

export type PathSegment = string | number;

const TOO_DEEP_TO_PARSE: IssueText = {
  en: `nesting too deep to parse (a policy needs at most ${MAX_POLICY_DEPTH} levels)`,
  fr: `imbrication trop profonde pour être lue (une politique n’a besoin que de ${MAX_POLICY_DEPTH} niveaux au plus)`,
};

/** An alias bomb, as the converter refuses it (yaml says `Excessive alias count indicates a resource exhaustion attack`). */
function aliasesTooFar(reason: string): IssueText {
  const excessive = /excessive alias count/i.test(reason);
  return {
    en: `aliases expand too far: ${reason}`,
    fr: `les alias se déploient trop loin : ${excessive ? 'leur nombre signale une attaque par épuisement des ressources' : reason}`,
  };
}


/** One policy file, parsed, with what is needed to point into it. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
  readonly data: unknown;
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): { line: number; column: number };
}

/** Issues of one file, built with positions and excerpts. */
export function issueAt(
  file: Pick<SourceFile, 'name' | 'text'>,
  line: number,
  column: number,
  code: PolicyIssueCode,
  text: IssueText,
): PolicyIssue {
  return { file: file.name, line, column, code, message: text.en, fr: text.fr, excerpt: excerpt(file.text, line, column) };
}

/** An issue at a path inside a parsed file (the key when `at` is 'key'). */
export function issueAtPath(
  file: SourceFile,
  path: readonly PathSegment[],
  code: PolicyIssueCode,
  text: IssueText,
  at: 'key' | 'value' = 'value',
): PolicyIssue {
  const { line, column } = file.locate(path, at);
  return issueAt(file, line, column, code, text);
}


function excerpt(text: string, line: number, column: number): string {
  if (line < 1) return '';
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const lineText = text.slice(start, Math.min(end, start + 160)).replace(/\r$/, '');
  const caretAt = Math.max(0, Math.min(column - 1, lineText.length));
  return `${String(line).padStart(4)} | ${lineText}\n     | ${' '.repeat(caretAt)}^`;
}

/**
 * Parses one policy file. Returns the file and every syntax or safety problem;
 * `data` is undefined when the file cannot be trusted to convert.
 */
export function parseSourceFile(name: string, text: string): { file: SourceFile; issues: PolicyIssue[] } {
  const lines = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const bare = { name, text };
  const issues: PolicyIssue[] = [];
  const byteLength = utf8Length(text);
  if (byteLength > MAX_POLICY_BYTES) {
    issues.push(fileIssue(name, 'limit', tooLargeMessage(byteLength)));
    return { file: { ...bare, data: undefined, locate: () => ({ line: 0, column: 0 }) }, issues };
  }
  // A NUL is not text; U+FFFD is what a byte that is not UTF-8 was read as (a file saved as Latin-1 or cp1252):
  // its phrases would never match a record's, and a detector would silently detect nothing.
  const unreadable = /[\u0000\uFFFD]/.exec(text);
  if (unreadable) {
    const before = text.slice(0, unreadable.index);
    const line = before.split('\n').length;
    const message: IssueText =
      unreadable[0] === '\u0000'
        ? { en: 'the file is not text (it holds a NUL byte): a policy is YAML', fr: 'le fichier n’est pas du texte (il contient un octet NUL) : une politique s’écrit en YAML' }
        : { en: 'the file is not UTF-8 (a byte here is not, or U+FFFD is written): save it as UTF-8', fr: 'le fichier n’est pas en UTF-8 (un octet ici ne l’est pas, ou U+FFFD est écrit) : enregistrez-le en UTF-8' };
    issues.push(issueAt(bare, line, unreadable.index - before.lastIndexOf('\n'), 'yaml', message));
    return { file: { ...bare, data: undefined, locate: () => ({ line: 0, column: 0 }) }, issues };
  }
  let doc: Document;
  try {
    doc = parseDocument(text, { ...SAFE_YAML_OPTIONS, lineCounter: lines });
  } catch (error) {
    // The parser recurses, and not every path catches its own stack overflow (`- - - …` thousands deep under a key).
    const { line, column } = deepestLine(text);
    const tooDeep = error instanceof RangeError;
    // Only a stack overflow is known to escape; anything else is the parser's own words, in English only.
    const reason = (error as Error).message;
    const message = tooDeep ? TOO_DEEP_TO_PARSE : { en: `cannot parse the YAML: ${reason}`, fr: `impossible de lire le YAML : ${reason}` };
    issues.push(issueAt(bare, line, column, tooDeep ? 'limit' : 'yaml', message));
    return { file: { ...bare, data: undefined, locate: () => ({ line: 0, column: 0 }) }, issues };
  }
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const { line, column } = position(problem.pos[0]);
    // The parser recurses and catches its own stack overflow: that is a nesting limit.
    const tooDeep = problem.message.includes('Maximum call stack size exceeded');
    if (tooDeep && issues.some((issue) => issue.code === 'limit')) continue;
    // The parser's own words would point a policy author at its API (`YAML.parseAllDocuments()`).
    const message = tooDeep
      ? TOO_DEEP_TO_PARSE
      : problem.code === 'MULTIPLE_DOCS'
        ? {
            en: 'a policy file holds one YAML document, and this one holds several (a --- line starts another): put each in a file of its own, or remove the ---',
            fr: 'un fichier de politique contient un seul document YAML, et celui-ci en contient plusieurs (une ligne --- en commence un autre) : mettez chacun dans un fichier à lui, ou retirez le ---',
          }
        : yamlProblemText(problem);
    issues.push(issueAt(bare, line, column, tooDeep ? 'limit' : 'yaml', message));
  }
  const locate = (path: readonly PathSegment[], at: 'key' | 'value' = 'value') => {
    const offset = nodeOffset(doc, path, at);
    return offset === undefined ? { line: 1, column: 1 } : position(offset);
  };
  if (!issues.some((issue) => issue.code === 'limit')) issues.push(...shapeIssues(doc, bare, position));
  let data: unknown;
  if (issues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const { line, column } = position(firstAliasOffset(doc) ?? 0);
      issues.push(issueAt(bare, line, column, 'limit', aliasesTooFar((error as Error).message)));
    }
  }
  return { file: { ...bare, data, locate }, issues };
}

/**
 * Where a file too deep for the parser nests deepest, by its text alone: the
 * first line opening more than MAX_POLICY_DEPTH block sequences (`- - - …`),
 * at the first one too many; else the most indented line. 1-based.
 */
function deepestLine(text: string): { line: number; column: number } {
  let best = { line: 1, column: 1, depth: -1 };
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let at = start;
    while (at < end && text.charCodeAt(at) === 0x20) at++;
    const indent = at - start;
    let sequences = 0;
    while (at < end && text.charCodeAt(at) === 0x2d && (at + 1 === end || text.charCodeAt(at + 1) === 0x20)) {
      sequences++;
      if (sequences > MAX_POLICY_DEPTH) return { line, column: at - start + 1 };
      at += 2;
      while (at < end && text.charCodeAt(at) === 0x20) at++;
    }
    // A sequence counts more than a space of indentation; only the order matters.
    const depth = sequences * 2 + indent;
    if (depth > best.depth) best = { line, column: indent + 1, depth };
    start = end + 1;
  }
  return { line: best.line, column: best.column };
}

/**
 * Checks what the schema cannot see once the YAML is converted: keys that are
 * not strings, and nesting too deep to walk safely. Iterative, so depth is no risk.
 */
function shapeIssues(
  doc: Document,
  file: { name: string; text: string },
  position: (offset: number) => { line: number; column: number },
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  // Keys given twice, a set a mapping (the parser's own check is quadratic), told first and in file order.
  const duplicates: { offset: number; key: string }[] = [];
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0 && issues.length + duplicates.length < 50) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_POLICY_DEPTH) {
      const offset = (node as Node | null)?.range?.[0] ?? 0;
      const { line, column } = position(offset);
      issues.push(issueAt(file, line, column, 'limit', { en: `nesting deeper than ${MAX_POLICY_DEPTH} levels`, fr: `imbrication de plus de ${MAX_POLICY_DEPTH} niveaux` }));
      break;
    }
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (keys.has(pair.key.value)) duplicates.push({ offset: pair.key.range?.[0] ?? 0, key: String(pair.key.value) });
          keys.add(pair.key.value);
        }
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
          const offset = (pair.key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0;
          const { line, column } = position(offset);
          issues.push(issueAt(file, line, column, 'yaml', { en: 'keys must be plain strings', fr: 'les clés doivent être de simples chaînes' }));
          continue;
        }
        stack.push({ node: pair.value, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  const twice = duplicates
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, key }) => {
      const { line, column } = position(offset);
      const shown = key.slice(0, 64);
      return issueAt(file, line, column, 'yaml', { en: `Map keys must be unique: '${shown}' appears twice`, fr: `les clés d’une table doivent être uniques : ${guillemets(shown)} figure deux fois` });
    });
  return [...twice, ...issues];
}

/** Where the first alias stands, to point at an alias bomb. */
function firstAliasOffset(doc: Document): number | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return node.range?.[0];
    if (isMap(node)) for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]!.value, node.items[index]!.key);
    else if (isSeq(node)) for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]);
  }
  return undefined;
}

/** The source offset of the node at `path`, or of the deepest node found on the way. */
function nodeOffset(doc: Document, path: readonly PathSegment[], at: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return offset;
      if (last && at === 'key') return (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return offset;
    }
    offset = (node as Node | null)?.range?.[0] ?? offset;
  }
  return offset;
}
