/**
 * Large NDJSON files checked on several threads, with the output byte for
 * byte that of the sequential check. The main thread reads the file in large
 * chunks cut after a newline, counts each chunk's lines and records (without
 * parsing them: see ndjson-count.ts), and hands its bytes, with where it
 * stands in the input, to a worker that is not busy, which parses, checks
 * and writes its verdicts at once (chunk-check.ts) and hands back the bytes
 * with its records' id hashes: one message each way. When every worker is
 * busy, or still starting, the main thread checks the chunk itself. Taking
 * the chunks in input order, it prints the bad lines, keeps the run's ids (a
 * later duplicate is invalid: the rare record whose id came earlier is
 * written again here) and writes the bytes. A few chunks are in flight at
 * most: reading waits for writing, and memory stays flat.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { BlackoutError, formatIssue } from '../../errors.js';
import { errorItem } from '../../records/input-item.js';
import { describeFsError } from '../../records/list-inputs.js';
import { ndjsonChunks, type NdjsonChunk } from '../../records/formats/ndjson-chunks.js';
import { countLines, type LineCounts } from '../../records/formats/ndjson-count.js';
import { binaryInputItem, emptyInputItem } from '../../records/formats/read-ndjson.js';
import type { InputNotes, Summary } from '../../report/index.js';
import { verdictJson } from '../../report/verdict-json.js';
import type { Verdict } from '../../engine/verdict.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { duplicate, type CheckSetup } from './check-setup.js';
import { ChunkChecker, type CheckedChunk } from './chunk-check.js';
import type { CheckTally } from './check-tally.js';
import { InFlight } from './in-flight.js';
import type { Jobs } from '../options/jobs-option.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/**
 * Chunks handed to a worker and not back yet: one being checked, two waiting,
 * so that it has work while the main thread checks a chunk of its own (it
 * hands out the next one only after).
 */
const QUEUED_PER_WORKER = 3;
/** Chunks in flight (handed out or checked, not written yet) per thread: those the main thread checked wait behind a worker's older ones. */
const IN_FLIGHT_PER_THREAD = 4;
/**
 * Records of chunks in flight per thread: some 4 chunks of typical records
 * (a 512 KiB chunk holds about 1,000 of 520 bytes), fewer of short ones.
 */
const RECORDS_PER_THREAD = 4096;
/**
 * A worker's young generation (MB). Its garbage dies young (records are
 * parsed and checked a few at a time), and every worker's young space counts
 * in the RSS: at 2 million records, 6 MB kept the peak 13 MB lower than 8 MB
 * for 3 % more time; 4 MB was much slower.
 */
const YOUNG_GENERATION_MB = 6;
/**
 * The cap on a worker's old generation (MB): its live data is the policy, an
 * outcome cache and a chunk's output. Under 256 MB, V8 also grows the
 * heap by small steps past what is live, which keeps every worker's RSS low.
 */
const OLD_GENERATION_MB = 256;
/** Room in a read buffer for the start of a line carried over from the previous read. */
const CARRY_ROOM = 64 * 1024;

const MESSAGES = {
  en: {
    crashed: (reason: string) => `a worker thread failed: ${reason}`,
    fault: (reason: string) => `the check failed: ${reason}`,
    exited: (code: number) => `a worker thread stopped unexpectedly (exit code ${code})`,
    policy: (reason: string) => `a worker thread could not load the policy: ${reason}`,
    policyChanged: 'the policy changed while the check ran; run the check again',
    miscounted: (file: string) => `the lines of ${file} were counted otherwise by a worker thread: nothing more is written`,
  },
  fr: {
    crashed: (reason: string) => `un fil d’exécution a échoué : ${reason}`,
    fault: (reason: string) => `la vérification a échoué : ${reason}`,
    exited: (code: number) => `un fil d’exécution s’est arrêté de façon inattendue (code de sortie ${code})`,
    policy: (reason: string) => `un fil d’exécution n’a pas pu charger la politique : ${reason}`,
    policyChanged: 'la politique a changé pendant la vérification ; relancez-la',
    miscounted: (file: string) => `un fil d’exécution a compté autrement les lignes de ${file} : plus rien n’est écrit`,
  },
} as const;

