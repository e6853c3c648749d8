import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/**
 * Calls `onChange` once a burst of changes to any of `files` has settled for
 * `debounceMs`. Folders are watched rather than files, since editors save by
 * writing a new file and renaming it over the old one, which ends a watch on
 * the file itself. Returns a function that stops watching.
 */
export function watchFiles(files: readonly string[], onChange: () => void, debounceMs = 150): () => void {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const path = resolve(file);
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
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
