/**
 * A check worker (see parallel-check.ts): parses NDJSON chunks with the
 * reader's own parser, checks their records with the CLI's own checker, and
 * formats the verdicts with the report's own formatter once the main thread
 * has placed the chunk in the input.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Verdict } from '../../engine/verdict.js';
import { isBlackoutError, isPolicyError } from '../../errors.js';
import type { InputItem } from '../../records/input-item.js';
import { NdjsonParser } from '../../records/formats/read-ndjson.js';
import { ScannedRecord } from '../../records/formats/scan-record.js';
import type { RecordSource } from '../../records/source.js';
import { formats, type FormatContext, type StreamFormatter } from '../../report/index.js';
import { ByteOutput, recordBytes, VerdictBytes, type RecordBytes } from '../../report/verdict-bytes.js';
import { hashId } from './id-set.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { duplicate, fastPaths, formatContext, recordChecker, type CheckSetup, type RecordCheck } from './check-setup.js';
import type { ChunkProblem, FromWorker, StatusCounts, ToWorker } from './worker-messages.js';

const setup = workerData as CheckSetup;
const port = parentPort!;
const fast = fastPaths(setup);

interface Chunk {
  readonly file: string;
  readonly first: boolean;
  readonly last: boolean;
  /** Kept only when the chunk holds binary lines: the main thread may ask to parse it again. */
  bytes: Buffer | undefined;
  verdicts: Verdict[];
  sources: RecordSource[];
}

interface Ready {
  readonly checks: RecordCheck;
  readonly formatter: StreamFormatter;
  /** The formatter's record texts as bytes. */
  readonly toBytes: RecordBytes;
  readonly ctx: FormatContext;
  readonly chunks: Map<number, Chunk>;
}

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function handle(state: Ready, message: ToWorker): void {
  switch (message.type) {
    case 'chunk': {
      const bytes = Buffer.from(message.buffer, message.offset, message.length);
      const chunk: Chunk = { file: message.file, first: message.first, last: message.last, bytes, verdicts: [], sources: [] };
      state.chunks.set(message.id, chunk);
      check(state, message.id, chunk, 0);
      return;
    }
    case 'reparse': {
      const chunk = state.chunks.get(message.id)!;
      check(state, message.id, chunk, message.binaryLinesBefore);
      return;
    }
    case 'format':
      format(state, message);
      return;
    case 'drop':
      state.chunks.delete(message.id);
      return;
    case 'recycle':
      if (spareOutputs.length < MAX_SPARE_OUTPUTS) spareOutputs.push(message.buffer);
      return;
    case 'closing':
      post({ type: 'closing', text: state.formatter.end(message.summary, state.ctx, message.inputs) });
      return;
  }
}

/** Bytes parsed and checked at a time: few records are alive at a scavenge, so a small young generation copies little. */
const PIECE_BYTES = 16 * 1024;
const NEWLINE = 10;

/** Parses and checks a chunk, and reports what the main thread needs to place it. */
function check(state: Ready, id: number, chunk: Chunk, binaryLinesBefore: number): void {
  const parser = new NdjsonParser(chunk.file, setup.maxRecordBytes, setup.lang, { opensInput: chunk.first, sniff: false, binaryLines: binaryLinesBefore }, { scan: fast });
  const bytes = chunk.bytes!;
  const items: InputItem[] = [];
  const hashes: number[] = [];
  const problems: ChunkProblem[] = [];
  chunk.verdicts = [];
  chunk.sources = [];
  let stopped = false;
  for (let start = 0; start < bytes.length && !stopped; ) {
    const newline = bytes.indexOf(NEWLINE, start + PIECE_BYTES);
    const end = newline < 0 ? bytes.length : newline + 1;
    stopped = parser.push(bytes.subarray(start, end), items) === 'stop';
    start = end;
    if (!stopped && start === bytes.length && chunk.last) parser.finish(items);
    for (const item of items) {
      if (item.kind === 'error') {
        problems.push({ index: item.source.index, line: item.source.line, message: item.message, fatal: item.fatal === true });
        continue;
      }
      // NDJSON lines are records or problems; nothing in them is skipped.
      if (item.kind !== 'record') continue;
      const verdict = item.record instanceof ScannedRecord ? state.checks.checkScanned(item.record) : state.checks.check(item.record);
      if (verdict.id === null) hashes.push(0, 0);
      else {
        hashId(verdict.id, HASH, 0);
        hashes.push(HASH[0]!, HASH[1]!);
      }
      chunk.verdicts.push(verdict);
      chunk.sources.push(item.source);
    }
    items.length = 0;
  }
  const { lines, index, binaryLines } = parser.position;
  // Kept only when the main thread may ask to parse the chunk again; else handed back for the next read.
  const spare = binaryLines === binaryLinesBefore ? (bytes.buffer as ArrayBuffer) : undefined;
  if (spare) chunk.bytes = undefined;
  const hashArray = Uint32Array.from(hashes);
  const message: FromWorker = { type: 'checked', id, lines, index, binaryLines: binaryLines - binaryLinesBefore, binaryLinesBefore, stopped, hashes: hashArray, problems, spare };
  post(message, spare ? [hashArray.buffer, spare] : [hashArray.buffer]);
}

