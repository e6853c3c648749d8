import { statSync } from 'node:fs';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { errorItem, formatOfPath } from '../../records/input-item.js';
import { DEFAULT_MAX_RECORD_BYTES, inBatches, inputsOf, type ReadOptions } from '../../records/read-inputs.js';
import { describeFsError } from '../../records/list-inputs.js';
import { inPieces, regularFileChunks, ringFor } from '../../records/formats/file-chunks.js';
import { longestLine, readNdjson } from '../../records/formats/read-ndjson.js';
import { count, formats, type CheckedRecord, type FormatContext, type FormatName, type SpoolFormatter, type SpoolWriter } from '../../report/index.js';
import { ScannedRecord } from '../../records/formats/scan-record.js';
import { ByteOutput, recordBytes, VerdictBytes, type RecordBytes } from '../../report/verdict-bytes.js';
import type { InputItem } from '../../records/input-item.js';
import type { Lang } from '../options/lang-option.js';
import { duplicate, fastPaths, formatContext, recordChecker, type CheckSetup, type RecordCheck } from './check-setup.js';
import { CheckTally } from './check-tally.js';
import type { CliIo } from '../io.js';
import type { Jobs } from '../options/jobs-option.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import type { ParallelCheck } from './parallel-check.js';
import { Spool } from './spool.js';
import { WriteBehind } from './write-behind.js';

export interface CheckRun {
  readonly setup: CheckSetup;
  /** The policy as the main thread loaded it; undefined when every input went to `workers`, which loaded it themselves. */
  readonly policy: CompiledPolicy | undefined;
  /** Workers started before the policy was loaded, every input being theirs, with the report's opening text. */
  readonly workers: { readonly pool: ParallelCheck; readonly opening: string } | undefined;
  readonly write: (chunk: string | Uint8Array, written?: () => void) => Promise<void> | undefined;
  readonly io: CliIo;
  readonly jobs: Jobs;
}

/** Formats whose text for a record depends only on the record, its source and its place: workers can write it. */
const PARALLEL_FORMATS: ReadonlySet<FormatName> = new Set(['ndjson', 'json']);
/**
 * Formats that read nothing of a record but its verdict and source: NDJSON
 * records plain enough are scanned for them, not parsed (the text report,
 * and JUnit's test cases that hold its blocks, describe the record's
 * categories, channel and audience from the record itself).
 */
const SCANNED_FORMATS: ReadonlySet<FormatName> = new Set(['ndjson', 'json', 'sarif', 'github']);
/** Bytes of an output buffer: records' texts are written into them and handed to the output whole. */
const OUTPUT_BYTES = 128 * 1024;
/** Output buffers written and handed back, kept for the next ones. */
const SPARE_OUTPUTS = 8;
/** Output buffers queued for a slow output before checking waits for it (see write-behind.ts); with the spare ones, at most a few MB. */
const WRITE_BEHIND = 6;
/** Bytes of a synchronous read of an NDJSON file. */
const READ_BYTES = 256 * 1024;

/**
 * Reads, checks and reports record by record, in input order: memory stays
 * flat whatever the input's size (junit, whose suites open with their counts,
 * spools its test cases to a temporary file and lays the report out at the
 * end). Input problems and skipped items are told on stderr as they come,
 * with file and line, kept (the first ones) for the report's end, and
 * reading goes on. Large NDJSON files are checked on worker threads (see
 * parallel-check.ts), with the same output.
 */
