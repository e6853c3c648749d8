import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import type { Verdict, Violation } from '../engine/verdict.js';
import { BlackoutError } from '../errors.js';
import type { CompiledPolicy } from '../compile/compiled.js';

/**
 * A violation as logged: the contract's fields without the message texts,
 * which the policy (named by its sha256) writes again for any language.
 */
export type LoggedViolation = Pick<Violation, 'rule' | 'severity' | 'citation' | 'election' | 'regions' | 'window'>;

/** A verdict as logged. */
export type LoggedVerdict = Omit<Verdict, 'violations'> & { readonly violations: readonly LoggedViolation[] };

/** One line of the decision log: enough to prove later what the checker said, and when. */
export interface DecisionEntry {
  readonly decisionId: string;
  /** When the decision was made (UTC, milliseconds). */
  readonly time: string;
  /** `sha256:<hex>` of the record's `JSON.stringify` text (keys in the order given), or null if it has none. */
  readonly inputDigest: string | null;
  /** The policy that decided, or null when none was loaded (the verdict then fails closed). */
  readonly policy: { readonly id: string; readonly version: string; readonly sha256: string } | null;
  /** The `at` option of the check (UTC), or null when the record's own `publishedAt` was checked. */
  readonly checkedAt: string | null;
  readonly verdict: LoggedVerdict;
}

/** Builds the entry for one decision; `now` is epoch milliseconds (the caller's clock). */
export function decisionEntry(record: unknown, verdict: Verdict, policy: CompiledPolicy | undefined, options: { at?: number; now?: number } = {}): DecisionEntry {
  return {
    decisionId: randomUUID(),
    time: new Date(options.now ?? Date.now()).toISOString(),
    inputDigest: digestOf(record),
    policy: policy ? { id: policy.id, version: policy.version, sha256: policy.sha256 } : null,
    checkedAt: options.at === undefined ? null : new Date(options.at).toISOString(),
    verdict: { ...verdict, violations: verdict.violations.map(loggedViolation) },
  };
}

function loggedViolation({ rule, severity, citation, election, regions, window }: Violation): LoggedViolation {
  return { rule, severity, citation, election, regions, window };
}

