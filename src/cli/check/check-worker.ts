/**
 * A check worker (see parallel-check.ts): parses NDJSON chunks with the
 * reader's own parser, checks their records with the CLI's own checker, and
 * writes the verdicts with the report's own formatter, numbered from where
 * the main thread counted that the chunk stands in the input.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isBlackoutError, isPolicyError } from '../../errors.js';
import type { InputItem } from '../../records/input-item.js';
import { NdjsonParser, type ParserStart } from '../../records/formats/read-ndjson.js';
import { ScannedRecord } from '../../records/formats/scan-record.js';
import { formats, type FormatContext, type StreamFormatter } from '../../report/index.js';
import { ByteOutput, recordBytes, VerdictBytes, type RecordBytes } from '../../report/verdict-bytes.js';
import { hashId } from './id-set.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { fastPaths, formatContext, recordChecker, type CheckSetup, type RecordCheck } from './check-setup.js';
import type { ChunkProblem, FromWorker, StatusCounts, ToWorker } from './worker-messages.js';

const setup = workerData as CheckSetup;
const port = parentPort!;
const fast = fastPaths(setup);

interface Ready {
  readonly checks: RecordCheck;
  readonly formatter: StreamFormatter;
  /** The formatter's record texts as bytes. */
  readonly toBytes: RecordBytes;
  readonly ctx: FormatContext;
}

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function handle(state: Ready, message: ToWorker): void {
  switch (message.type) {
    case 'chunk':
      check(state, message);
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

/** Parses, checks and writes a chunk where it stands in the input, and hands back its output and what the main thread needs to place it. */
function check(state: Ready, chunk: Extract<ToWorker, { type: 'chunk' }>): void {
  const start: ParserStart = { opensInput: chunk.first, sniff: false, binaryLines: chunk.binaryLinesBefore, lines: chunk.lineBase, index: chunk.indexBase };
  const parser = new NdjsonParser(chunk.file, setup.maxRecordBytes, setup.lang, start, { scan: fast });
  const bytes = Buffer.from(chunk.buffer, chunk.offset, chunk.length);
  const items: InputItem[] = [];
  // The main thread counted the chunk's records and bad lines: there are no more records than that.
  const hashes = new Uint32Array(2 * chunk.records);
  const ends = new Uint32Array(chunk.records);
  const problems: ChunkProblem[] = [];
  const counts: StatusCounts = { records: 0, allowed: 0, blocked: 0, review: 0, invalid: 0 };
  let stopped = false;
  for (let from = 0; from < bytes.length && !stopped; ) {
    const newline = bytes.indexOf(NEWLINE, from + PIECE_BYTES);
    const end = newline < 0 ? bytes.length : newline + 1;
    stopped = parser.push(bytes.subarray(from, end), items) === 'stop';
    from = end;
    if (!stopped && from === bytes.length && chunk.last) parser.finish(items);
    for (const item of items) {
      if (item.kind === 'error') {
        problems.push({ index: item.source.index, line: item.source.line, message: item.message, fatal: item.fatal === true });
        continue;
      }
      // NDJSON lines are records or problems; nothing in them is skipped.
      if (item.kind !== 'record') continue;
      const at = counts.records;
      if (at === chunk.records) throw new Error('a chunk holds more records than were counted');
      const verdict = item.record instanceof ScannedRecord ? state.checks.checkScanned(item.record) : state.checks.check(item.record);
      if (verdict.id !== null) hashId(verdict.id, hashes, 2 * at);
      counts.records++;
      counts[verdict.status]++;
      const checked = { verdict, source: item.source };
      if (fast) state.toBytes(output, verdictBytes, checked, chunk.resultBase + at);
      else output.utf8(state.formatter.result(checked, chunk.resultBase + at, state.ctx));
      ends[at] = output.written;
    }
    items.length = 0;
  }
  const { lines, index } = parser.position;
  // Encoded here, off the main thread, into buffers handed over (and back, once written).
  const buffers = output.takeAll();
  const transfer = buffers.map((buffer) => buffer.buffer as ArrayBuffer);
  const message: FromWorker = { type: 'checked', id: chunk.id, lines, index, problems, hashes, ends, buffers: transfer, lengths: buffers.map((buffer) => buffer.length), counts, spare: chunk.buffer };
  post(message, [...transfer, hashes.buffer, ends.buffer, chunk.buffer]);
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
  };
  post({ type: 'ready', policySha256: policy.sha256, opening: formatter.start(ready.ctx) });
} catch (error) {
  const { name, message } = error as Error;
  post({ type: 'failed', error: { name, message, blackout: isBlackoutError(error), issues: isPolicyError(error) ? error.issues : undefined } });
}
if (ready) for (const message of early.splice(0)) handle(ready, message);
