/** How output bytes are written: a promise when the output must catch up first; `written` once the bytes may be reused. */
type Write = (bytes: Uint8Array, written: () => void) => Promise<void> | undefined;

/**
 * Output buffers handed to a slow output a group at a time, while checking
 * goes on: a thread that waited for the output after each buffer would wait a
 * trip through the event loop (and the write) each time. Up to `max` buffers
 * wait here while the output catches up; past them, {@link push} waits.
 */
export class WriteBehind {
  readonly #write: Write;
  readonly #written: (buffer: Uint8Array) => () => void;
  readonly #max: number;
  #queue: Uint8Array[] = [];
  #pumping = false;
  #failure: { readonly error: unknown } | undefined;
  #wake: (() => void) | undefined;

  constructor(write: Write, written: (buffer: Uint8Array) => () => void, max: number) {
    this.#write = write;
    this.#written = written;
    this.#max = max;
  }

  /** Queues a buffer for the output; waits only when `max` are queued already. */
  async push(buffer: Uint8Array): Promise<void> {
    this.#check();
    this.#queue.push(buffer);
    if (!this.#pumping) void this.#pump();
    while (this.#queue.length > this.#max) await this.#changed();
    this.#check();
  }

  /** Waits until every buffer queued is handed to the output and the output has caught up. */
  async drain(): Promise<void> {
    while (this.#pumping || this.#queue.length > 0) await this.#changed();
    this.#check();
  }

  #check(): void {
    if (this.#failure) throw this.#failure.error;
  }

  #changed(): Promise<void> {
    return new Promise<void>((resolve) => (this.#wake = resolve));
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Hands every queued buffer to the output at once, then waits for it to catch up, while buffers come. */
  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue;
        this.#queue = [];
        let waiting: Promise<void> | undefined;
        for (const buffer of group) {
          const next = this.#write(buffer, this.#written(buffer));
          if (next === undefined) continue;
          // One catch-up is enough: every earlier promise settles with the last.
          waiting?.catch(() => {});
          waiting = next;
        }
        this.#notify();
        if (waiting) await waiting;
      }
    } catch (error) {
      this.#failure ??= { error };
      this.#queue = [];
    } finally {
      this.#pumping = false;
      this.#notify();
    }
  }
}
