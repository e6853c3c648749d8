/**
 * Phrase detectors: word-boundary matching that ignores case and accents,
 * by comparing token sequences. Policies give phrases, never regular
 * expressions, so a policy cannot make matching slow.
 */

/** What a detector found in a record's text. */
export interface DetectorHit {
  readonly category: string;
  readonly phrase: string;
  readonly field: 'title' | 'body';
}

interface Phrase {
  readonly tokens: readonly string[];
  readonly category: number;
  readonly text: string;
  readonly fields: number;
}

const TITLE = 1;
const BODY = 2;
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case, accents stripped, compatibility forms folded: `Élection` and `election` read the same. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

export function tokenize(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** Compiled detectors of a policy, indexed by their first word. */
export class PhraseMatcher {
  readonly #byFirstToken = new Map<string, Phrase[]>();
  readonly #categories: readonly string[];

  constructor(categories: readonly { name: string; detectors?: readonly { phrases: readonly string[]; fields?: readonly ('title' | 'body')[] }[] }[]) {
    this.#categories = categories.map((category) => category.name);
    categories.forEach((category, index) => {
      for (const detector of category.detectors ?? []) {
        const fields = (detector.fields ?? ['title', 'body']).reduce((mask, field) => mask | (field === 'title' ? TITLE : BODY), 0);
        for (const text of detector.phrases) {
          const tokens = tokenize(text);
          const first = tokens[0];
          if (first === undefined) continue;
          const list = this.#byFirstToken.get(first) ?? [];
          list.push({ tokens, category: index, text, fields });
          this.#byFirstToken.set(first, list);
        }
      }
    });
  }

  get isEmpty(): boolean {
    return this.#byFirstToken.size === 0;
  }

  /** Every category suggested by the title or body, at most one hit per category. */
  match(title: string | undefined, body: string | undefined): DetectorHit[] {
    const hits: DetectorHit[] = [];
    const found = new Set<number>();
    this.#scan(title, TITLE, 'title', hits, found);
    this.#scan(body, BODY, 'body', hits, found);
    return hits;
  }

  #scan(text: string | undefined, fieldBit: number, field: 'title' | 'body', hits: DetectorHit[], found: Set<number>): void {
    if (!text) return;
    const tokens = tokenize(text);
    for (let position = 0; position < tokens.length; position++) {
      const candidates = this.#byFirstToken.get(tokens[position]!);
      if (!candidates) continue;
      for (const phrase of candidates) {
        if (found.has(phrase.category) || (phrase.fields & fieldBit) === 0) continue;
        if (phrase.tokens.every((token, offset) => tokens[position + offset] === token)) {
          found.add(phrase.category);
          hits.push({ category: this.#categories[phrase.category]!, phrase: phrase.text, field });
        }
      }
    }
  }
}
