/**
 * Phrase detectors: whole-word matching that ignores case and accents. A
 * policy gives phrases, never regular expressions; they are compiled into a
 * trie walked from each word start, so matching costs at most the text's
 * length times the longest phrase (200 characters by the schema), whatever
 * the policy says.
 */

/** A category's phrase detectors, as a policy gives them. */
export interface DetectorDefinitions {
  readonly name: string;
  readonly detectors?: readonly { readonly phrases: readonly string[]; readonly fields?: readonly ('title' | 'body')[] }[];
}

/** What a detector found in a record's text. */
export interface DetectorHit {
  readonly category: string;
  readonly phrase: string;
  readonly field: 'title' | 'body';
}

interface Terminal {
  readonly category: number;
  readonly phrase: string;
  readonly fields: number;
}

/** A trie node; children in parallel arrays, since most nodes have one or two and a scan beats hashing. */
interface TrieNode {
  readonly codes: number[];
  readonly children: TrieNode[];
  terminals: Terminal[] | undefined;
}

function child(node: TrieNode, code: number): TrieNode | undefined {
  const codes = node.codes;
  for (let index = 0; index < codes.length; index++) if (codes[index] === code) return node.children[index];
  return undefined;
}

function newNode(): TrieNode {
  return { codes: [], children: [], terminals: undefined };
}

const NO_HITS: readonly DetectorHit[] = Object.freeze([]);
const TITLE = 1;
const BODY = 2;
const SPACE = 32;
const WORD_CHARACTER = /^[\p{L}\p{N}]+$/u;
/** What a browser draws as nothing inside a word: a soft hyphen, a zero-width space or joiner, a byte order mark, a mark left alone. */
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{M}]+$/u;
/** The fold of an ignorable character: skipped, neither a letter nor a word boundary (`s\u00adondage` reads `sondage`). */
const IGNORED_FOLD = '\ufffe';
const IGNORED = 0xfffe;
const MARKS = /\p{M}+/gu;

/**
 * What a character reads as: lower case, accents and compatibility forms
 * folded by Unicode normalisation (`É` → `e`, `ﬁ` → `fi`), or '' for anything
 * that is not a letter or digit (a word boundary).
 */
function foldCharacter(character: string): string {
  if (IGNORABLE.test(character)) return IGNORED_FOLD;
  const folded = character.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return WORD_CHARACTER.test(folded) ? folded : '';
}

// Folds of the Latin, Greek and Cyrillic blocks are computed once, when the
// first matcher is built (a few milliseconds: not at start-up, which may need
// no matcher); others on demand. FOLD_CODE holds the folded code unit when a
// character folds to exactly one (0 for a word boundary, MULTIPLE when it
// folds to several), so the scan of ordinary text compares integers and
// allocates nothing.
const TABLE_SIZE = 0x500;
const MULTIPLE = 0xffff;
let FOLDS: string[] = [];
let FOLD_CODE = new Uint16Array(0);
const rareFolds = new Map<number, string>();

function buildFoldTables(): void {
  if (FOLD_CODE.length > 0) return;
  FOLDS = Array.from({ length: TABLE_SIZE }, (_, code) => foldCharacter(String.fromCharCode(code)));
  FOLD_CODE = Uint16Array.from(FOLDS, (folded) => (folded.length === 0 ? 0 : folded.length === 1 ? folded.charCodeAt(0) : MULTIPLE));
}

function foldAt(text: string, index: number): string {
  const code = text.charCodeAt(index);
  if (code < TABLE_SIZE) return FOLDS[code]!;
  let folded = rareFolds.get(code);
  if (folded === undefined) {
    folded = code >= 0xd800 && code <= 0xdfff ? '' : foldCharacter(text[index]!);
    if (rareFolds.size < 10_000) rareFolds.set(code, folded);
  }
  return folded;
}

/** The folded code unit at `index`: 0 at a word boundary, MULTIPLE when the fold is longer. */
function foldCodeAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < TABLE_SIZE) return FOLD_CODE[code]!;
  const folded = foldAt(text, index);
  return folded.length === 0 ? 0 : folded.length === 1 ? folded.charCodeAt(0) : MULTIPLE;
}

/** A phrase as the trie spells it: folded words joined by one space. */
function foldPhrase(phrase: string): string {
  let result = '';
  let pendingSpace = false;
  for (let index = 0; index < phrase.length; index++) {
    const folded = foldAt(phrase, index);
    if (folded === IGNORED_FOLD) continue;
    if (folded === '') {
      pendingSpace = result.length > 0;
      continue;
    }
    if (pendingSpace) result += ' ';
    pendingSpace = false;
    result += folded;
  }
  return result;
}

const HAS_MARK = /\p{M}/u;

