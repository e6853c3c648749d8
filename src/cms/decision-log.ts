import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fdatasync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import type { Verdict, Violation } from '../engine/verdict.js';
import { BlackoutError } from '../errors.js';
import type { CompiledPolicy } from '../policy/compiled.js';

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
}

/**
 * An append-only file of decisions, one JSON line each. Every line is written
 * with one `write` to a file opened for appending, before the caller answers:
 * once a CMS has its verdict, the decision is in the operating system's hands
 * and survives a crash of this process.
 */
export interface DecisionLog {
  readonly file: string;
  /** Logs one decision and returns its entry; throws a BlackoutError when the file cannot be written. */
  record(record: unknown, verdict: Verdict, policy: CompiledPolicy | undefined, options?: { at?: number }): DecisionEntry;
  /** Writes entries without waiting for the disk (the service calls {@link DecisionLog.sync} once for many). */
  append(entries: readonly DecisionEntry[]): void;
  /** Flushes what was written to the disk; concurrent calls share one fdatasync (group commit). */
  sync(): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens (or creates) a decision log for appending.
 *
 * @example
 * const log = openDecisionLog('/var/log/blackout/decisions.jsonl');
 * assertPublishable(checker, record, { decisionLog: log });
 */
export function openDecisionLog(file: string, options: DecisionLogOptions = {}): DecisionLog {
  const fsyncEach = options.fsync ?? true;
  let fd: number;
  try {
    fd = openSync(file, 'a', 0o640);
  } catch (error) {
    throw new BlackoutError(`cannot open the decision log ${file}: ${(error as Error).message}`, { cause: error });
  }
  let closed = false;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const write = (text: string): void => {
    if (closed) throw new BlackoutError(`the decision log ${file} is closed`);
    const bytes = Buffer.from(text, 'utf8');
    try {
      // A file write is rarely short, but a short one must not cut a line in two.
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      throw new BlackoutError(`cannot write the decision log ${file}: ${(error as Error).message}`, { cause: error });
    }
  };

  const flush = (): Promise<void> => {
    const started = new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(new BlackoutError(`cannot flush the decision log ${file}: ${error.message}`, { cause: error })) : resolve())));
    running = started.finally(() => {
      if (running === tracked) running = undefined;
    });
    const tracked = running;
    return tracked;
  };

  return {
    file,
    record(record, verdict, policy, recordOptions = {}) {
      const entry = decisionEntry(record, verdict, policy, recordOptions);
      write(`${JSON.stringify(entry)}\n`);
      if (fsyncEach) {
        try {
          fdatasyncSync(fd);
        } catch (error) {
          throw new BlackoutError(`cannot flush the decision log ${file}: ${(error as Error).message}`, { cause: error });
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
