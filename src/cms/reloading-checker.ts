import { watch, statSync, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createChecker, type Checker, type CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import { isPolicyError } from '../errors.js';
import type { CompiledPolicy } from '../policy/compiled.js';
import { loadPolicySync } from '../policy/load.js';
import { unavailableVerdict, type VerdictSource } from './verdict-source.js';

/** Options of {@link createReloadingChecker}. */
export interface ReloadingCheckerOptions {
  /** Watch the policy files and reload when they change (default true). */
  readonly watch?: boolean;
  /** Quiet time after the last change before reloading, so an editor's save is read once (default 100 ms). */
  readonly debounceMs?: number;
  /** Called after a reload that produced a different policy. */
  readonly onReload?: (policy: CompiledPolicy) => void;
  /** Called when a load fails; the last good policy, if any, stays in use. */
  readonly onError?: (error: Error) => void;
}

/** Where the checker stands: the policy in use and the last failure, if any. */
export interface ReloadState {
  readonly policy: CompiledPolicy | undefined;
  /** When the policy in use was loaded (UTC), or null. */
  readonly loadedAt: string | null;
  /** The last load that failed, cleared by the next success. */
  readonly lastError: { readonly message: string; readonly at: string } | null;
}

/**
 * A checker for long-running CMS processes: it reloads its policy when the
 * files change, keeps the last good policy when a reload fails, and fails
 * closed when no policy ever loaded (every verdict `blocked`, with the reason
 * as an error on the field `policy`).
 */
export interface ReloadingChecker extends VerdictSource {
  readonly state: ReloadState;
  check(record: unknown, options?: CheckOptions): Verdict;
  checkAll(records: Iterable<unknown>, options?: CheckOptions): Verdict[];
  /** Loads the policy now; returns false (and keeps the last good one) on failure. */
  reload(): boolean;
  /** Stops watching. */
  close(): void;
}

/**
 * Loads a policy file or folder and keeps it current. Never throws on a bad
 * policy: the failure is in `state.lastError` and given to `onError`.
 *
 * @example
 * const checker = createReloadingChecker('policies/fr', { onError: (e) => logger.error(e.message) });
 * assertPublishable(checker, record); // blocked with a reason if the policy never loaded
 */
export function createReloadingChecker(path: string, options: ReloadingCheckerOptions = {}): ReloadingChecker {
  const debounceMs = options.debounceMs ?? 100;
  let current: Checker | undefined;
  let loadedAt: string | null = null;
  let lastError: ReloadState['lastError'] = null;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const fail = (error: Error): void => {
    lastError = { message: describeLoadError(error), at: new Date().toISOString() };
    options.onError?.(error);
  };

  const reload = (): boolean => {
    let policy: CompiledPolicy;
    try {
      policy = loadPolicySync(path);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
      if (!closed && options.watch !== false) rewatch();
      return false;
    }
    const changed = current?.policy.sha256 !== policy.sha256;
    if (changed) current = createChecker(policy);
    loadedAt = new Date().toISOString();
    lastError = null;
    if (!closed && options.watch !== false) rewatch();
    if (changed) options.onReload?.(policy);
    return true;
  };

  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
    timer.unref();
  };

  /**
   * Folders are watched, not files: editors save by writing a new file and
   * renaming it over the old one, which a watch on the old file misses.
   */
  const rewatch = (): void => {
    const wanted = new Set(foldersToWatch(path, current?.policy.files ?? []));
    for (const [folder, watcher] of watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of wanted) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name === null || /\.ya?ml$/i.test(name.toString())) schedule();
        });
        watcher.on('error', (error) => {
          watcher.close();
          watchers.delete(folder);
          fail(error);
        });
        watchers.set(folder, watcher);
      } catch {
        // The folder does not exist (yet): the next successful reload() watches again.
      }
    }
  };

  reload();

  return {
    get policy() {
      return current?.policy;
    },
    get state() {
      return { policy: current?.policy, loadedAt, lastError };
    },
    check(record, checkOptions) {
      return current ? current.check(record, checkOptions) : unavailableVerdict(record, lastError?.message ?? 'not loaded');
    },
    checkAll(records, checkOptions) {
      if (current) return current.checkAll(records, checkOptions);
      const reason = lastError?.message ?? 'not loaded';
      return [...records].map((record) => unavailableVerdict(record, reason));
    },
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** The folders holding the policy files, and the policy folder itself (a new file there counts). */
function foldersToWatch(path: string, files: readonly string[]): string[] {
  const folders = new Set<string>();
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    // Missing: watch where it would appear.
  }
  folders.add(isFolder ? resolve(path) : dirname(resolve(path)));
  for (const file of files) folders.add(dirname(resolve(file)));
  return [...folders];
}

/** One line: a policy's first problem and how many more. */
function describeLoadError(error: Error): string {
  if (!isPolicyError(error)) return error.message;
  const [first] = error.message.split('\n').slice(1);
  const more = error.issues.length - 1;
  return `${first ?? error.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}
