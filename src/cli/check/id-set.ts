/**
 * The ids seen in a streamed check, for the contract's "unique within one
 * batch", in 11 to 21 bytes an id whatever its length: a million-record file
 * must not keep a million strings. Ids are kept as 64-bit hashes, so two
 * different ids are taken for the same with a chance of about n²/2^65
 * (1 in 10 million for 2 million ids); the message says "appears earlier".
 *
 * The table grows in place, in a resizable buffer: a grown table leaves no
 * old one behind for the garbage collector, which a main thread that hands
 * its work to workers may not run for the rest of the check.
 */
export class IdSet {
  /** Pairs of 32-bit hashes, (0, 0) for a free slot: `#capacity` home slots, then room for probes that run past the last. */
  #buffer: ArrayBuffer;
  #slots: Uint32Array;
  #capacity = 1024;
  #size = 0;
  readonly #reserve: number;

  /** `reserve`: bytes the table may grow to in place; past them, it is copied into a larger buffer. */
  constructor(reserve = DEFAULT_RESERVE) {
    this.#reserve = reserve;
    this.#buffer = newBuffer((this.#capacity + OVERFLOW) * SLOT_BYTES, reserve);
    this.#slots = new Uint32Array(this.#buffer);
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    hashId(id, HASH, 0);
    return this.addHash(HASH[0]!, HASH[1]!);
  }

  /** Adds an id by its hash (from {@link hashId}, made where the id was); false when it was already there. */
  addHash(high: number, low: number): boolean {
    // Three quarters full at most: probes stay short, and 2 million ids fit in 32 MB.
    if ((this.#size + 1) * 4 > this.#capacity * 3) this.#grow();
    return this.#insert(high, low);
  }

  /** Linear probing that never wraps: past the last slot, the table is extended. */
  #insert(high: number, low: number): boolean {
    for (let slot = (high ^ Math.imul(low, 0x27d4eb2d)) & (this.#capacity - 1); ; slot++) {
      if (slot * 2 === this.#slots.length) this.#resize(this.#slots.length * 4 + OVERFLOW * SLOT_BYTES);
      const slots = this.#slots;
      const at = slot * 2;
      if (slots[at + 1] === 0) {
        slots[at] = high;
        slots[at + 1] = low;
        this.#size++;
        return true;
      }
      if (slots[at] === high && slots[at + 1] === low) return false;
    }
  }

  /**
   * Doubles the home slots in place. An id's new home is its old one or that
   * plus the old capacity: taken in slot order, each id goes back at or before
   * its old slot, or into the new upper half, never past an id not yet moved.
   * Ids that had run past the last home slot are set aside first, then put back.
   */
  #grow(): void {
    const old = this.#capacity;
    const spilled: number[] = [];
    for (let at = old * 2; at < this.#slots.length; at += 2) {
      if (this.#slots[at + 1] !== 0) spilled.push(this.#slots[at]!, this.#slots[at + 1]!);
      this.#slots[at] = 0;
      this.#slots[at + 1] = 0;
    }
    this.#capacity = old * 2;
    this.#resize(Math.max(this.#slots.length * 4, (this.#capacity + OVERFLOW) * SLOT_BYTES));
    this.#size = 0;
    for (let slot = 0; slot < old; slot++) {
      const slots = this.#slots;
      const at = slot * 2;
      if (slots[at + 1] === 0) continue;
      const high = slots[at]!;
      const low = slots[at + 1]!;
      slots[at] = 0;
      slots[at + 1] = 0;
      this.#insert(high, low);
    }
    for (let at = 0; at < spilled.length; at += 2) this.#insert(spilled[at]!, spilled[at + 1]!);
  }

  /** Makes the table `bytes` long; new slots are free. */
  #resize(bytes: number): void {
    if (this.#buffer.resizable && bytes <= this.#buffer.maxByteLength) this.#buffer.resize(bytes);
    else {
      const larger = newBuffer(bytes, Math.max(this.#reserve, bytes * 2));
      new Uint32Array(larger).set(this.#slots);
      this.#buffer = larger;
    }
    this.#slots = new Uint32Array(this.#buffer);
  }
}

const SLOT_BYTES = 8;
/** Room past the last home slot, added to as probes need it. */
const OVERFLOW = 64;
/** Address space, not memory: only the slots in use are ever touched. */
const DEFAULT_RESERVE = 2 ** 31;

/** A buffer that can grow in place up to `reserve` bytes, or a plain one where address space is short. */
function newBuffer(bytes: number, reserve: number): ArrayBuffer {
  try {
    return new ArrayBuffer(bytes, { maxByteLength: Math.max(bytes, reserve) });
  } catch {
    return new ArrayBuffer(bytes);
  }
}

const HASH = new Uint32Array(2);

/** Writes the 64-bit hash of `id` as two 32-bit halves at `into[at]` and `into[at + 1]`; never (0, 0). */
export function hashId(id: string, into: Uint32Array, at: number): void {
  let high = 0x811c9dc5;
  let low = 0x9747b28c;
  for (let index = 0; index < id.length; index++) {
    const code = id.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code, 0x5bd1e995);
    low ^= low >>> 15;
  }
  into[at] = high >>> 0;
  // Never (0, 0): that marks a free slot, and a record without id.
  into[at + 1] = (low | 1) >>> 0;
}
