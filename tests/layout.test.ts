/**
 * The layout's two laws, read from the sources: imports flow one way through
 * the layers (records → policy → compile → policy-load → engine → report, cms,
 * tui → serve → cli), and no file imports itself back through others (type
 * imports count: a cycle of types is a knot for the reader all the same).
 * Also: no folder of src/ holds more than 16 source files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Each top folder of src/ (or shared file) and its layer; a file may import from its own layer's folder and lower layers. */
const LAYERS: Readonly<Record<string, number>> = {
  'errors.ts': 0,
  'luxon.ts': 0,
  'lazy-module.ts': 0,
  'yaml-options.ts': 0,
  text: 0,
  fs: 0,
  records: 1,
  policy: 2,
  compile: 3,
  'policy-load': 4,
  engine: 5,
  report: 6,
  cms: 6,
  tui: 6,
  serve: 7,
  cli: 8,
  // The library's entries export from every layer but the CLI's (core.ts: only what needs no node: module).
  'index.ts': 8,
  'core.ts': 8,
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path.split('\\').join('/')] : [];
  });
}

const FILES = sourceFiles('src');
const KNOWN = new Set(FILES);

/** The source files a file imports (static, dynamic and type imports alike), as paths from the repository root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => posix.normalize(posix.join(posix.dirname(file), spec)))
    .map((path) => [path, path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx')].find((candidate) => KNOWN.has(candidate)))
    .filter((path): path is string => path !== undefined);
}

const GRAPH = new Map(FILES.map((file) => [file, importsOf(file)]));

/** A file's top folder under src/ (or its own name, for a file at the top). */
function topOf(file: string): string {
  return relative('src', file).split(/[\\/]/)[0]!;
}

/** Strongly connected groups of more than one file, or a file importing itself (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the layout', () => {
  it('gives every top folder and shared file of src/ a layer', () => {
    expect(FILES.map(topOf).filter((top) => LAYERS[top] === undefined)).toEqual([]);
  });

  it('has imports flow one way through the layers, and report, cms and tui apart', () => {
    const against: string[] = [];
    for (const [file, targets] of GRAPH) {
      const from = topOf(file);
      for (const target of targets) {
        const to = topOf(target);
        if (to === from) continue;
        if (LAYERS[to]! > LAYERS[from]! || (LAYERS[to] === LAYERS[from] && LAYERS[from] !== 0)) against.push(`${file} → ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles(GRAPH)).toEqual([]);
  });

  it('finds a cycle and an import against the layers when there is one', () => {
    // The checks above, on a graph made to break both laws.
    const knotted = new Map([
      ['src/compile/a.ts', ['src/compile/b.ts']],
      ['src/compile/b.ts', ['src/engine/c.ts']],
      ['src/engine/c.ts', ['src/compile/a.ts']],
    ]);
    expect(cycles(knotted)).toEqual([['src/compile/a.ts', 'src/compile/b.ts', 'src/engine/c.ts']]);
    expect(LAYERS[topOf('src/engine/c.ts')]! > LAYERS[topOf('src/compile/b.ts')]!).toBe(true);
  });

  it('keeps at most 16 source files in any folder of src/', () => {
    const byFolder = new Map<string, number>();
    for (const file of FILES) byFolder.set(dirname(file), (byFolder.get(dirname(file)) ?? 0) + 1);
    expect([...byFolder].filter(([, count]) => count > 16)).toEqual([]);
  });
});
