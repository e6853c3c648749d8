/**
 * Large NDJSON files checked on worker threads, with the output byte for byte
 * that of the sequential check. The main thread reads the file in large
 * chunks cut after a newline, counts each chunk's lines and records (without
 * parsing them: see ndjson-count.ts), and hands its bytes, with where it
 * stands in the input, to the least busy worker, which parses, checks and
 * writes its verdicts at once and hands back the bytes with its records' id
 * hashes: one message each way. Taking them in input order, the main thread
 * prints the bad lines, keeps the run's ids (a later duplicate is invalid:
 * the rare record whose id came earlier is written again here) and writes
 * the bytes. At most a few chunks per worker are in flight: reading waits
 * for writing, and memory stays flat.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { BlackoutError, formatIssue, PolicyError, UsageError } from '../../errors.js';
import { errorItem } from '../../records/input-item.js';
import { describeFsError } from '../../records/list-inputs.js';
import { ndjsonChunks, type NdjsonChunk } from '../../records/formats/ndjson-chunks.js';
import { countLines, type LineCounts } from '../../records/formats/ndjson-count.js';
import { binaryInputItem, emptyInputItem } from '../../records/formats/read-ndjson.js';
import type { InputNotes, Summary } from '../../report/index.js';
import { verdictJson } from '../../report/verdict-json.js';
import type { Verdict } from '../../engine/verdict.js';
import { duplicate, type CheckSetup } from './check-setup.js';
import type { CheckTally } from './check-tally.js';
import { InFlight } from './in-flight.js';
import type { Jobs } from '../options/jobs-option.js';
import type { FromWorker, ToWorker, WorkerError } from './worker-messages.js';

/** Chunks in flight per worker: one being checked, the next waiting, one being written. */
const IN_FLIGHT_PER_WORKER = 3;
/**
 * Records of checked chunks in flight per worker: some 3 chunks of typical
 * records (a 512 KiB chunk holds about 1,000 of 520 bytes), fewer of short ones.
 */
const RECORDS_PER_WORKER = 4096;
/**
 * A worker's young generation (MB). Its garbage dies young (records are
 * parsed and checked a few at a time), and every worker's young space counts
 * in the RSS: at 2 million records, 6 MB kept the peak 13 MB lower than 8 MB
 * for 3 % more time; 4 MB was much slower.
 */
const YOUNG_GENERATION_MB = 6;
/**
 * The cap on a worker's old generation (MB): its live data is the policy, an
 * outcome cache and a few chunks' verdicts. Under 256 MB, V8 also grows the
 * heap by small steps past what is live, which keeps every worker's RSS low.
 */
const OLD_GENERATION_MB = 256;
/** Room in a read buffer for the start of a line carried over from the previous read. */
const CARRY_ROOM = 64 * 1024;

const MESSAGES = {
  en: {
    crashed: (reason: string) => `a worker thread failed: ${reason}`,
    exited: (code: number) => `a worker thread stopped unexpectedly (exit code ${code})`,
    policy: (reason: string) => `a worker thread could not load the policy: ${reason}`,
    policyChanged: 'the policy changed while the check ran; run the check again',
    miscounted: (file: string) => `the lines of ${file} were counted otherwise by a worker thread: nothing more is written`,
  },
  fr: {
    crashed: (reason: string) => `un fil d’exécution a échoué : ${reason}`,
    exited: (code: number) => `un fil d’exécution s’est arrêté de façon inattendue (code de sortie ${code})`,
    policy: (reason: string) => `un fil d’exécution n’a pas pu charger la politique : ${reason}`,
    policyChanged: 'la politique a changé pendant la vérification ; relancez-la',
    miscounted: (file: string) => `un fil d’exécution a compté autrement les lignes de ${file} : plus rien n’est écrit`,
  },
} as const;

interface Slot {
  readonly worker: Worker;
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
  readonly slot: Slot;
  readonly file: FileRun;
  /** What the chunk holds, as counted here, and where its parser must end. */
  readonly counts: LineCounts;
  readonly lineEnd: number;
  readonly indexEnd: number;
  /** Results before it, at most, as its worker numbered them (the report's separators depend on it). */
  readonly resultBase: number;
  report: Checked | undefined;
}

