/**
 * The ids seen in a streamed check, for the contract's "unique within one
 * batch", in 11 to 21 bytes an id whatever its length: a million-record file
 * must not keep a million strings. Ids are kept as 64-bit hashes, so two
 * different ids are taken for the same with a chance of about n²/2^65
 * (1 in 10 million for 2 million ids); the message says "appears earlier".
 */
export class IdSet {
  /** Pairs of 32-bit hashes; (0, 0) marks a free slot. */
  #slots = new Uint32Array(2 * 1024);
  #size = 0;

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    hashId(id, HASH, 0);
    return this.addHash(HASH[0]!, HASH[1]!);
  }

  /** Adds an id by its hash (from {@link hashId}, made where the id was); false when it was already there. */
  addHash(high: number, low: number): boolean {
    // Three quarters full at most: probes stay short, and 2 million ids fit in 32 MB.
    if ((this.#size + 1) * 4 > (this.#slots.length / 2) * 3) this.#grow();
    return this.#insert(high, low);
  }

  #insert(high: number, low: number): boolean {
    const slots = this.#slots;
    const mask = slots.length / 2 - 1;
    for (let slot = (high ^ Math.imul(low, 0x27d4eb2d)) & mask; ; slot = (slot + 1) & mask) {
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

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#size = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.#insert(old[at]!, old[at + 1]!);
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