export async function checkInputs(paths: readonly string[], options: ReadOptions, run: CheckRun) {
  const { io, setup } = run;
  const formatter = formats[setup.format];
  // A spooled format's writer and its spool, made with the first record (or at the end, when there is none).
  let spooled: { readonly writer: SpoolWriter; readonly spool: Spool } | undefined;
  const spoolFor = async (spooler: SpoolFormatter) => (spooled ??= { spool: await Spool.create(setup.lang), writer: spooler.open((await localCheck()).ctx) });
  // Whether a record's text was written yet: a formatter's separator goes between two.
  let written = false;
  const tally = new CheckTally(io, setup.lang);
  const { summary, seen } = tally;
  const sink = { tally, write: run.write };
  // Records' texts as bytes, for the formats that can write them so (ndjson, json), in buffers reused once written.
  const fast = fastPaths(setup);
  const toBytes = fast ? recordBytes(setup.format) : undefined;
  const spare: Buffer[] = [];
  const bytes = toBytes && new ByteOutput(() => spare.pop() ?? Buffer.allocUnsafeSlow(OUTPUT_BYTES));
  const verdictBytes = new VerdictBytes();
  const recycle = (buffer: Uint8Array) => () => {
    if (spare.length < SPARE_OUTPUTS && buffer.byteOffset === 0 && buffer.buffer.byteLength === OUTPUT_BYTES) spare.push(Buffer.from(buffer.buffer, 0, OUTPUT_BYTES));
  };
  const behind = new WriteBehind(run.write, recycle, WRITE_BEHIND);
  /** Hands the output buffers filled (or every one, with `all`, then waits for the output) to the output. */
  const flush = async (all: boolean) => {
    if (!bytes) return;
    for (const buffer of all ? bytes.takeAll() : bytes.takeFull()) await behind.push(buffer);
    if (all) await behind.drain();
  };
  const readOptions: ReadOptions = fast && SCANNED_FORMATS.has(setup.format) ? { ...options, scanNdjson: true } : options;
  // The main thread's own checker and report context: made when first needed, which is never when the workers take every input.
  let local = run.policy && onMainThread(run.policy, setup);
  const localCheck = async () => (local ??= onMainThread(await loadCheckPolicy(setup.policyPath, io), setup));
  let parallel = run.workers?.pool;
  try {
    if (formatter.kind === 'stream') await run.write(run.workers ? run.workers.opening : formatter.start((await localCheck()).ctx));
    for await (const { entry, items } of inputsOf(paths, readOptions)) {
      if (entry.kind === 'file' && entry.format === 'ndjson' && (run.workers || forWorkers(entry.path, setup.format, run.jobs))) {
        parallel ??= await startWorkers(setup, run.jobs, run.policy);
        await flush(true);
        if (await parallel.check(entry.path, sink)) continue;
      }
      // A regular NDJSON file on the fast path is read with synchronous calls, each chunk's records checked before the next is read (see file-chunks.ts).
      const chunks = bytes && entry.kind === 'file' && entry.format === 'ndjson' ? regularFileChunks(entry.path, READ_BYTES, ringFor(READ_BYTES, longestLine(setup.maxRecordBytes))) : undefined;
      if (chunks && bytes && entry.kind === 'file') {
        for await (const batch of ndjsonFileItems(entry.path, chunks, readOptions)) {
          writeBatch(batch, local?.checks ?? (await localCheck()).checks, tally, setup.lang, { toBytes: toBytes!, bytes, verdictBytes });
          if (bytes.hasFull) await flush(false);
          tally.progress();
        }
        continue;
      }
      for await (const batch of inBatches(items())) {
        if (bytes) {
          // The formats written as bytes: the batch is checked and written at once, nothing in it waits.
          writeBatch(batch, local?.checks ?? (await localCheck()).checks, tally, setup.lang, { toBytes: toBytes!, bytes, verdictBytes });
          if (bytes.hasFull) await flush(false);
          tally.progress();
          continue;
        }
        for (const item of batch) {
          if (item.kind === 'error') {
            tally.problem(item);
            continue;
          }
          if (item.kind === 'skipped') {
            tally.skip(item);
            continue;
          }
          const { checks, ctx } = local ?? (await localCheck());
          const scanned = item.record instanceof ScannedRecord;
          let verdict = scanned ? checks.checkScanned(item.record as ScannedRecord) : checks.check(item.record);
          if (verdict.id !== null && !seen.add(verdict.id)) verdict = duplicate(verdict, setup.lang);
          const index = summary.records;
          count(summary, verdict.status);
          // A scanned record is no record object: the formats it is scanned for read only the verdict and source.
          const result: CheckedRecord = scanned ? { verdict, source: item.source } : { verdict, source: item.source, record: item.record };
          if (formatter.kind === 'spool') {
            const { writer, spool } = spooled ?? (await spoolFor(formatter));
            const waiting = spool.append(writer.result(result, index));
            if (waiting) await waiting;
            continue;
          }
          const text = formatter.result(result, index, ctx);
          if (text === '') continue;
          if (written && formatter.separator !== undefined) {
            const waiting = run.write(formatter.separator);
            if (waiting) await waiting;
          }
          written = true;
          const waiting = run.write(text);
          if (waiting) await waiting;
        }
        tally.progress();
      }
    }
    await flush(true);
    tally.done();
    if (formatter.kind === 'stream') {
      await run.write(run.workers ? await run.workers.pool.closing(summary, tally.inputs) : formatter.end(summary, (await localCheck()).ctx, tally.inputs));
    } else {
      const { writer, spool } = spooled ?? (await spoolFor(formatter));
      await spool.copyTo(writer.finish(summary, tally.inputs), run.write);
    }
  } finally {
    await spooled?.spool.close();
    // Workers started here are stopped here; the caller stops its own.
    if (parallel !== run.workers?.pool) await parallel?.close();
  }
  return { unread: tally.unread, invalid: summary.invalid, blocked: summary.blocked, review: summary.review };
}

