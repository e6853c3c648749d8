import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PolicyError } from '../errors.js';
import { FILE_TOO_LARGE, readRegularFileSync, type FileError } from '../fs/regular-file.js';
import { fileIssue, MAX_POLICY_BYTES, POLICY_FILE_NAME, TOO_LARGE, tooLargeMessage, withoutBom } from './file-text.js';
import { cannotReadPolicy, readFailure } from './issue-text.js';

export { fileIssue, MAX_POLICY_BYTES, POLICY_FILE_NAME, TOO_LARGE, tooLargeMessage, withoutBom } from './file-text.js';

// What reading policy files needs without parsing them: the compiled-policy
// cache checks files with it before anything heavier is loaded.

// The code of file-text.ts (which reads no file) and the file system's are one code.
FILE_TOO_LARGE satisfies typeof TOO_LARGE;

/**
 * A policy file's bytes: a regular file of at most {@link MAX_POLICY_BYTES},
 * refused before it is read when larger (a huge file must not be loaded into
 * memory to be rejected) or when not a regular file (a FIFO would block, a
 * link to /dev/zero would read without end).
 */
export function readPolicyBytes(name: string): Buffer {
  try {
    return readRegularFileSync(name, { maxBytes: MAX_POLICY_BYTES });
  } catch (error) {
    const { code, size } = error as FileError;
    if (code === TOO_LARGE && size !== undefined) {
      const { en, fr } = tooLargeMessage(size);
      throw Object.assign(new Error(en), { code: TOO_LARGE, fr });
    }
    throw error;
  }
}

/** Reads policy files from disk. */
export const fileSystemReader = {
  key: (name: string) => resolve(name),
  read: (name: string) => withoutBom(readPolicyBytes(name).toString('utf8')),
};

/** The policy files a path names: the file itself, or a folder's YAML files in name order. */
export function entriesOf(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new PolicyError([fileIssue(path, 'io', cannotReadPolicy(readFailure(error, { en: 'no such file or folder', fr: 'fichier ou dossier introuvable' })))]);
  }
  if (!isFolder) return [path];
  const names = readdirSync(path).filter((name) => POLICY_FILE_NAME.test(name)).sort();
  if (names.length === 0) throw new PolicyError([fileIssue(path, 'io', { en: 'the folder holds no .yaml policy file', fr: 'le dossier ne contient aucun fichier de politique .yaml' })]);
  return names.map((name) => join(path, name));
}
