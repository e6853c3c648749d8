/**
 * Checks a chunk of NDJSON lines where it stands in the input (see
 * parallel-check.ts): parsed with the reader's own parser, checked with the
 * CLI's own checker, written with the report's own formatter. Run by every
 * check worker, and by the main thread, which checks chunks too.
 */
import type { CompiledPolicy } from '../../compile/compiled.js';
import type { InputItem } from '../../records/input-item.js';
import { NdjsonParser, type ParserStart } from '../../records/formats/read-ndjson.js';
import { ScannedRecord } from '../../records/formats/scan-record.js';
import { pieceEnd } from '../../records/formats/file-chunks.js';
import type { FormatContext, StreamFormatter } from '../../report/format.js';
import { json } from '../../report/json.js';
import { ndjson } from '../../report/ndjson.js';
import { ByteOutput, recordBytes, VerdictBytes, type RecordBytes } from '../../report/verdict-bytes.js';
import { hashId } from './id-set.js';
import { fastPaths, formatContext, recordChecker, type CheckSetup, type RecordCheck } from './check-setup.js';
import type { ChunkPlace, ChunkProblem, StatusCounts } from './worker-messages.js';


/** A chunk checked: where its parser ended, its bad lines, its records' id hashes and output. */
export interface CheckedChunk {
  /** Newlines and records and bad lines up to the chunk's end (or where the parser stopped), as its parser counted them. */
  readonly lines: number;
  readonly index: number;
  readonly problems: readonly ChunkProblem[];
  /** Per record, the 64-bit hash of its id as two halves ((0, 0) when it has none), and where its text ends in the output. */
  readonly hashes: Uint32Array;
  readonly ends: Uint32Array;
  /** The records' output, in as many buffers as it took. */
  readonly buffers: Buffer[];
  readonly counts: StatusCounts;
}

/**
 * Bytes of an output buffer. A chunk's output goes in as many as it needs,
 * rather than in one that grows: a chunk of short records can make megabytes
 * of output, and a grown buffer, kept for reuse, would hold that much forever.
 */
const OUTPUT_BYTES = 256 * 1024;
/** Output buffers written and handed back: reused, rather than left for the garbage collector. */
const MAX_SPARE_OUTPUTS = 8;
/** The formats chunks are checked for, imported alone: a worker starts sooner without the other formatters. */
const FORMATS: Readonly<Record<string, StreamFormatter>> = { json, ndjson };

export class ChunkChecker {
  readonly formatter: StreamFormatter;
  readonly ctx: FormatContext;
  readonly #checks: RecordCheck;
  readonly #toBytes: RecordBytes;
  readonly #fast: boolean;
  readonly #setup: CheckSetup;
  readonly #verdictBytes = new VerdictBytes();
  readonly #spare: ArrayBuffer[] = [];
  /** Every output buffer is a whole ArrayBuffer of OUTPUT_BYTES, handed on with what was written of it. */
  readonly #output = new ByteOutput(() => Buffer.from(this.#spare.pop() ?? new ArrayBuffer(OUTPUT_BYTES)));

  constructor(setup: CheckSetup, policy: CompiledPolicy) {
    const formatter = Object.hasOwn(FORMATS, setup.format) ? FORMATS[setup.format] : undefined;
    const toBytes = recordBytes(setup.format);
    // Workers write the streamed formats whose records' texts need no separator (each record writes one line) only.
    if (formatter === undefined || formatter.separator !== undefined || toBytes === undefined) throw new Error(`${setup.format} is not a format workers write`);
    this.formatter = formatter;
    this.#toBytes = toBytes;
    this.#setup = setup;
    this.#fast = fastPaths(setup);
    this.#checks = recordChecker(policy, setup);
    this.ctx = formatContext(policy, setup);
  }

  /** An output buffer written, for a later output. */
  recycle(buffer: ArrayBuffer): void {
    if (this.#spare.length < MAX_SPARE_OUTPUTS && buffer.byteLength === OUTPUT_BYTES) this.#spare.push(buffer);
  }

  /** Parses, checks and writes a chunk where it stands in the input. */
  check(bytes: Buffer, chunk: ChunkPlace): CheckedChunk {
    const { maxRecordBytes, lang } = this.#setup;
    const start: ParserStart = { opensInput: chunk.first, sniff: false, binaryLines: chunk.binaryLinesBefore, lines: chunk.lineBase, index: chunk.indexBase };
    const parser = new NdjsonParser(chunk.file, maxRecordBytes, lang, start, { scan: this.#fast });
    const output = this.#output;
    const items: InputItem[] = [];
    // The main thread counted the chunk's records and bad lines: there are no more records than that.
    const hashes = new Uint32Array(2 * chunk.records);
    const ends = new Uint32Array(chunk.records);
    const problems: ChunkProblem[] = [];
    const counts: StatusCounts = { records: 0, allowed: 0, blocked: 0, review: 0, invalid: 0 };
    let stopped = false;
    for (let from = 0; from < bytes.length && !stopped; ) {
      const end = pieceEnd(bytes, from);
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
        const verdict = item.record instanceof ScannedRecord ? this.#checks.checkScanned(item.record) : this.#checks.check(item.record);
        if (verdict.id !== null) hashId(verdict.id, hashes, 2 * at);
        counts.records++;
        counts[verdict.status]++;
        const checked = { verdict, source: item.source };
        if (this.#fast) this.#toBytes(output, this.#verdictBytes, checked, chunk.resultBase + at);
        else output.utf8(this.formatter.result(checked, chunk.resultBase + at, this.ctx));
        ends[at] = output.written;
      }
      items.length = 0;
    }
    const { lines, index } = parser.position;
    return { lines, index, problems, hashes, ends, buffers: output.takeAll(), counts };
  }
}