interface Slot {
  readonly worker: Worker;
  /** It has loaded the policy. */
  ready: boolean;
  /** Chunks handed to it and not checked yet. */
  outstanding: number;
}

/** Where reading one file stands, in the chunks counted so far. */
interface FileRun {
  readonly path: string;
  /** Results in the report before the file. */
  readonly resultsBefore: number;
  index: number;
  lines: number;
  binaryLines: number;
  /** The input was given up (too many binary lines): nothing after is read. */
  stopped: boolean;
  /** Chunks handed out and not written yet. */
  open: number;
}

interface Batch {
  readonly id: number;
  readonly file: FileRun;
  /** What the chunk holds, as counted here, and where its parser must end. */
  readonly counts: LineCounts;
  readonly lineEnd: number;
  readonly indexEnd: number;
  /** Results before it, at most, as its worker numbered them (the report's separators depend on it). */
  readonly resultBase: number;
  report: Report | undefined;
}

/** A chunk checked, here or on a worker: its output buffers go back where they came from once written. */
interface Report extends CheckedChunk {
  readonly recycle: (buffer: ArrayBuffer) => () => void;
}

/** Where a file's output goes: the run's counts and ids, and its output. */
export interface CheckSink {
  readonly tally: CheckTally;
  readonly write: (bytes: Uint8Array, written: () => void) => Promise<void> | undefined;
}

export class ParallelCheck {
  readonly #setup: CheckSetup;
  readonly #jobs: Jobs;
  readonly #say: (typeof MESSAGES)['en' | 'fr'];
  readonly #slots: Slot[] = [];
  readonly #batches = new Map<number, Batch>();
  readonly #inFlight: InFlight;
  /** The policy's digest, as the main thread loaded it. */
  #policySha256: string | undefined;
  /** The main thread's own chunk checker, once it has the policy; its failure to load it, the run's. */
  #local: ChunkChecker | undefined;
  /** The report's opening text, once the main thread or a worker has loaded the policy. */
  #opening: string | undefined;
  #sink: CheckSink | undefined;
  #nextId = 0;
  /** The next batch to write: batches are written in id order. */
  #nextWrite = 0;
  /** Results (records) before the next batch to write, in the whole report. */
  #results = 0;
  #writing = false;
  #closed = false;
  #failure: Error | undefined;
  #waiters: (() => void)[] = [];
  /** Read buffers checked, for the next reads. */
  readonly #spareInputs: ArrayBuffer[] = [];
  readonly #localLoad: Promise<unknown>;

  /**
   * Starts the workers (one fewer than the threads asked for: the main
   * thread checks too), which load the policy at once, and the main thread's
   * own check: with `policy`, as the main thread loaded it, else loaded here
   * meanwhile, its error the run's (see {@link ready}).
   */
  constructor(setup: CheckSetup, jobs: Jobs, policy: CompiledPolicy | undefined) {
    this.#setup = setup;
    this.#jobs = jobs;
    this.#say = MESSAGES[setup.lang];
    for (let n = 1; n < jobs.workers; n++) this.#slots.push(this.#startWorker());
    this.#inFlight = new InFlight(jobs.workers * IN_FLIGHT_PER_THREAD, jobs.workers * RECORDS_PER_THREAD);
    const loading = policy ? Promise.resolve(policy) : loadCheckPolicy(setup.policyPath, { env: setup.env, cwd: setup.cwd });
    this.#localLoad = loading.then(
      (loaded) => {
        try {
          this.#local = new ChunkChecker(setup, loaded);
        } catch (error) {
          this.#fail(error as Error);
          throw error;
        }
        if (this.#policySha256 !== undefined && this.#policySha256 !== loaded.sha256) this.#fail(this.#say.policyChanged);
        this.#policySha256 = loaded.sha256;
        this.#opening ??= this.#local.formatter.start(this.#local.ctx);
        this.#changed();
      },
      (error: unknown) => {
        this.#fail(error as Error);
        throw error;
      },
    );
    // Its failure is the run's, told by the next wait.
    this.#localLoad.catch(() => {});
  }

