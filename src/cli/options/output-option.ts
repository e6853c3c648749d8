import { statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../errors.js';
import { formatOfPath } from '../../records/input-item.js';
import type { Lang } from './lang-option.js';

const MESSAGES = {
  en: {
    isInput: (output: string) => `--output ${output} is one of the inputs: the report would overwrite it before it is read; write the report elsewhere`,
    inFolder: (output: string, folder: string) =>
      `--output ${output} is in the input folder ${folder} and named as a record file: it would be read as one while it is written; write the report elsewhere, or under another extension`,
  },
  fr: {
    isInput: (output: string) => `--output ${output} est l’une des entrées : le rapport l’écraserait avant qu’elle soit lue ; écrivez le rapport ailleurs`,
    inFolder: (output: string, folder: string) =>
      `--output ${output} est dans le dossier d’entrée ${folder} et nommé comme un fichier d’enregistrements : il serait lu comme tel pendant qu’il s’écrit ; écrivez le rapport ailleurs, ou sous une autre extension`,
  },
} as const;

/**
 * Refuses an `--output` that would destroy or feed the check before it
 * starts: the very file an input names (by any path: same device and inode),
 * or a record file (by its extension) inside a folder given as input, which
 * the walk would read while it is being written. A report beside its records
 * under another extension (`--output blackout.sarif` in `.`) is fine.
 */
export function checkOutputPath(output: string | undefined, inputs: readonly string[], cwd: string, lang: Lang): void {
  if (output === undefined) return;
  const say = MESSAGES[lang];
  const target = resolve(cwd, output);
  const existing = statOrUndefined(target);
  for (const input of inputs) {
    if (input === '-') continue;
    const path = resolve(cwd, input);
    const stats = statOrUndefined(path);
    if (stats === undefined) continue;
    if (existing !== undefined && stats.dev === existing.dev && stats.ino === existing.ino) throw new UsageError(say.isInput(output));
    const inside = relative(path, target);
    if (stats.isDirectory() && inside !== '' && inside.split(sep)[0] !== '..' && !isAbsolute(inside) && formatOfPath(target) !== undefined) throw new UsageError(say.inFolder(output, input));
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
