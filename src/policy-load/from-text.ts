import { assemblePolicy } from './assemble.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { withoutBom } from '../policy/file-text.js';
import { normalizePosix } from '../policy/posix-path.js';

// No file system here: blackout/core compiles policies with this in a browser.

/** Options of {@link loadPolicyFromText}. */
export interface TextPolicyOptions {
  /** The name errors give the text (default `<policy>`). */
  readonly name?: string;
  /** Other files by name, for the text's `extends` (names relative to `name`). */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Compiles a policy from YAML text, without touching the file system: a file
 * it extends must be among `files`, or it is a problem named at its
 * `extends` line. Throws a {@link PolicyError} listing every problem.
 *
 * @example
 * const policy = loadPolicyFromText(yamlText, { name: 'my-policy.yaml' });
 */
export function loadPolicyFromText(text: string, options: TextPolicyOptions = {}): CompiledPolicy {
  const name = options.name ?? '<policy>';
  const texts = new Map<string, string>([[normalizePosix(name), text]]);
  for (const [other, content] of Object.entries(options.files ?? {})) texts.set(normalizePosix(other), content);
  return assemblePolicy([name], {
    key: (file) => normalizePosix(file),
    read: (file) => {
      const content = texts.get(normalizePosix(file));
      if (content === undefined) {
        throw Object.assign(new Error('no such file among the texts given (no file is read from disk: pass its text in the `files` option)'), {
          fr: 'aucun fichier de ce nom parmi les textes donnés (aucun fichier n’est lu sur le disque : passez son texte dans l’option `files`)',
        });
      }
      return withoutBom(content);
    },
  });
}