  /** The report's opening text, once the policy is loaded; rejects with the error the main thread met loading it. */
  async ready(): Promise<string> {
    await this.#until(() => this.#opening !== undefined);
    return this.#opening!;
  }

  /** The report's closing text, for these counts and input notes (the problems the main thread placed, in input order). */
  async closing(summary: Summary, inputs: InputNotes): Promise<string> {
    await this.#until(() => this.#local !== undefined);
    return this.#local!.formatter.end(summary, this.#local!.ctx, inputs);
  }

  /**
   * Checks one NDJSON file, its output written and its problems reported when
   * this resolves; false when it cannot be opened (the sequential reader then
   * says why). Rejects, once, when a worker fails.
   */
  async check(path: string, sink: CheckSink): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch {
      return false;
    }
    try {
      this.#sink = sink;
      const file: FileRun = { path, resultsBefore: sink.tally.summary.records, index: 0, lines: 0, binaryLines: 0, stopped: false, open: 0 };
      this.#results = sink.tally.summary.records;
      const { maxRecordBytes, lang } = this.#setup;
      let readError: unknown;
      try {
        for await (const chunk of ndjsonChunks(handle, this.#jobs.chunkBytes, maxRecordBytes, this.#allocate)) {
          if (chunk.kind === 'binary') {
            sink.tally.problem(binaryInputItem(path, lang));
            return true;
          }
          await this.#until(() => this.#inFlight.room && (this.#local !== undefined || this.#slots.some((slot) => slot.ready)));
          const counts = countLines(chunk.bytes, { opensInput: chunk.first, binaryLines: file.binaryLines, last: chunk.last }, path, maxRecordBytes, lang);
          this.#dispatch(chunk, file, counts);
          // The parser gives the input up inside this chunk: nothing after it is read.
          if (counts.stopped) {
            file.stopped = true;
            break;
          }
        }
      } catch (error) {
        if (error === this.#failure) throw error;
        readError = error;
      }
      // Every worker has loaded the policy, or failed to: a policy that changed, or that they cannot load, is told even when the main thread checked every chunk.
      await this.#until(() => file.open === 0 && this.#slots.every((slot) => slot.ready));
      // As the sequential reader: a file that fails midway is reported after what was read of it.
      if (readError !== undefined) sink.tally.problem(errorItem({ file: path, index: 0 }, describeFsError(readError, lang), true));
      else if (!file.stopped && file.index === 0) sink.tally.problem(emptyInputItem(path, lang));
      return true;
    } finally {
      await handle.close();
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map(({ worker }) => worker.terminate()));
  }

  /** Bytes of the read buffers kept for reuse: a chunk and the start of a line carried over. */
  get #poolSize(): number {
    return this.#jobs.chunkBytes + CARRY_ROOM;
  }

