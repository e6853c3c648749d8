/** A 32-bit hash of a group's name (FNV-1a), to pass to {@link NameSet.add}. */
export function groupHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < name.length; at++) hash = Math.imul(hash ^ name.charCodeAt(at), 0x01000193);
  return hash >>> 0;
}

/**
 * The names a report has given, as 64-bit hashes (two 32-bit FNV-1a hashes
 * of different seeds) in an open-addressing table: some 16 bytes a name
 * whatever its length, so a JUnit report of a million records does not keep
 * a million strings. Two names taken for one (a chance of about n²/2^65) only
 * cost a name a needless suffix: a name never repeats.
 */
export class NameSet {
  /** Pairs of hashes; (0, 0) marks a free slot (a hash of 0 is nudged to 1). */
  #slots = new Uint32Array(2 * 256);
  #size = 0;

  /** Adds `name` within a group (`group`: a number that tells groups apart, such as a hash of their name); false when it (or a name with the same hash) was there already. */
  add(name: string, group = 0): boolean {
    let high = 0x811c9dc5 ^ group;
    let low = Math.imul(0x01000193 ^ group, 0x5bd1e995);
    for (let at = 0; at < name.length; at++) {
      const code = name.charCodeAt(at);
      high = Math.imul(high ^ code, 0x01000193);
      low = Math.imul(low ^ code, 0x0100019d) ^ (low >>> 15);
    }
    if ((this.#size + 1) * 4 > (this.#slots.length / 2) * 3) this.#grow();
    return this.#insert(high >>> 0 || 1, low >>> 0 || 1);
  }

  #insert(high: number, low: number): boolean {
    const slots = this.#slots;
    const mask = slots.length / 2 - 1;
    for (let slot = (high ^ Math.imul(low, 0x27d4eb2d)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 2;
      if (slots[at] === 0) {
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
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.#insert(old[at]!, old[at + 1]!);
  }
}