/** sha256 of the record's JSON; null for a value JSON cannot write (a cycle, a BigInt, a hostile getter). */
export function digestOf(record: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(record);
  } catch {
    return null;
  }
  return text === undefined ? null : `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Options of {@link openDecisionLog}. */
export interface DecisionLogOptions {
  /**
   * `record()` flushes each line to the disk (fdatasync) before it returns, so
   * a decision survives a power cut, not only a crash of the process. Default true.
   */
  readonly fsync?: boolean;
  /** Told, in one line, when the log was found ending in a line cut short and repaired at open. */
  readonly onRepair?: (message: string) => void;
}

/** Whether the log can be written: `failing` from a write or flush that failed until one succeeds again. */
export interface DecisionLogState {
  readonly status: 'ok' | 'failing';
  /** Why it is failing (the error of the last write or flush), or null. */
  readonly reason: string | null;
  /** Since when (UTC), or null. */
  readonly since: string | null;
  /** The repair made at open, if the log ended in a line cut short: what was done, in one line. */
  readonly repaired: string | null;
}

/**
 * An append-only file of decisions, one JSON line each. Every line is written
 * with one `write` to a file opened for appending, before the caller answers:
 * once a CMS has its verdict, the decision is in the operating system's hands
 * and survives a crash of this process. A write that fails (a full disk, an
 * I/O error) is taken back whole, so the log only ever holds whole lines;
 * one process writes a log at a time.
 */
export interface DecisionLog {
  readonly file: string;
  /** Whether the log can be written, and what was repaired at open (optional for logs made elsewhere). */
  readonly state?: DecisionLogState;
  /** Logs one decision and returns its entry; throws a BlackoutError when the file cannot be written. */
  record(record: unknown, verdict: Verdict, policy: CompiledPolicy | undefined, options?: { at?: number }): DecisionEntry;
  /** Writes entries without waiting for the disk (the service calls {@link DecisionLog.sync} once for many); all or none of them. */
  append(entries: readonly DecisionEntry[]): void;
  /** Flushes what was written to the disk; concurrent calls share one fdatasync (group commit). */
  sync(): Promise<void>;
  /**
   * While the log is failing, tries the disk again (at most once a second):
   * writes as many bytes as the write that failed, and takes them back. The
   * state is `ok` again if that worked. Returns the state.
   */
  probe?(): DecisionLogState;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** How long a failing log waits between two probes. */
const PROBE_INTERVAL_MS = 1000;
/** A probe writes at most this much. */
const MAX_PROBE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Opens (or creates) a decision log for appending. A log that ends in a line
 * cut short (a write interrupted by a full disk, a crash or a power cut) is
 * repaired first: the fragment is moved to `FILE.torn-<time>` and the log
 * truncated to its last whole line, so the next decision starts a line of its
 * own; `onRepair` and `state.repaired` say so.
 *
 * @example
 * const log = openDecisionLog('/var/log/blackout/decisions.jsonl', { onRepair: (message) => logger.warn(message) });
 * assertPublishable(checker, record, { decisionLog: log });
 */
export function openDecisionLog(file: string, options: DecisionLogOptions = {}): Required<DecisionLog> {
  const fsyncEach = options.fsync ?? true;
  let fd: number;
  let regular: boolean;
  let repaired: string | null = null;
  let readable = true;
  let appendOnly = false;
  try {
    try {
      fd = openSync(file, 'a+', 0o640);
    } catch (error) {
      // A log this process may append to but not read (mode 0200): it cannot be checked for a torn end.
      if ((error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
      fd = openSync(file, 'a', 0o640);
      readable = false;
    }
  } catch (error) {
    throw new BlackoutError(`cannot open the decision log ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // A log that is not a regular file (a pipe to a collector) cannot be read back nor truncated.
    regular = fstatSync(fd).isFile();
    appendOnly = regular && !truncatable(fd);
    if (regular && readable) repaired = repairTornTail(fd, file);
    else if (regular && fstatSync(fd).size > 0) repaired = `the decision log ${file} cannot be read by this process, so whether it ends in a line cut short was not checked`;
  } catch (error) {
    closeSync(fd);
    throw new BlackoutError(`cannot open the decision log ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (repaired !== null) options.onRepair?.(repaired);
  let closed = false;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let failure: { reason: string; since: string; bytes: number; probedAt: number } | undefined;
  /** Where the log ended before a write whose rollback failed: cut back there before anything else is written. */
  let tornAt: number | undefined;

  const failed = (error: Error, bytes: number): void => {
    failure = { reason: error.message, since: failure?.since ?? new Date().toISOString(), bytes: Math.max(bytes, failure?.bytes ?? 0), probedAt: Date.now() };
  };

  /** Writes all of `bytes` at the end, or none of them: a failed write is cut back to where the log ended. */
  const writeWhole = (bytes: Buffer): void => {
    if (tornAt !== undefined) {
      cutBack(tornAt);
      tornAt = undefined;
    }
    const before = regular ? fstatSync(fd).size : 0;
    let written = 0;
    try {
      // A file write is rarely short, but a short one must not cut a line in two.
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      if (regular && written > 0) {
        try {
          cutBack(before);
        } catch {
          tornAt = before;
        }
      }
      throw error;
    }
  };

  /**
   * Takes back what was written past `size`; where the file cannot be
   * truncated (an append-only file, chattr +a), ends the fragment with a
   * newline instead, so that it stays a line of its own and the next one is whole.
   */
  const cutBack = (size: number): void => {
    try {
      ftruncateSync(fd, size);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
      if (fstatSync(fd).size > size) writeSync(fd, '\n');
    }
  };

  const write = (text: string): void => {
    if (closed) throw new BlackoutError(`the decision log ${file} is closed`);
    const bytes = Buffer.from(text, 'utf8');
    try {
      writeWhole(bytes);
    } catch (error) {
      const wrapped = new BlackoutError(`cannot write the decision log ${file}: ${(error as Error).message}`, { cause: error });
      failed(wrapped, bytes.length);
      throw wrapped;
    }
    failure = undefined;
  };

  const flushFailed = (error: Error): BlackoutError => {
    const wrapped = new BlackoutError(`cannot flush the decision log ${file}: ${error.message}`, { cause: error });
    failed(wrapped, 0);
    return wrapped;
  };

  const flush = (): Promise<void> => {
    const started = new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(flushFailed(error)) : resolve())));
    running = started.finally(() => {
      if (running === tracked) running = undefined;
    });
    const tracked = running;
    return tracked;
  };

  const state = (): DecisionLogState => ({
    status: failure ? 'failing' : 'ok',
    reason: failure?.reason ?? null,
    since: failure?.since ?? null,
    repaired,
  });

  return {
    file,
    get state() {
      return state();
    },
    record(record, verdict, policy, recordOptions = {}) {
      const entry = decisionEntry(record, verdict, policy, recordOptions);
      write(`${JSON.stringify(entry)}\n`);
      if (fsyncEach) {
        try {
          fdatasyncSync(fd);
        } catch (error) {
          throw flushFailed(error as Error);
        }
      }
      return entry;
    },
    append(entries) {
      if (entries.length === 0) return;
      let text = '';
      for (const entry of entries) text += `${JSON.stringify(entry)}\n`;
      write(text);
    },
    sync() {
      if (closed) return Promise.reject(new BlackoutError(`the decision log ${file} is closed`));
      // A flush already running may have started before the caller's write: wait for the next one.
      if (!running) return flush();
      queued ??= running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return flush();
        });
      return queued;
    },
    probe() {
      const failing = failure;
      if (!failing || closed || Date.now() - failing.probedAt < PROBE_INTERVAL_MS) return state();
      failing.probedAt = Date.now();
      const probeBytes = Buffer.alloc(Math.min(Math.max(failing.bytes, 1), MAX_PROBE_BYTES), 0x20);
      try {
        if (appendOnly) {
          // What is written to an append-only log stays: a file beside it tells whether the disk has room.
          const beside = `${file}.probe-${process.pid}`;
          try {
            writeFileSync(beside, probeBytes, { flag: 'w', mode: 0o600 });
          } finally {
            rmSync(beside, { force: true });
          }
        } else if (regular) {
          // Spaces without a newline: should the process die before they are taken back, the next open sets them aside.
          const before = tornAt ?? fstatSync(fd).size;
          writeWhole(probeBytes);
          ftruncateSync(fd, before);
        }
        fdatasyncSync(fd);
        failure = undefined;
      } catch (error) {
        failing.reason = `cannot write the decision log ${file}: ${(error as Error).message}`;
      }
      return state();
    },
    async close() {
      if (closed) return;
      await queued?.catch(() => undefined);
      await running?.catch(() => undefined);
      closed = true;
      try {
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Whether the file can be truncated: an append-only file (chattr +a, audit logs) cannot, not even to its own size. */
function truncatable(fd: number): boolean {
  try {
    ftruncateSync(fd, fstatSync(fd).size);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cuts a log that ends in a line cut short back to its last whole line,
 * keeping the fragment in a file beside it. Returns what was done, in one
 * line, or null when the log ended with a newline.
 */
function repairTornTail(fd: number, file: string): string | null {
  const size = fstatSync(fd).size;
  if (size === 0) return null;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === NEWLINE) return null;
  const start = lastLineStart(fd, size);
  const fragment = Buffer.alloc(size - start);
  for (let read = 0; read < fragment.length; ) read += readSync(fd, fragment, read, fragment.length - read, start + read);
  const aside = `${file}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    writeFileSync(aside, fragment, { flag: 'wx', mode: 0o640 });
  } catch (error) {
    // Nowhere to keep it: the fragment stays, as a line of its own, and the next decision starts a new one.
    writeSync(fd, '\n');
    return `the decision log ${file} ended in a line cut short (${fragment.length} bytes at byte ${start}), which could not be set aside (${(error as Error).message}): it was ended with a newline and stays in the log as a line that is not JSON`;
  }
  const found = `the decision log ${file} ended in a line cut short (${fragment.length} bytes at byte ${start}, from a write interrupted by a full disk, an I/O error or a crash)`;
  try {
    ftruncateSync(fd, start);
  } catch (error) {
    // An append-only file (chattr +a): the fragment stays, as a line of its own.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    writeSync(fd, '\n');
    return `${found}: copied to ${aside}; the log cannot be truncated (append-only), so the fragment was ended with a newline and stays in it as a line that is not JSON`;
  }
  return `${found}: moved to ${aside}, the log cut back to its last whole line`;
}

/** Where the last line of a file that does not end with a newline starts: after its last newline, or 0. */
function lastLineStart(fd: number, size: number): number {
  const chunk = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    for (let read = 0; read < length; ) read += readSync(fd, chunk, read, length - read, start + read);
    const newline = chunk.subarray(0, length).lastIndexOf(NEWLINE);
    if (newline >= 0) return start + newline + 1;
    end = start;
  }
  return 0;
}