/** Decomposed text (`e` + U+0301, as macOS writes it) composed first: a mark on its own would read as a word boundary. */
function composed(text: string): string {
  return HAS_MARK.test(text) ? text.normalize('NFC') : text;
}

const ANCHOR_LENGTH = 4;
const MAX_ANCHORS = 256;
/** Bounds the greedy choice of anchors to some ten million steps. */
const MAX_WORDS = 40_000;

/**
 * Few anchors that between them find every phrase: each the beginning (up to
 * ANCHOR_LENGTH letters) of one word of a folded phrase, since a phrase is
 * found only where all its words are. Chosen greedily, the beginning shared
 * by most phrases not yet found first, the longer on a tie (short words are
 * everywhere): the prefilter's cost grows with the number of anchors, and
 * many phrases share a word ("votez pour", "appel à voter", "intention de vote").
 * Past MAX_WORDS in all, the choice would take long: first words serve.
 */
function anchorsOf(spellings: readonly string[]): string[] {
  const phrasesByAnchor = new Map<string, Set<number>>();
  let words = 0;
  spellings.forEach((spelling, phrase) => {
    for (const word of spelling.split(' ')) {
      const anchor = word.slice(0, ANCHOR_LENGTH);
      (phrasesByAnchor.get(anchor) ?? phrasesByAnchor.set(anchor, new Set()).get(anchor)!).add(phrase);
      words++;
    }
  });
  if (words > MAX_WORDS) return [...new Set(spellings.map((spelling) => spelling.split(' ')[0]!.slice(0, ANCHOR_LENGTH)))];
  const unfound = new Set(spellings.keys());
  const anchors: string[] = [];
  while (unfound.size > 0 && anchors.length <= MAX_ANCHORS) {
    let best = '';
    let bestCount = 0;
    for (const [anchor, phrases] of phrasesByAnchor) {
      let count = 0;
      for (const phrase of phrases) if (unfound.has(phrase)) count++;
      if (count > bestCount || (count === bestCount && count > 0 && anchor.length > best.length)) [best, bestCount] = [anchor, count];
    }
    anchors.push(best);
    for (const phrase of phrasesByAnchor.get(best)!) unfound.delete(phrase);
  }
  return anchors;
}

/**
 * A regular expression that finds every text the scan could match in, and
 * few others: an anchor, spelled with every character that folds to each of
 * its letters, or any character whose fold the table cannot spell that way
 * (beyond the table, folding to several letters, or a mark). It is built by
 * the matcher from folded phrases, never taken from a policy, and has no
 * quantifier, so it runs in linear time; too many anchors and it is skipped.
 */
function prefilterOf(anchors: readonly string[]): RegExp | undefined {
  if (anchors.length === 0 || anchors.length > MAX_ANCHORS) return undefined;
  const spellings = new Map<number, string[]>();
  const unsure: string[] = [];
  for (let code = 0; code < TABLE_SIZE; code++) {
    const fold = FOLD_CODE[code]!;
    const escaped = `\\u${code.toString(16).padStart(4, '0')}`;
    // A character that folds to several, or to nothing inside a word, may stand in an anchor's spelling: the text is scanned.
    if (fold === MULTIPLE || fold === IGNORED) unsure.push(escaped);
    else if (fold !== 0) (spellings.get(fold) ?? spellings.set(fold, []).get(fold)!).push(escaped);
  }
  const alternatives = anchors.map((anchor) =>
    Array.from(anchor, (letter) => `[${(spellings.get(letter.charCodeAt(0)) ?? [`\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`]).join('')}]`).join(''),
  );
  return new RegExp(`[^\\u0000-\\u${(TABLE_SIZE - 1).toString(16).padStart(4, '0')}]${unsure.length > 0 ? `|[${unsure.join('')}]` : ''}|${alternatives.join('|')}`);
}

function pairHash(first: number, second: number): number {
  return (Math.imul(first, 31) ^ second) & 0xffff;
}

/**
 * Compiled detectors of a policy. The phrases are compiled into the trie on
 * the first text to match: a check of records without text never pays for it.
 */
export class PhraseMatcher {
  /** What the matcher was built from, so a compiled policy can be stored and rebuilt. */
  readonly definitions: readonly DetectorDefinitions[];
  #phrases: Phrases | undefined;

  constructor(categories: readonly DetectorDefinitions[]) {
    this.definitions = categories;
  }

