/**
 * The native prefilter in front of the phrase scan (src/compile/detectors.ts):
 * it may only skip texts the scan would find nothing in. Two matchers are
 * compared: one with the prefilter, and one built from the same phrases plus
 * 300 inert ones, more anchors than the prefilter is built for, so every text
 * is scanned. Both are also compared with a reference matcher written here:
 * NFKD, marks stripped, lower case, words split on anything that is not a
 * letter or digit, phrases matched as word sequences.
 *
 * Known differences between the engine and the reference, reported to the
 * lead rather than tested here (they are the scan's, not the prefilter's):
 * characters a browser draws as nothing inside a word (soft hyphen,
 * zero-width space or joiner, a mark left alone) are skipped by the scan, as
 * a reader sees the word whole, where the reference splits on them; an upper-case Greek
 * final sigma (Σ) folds to σ, not ς; astral letters (𝐬𝐨𝐧𝐝𝐚𝐠𝐞) read as
 * boundaries; characters whose compatibility form mixes letters or digits
 * with punctuation (ŀ → l·, ½ → 1⁄2) read as one boundary. The reference
 * fuzz leaves those characters out; the prefilter-on/off fuzz keeps them all.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { random } from '../../bench/records.mjs';
import { PhraseMatcher, type DetectorHit } from '../../src/compile/detectors.js';
import { frenchPolicy } from '../helpers/policies.js';

type Field = 'title' | 'body';
interface CategorySpec {
  readonly name: string;
  readonly detectors?: readonly { readonly phrases: readonly string[]; readonly fields?: readonly Field[] }[];
}

interface FrenchYaml {
  categories: Record<string, { detectors?: { phrases: string[]; fields?: Field[] }[] }>;
}

const french = parse(readFileSync('policies/fr/code-electoral.yaml', 'utf8')) as FrenchYaml;
const FRENCH_CATEGORIES: CategorySpec[] = Object.entries(french.categories).map(([name, category]) => ({ name, ...(category.detectors ? { detectors: category.detectors } : {}) }));

const EXTRA_PHRASES = ['straße', 'vœux', 'ijssel', 'ﬁnale', 'δημοσκόπηση', 'опрос', 'выборы', '2e tour', 'l’élection', 'Ĳzer', 'über', 'nœud gordien'];
const CATEGORIES: CategorySpec[] = [
  ...FRENCH_CATEGORIES,
  { name: 'extra', detectors: [{ phrases: EXTRA_PHRASES }] },
  { name: 'headline', detectors: [{ phrases: ['breaking', 'à la une'], fields: ['title'] }] },
  { name: 'footer', detectors: [{ phrases: ['fin du direct'], fields: ['body'] }] },
];
const INERT = 'zz-inert';
/** 300 phrases with distinct four-letter anchors that no generated text contains ("q" never appears in one). */
const INERT_CATEGORY: CategorySpec = { name: INERT, detectors: [{ phrases: Array.from({ length: 300 }, (_, index) => `q${index.toString(36).padStart(3, '0')}`) }] };

const withPrefilter = new PhraseMatcher(CATEGORIES);
const withoutPrefilter = new PhraseMatcher([...CATEGORIES, INERT_CATEGORY]);

function scanned(title: string | undefined, body: string | undefined): readonly DetectorHit[] {
  return withoutPrefilter.match(title, body).filter((hit) => hit.category !== INERT);
}

// ---------------------------------------------------------------------------
// The reference matcher.

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

interface ReferencePhrase {
  readonly category: string;
  readonly phrase: string;
  readonly words: readonly string[];
  readonly fields: readonly Field[];
  /** Folded length, then policy order: the order hits at one position are found in. */
  readonly length: number;
  readonly order: number;
}

const compiledReferences = new WeakMap<readonly CategorySpec[], Map<string, ReferencePhrase[]>>();

