import { watch, statSync, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createChecker, type Checker, type CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import { BlackoutError, formatIssue, isPolicyError } from '../errors.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { loadPolicyRecorded, loadPolicySync, type RecordedLoad } from '../policy-load/load.js';
import { unavailableVerdict, type VerdictSource } from './verdict-source.js';

/** Options of {@link createReloadingChecker}. */
export interface ReloadingCheckerOptions {
  /** Watch the policy files and reload when they change (default true). */
  readonly watch?: boolean;
  /** Quiet time after the last change before reloading, so an editor's save is read once (default 100 ms). */
  readonly debounceMs?: number;
  /**
   * Time the files must then keep the same bytes before a changed policy is
   * used (default 1,000 ms): they are read when the change is loaded and again
   * this long after, so a file caught half-written by a writer that pauses is
   * not used (a bad policy is reported only once it is settled too).
   */
  readonly settleMs?: number;
  /**
   * Time the files must keep the same bytes before a change that removes
   * rules or elections is used (default 10,000 ms): a file cut short at a rule
   * boundary still validates, and would let through what the missing rules
   * block. Until then the last policy stays in use and the change is
   * reported (state.lastError, onError).
   */
  readonly confirmDropMs?: number;
  /** Called after a reload that produced a different policy. */
  readonly onReload?: (policy: CompiledPolicy) => void;
  /** Called when a load fails, or a change that drops rules or elections is held back; the last good policy, if any, stays in use. */
  readonly onError?: (error: Error) => void;
}

/** Where the checker stands: the policy in use and the last failure, if any. */
export interface ReloadState {
  readonly policy: CompiledPolicy | undefined;
  /** When the policy in use was loaded (UTC), or null. */
  readonly loadedAt: string | null;
  /** The last load that failed (or the change held back), cleared by the next success; `fr`: the message in French, for a policy's problems. */
  readonly lastError: { readonly message: string; readonly fr?: string; readonly at: string } | null;
  /** A change seen and not in use yet: the files are settling, or a change that drops rules or elections waits to be confirmed. */
  readonly pending: { readonly message: string; readonly since: string } | null;
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
  /**
   * Loads the policy now, as it is, without waiting for the files to settle
   * (the caller knows they are complete); returns false (and keeps the last
   * good one) on failure.
   */
  reload(): boolean;
  /** Stops watching. */
  close(): void;
}

/** A change loaded and waiting: its files are read again before it is used. */
interface Pending {
  readonly load: RecordedLoad;
  /** When its files were read (epoch ms); every read since found the same bytes. */
  readonly since: number;
  /** The change was reported as held back (onError is told once). */
  reported: boolean;
}

/**
 * Loads a policy file or folder and keeps it current. Never throws on a bad
 * policy: the failure is in `state.lastError` and given to `onError`.
 *
 * Files are best replaced whole, by writing a new file beside the old one
 * and renaming it over it; a file written in place is used only once it has
 * kept the same bytes for `settleMs` (`confirmDropMs` when the change removes
 * rules or elections).
 *
 * @example
 * const checker = createReloadingChecker('policies/fr', { onError: (e) => logger.error(e.message) });
 * assertPublishable(checker, record); // blocked with a reason if the policy never loaded
 */
export function createReloadingChecker(path: string, options: ReloadingCheckerOptions = {}): ReloadingChecker {
  const debounceMs = options.debounceMs ?? 100;
  const settleMs = options.settleMs ?? 1000;
  const confirmDropMs = options.confirmDropMs ?? 10_000;
  let current: Checker | undefined;
  let loadedAt: string | null = null;
  let lastError: ReloadState['lastError'] = null;
  let pending: Pending | undefined;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const watching = options.watch !== false;

  const fail = (error: Error): void => {
    lastError = { ...describeLoadError(error), at: new Date().toISOString() };
    options.onError?.(error);
  };

  const use = (policy: CompiledPolicy): void => {
    const changed = current?.policy.sha256 !== policy.sha256;
    if (changed) current = createChecker(policy);
    loadedAt = new Date().toISOString();
    lastError = null;
    pending = undefined;
    if (!closed && watching) rewatch();
    if (changed) options.onReload?.(policy);
  };

  const reload = (): boolean => {
    clearTimeout(timer);
    pending = undefined;
    let policy: CompiledPolicy;
    try {
      policy = loadPolicySync(path);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
      if (!closed && watching) rewatch();
      return false;
    }
    use(policy);
    return true;
  };

  const later = (ms: number, run: () => void): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  /** After a change: load it, and read its files again once they had time to settle. */
  const attempt = (): void => {
    if (closed) return;
    const load = loadPolicyRecorded(path);
    if (load.policy && load.policy.sha256 === current?.policy.sha256) {
      // The same policy (a file touched, or put back): nothing to wait for.
      use(load.policy);
      return;
    }
    pending = { load, since: Date.now(), reported: false };
    later(settleMs, confirm);
  };

  /** The change's files read again: still the same, it is used (or its failure reported); changed, it is loaded again. */
  const confirm = (): void => {
    const waiting = pending;
    if (closed || !waiting) return;
    if (!waiting.load.unchanged()) {
      attempt();
      return;
    }
    const { policy, error } = waiting.load;
    if (!policy) {
      pending = undefined;
      fail(error ?? new Error('the policy could not be loaded'));
      if (watching) rewatch();
      return;
    }
    const dropped = current ? droppedIds(current.policy, policy) : '';
    const waited = Date.now() - waiting.since;
    if (dropped !== '' && waited < confirmDropMs) {
      if (!waiting.reported) {
        waiting.reported = true;
        fail(new BlackoutError(heldBackMessage(dropped, confirmDropMs)));
      }
      later(Math.min(settleMs, confirmDropMs - waited), confirm);
      return;
    }
    use(policy);
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
          if (name === null || /\.ya?ml$/i.test(name.toString())) later(debounceMs, attempt);
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
      const waiting = pending;
      return {
        policy: current?.policy,
        loadedAt,
        lastError,
        pending: waiting ? { message: pendingMessage(waiting, current?.policy, confirmDropMs), since: new Date(waiting.since).toISOString() } : null,
      };
    },
    check(record, checkOptions) {
      return current ? current.check(record, checkOptions) : unavailableVerdict(record, lastError ?? NOT_LOADED, checkOptions?.lang);
    },
    checkAll(records, checkOptions) {
      if (current) return current.checkAll(records, checkOptions);
      const reason = lastError ?? NOT_LOADED;
      return [...records].map((record) => unavailableVerdict(record, reason, checkOptions?.lang));
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

const NOT_LOADED = { message: 'not loaded', fr: 'non chargée' };

/** The rules and elections of `before` that `after` no longer has, in words ('' when none). */
function droppedIds(before: CompiledPolicy, after: CompiledPolicy): string {
  const gone = (was: readonly { id: string }[], now: readonly { id: string }[]) => {
    const kept = new Set(now.map((item) => item.id));
    return was.filter((item) => !kept.has(item.id)).map((item) => item.id);
  };
  const rules = gone(before.rules, after.rules);
  const elections = gone(before.elections, after.elections);
  const list = (kind: string, ids: string[]) =>
    ids.length === 0 ? [] : [`${ids.length} ${kind}${ids.length === 1 ? '' : 's'} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`];
  return [...list('rule', rules), ...list('election', elections)].join(' and ');
}

function heldBackMessage(dropped: string, confirmDropMs: number): string {
  return `a change to the policy drops ${dropped}; the last policy stays in use until the files keep the same bytes for ${confirmDropMs / 1000} s (a file written in place may be half-written: replace policy files by renaming a complete file over them)`;
}

function pendingMessage(waiting: Pending, policy: CompiledPolicy | undefined, confirmDropMs: number): string {
  const dropped = waiting.load.policy && policy ? droppedIds(policy, waiting.load.policy) : '';
  return dropped === '' ? 'a change to the policy files is settling before it is used' : heldBackMessage(dropped, confirmDropMs);
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

/** One line: a policy's first problem and how many more, in English and in French. */
function describeLoadError(error: Error): { message: string; fr?: string } {
  const [first] = isPolicyError(error) ? error.issues : [];
  if (!isPolicyError(error) || first === undefined) return { message: error.message };
  const more = error.issues.length - 1;
  const s = more === 1 ? '' : 's';
  return {
    message: `${formatIssue(first)}${more > 0 ? ` (and ${more} more problem${s})` : ''}`,
    fr: `${formatIssue(first, 'fr')}${more > 0 ? ` (et ${more} autre${s} problème${s})` : ''}`,
  };
}
