import { posix } from 'node:path';
import { assemblePolicy } from './assemble.js';
import type { CompiledPolicy } from './compiled.js';
import { entriesOf, fileSystemReader, withoutBom } from './policy-files.js';


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