/** Phrases by their first folded word, each list sorted shorter first, then in policy order. */
function referencePhrases(categories: readonly CategorySpec[]): Map<string, ReferencePhrase[]> {
  let byFirstWord = compiledReferences.get(categories);
  if (byFirstWord) return byFirstWord;
  byFirstWord = new Map();
  let order = 0;
  for (const category of categories) {
    for (const detector of category.detectors ?? []) {
      for (const phrase of detector.phrases) {
        const phraseWords = words(phrase);
        if (phraseWords.length === 0) continue;
        const entry = { category: category.name, phrase, words: phraseWords, fields: detector.fields ?? ['title', 'body'], length: phraseWords.join(' ').length, order: order++ };
        (byFirstWord.get(phraseWords[0]!) ?? byFirstWord.set(phraseWords[0]!, []).get(phraseWords[0]!)!).push(entry);
      }
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => a.length - b.length || a.order - b.order);
  compiledReferences.set(categories, byFirstWord);
  return byFirstWord;
}

/** Every category suggested, one hit per category, title first, then by position, shorter phrase first, then policy order. */
function reference(categories: readonly CategorySpec[], title: string | undefined, body: string | undefined): DetectorHit[] {
  const byFirstWord = referencePhrases(categories);
  const hits: DetectorHit[] = [];
  for (const [field, text] of [
    ['title', title],
    ['body', body],
  ] as const) {
    if (!text) continue;
    const textWords = words(text);
    for (let start = 0; start < textWords.length; start++) {
      for (const phrase of byFirstWord.get(textWords[start]!) ?? []) {
        if (!phrase.fields.includes(field) || !phrase.words.every((word, index) => textWords[start + index] === word)) continue;
        if (!hits.some((hit) => hit.category === phrase.category)) hits.push({ category: phrase.category, phrase: phrase.phrase, field });
      }
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------
// Text generation.

/** Characters of the prefilter's table (U+0000..U+04FF) and a few beyond, by the one letter they fold to. */
function spellingsByLetter(includeDivergent: boolean): Map<string, string[]> {
  const byLetter = new Map<string, string[]>();
  const add = (character: string) => {
    const folded = character.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded.length !== 1 || !/[\p{L}\p{N}]/u.test(folded)) return;
    (byLetter.get(folded) ?? byLetter.set(folded, []).get(folded)!).push(character);
  };
  for (let code = 0; code < 0x500; code++) {
    // Σ and ς: an upper-case final sigma folds differently in the engine (per character) and in the reference (per string).
    if (!includeDivergent && (code === 0x3a3 || code === 0x3c2)) continue;
    add(String.fromCharCode(code));
  }
  for (let code = 0xff10; code <= 0xff5a; code++) add(String.fromCharCode(code)); // fullwidth
  for (let code = 0x24b6; code <= 0x24e9; code++) add(String.fromCharCode(code)); // circled letters
  for (const compatibility of ['ſ', 'ª', 'º', '²', 'ᴬ', 'ₐ', 'K', 'Å']) add(compatibility);
  if (includeDivergent) for (const astral of ['𝐬', '𝐨', '𝐧', '𝐝', '𝐚', '𝐠', '𝐞', '𝔰', '𝕤']) add(astral);
  return byLetter;
}

const SEPARATORS = [' ', ' ', ' ', '  ', '-', '’', "'", ', ', '. ', '\n', '\u00a0', '_', '/', '«\u00a0', '\u00a0»', '…', '🗳️', '😀', '\u2014', '\t'];
const NOISE_WORDS = ['le', 'la', 'des', 'Macron', 'Élysée', 'ÉLECTIONS', 'Straße', 'STRASSE', 'voeux', 'œuvre', 'Москва', 'ψηφοφορία', 'ΔΗΜΟΣΚΟΠΗΣΗ', 'ﬂux', 'ﬃ', 'Ĳ', 'ǅ', 'ĳssel', 'İstanbul', 'ıi', '選挙', 'انتخابات', '선거', '12', '²', 'ª', 'sondageurs', 'xsondage', 'pour', 'vote', 'de', 'exit', 'intentions', 'première', 'résultats'];
const DIVERGENT_NOISE = ['\u0301', '\u0308', '\u0327', '\u20d7', '\ufe0f', 'ΕΚΛΟΓΈΣ', 'Σ', 'ς', '𝐬𝐨𝐧𝐝𝐚𝐠𝐞', 'coŀlegi', '½', '\ud800', '\udc00', '\u1dc0'];

function makeTexts(seed: number, count: number, includeDivergent: boolean): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const spellings = spellingsByLetter(includeDivergent);
  const phrases = [...CATEGORIES.flatMap((category) => (category.detectors ?? []).flatMap((detector) => detector.phrases)), 'intentions de vote', 'résultats partiels'];
  const respell = (text: string): string => {
    const shape = next();
    if (shape < 0.25) return text;
    if (shape < 0.4) return text.toUpperCase();
    if (shape < 0.5) return text.normalize('NFD').replace(/\p{M}/gu, '');
    if (shape < 0.55 && includeDivergent) return text.normalize('NFD');
    if (shape < 0.65) return Array.from(text, (c) => (/[a-z]/i.test(c) ? String.fromCharCode(c.toUpperCase().charCodeAt(0) + 0xfee0) : c)).join('');
    // Each letter by any character that folds to it.
    return Array.from(text, (c) => {
      const options = spellings.get(c.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
      return options && next() < 0.7 ? pick(options) : c;
    }).join('');
  };
  const texts: string[] = [];
  for (let index = 0; index < count; index++) {
    const pieces: string[] = [];
    const length = Math.floor(next() * 9);
    for (let piece = 0; piece < length; piece++) {
      const kind = next();
      if (kind < 0.35) {
        const phrase = pick(phrases);
        // A phrase whose words are joined by punctuation, or cut short, or glued to another word.
        const joined = next() < 0.3 ? phrase.split(' ').join(pick(['-', '’', '\u00a0', '  ', '.', '-\n'])) : phrase;
        const cut = next() < 0.15 ? joined.slice(0, 1 + Math.floor(next() * joined.length)) : joined;
        pieces.push(respell(cut));
      } else if (kind < 0.7) pieces.push(respell(pick(NOISE_WORDS)));
      else if (kind < 0.8 && includeDivergent) pieces.push(pick(DIVERGENT_NOISE));
      else pieces.push(pick(SEPARATORS));
      // Usually a separator between pieces; sometimes none, so words run together.
      if (next() < 0.75) pieces.push(pick(SEPARATORS));
    }
    texts.push(pieces.join(''));
  }
  return texts;
}

// ---------------------------------------------------------------------------

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the two matchers compared', () => {
  it('has a prefilter in one and not in the other', () => {
    // The prefilter is a RegExp tested against each field; the scan of ASCII text uses none.
    const text = 'nothing to see here';
    const spy = vi.spyOn(RegExp.prototype, 'test');
    // The scan itself asks one small expression whether the text holds combining marks.
    const prefilterCalls = () => spy.mock.calls.filter(([argument], index) => argument === text && (spy.mock.contexts[index] as RegExp).source.length > 64);
    withPrefilter.match(text, undefined);
    expect(prefilterCalls()).toHaveLength(1);
    spy.mockClear();
    withoutPrefilter.match(text, undefined);
    expect(prefilterCalls()).toHaveLength(0);
  });
});

/** Cases with the hits the reference gives, spelled out. */
const CASES: [string, string | undefined, string | undefined, DetectorHit[]][] = [
  ['fullwidth', 'ＳＯＮＤＡＧＥ exclusif', undefined, [{ category: 'poll', phrase: 'sondage', field: 'title' }]],
  ['fullwidth lower case, in the body', undefined, 'un ｓｏｎｄａｇｅｓ', [{ category: 'poll', phrase: 'sondages', field: 'body' }]],
  ['a ligature in the text', 'La ﬁnale', undefined, [{ category: 'extra', phrase: 'ﬁnale', field: 'title' }]],
  ['a ligature in the phrase, plain letters in the text', 'FINALE', undefined, [{ category: 'extra', phrase: 'ﬁnale', field: 'title' }]],
  ['ß', 'Straße gesperrt', undefined, [{ category: 'extra', phrase: 'straße', field: 'title' }]],
  ['capital ẞ', 'STRAẞE', undefined, [{ category: 'extra', phrase: 'straße', field: 'title' }]],
  ['ss is not ß', 'STRASSE', undefined, []],
  ['œ', 'Nos VŒUX', undefined, [{ category: 'extra', phrase: 'vœux', field: 'title' }]],
  ['oe is not œ', 'nos voeux', undefined, []],
  ['ĳ in the text, ij in the phrase', 'ĳssel', undefined, [{ category: 'extra', phrase: 'ijssel', field: 'title' }]],
  ['ij in the text, Ĳ in the phrase', 'IJZER', undefined, [{ category: 'extra', phrase: 'Ĳzer', field: 'title' }]],
  ['Cyrillic', 'Новый ОПРОС', 'выборы', [
    { category: 'extra', phrase: 'опрос', field: 'title' },
  ]],
  ['Greek without a final sigma', 'νέα ΔΗΜΟΣΚΟΠΗΣΗ', undefined, [{ category: 'extra', phrase: 'δημοσκόπηση', field: 'title' }]],
  ['astral emoji around and inside', '🗳️sondage🗳️', 'intentions😀de😀vote', [
    { category: 'poll', phrase: 'sondage', field: 'title' },
  ]],
  ['U+2019 apostrophe', 'L’ÉLECTION', undefined, [{ category: 'extra', phrase: 'l’élection', field: 'title' }]],
  ['ASCII apostrophe for U+2019', "l'election", undefined, [{ category: 'extra', phrase: 'l’élection', field: 'title' }]],
  ['upper-case accents', 'RÉSULTATS PARTIELS DU SCRUTIN', 'PREMIERS RÉSULTATS', [
    { category: 'result', phrase: 'résultats partiels du scrutin', field: 'title' },
  ]],
  ['accents dropped', 'resultats partiels du scrutin', undefined, [{ category: 'result', phrase: 'résultats partiels du scrutin', field: 'title' }]],
  ['phrase alone', 'sondage', undefined, [{ category: 'poll', phrase: 'sondage', field: 'title' }]],
  ['phrase at the start', 'sondage: rien', undefined, [{ category: 'poll', phrase: 'sondage', field: 'title' }]],
  ['phrase at the end', 'rien, sauf un sondage', undefined, [{ category: 'poll', phrase: 'sondage', field: 'title' }]],
  ['phrase at the end, one letter long word before', 'à sondage', undefined, [{ category: 'poll', phrase: 'sondage', field: 'title' }]],
  ['split across hyphens', 'les intentions-de-vote', undefined, [{ category: 'poll', phrase: 'intentions de vote', field: 'title' }]],
  ['split across mixed punctuation', undefined, 'INTENTIONS\u00a0—\u00a0de…vote', [{ category: 'poll', phrase: 'intentions de vote', field: 'body' }]],
  ['part of a longer word', 'sondageurs et resondage', undefined, []],
  ['a digit starts the phrase', 'Avant le 2E TOUR', undefined, [{ category: 'extra', phrase: '2e tour', field: 'title' }]],
  ['title-only and body-only detectors', 'Fin du direct', 'breaking', []],
  ['title-only and body-only detectors, right fields', 'BREAKING', 'fin du direct', [
    { category: 'headline', phrase: 'breaking', field: 'title' },
    { category: 'footer', phrase: 'fin du direct', field: 'body' },
  ]],
  ['several categories, title first, one hit each', 'exit polls et sondage', 'Votez pour X, sondages, #MacronLeaks', [
    { category: 'result', phrase: 'exit polls', field: 'title' },
    { category: 'poll', phrase: 'sondage', field: 'title' },
    { category: 'propaganda', phrase: 'votez pour', field: 'body' },
    { category: 'leak', phrase: 'macronleaks', field: 'body' },
  ]],
  ['only the letters of an anchor', 'sond sonda sondag', undefined, []],
  ['nothing at all', 'Le temps qu’il fera dimanche', 'Rien à signaler.', []],
];

describe('targeted texts', () => {
  it.each(CASES)('%s', (_name, title, body, expected) => {
    expect(reference(CATEGORIES, title, body)).toEqual(expected);
    expect(withPrefilter.match(title, body)).toEqual(expected);
    expect(scanned(title, body)).toEqual(expected);
  });

  it('finds the same in NFD text with and without the prefilter', () => {
    // What the scan makes of combining marks is reported separately; the prefilter must not change it.
    for (const text of ['re\u0301sultats partiels', 'RE\u0301SULTATS PARTIELS', 'sonda\u0301ge', 'sondage\u0301s', '\u0301sondage', 'sondage\u0301', 'l\u2019e\u0301lection', 'pre\u0301miers re\u0301sultats']) {
      expect(withPrefilter.match(text, text), text).toEqual(scanned(text, text));
    }
  });

  it('reads a word whole across what a browser draws as nothing: a soft hyphen, a zero-width space or joiner, a word joiner, a byte order mark', () => {
    for (const invisible of ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u034f']) {
      const title = `Notre s${invisible}ondage du jour`;
      const body = `Les premi${invisible}ères estimations${invisible} tombent`;
      expect(withPrefilter.match(title, body), JSON.stringify(invisible)).toEqual([
        { category: 'poll', phrase: 'sondage', field: 'title' },
        { category: 'result', phrase: 'premières estimations', field: 'body' },
      ]);
      expect(scanned(title, body)).toEqual(withPrefilter.match(title, body));
    }
    // Still a boundary where a reader sees one: a space, a no-break space, a hyphen.
    expect(withPrefilter.match('son dage', 'son\u00a0dage, son-dage')).toEqual([]);
  });

  it('agrees with the French policy’s own matcher', async () => {
    const policy = await frenchPolicy();
    for (const [, title, body] of CASES) expect(policy.detectors.match(title, body)).toEqual(reference(FRENCH_CATEGORIES, title, body));
  });
});

describe('anchors', () => {
  it('finds a phrase by a word other than its first', () => {
    // The three share one anchor, "vote", the beginning of the last word of two of them.
    const matcher = new PhraseMatcher([{ name: 'poll', detectors: [{ phrases: ['votez pour', 'intention de vote', 'appel à voter'] }] }]);
    expect(matcher.match('Une intention de VOTE', 'Un appel à voter demain')).toEqual([{ category: 'poll', phrase: 'intention de vote', field: 'title' }]);
    expect(matcher.match(undefined, 'Un appel à voter demain')).toEqual([{ category: 'poll', phrase: 'appel à voter', field: 'body' }]);
    expect(matcher.match('Une intention de voyage', 'Votre voiture')).toEqual([]);
  });

  it('finds every one of thousands of long phrases, whose anchors are then their first words', () => {
    const phrases = Array.from({ length: 1000 }, (_, index) => `mot${index} ${'ab cd ef gh ij '.repeat(9)}fin`);
    const matcher = new PhraseMatcher([{ name: 'long', detectors: [{ phrases }] }]);
    for (const index of [0, 77, 999]) {
      expect(matcher.match(undefined, `Début. ${phrases[index]!.toUpperCase()}.`)).toEqual([{ category: 'long', phrase: phrases[index], field: 'body' }]);
    }
    expect(matcher.match(undefined, `mot5 ${'ab cd ef gh ij '.repeat(9)}`)).toEqual([]);
  });
});

describe('fuzz', () => {
  it('finds the same with and without the prefilter, odd characters included', () => {
    const texts = makeTexts(7, 20_000, true);
    const differ: string[] = [];
    let withHits = 0;
    for (let index = 0; index < texts.length; index += 2) {
      const title = texts[index]!;
      const body = texts[index + 1]!;
      const got = withPrefilter.match(title, body);
      if (got.length > 0) withHits++;
      if (JSON.stringify(got) !== JSON.stringify(scanned(title, body))) differ.push(JSON.stringify([title, body]));
    }
    expect(differ.slice(0, 5)).toEqual([]);
    // The fuzz finds things, and not everywhere.
    expect(withHits).toBeGreaterThan(2_000);
    expect(withHits).toBeLessThan(9_500);
  });

  it('finds what the reference matcher finds', () => {
    const texts = makeTexts(11, 20_000, false);
    const differ: string[] = [];
    let withHits = 0;
    for (let index = 0; index < texts.length; index += 2) {
      const title = texts[index]!;
      const body = texts[index + 1]!;
      const expected = reference(CATEGORIES, title, body);
      if (expected.length > 0) withHits++;
      if (JSON.stringify(withPrefilter.match(title, body)) !== JSON.stringify(expected)) differ.push(JSON.stringify([title, body, expected]));
      else if (JSON.stringify(scanned(title, body)) !== JSON.stringify(expected)) differ.push(`unfiltered ${JSON.stringify([title, body])}`);
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(withHits).toBeGreaterThan(2_000);
  });

  it('lets every character that folds to a letter of a phrase through, one field at a time', () => {
    // Each phrase respelled letter by letter with each character that folds to that letter: anchors may be in any word.
    const spellings = spellingsByLetter(true);
    const differ: string[] = [];
    for (const category of CATEGORIES) {
      for (const phrase of category.detectors?.flatMap((detector) => detector.phrases) ?? []) {
        const folded = words(phrase).join(' ');
        for (let position = 0; position < folded.length; position++) {
          for (const character of spellings.get(folded[position]!) ?? []) {
            const text = `« ${folded.slice(0, position)}${character}${folded.slice(position + 1)} »`;
            const expected = scanned(text, text);
            if (JSON.stringify(withPrefilter.match(text, text)) !== JSON.stringify(expected)) differ.push(text);
            if (character !== 'Σ' && character !== 'ς' && !/[\ud800-\udfff]/.test(character) && JSON.stringify(expected) !== JSON.stringify(reference(CATEGORIES, text, text))) differ.push(`reference: ${text}`);
          }
        }
      }
    }
    expect(differ.slice(0, 10)).toEqual([]);
  });
});

describe('decomposed text', () => {
  it.each([
    ['Premiers re\u0301sultats du scrutin', 'Premiers résultats du scrutin'],
    ['SONDAGE\u0301S exclusifs', 'SONDAGÉS exclusifs'],
    ['sondage\u0301s', 'sondagés'],
    ['les premie\u0300res estimations', 'les premières estimations'],
  ])('finds in %j what it finds in its composed form %j', (decomposed, precomposed) => {
    expect(withPrefilter.match(decomposed, decomposed)).toEqual(withPrefilter.match(precomposed, precomposed));
    expect(withPrefilter.match(precomposed, undefined).length).toBeGreaterThan(0);
  });
});
