import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { posix } from 'node:path';
import { PolicyError } from '../errors.js';
import { assemblePolicy } from './assemble.js';
import { TOO_LARGE } from './collect-files.js';
import type { CompiledPolicy } from './compiled.js';
import { fileIssue, MAX_POLICY_BYTES, POLICY_FILE_NAME, tooLargeMessage } from './source-file.js';


/** Policy text is read as UTF-8, without the byte-order mark some editors add. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const fileSystemReader = {
  key: (name: string) => resolve(name),
  read: (name: string) => {
    // Refuse before reading: a huge file must not be loaded into memory to be rejected.
    const { size } = statSync(name);
    if (size > MAX_POLICY_BYTES) {
      throw Object.assign(new Error(tooLargeMessage(size)), { code: TOO_LARGE });
    }
    return withoutBom(readFileSync(name, 'utf8'));
  },
};

/** The policy files a path names: the file itself, or a folder's YAML files in name order. */
function entriesOf(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message;
    throw new PolicyError([fileIssue(path, 'io', `cannot read policy: ${reason}`)]);
  }
  if (!isFolder) return [path];
  const names = readdirSync(path).filter((name) => POLICY_FILE_NAME.test(name)).sort();
  if (names.length === 0) throw new PolicyError([fileIssue(path, 'io', 'the folder holds no .yaml policy file')]);
  return names.map((name) => join(path, name));
}

/**
 * Loads a policy from a YAML file or a folder of them, following `extends`,
 * and compiles it for checking. Rejects with a {@link PolicyError} that lists
 * every problem with file, line and column.
 *
 * @example
 * const policy = await loadPolicy('policies/fr');
 * const checker = createChecker(policy);
 */
export async function loadPolicy(path: string): Promise<CompiledPolicy> {
  return loadPolicySync(path);
}

/** {@link loadPolicy}, synchronously: for start-up code that cannot await. */
export function loadPolicySync(path: string): CompiledPolicy {
  return assemblePolicy(entriesOf(path), fileSystemReader);
}

/** Options of {@link loadPolicyFromText}. */
export interface TextPolicyOptions {
  /** The name errors give the text (default `<policy>`). */
  readonly name?: string;
  /** Other files by name, for the text's `extends` (names relative to `name`). */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Compiles a policy from YAML text, without touching the file system.
 * Throws a {@link PolicyError} listing every problem.
 *
 * @example
 * const policy = loadPolicyFromText(yamlText, { name: 'my-policy.yaml' });
 */
export function loadPolicyFromText(text: string, options: TextPolicyOptions = {}): CompiledPolicy {
  const name = options.name ?? '<policy>';
  const texts = new Map<string, string>([[posix.normalize(name), text]]);
  for (const [other, content] of Object.entries(options.files ?? {})) texts.set(posix.normalize(other), content);
  return assemblePolicy([name], {
    key: (file) => posix.normalize(file),
    read: (file) => {
      const content = texts.get(posix.normalize(file));
      if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return withoutBom(content);
    },
  });
}