  /** Every category suggested by the title or body, at most one hit per category, title first. */
  match(title: string | undefined, body: string | undefined): readonly DetectorHit[] {
    if (!title && !body) return NO_HITS;
    return (this.#phrases ??= new Phrases(this.definitions)).match(title, body);
  }
}

/** The phrases of every detector in one trie. */
class Phrases {
  readonly #root: TrieNode = newNode();
  readonly #categories: readonly string[];
  /** Code units that start some phrase: most words are ruled out with one array read. */
  readonly #firstCodes = new Uint8Array(0x10000);
  /** Hashes of the first two code units of each phrase: most of the remaining words are ruled out too. */
  readonly #firstPairs = new Uint8Array(0x10000);
  #empty = true;
  /** Every phrase as the trie spells it, for the prefilter's anchors. */
  readonly #spellings: string[] = [];
  #prefilter: RegExp | undefined;

  constructor(categories: readonly DetectorDefinitions[]) {
    buildFoldTables();
    this.#categories = categories.map((category) => category.name);
    categories.forEach((category, index) => {
      for (const detector of category.detectors ?? []) {
        const fields = (detector.fields ?? ['title', 'body']).reduce((mask, field) => mask | (field === 'title' ? TITLE : BODY), 0);
        for (const phrase of detector.phrases) this.#add(foldPhrase(phrase), { category: index, phrase, fields });
      }
    });
    this.#prefilter = prefilterOf(anchorsOf(this.#spellings));
  }

  #add(spelling: string, terminal: Terminal): void {
    if (spelling === '') return;
    let node = this.#root;
    for (let index = 0; index < spelling.length; index++) {
      const code = spelling.charCodeAt(index);
      let next = child(node, code);
      if (!next) {
        next = newNode();
        node.codes.push(code);
        node.children.push(next);
      }
      node = next;
    }
    (node.terminals ??= []).push(terminal);
    this.#firstCodes[spelling.charCodeAt(0)] = 1;
    this.#firstPairs[pairHash(spelling.charCodeAt(0), spelling.length > 1 ? spelling.charCodeAt(1) : 0)] = 1;
    this.#spellings.push(spelling);
    this.#empty = false;
  }

  match(title: string | undefined, body: string | undefined): readonly DetectorHit[] {
    if (this.#empty) return NO_HITS;
    const hits: DetectorHit[] = [];
    const prefilter = this.#prefilter;
    if (title && (!prefilter || prefilter.test(title))) this.#scan(composed(title), TITLE, 'title', hits);
    if (body && (!prefilter || prefilter.test(body))) this.#scan(composed(body), BODY, 'body', hits);
    return hits.length === 0 ? NO_HITS : hits;
  }

  #scan(text: string, fieldBit: number, field: 'title' | 'body', hits: DetectorHit[]): void {
    const firsts = this.#firstCodes;
    let previousIsWord = false;
    for (let start = 0; start < text.length; start++) {
      const raw = text.charCodeAt(start);
      const code = raw < TABLE_SIZE ? FOLD_CODE[raw]! : foldCodeAt(text, start);
      if (code === 0) {
        previousIsWord = false;
        continue;
      }
      if (code === IGNORED) continue;
      if (!previousIsWord && (code === MULTIPLE || (firsts[code] === 1 && this.#mayStartPhrase(text, start, code)))) this.#walk(text, start, fieldBit, field, hits);
      previousIsWord = true;
    }
  }

  #mayStartPhrase(text: string, start: number, code: number): boolean {
    const next = start + 1 < text.length ? foldCodeAt(text, start + 1) : 0;
    return next === MULTIPLE || next === IGNORED || this.#firstPairs[pairHash(code, next === 0 ? SPACE : next)] === 1 || this.#firstPairs[pairHash(code, 0)] === 1;
  }

  /** Follows the trie from a word start; a phrase counts only where a word ends. */
  #walk(text: string, start: number, fieldBit: number, field: 'title' | 'body', hits: DetectorHit[]): void {
    let node: TrieNode | undefined = this.#root;
    let index = start;
    while (node) {
      const code = index < text.length ? foldCodeAt(text, index) : 0;
      if (code === IGNORED) {
        index++;
        continue;
      }
      if (code === 0) {
        if (node.terminals) this.#record(node.terminals, fieldBit, field, hits);
        if (index >= text.length) return;
        while (index < text.length && foldCodeAt(text, index) === 0) index++;
        node = child(node, SPACE);
        continue;
      }
      if (code === MULTIPLE) {
        const folded = foldAt(text, index);
        for (let offset = 0; offset < folded.length && node; offset++) node = child(node, folded.charCodeAt(offset));
      } else {
        node = child(node, code);
      }
      index++;
    }
  }

  #record(terminals: readonly Terminal[], fieldBit: number, field: 'title' | 'body', hits: DetectorHit[]): void {
    for (const terminal of terminals) {
      if ((terminal.fields & fieldBit) === 0) continue;
      const category = this.#categories[terminal.category]!;
      if (hits.some((hit) => hit.category === category)) continue;
      hits.push({ category, phrase: terminal.phrase, field });
    }
  }
}