  /** A read buffer: a spare one when that is large enough (almost always), else a new one. */
  readonly #allocate = (capacity: number): Buffer => {
    if (capacity > this.#poolSize) return Buffer.allocUnsafeSlow(capacity);
    return Buffer.from(this.#spareInputs.pop() ?? new ArrayBuffer(this.#poolSize), 0, capacity);
  };

  #startWorker(): Slot {
    const worker = new Worker(new URL('./check-worker.js', import.meta.url), {
      workerData: this.#setup,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.#jobs.heapMb ?? OLD_GENERATION_MB },
      // Left to Node, a worker's output is piped to process.stdout and process.stderr, which are then made, and a pipe
      // they are made on turns non-blocking: standard output, written on its descriptor (fd-writer.ts), would meet
      // EAGAIN where the sequential check does not. Workers write nothing there; what they might (a warning) goes to stderr.
      stdout: true,
      stderr: true,
    });
    const forward = (chunk: Buffer) => process.stderr.write(chunk);
    worker.stdout.on('data', forward);
    worker.stderr.on('data', forward);
    const slot: Slot = { worker, ready: false, outstanding: 0 };
    worker.on('message', (message: FromWorker) => this.#receive(slot, message));
    worker.on('error', (error) => this.#fail(this.#say.crashed(error.message)));
    worker.on('messageerror', (error) => this.#fail(this.#say.crashed(error.message)));
    worker.on('exit', (code) => this.#closed || this.#fail(this.#say.exited(code)));
    return slot;
  }

  /** Hands a chunk to a worker that is ready and not busy, else checks it here (or, before the main thread has the policy, queues it on a worker). */
  #dispatch(chunk: NdjsonChunk, file: FileRun, counts: LineCounts): void {
    let slot: Slot | undefined;
    for (const other of this.#slots) if (other.ready && other.outstanding < QUEUED_PER_WORKER && (slot === undefined || other.outstanding < slot.outstanding)) slot = other;
    if (slot === undefined && this.#local === undefined) for (const other of this.#slots) if (other.ready && (slot === undefined || other.outstanding < slot.outstanding)) slot = other;
    const id = this.#nextId++;
    const resultBase = file.resultsBefore + file.index;
    const batch: Batch = { id, file, counts, lineEnd: file.lines + counts.lines, indexEnd: file.index + counts.index, resultBase, report: undefined };
    this.#batches.set(id, batch);
    this.#inFlight.sent();
    this.#inFlight.checked(counts.index);
    file.open++;
    const { bytes, first, last } = chunk;
    const buffer = bytes.buffer as ArrayBuffer;
    const place = { file: file.path, first, last, lineBase: file.lines, indexBase: file.index, binaryLinesBefore: file.binaryLines, resultBase, records: counts.index };
    file.lines += counts.lines;
    file.index += counts.index;
    file.binaryLines = counts.binaryLines;
    if (slot === undefined) {
      const local = this.#local!;
      let checked: CheckedChunk;
      try {
        checked = local.check(bytes, place);
      } catch (error) {
        // A fault of ours, not the file's: the run stops, as when a worker fails.
        this.#fail(this.#say.fault((error as Error).message));
        throw this.#failure;
      }
      batch.report = { ...checked, recycle: (output) => () => local.recycle(output) };
      if (buffer.byteLength === this.#poolSize) this.#spareInputs.push(buffer);
      void this.#pump();
      return;
    }
    slot.outstanding++;
    const message: ToWorker = { type: 'chunk', id, buffer, offset: bytes.byteOffset, length: bytes.length, ...place };
    this.#post(slot, message, [buffer]);
  }

  #post(slot: Slot, message: ToWorker, transfer: ArrayBuffer[] = []): void {
    slot.worker.postMessage(message, transfer);
  }

  #receive(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        // The main thread's policy, when it has it, is the run's: a worker's must be the same.
        if (this.#policySha256 !== undefined && message.policySha256 !== this.#policySha256) this.#fail(this.#say.policyChanged);
        this.#opening ??= message.opening;
        this.#changed();
        return;
      case 'failed':
        // The main thread's own error, if it meets one loading the policy, is the run's; else the worker's is told as such.
        this.#localLoad.then(
          () => this.#fail(this.#say.policy(message.error.issues?.map((issue) => formatIssue(issue, this.#setup.lang)).join('; ') ?? message.error.message)),
          () => {},
        );
        return;
      case 'checked': {
        // Only buffers of the pool's size go back to it (a long line's may be larger).
        if (message.spare.byteLength === this.#poolSize) this.#spareInputs.push(message.spare);
        const { worker } = slot;
        const buffers = message.buffers.map((buffer, at) => Buffer.from(buffer, 0, message.lengths[at]));
        // Once written, a buffer goes back to its worker for a later output.
        const recycle = (buffer: ArrayBuffer) => () => this.#closed || worker.postMessage({ type: 'recycle', buffer } satisfies ToWorker, [buffer]);
        this.#batches.get(message.id)!.report = { ...message, buffers, recycle };
        slot.outstanding--;
        void this.#pump();
        return;
      }
    }
  }

  /** Writes the checked chunks that are next in input order, waiting for the output when it is slow. */
  async #pump(): Promise<void> {
    if (this.#writing) return;
    this.#writing = true;
    try {
      for (let batch = this.#batches.get(this.#nextWrite); batch?.report; batch = this.#batches.get(this.#nextWrite)) {
        this.#batches.delete(batch.id);
        this.#nextWrite++;
        await this.#write(batch, batch.report);
        batch.file.open--;
        this.#inFlight.done(batch.counts.index);
        this.#changed();
      }
    } catch (error) {
      this.#fail(error as Error);
    } finally {
      this.#writing = false;
    }
  }

  /** Tells a chunk's bad lines, keeps its ids, and writes its output (with its duplicates written again). */
  async #write(batch: Batch, report: Report): Promise<void> {
    const { file } = batch;
    const tally = this.#sink!.tally;
    if (report.lines !== batch.lineEnd || report.index !== batch.indexEnd) throw new BlackoutError(this.#say.miscounted(file.path));
    for (const problem of report.problems) {
      const line = problem.line === undefined ? {} : { line: problem.line };
      tally.problem(errorItem({ file: file.path, index: problem.index, ...line }, problem.message, problem.fatal));
    }
    const { hashes, ends, counts } = report;
    const records = counts.records;
    const duplicates: number[] = [];
    for (let at = 0; at < records; at++) {
      if (hashes[2 * at + 1] !== 0 && !tally.seen.addHash(hashes[2 * at]!, hashes[2 * at + 1]!)) duplicates.push(at);
    }
    // The worker numbered the chunk's results from at most as many as there are before it: none before, its first has no separator.
    const unseparated = this.#results === 0 && batch.resultBase > 0 && records > 0;
    this.#results += records;
    const { buffers } = report;
    if (duplicates.length === 0 && !unseparated) {
      tally.add(counts);
      for (const buffer of buffers) {
        const waiting = this.#sink!.write(buffer, report.recycle(buffer.buffer as ArrayBuffer));
        if (waiting) await waiting;
      }
      return;
    }
    // Rare: the output is put together again here, and its buffers go back at once.
    const output = Buffer.concat(buffers);
    for (const buffer of buffers) report.recycle(buffer.buffer as ArrayBuffer)();
    const pieces: Buffer[] = [];
    let from = unseparated ? output.indexOf(0x7b) : 0;
    for (const at of duplicates) {
      const start = at === 0 ? 0 : ends[at - 1]!;
      // A verdict's text: what its format writes around it, then its JSON, which tells all it said.
      const open = output.indexOf(0x7b, start);
      const close = output.lastIndexOf(0x7d, ends[at]! - 1);
      const said = JSON.parse(output.toString('utf8', open, close + 1)) as Verdict & { readonly source: Parameters<typeof verdictJson>[0]['source'] };
      counts[said.status]--;
      counts.invalid++;
      pieces.push(output.subarray(from, open), Buffer.from(verdictJson({ verdict: duplicate(said, this.#setup.lang), source: said.source })));
      from = close + 1;
    }
    pieces.push(output.subarray(from));
    tally.add(counts);
    const waiting = this.#sink!.write(Buffer.concat(pieces), () => {});
    if (waiting) await waiting;
  }

  #fail(reason: string | Error): void {
    this.#failure ??= typeof reason === 'string' ? new BlackoutError(reason) : reason;
    this.#changed();
  }

  #changed(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once `ready()` holds; rejects on a failure. */
  async #until(ready: () => boolean): Promise<void> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (ready()) return;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}
