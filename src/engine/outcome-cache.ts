/**
 * Where the checker keeps what the rules said of records alike (engine/checker.ts
 * shares one outcome between every record of a key, in a timeline segment and
 * a language). Apart from the checker, so its bounds are tested on their own.
 */

/** Marks a key seen once: its outcome is kept only when it comes again. */
const SEEN_ONCE = 0;

/**
 * Outcomes per language, timeline segment and record key; bounded,
 * emptied when full. An outcome is kept the second time its key comes: a
 * stream of records that never repeat (an archive over years) then builds
 * nothing that outlives the check, which keeps the heap flat.
 */
export class OutcomeCache<T extends object> {
  readonly segments: number;
  readonly byLang = new Map<string, (Map<number, T | typeof SEEN_ONCE> | undefined)[]>();
  /** The last language asked for and its table: callers rarely switch. */
  lang = '';
  bySegment: (Map<number, T | typeof SEEN_ONCE> | undefined)[] = [];
  /** Outcomes whose key is text (the checker's keys too long for a number). */
  readonly byText = new Map<string, T | typeof SEEN_ONCE>();
  size = 0;
  /** Keys remembered, seen once or with their outcome: what bounds the memory. */
  readonly maxEntries: number;

  constructor(segments: number, maxEntries: number) {
    this.segments = segments;
    this.maxEntries = maxEntries;
  }

  get(lang: string, segment: number, key: number): T | undefined {
    const bySegment = lang === this.lang ? this.bySegment : this.select(lang);
    const found = bySegment[segment]?.get(key);
    return found === SEEN_ONCE ? undefined : found;
  }

  set(lang: string, segment: number, key: number, outcome: T): void {
    this.#makeRoom();
    const bySegment = lang === this.lang ? this.bySegment : this.select(lang);
    const outcomes = (bySegment[segment] ??= new Map());
    if (outcomes.has(key)) outcomes.set(key, outcome);
    else {
      outcomes.set(key, SEEN_ONCE);
      this.size++;
    }
  }

  getByText(key: string): T | undefined {
    const found = this.byText.get(key);
    return found === SEEN_ONCE ? undefined : found;
  }

  setByText(key: string, outcome: T): void {
    this.#makeRoom();
    if (this.byText.has(key)) this.byText.set(key, outcome);
    else {
      this.byText.set(key, SEEN_ONCE);
      this.size++;
    }
  }

  #makeRoom(): void {
    if (this.size < this.maxEntries) return;
    this.byLang.clear();
    this.byText.clear();
    this.lang = '';
    this.size = 0;
  }

  select(lang: string): (Map<number, T | typeof SEEN_ONCE> | undefined)[] {
    let bySegment = this.byLang.get(lang);
    if (!bySegment) this.byLang.set(lang, (bySegment = new Array<Map<number, T | typeof SEEN_ONCE> | undefined>(this.segments).fill(undefined)));
    this.lang = lang;
    this.bySegment = bySegment;
    return bySegment;
  }
}
