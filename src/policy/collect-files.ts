import { posix } from 'node:path';
import type { PolicyIssue } from '../errors.js';
import type { PolicyDocument } from './document.generated.js';
import { fileIssue, issueAtPath, parseSourceFile, type SourceFile } from './source-file.js';
import { validateDocument } from './validate.js';

/** How many files one policy may span through `extends`: a cap against cycles and fan-out. */
const MAX_POLICY_FILES = 200;

/** A policy file, parsed and checked against the schema. */
export interface PolicyFile {
  readonly source: SourceFile;
  readonly document: PolicyDocument;
}

/** Where policy text comes from: the file system, or a map of in-memory texts. */
export interface PolicyReader {
  /** A stable key for a name (an absolute path), so a file reached twice is read once. */
  key(name: string): string;
  read(name: string): string;
}

/**
 * Reads the entry files and everything they extend, parents before children,
 * each file once. Returns the files in merge order and every problem met.
 */
export function collectPolicyFiles(entries: readonly string[], reader: PolicyReader): { files: PolicyFile[]; issues: PolicyIssue[] } {
  const files: PolicyFile[] = [];
  const issues: PolicyIssue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (name: string, from?: { source: SourceFile; index: number | undefined }): void => {
    const key = reader.key(name);
    const seen = state.get(key);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      if (from) issues.push(issueAtPath(from.source, extendsPath(from.index), 'semantic', `'${name}' extends itself through a cycle`));
      return;
    }
    if (state.size >= MAX_POLICY_FILES) {
      issues.push(fileIssue(name, 'limit', `a policy may span at most ${MAX_POLICY_FILES} files`));
      return;
    }
    state.set(key, 'visiting');
    let text: string;
    try {
      text = reader.read(name);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      if (from) issues.push(issueAtPath(from.source, extendsPath(from.index), 'io', `cannot read '${name}': ${reason}`));
      else issues.push(fileIssue(name, 'io', `cannot read policy: ${reason}`));
      state.set(key, 'done');
      return;
    }
    const parsed = parseSourceFile(name, text);
    issues.push(...parsed.issues);
    if (parsed.issues.length === 0) {
      const { document, issues: schemaIssues } = validateDocument(parsed.file);
      issues.push(...schemaIssues);
      if (document) {
        const parents = document.extends === undefined ? [] : typeof document.extends === 'string' ? [document.extends] : document.extends;
        parents.forEach((parent, index) =>
          visit(posix.join(posix.dirname(name.replaceAll('\\', '/')), parent), {
            source: parsed.file,
            index: typeof document.extends === 'string' ? undefined : index,
          }),
        );
        files.push({ source: parsed.file, document });
      }
    }
    state.set(key, 'done');
  };

  for (const entry of entries) visit(entry);
  return { files, issues };
}

function extendsPath(index: number | undefined): (string | number)[] {
  return index === undefined ? ['extends'] : ['extends', index];
}
