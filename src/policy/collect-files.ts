import type { PolicyIssue } from '../errors.js';
import type { PolicyDocument } from './document.generated.js';
import { fileIssue, issueAtPath, parseSourceFile, POLICY_FILE_NAME, type SourceFile } from './source-file.js';
import { validateDocument } from './validate.js';
import { dirnamePosix, joinPosix } from './posix-path.js';
import { cannotReadPolicy, guillemets, NO_SUCH_FILE, readFailure, type IssueText } from './issue-text.js';

/** The error code a reader gives a file it refuses for its size. */
import { TOO_LARGE } from './file-text.js';

export { TOO_LARGE };

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
  /** Throws an error with fs's `code`, or with its words in French as `fr`, when the text cannot be had. */
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
  let overLimit = false;
  const at = (from: { source: SourceFile; index: number | undefined } | undefined, name: string, code: PolicyIssue['code'], message: IssueText) =>
    issues.push(from ? issueAtPath(from.source, extendsPath(from.index), code, message) : fileIssue(name, code, message));

  const visit = (name: string, from?: { source: SourceFile; index: number | undefined }): void => {
    const key = reader.key(name);
    const seen = state.get(key);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      at(from, name, 'semantic', { en: `'${name}' extends itself through a cycle`, fr: `${guillemets(name)} s’étend lui-même par un cycle d’extends` });
      return;
    }
    if (state.size >= MAX_POLICY_FILES) {
      if (!overLimit) at(from, name, 'limit', { en: `a policy may span at most ${MAX_POLICY_FILES} files`, fr: `une politique s’étend sur ${MAX_POLICY_FILES} fichiers au plus` });
      overLimit = true;
      return;
    }
    state.set(key, 'visiting');
    let text: string;
    try {
      text = reader.read(name);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      const reason = readFailure(error, NO_SUCH_FILE);
      at(from, name, code === TOO_LARGE ? 'limit' : 'io', from ? { en: `cannot read '${name}': ${reason.en}`, fr: `impossible de lire ${guillemets(name)} : ${reason.fr}` } : cannotReadPolicy(reason));
      state.set(key, 'done');
      return;
    }
    const parsed = parseSourceFile(name, text);
    issues.push(...parsed.issues);
    if (parsed.issues.length === 0) {
      const { document, issues: schemaIssues } = validateDocument(parsed.file);
      issues.push(...schemaIssues);
      // Parents are read even when this file has problems, so one run reports them all.
      for (const { parent, index } of parentsOf(parsed.file.data)) {
        visit(joinPosix(dirnamePosix(name.replaceAll('\\', '/')), parent), { source: parsed.file, index });
      }
      if (document) files.push({ source: parsed.file, document });
    }
    state.set(key, 'done');
  };

  for (const entry of entries) visit(entry);
  return { files, issues };
}

/**
 * The files a parsed document extends, read leniently (the schema reports a
 * malformed `extends`), with their index in a list (undefined for a single name).
 */
function parentsOf(data: unknown): { parent: string; index: number | undefined }[] {
  const declared = data !== null && typeof data === 'object' ? (data as { extends?: unknown }).extends : undefined;
  const list: unknown[] = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : [];
  return list.flatMap((parent, index) =>
    typeof parent === 'string' && POLICY_FILE_NAME.test(parent) ? [{ parent, index: typeof declared === 'string' ? undefined : index }] : [],
  );
}

function extendsPath(index: number | undefined): (string | number)[] {
  return index === undefined ? ['extends'] : ['extends', index];
}
