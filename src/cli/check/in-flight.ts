/**
 * What the threads of a parallel check hold for the main thread: chunks
 * handed out and not yet written, and their records. A chunk's output waits
 * to be written in input order, and grows with its records, not its bytes:
 * 512 KiB of 17-byte lines are 30,000 records and 8.6 MB of output. So
 * records in flight are capped as well as chunks; the cap binds only on such
 * short lines.
 */
export class InFlight {
  readonly #maxChunks: number;
  readonly #maxRecords: number;
  #chunks = 0;
  #records = 0;

  constructor(maxChunks: number, maxRecords: number) {
    this.#maxChunks = maxChunks;
    this.#maxRecords = maxRecords;
  }

  /** True when another chunk may be handed out. */
  get room(): boolean {
    return this.#chunks < this.#maxChunks && this.#records < this.#maxRecords;
  }

  /** A chunk handed out. */
  sent(): void {
    this.#chunks++;
  }

  /** A chunk checked (again, after a reparse: `before` is what its last check counted). */
  checked(records: number, before = 0): void {
    this.#records += records - before;
  }

  /** A chunk written or dropped, with the records its last check counted. */
  done(records: number): void {
    this.#chunks--;
    this.#records -= records;
  }
}