type Checked = Extract<FromWorker, { type: 'checked' }>;

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
  /** The policy's digest, as the main thread loaded it; else as the first worker did. */
  #policySha256: string | undefined;
  readonly #mainHasPolicy: boolean;
  /** The report's opening text, from the first worker ready; its closing one, when asked for. */
  #opening: string | undefined;
  #closing: string | undefined;
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
  /** Read buffers handed back by the workers, for the next reads. */
  readonly #spareInputs: ArrayBuffer[] = [];

  /**
   * Starts the workers, which load the policy at once. `policySha256`: the
   * digest of the policy the main thread loaded; without it, the workers'
   * policy is the run's, and {@link ready} says whether it could be loaded.
   */
  constructor(setup: CheckSetup, jobs: Jobs, policySha256: string | undefined) {
    this.#setup = setup;
    this.#jobs = jobs;
    this.#policySha256 = policySha256;
    this.#mainHasPolicy = policySha256 !== undefined;
    this.#say = MESSAGES[setup.lang];
    for (let n = 0; n < jobs.workers; n++) this.#slots.push(this.#startWorker());
    this.#inFlight = new InFlight(jobs.workers * IN_FLIGHT_PER_WORKER, jobs.workers * RECORDS_PER_WORKER);
  }

  /** The report's opening text, once a worker has loaded the policy; rejects with the error the main thread would have met loading it. */
  async ready(): Promise<string> {
    await this.#until(() => this.#opening !== undefined);
    return this.#opening!;
  }

  /** The report's closing text, for these counts and input notes (the problems the main thread placed, in input order), from a worker. */
  async closing(summary: Summary, inputs: InputNotes): Promise<string> {
    // A plain copy: the notes' builder is a class, and only its data crosses.
    const notes: InputNotes = { problems: inputs.problems, skipped: inputs.skipped, problemCount: inputs.problemCount, skippedCount: inputs.skippedCount, skippedReasons: inputs.skippedReasons };
    this.#post(this.#slots[0]!, { type: 'closing', summary, inputs: notes });
    await this.#until(() => this.#closing !== undefined);
    return this.#closing!;
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
          await this.#until(() => this.#inFlight.room);
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
      await this.#until(() => file.open === 0);
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
    });
    const slot: Slot = { worker, outstanding: 0 };
    worker.on('message', (message: FromWorker) => this.#receive(slot, message));
    worker.on('error', (error) => this.#fail(this.#say.crashed(error.message)));
    worker.on('messageerror', (error) => this.#fail(this.#say.crashed(error.message)));
    worker.on('exit', (code) => this.#closed || this.#fail(this.#say.exited(code)));
    return slot;
  }

  #dispatch(chunk: NdjsonChunk, file: FileRun, counts: LineCounts): void {
    let slot = this.#slots[0]!;
    for (const other of this.#slots) if (other.outstanding < slot.outstanding) slot = other;
    const id = this.#nextId++;
    const resultBase = file.resultsBefore + file.index;
    const batch: Batch = { id, slot, file, counts, lineEnd: file.lines + counts.lines, indexEnd: file.index + counts.index, resultBase, report: undefined };
    this.#batches.set(id, batch);
    this.#inFlight.sent();
    this.#inFlight.checked(counts.index);
    file.open++;
    slot.outstanding++;
    const { bytes, first, last } = chunk;
    const buffer = bytes.buffer as ArrayBuffer;
    const message: ToWorker = {
      type: 'chunk',
      id,
      file: file.path,
      buffer,
      offset: bytes.byteOffset,
      length: bytes.length,
      first,
      last,
      lineBase: file.lines,
      indexBase: file.index,
      binaryLinesBefore: file.binaryLines,
      resultBase,
      records: counts.index,
    };
    this.#post(slot, message, [buffer]);
    file.lines += counts.lines;
    file.index += counts.index;
    file.binaryLines = counts.binaryLines;
  }

  #post(slot: Slot, message: ToWorker, transfer: ArrayBuffer[] = []): void {
    slot.worker.postMessage(message, transfer);
  }

  #receive(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.#policySha256 ??= message.policySha256;
        if (message.policySha256 !== this.#policySha256) this.#fail(this.#say.policyChanged);
        this.#opening ??= message.opening;
        this.#changed();
        return;
      case 'failed':
        // The run's policy is the workers' own: its error is the run's, as the main thread would have thrown it.
        if (!this.#mainHasPolicy && this.#opening === undefined) this.#fail(rebuilt(message.error));
        else this.#fail(this.#say.policy(message.error.issues?.map(formatIssue).join('; ') ?? message.error.message));
        return;
      case 'closing':
        this.#closing = message.text;
        this.#changed();
        return;
      case 'checked': {
        // Only buffers of the pool's size go back to it (a long line's may be larger).
        if (message.spare.byteLength === this.#poolSize) this.#spareInputs.push(message.spare);
        this.#batches.get(message.id)!.report = message;
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
  async #write(batch: Batch, report: Checked): Promise<void> {
    const { file, slot } = batch;
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
    const buffers = report.buffers.map((buffer, at) => Buffer.from(buffer, 0, report.lengths[at]));
    if (duplicates.length === 0 && !unseparated) {
      tally.add(counts);
      for (const buffer of buffers) {
        // Once written, a buffer goes back to its worker for a later output.
        const waiting = this.#sink!.write(buffer, this.#recycle(slot, buffer.buffer as ArrayBuffer));
        if (waiting) await waiting;
      }
      return;
    }
    // Rare: the output is put together again here, and its buffers go back at once.
    const output = Buffer.concat(buffers);
    for (const buffer of buffers) this.#recycle(slot, buffer.buffer as ArrayBuffer)();
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

  /** Gives a written output buffer back to its worker. */
  #recycle({ worker }: Slot, buffer: ArrayBuffer): () => void {
    return () => this.#closed || worker.postMessage({ type: 'recycle', buffer } satisfies ToWorker, [buffer]);
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

/** The error a worker met loading the policy, as the main thread would have thrown it. */
function rebuilt(error: WorkerError): Error {
  if (error.issues) return new PolicyError(error.issues);
  if (error.name === 'UsageError') return new UsageError(error.message);
  return error.blackout ? new BlackoutError(error.message) : new Error(error.message);
}