/** Where a batch's records' texts go as bytes. */
interface BytesOut {
  readonly toBytes: RecordBytes;
  readonly bytes: ByteOutput;
  readonly verdictBytes: VerdictBytes;
}

/**
 * Checks a batch and writes its records' texts as bytes, in input order;
 * input problems and skipped items are told as they come. Apart from
 * checkInputs, and waiting for nothing, it is what the JIT compiles for the
 * loop every record goes through: small, it is compiled sooner and cheaper.
 */
function writeBatch(batch: readonly InputItem[], checks: RecordCheck, tally: CheckTally, lang: Lang, out: BytesOut): void {
  const { summary, seen } = tally;
  for (const item of batch) {
    if (item.kind === 'error') tally.problem(item);
    else if (item.kind === 'skipped') tally.skip(item);
    else {
      const { record } = item;
      let verdict = record instanceof ScannedRecord ? checks.checkScanned(record) : checks.check(record);
      if (verdict.id !== null && !seen.add(verdict.id)) verdict = duplicate(verdict, lang);
      const index = summary.records;
      count(summary, verdict.status);
      // These formats read the verdict and its source only.
      out.toBytes(out.bytes, out.verdictBytes, { verdict, source: item.source }, index);
    }
  }
}

/** An NDJSON file's items from chunks read synchronously; a read that fails midway is told after what was read, as the streamed reader does. */
async function* ndjsonFileItems(path: string, chunks: AsyncGenerator<Buffer>, options: ReadOptions): AsyncGenerator<InputItem[]> {
  const lang = options.lang ?? 'en';
  try {
    yield* readNdjson(inPieces(chunks), path, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, lang, { scan: options.scanNdjson === true });
  } catch (error) {
    yield [errorItem({ file: path, index: 0 }, describeFsError(error, lang), true)];
  }
}

function onMainThread(policy: CompiledPolicy, setup: CheckSetup): { readonly checks: RecordCheck; readonly ctx: FormatContext } {
  return { checks: recordChecker(policy, setup), ctx: formatContext(policy, setup) };
}

/** Workers pay for an NDJSON file large enough, in the formats they write, when there are several. */
function forWorkers(path: string, format: FormatName, jobs: Jobs): boolean {
  if (jobs.workers < 2 || !PARALLEL_FORMATS.has(format)) return false;
  try {
    // Synchronous: an asynchronous stat starts libuv's thread pool, which a one-record check need not pay for.
    const stats = statSync(path);
    return stats.isFile() && stats.size >= jobs.minBytes;
  } catch {
    return false;
  }
}

/**
 * True when every path names an NDJSON file for the workers: they are then
 * started first, and load the policy while the main thread does.
 */
export async function workersTakeAll(paths: readonly string[], format: FormatName, jobs: Jobs): Promise<boolean> {
  if (jobs.workers < 2 || !PARALLEL_FORMATS.has(format)) return false;
  for (const path of paths) if (formatOfPath(path) !== 'ndjson' || !forWorkers(path, format, jobs)) return false;
  return true;
}

/** The workers, loaded and started only when a file needs them: a small check never pays for them. `policy`: the main thread's, if it loaded it. */
export async function startWorkers(setup: CheckSetup, jobs: Jobs, policy: CompiledPolicy | undefined): Promise<ParallelCheck> {
  const { ParallelCheck } = await import('./parallel-check.js');
  return new ParallelCheck(setup, jobs, policy);
}
