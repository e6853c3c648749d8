import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { formatOfPath } from '../records/input-item.js';

/**
 * Calls `onChange` once a burst of changes to any of `files` has settled for
 * `debounceMs`. The folder of a file is watched rather than the file, since
 * editors save by writing a new file and renaming it over the old one, which
 * ends a watch on the file itself. A folder given as input is watched with
 * everything below it, for the record files readInputs takes from it (not
 * hidden ones, such as an editor's swap files). Returns a function that stops
 * watching.
 */
export function watchFiles(files: readonly string[], onChange: () => void, debounceMs = 150): () => void {
  const byFolder = new Map<string, Set<string>>();
  const trees: string[] = [];
  for (const file of files) {
    const path = resolve(file);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      trees.push(path);
      continue;
    }
    const names = byFolder.get(dirname(path)) ?? new Set<string>();
    names.add(basename(path));
    byFolder.set(dirname(path), names);
  }
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        // Some platforms do not name the file: any change in the folder may be ours.
        if (name === null || names.has(name.toString())) changed();
      });
      // A folder that goes away ends its watch; the list keeps what it last read.
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Cannot watch (no such folder, no inotify slots): the UI still works, without live updates.
    }
  }
  for (const tree of trees) {
    try {
      const watcher = watch(tree, { persistent: false, recursive: true }, (_event, name) => {
        // As readInputs walks a folder: no hidden entries, no node_modules, record extensions only.
        const parts = name === null ? [] : name.toString().split(/[\\/]/);
        if (name === null || (parts.every((part) => !part.startsWith('.') && part !== 'node_modules') && formatOfPath(parts.at(-1)!) !== undefined)) changed();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // As above: no live updates for this folder.
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