const HASH = new Uint32Array(2);

/** Formats a chunk's verdicts where it stands in the input, as the sequential check would have. */
function format(state: Ready, message: Extract<ToWorker, { type: 'format' }>): void {
  const chunk = state.chunks.get(message.id)!;
  state.chunks.delete(message.id);
  const counts: StatusCounts = { records: 0, allowed: 0, blocked: 0, review: 0, invalid: 0 };
  const { duplicates } = message;
  let next = 0;
  for (let at = 0; at < chunk.verdicts.length; at++) {
    let verdict = chunk.verdicts[at]!;
    if (duplicates[next] === at) {
      verdict = duplicate(verdict, setup.lang);
      next++;
    }
    counts.records++;
    counts[verdict.status]++;
    const { file, index, line } = chunk.sources[at]!;
    const source = { file, index: message.indexBase + index, line: message.lineBase + line! };
    if (fast) state.toBytes(output, verdictBytes, { verdict, source }, message.resultBase + at);
    else output.utf8(state.formatter.result({ verdict, source }, message.resultBase + at, state.ctx));
  }
  // Encoded here, off the main thread, into buffers handed over (and back, once written).
  const buffers = output.takeAll();
  const transfer = buffers.map((buffer) => buffer.buffer as ArrayBuffer);
  post({ type: 'formatted', id: message.id, buffers: transfer, lengths: buffers.map((buffer) => buffer.length), counts }, transfer);
}

/**
 * Bytes of an output buffer. A chunk's output goes in as many as it needs,
 * rather than in one that grows: a chunk of short records can make megabytes
 * of output, and a grown buffer, kept for reuse, would hold that much forever.
 */
const OUTPUT_BYTES = 256 * 1024;

/** Output buffers written and handed back: reused, rather than left for the main thread's garbage collector. */
const spareOutputs: ArrayBuffer[] = [];
const MAX_SPARE_OUTPUTS = 8;

const verdictBytes = new VerdictBytes();
/** Every output buffer is a whole ArrayBuffer of OUTPUT_BYTES, handed to the main thread with what was written of it. */
const output = new ByteOutput(() => Buffer.from(spareOutputs.pop() ?? new ArrayBuffer(OUTPUT_BYTES)));

// Start-up, last in the module: handling a message needs every constant above.
// Messages that come while the policy loads wait for it.
let ready: Ready | undefined;
const early: ToWorker[] = [];
port.on('message', (message: ToWorker) => (ready ? handle(ready, message) : early.push(message)));

try {
  const formatter = formats[setup.format];
  // check-inputs.ts hands workers the streamed formats whose records' texts need no separator (each record writes one line) only.
  if (formatter.kind !== 'stream' || formatter.separator !== undefined) throw new Error(`${setup.format} is not a format workers write`);
  const policy = await loadCheckPolicy(setup.policyPath, { env: setup.env, cwd: setup.cwd });
  const toBytes = recordBytes(setup.format);
  if (toBytes === undefined) throw new Error(`${setup.format} is not a format workers write`);
  ready = {
    checks: recordChecker(policy, setup),
    formatter,
    toBytes,
    ctx: formatContext(policy, setup),
    chunks: new Map(),
  };
  post({ type: 'ready', policySha256: policy.sha256, opening: formatter.start(ready.ctx) });
} catch (error) {
  const { name, message } = error as Error;
  post({ type: 'failed', error: { name, message, blackout: isBlackoutError(error), issues: isPolicyError(error) ? error.issues : undefined } });
}
if (ready) for (const message of early.splice(0)) handle(ready, message);
