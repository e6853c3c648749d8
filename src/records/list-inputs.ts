import { statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from '../fs/promised.js';
import { join } from 'node:path';
import { extensionOf, formatOfPath, INPUT_EXTENSIONS, type InputFormat } from './input-item.js';
import { inputMessages, type InputLang } from './messages.js';

/** One input to read: a file with its format, standard input, a path that cannot be read, or a file a walk does not read. */
export type InputEntry =
  | { readonly kind: 'file'; readonly path: string; readonly format: InputFormat }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'error'; readonly path: string; readonly message: string }
  | { readonly kind: 'skipped'; readonly path: string; readonly message: string };

/** The extensions taken from folders, for messages. */
export const KNOWN_EXTENSIONS = Object.keys(INPUT_EXTENSIONS).join(' ');
/** The extensions whose front matter is read, for messages. */
const PAGE_EXTENSIONS = Object.keys(INPUT_EXTENSIONS)
  .filter((extension) => INPUT_EXTENSIONS[extension] === 'markdown' || INPUT_EXTENSIONS[extension] === 'html')
  .join(' ');
/** Pages site generators render that blackout does not read: Hugo's Org mode, AsciiDoc, reStructuredText, Pandoc; Jekyll's Textile. */
const GENERATOR_EXTENSIONS = new Set(['.org', '.adoc', '.asciidoc', '.ad', '.rst', '.pandoc', '.pdc', '.textile', '.mdown', '.mkd', '.mkdn', '.mdwn', '.mmark']);

/**
 * The files behind the paths given, in order: `-` is standard input, a folder
 * stands for its record files (by extension), walked in sorted order without
 * hidden entries or node_modules; every other file met in the walk is a
 * `skipped` entry saying it is not read. A path given by name with an unknown
 * extension, a missing path or a folder without record files is an error entry.
 */
export async function* listInputs(paths: readonly string[], lang: InputLang = 'en'): AsyncGenerator<InputEntry> {
  const m = inputMessages(lang);
  for (const path of paths) {
    if (path === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    let isFolder: boolean;
    try {
      // Synchronous: the first asynchronous call starts libuv's thread pool, which costs a one-file check more than the stat.
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      yield { kind: 'error', path, message: describeFsError(error, lang) };
      continue;
    }
    if (!isFolder) {
      const format = formatOfPath(path);
      yield format ? { kind: 'file', path, format } : { kind: 'error', path, message: m.unknownExtension(extensionOf(path), KNOWN_EXTENSIONS) };
      continue;
    }
    let found = 0;
    for await (const entry of walk(path, new Set(), lang)) {
      if (entry.kind === 'file') found++;
      yield entry;
    }
    if (found === 0) yield { kind: 'error', path, message: m.emptyFolder(KNOWN_EXTENSIONS) };
  }
}

/** Depth first, names in code-unit order, so every machine lists the same files in the same order. */
async function* walk(folder: string, seen: Set<string>, lang: InputLang): AsyncGenerator<InputEntry> {
  let names: string[];
  try {
    // A folder reached twice through symbolic links is walked once: no cycles.
    const real = await realpath(folder);
    if (seen.has(real)) return;
    seen.add(real);
    names = (await readdir(folder)).sort(compareCodeUnits);
  } catch (error) {
    yield { kind: 'error', path: folder, message: describeFsError(error, lang) };
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(folder, name);
    let stats: Stats;
    try {
      stats = await stat(path);
    } catch (error) {
      // A dangling link or a file removed meanwhile: say so rather than skip it quietly.
      yield formatOfPath(name) ? { kind: 'error', path, message: describeFsError(error, lang) } : { kind: 'skipped', path, message: notRead(name, lang) };
      continue;
    }
    if (stats.isDirectory()) yield* walk(path, seen, lang);
    else if (!stats.isFile()) {
      // A FIFO would block the whole check until someone writes to it, a device might never end.
      yield formatOfPath(name) ? { kind: 'error', path, message: inputMessages(lang).notRegularFile } : { kind: 'skipped', path, message: notRead(name, lang) };
    } else {
      const format = formatOfPath(name);
      yield format ? { kind: 'file', path, format } : { kind: 'skipped', path, message: notRead(name, lang) };
    }
  }
}

/** Why a file met in a walk is not read: a page a site generator renders in a language blackout does not read, or not a record at all. */
function notRead(name: string, lang: InputLang): string {
  const m = inputMessages(lang);
  const extension = extensionOf(name);
  return GENERATOR_EXTENSIONS.has(extension.toLowerCase()) ? m.skippedGeneratorKind(extension, PAGE_EXTENSIONS) : m.skippedOtherKind(extension, KNOWN_EXTENSIONS);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A file-system error in a few words. */
export function describeFsError(error: unknown, lang: InputLang): string {
  const m = inputMessages(lang);
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return m.noSuchFile;
  return m.unreadable(code === 'EACCES' ? m.permissionDenied : code === 'EISDIR' ? m.isAFolder : (message ?? String(error)));
}
