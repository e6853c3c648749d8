/**
 * Parser reasons in the run's language (src/text/parser-reasons.ts). The
 * reasons are made here by the real parsers (this Node's JSON.parse, the
 * yaml package) from broken texts, so that a parser that changes its words
 * fails this test rather than leaving English in a French run.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { jsonErrorReason } from '../../src/records/formats/read-json.js';
import { jsonReason, yamlReason } from '../../src/text/parser-reasons.js';

const BROKEN_JSON = ['', '{', '{"a"', '{"a":', '{"a":1', '[1 2]', '"abc', '"a\\q"', '"\\u12"', '"a\u0001"', '1 2', '1e', '-', '1.', 'x', 'undefined', '[,]', '{"a":1,}', '[1,]', '01', '{"a" "b"}'];

/** JSON.parse's reason for a text, as the readers keep it. */
function reasonOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonErrorReason((error as Error).message);
  }
  throw new Error(`${text} parsed`);
}

/** Words of V8's English reasons that no French rendering keeps. */
const ENGLISH = /\b(?:Unexpected|Expected|Unterminated|Bad|JSON input|missing|after|minus|is not valid)\b/;

describe('jsonReason', () => {
  it('says every reason of this Node’s JSON.parse in French, naming what it names', () => {
    for (const text of BROKEN_JSON) {
      const reason = reasonOf(text);
      const french = jsonReason(reason, 'fr');
      expect(french, `${JSON.stringify(text)}: ${reason}`).not.toMatch(ENGLISH);
      expect(french, reason).not.toBe(reason);
    }
    expect(jsonReason(reasonOf('x'), 'fr')).toBe('caractère inattendu « x »');
    expect(jsonReason(reasonOf('{"a":1'), 'fr')).toBe('« , » ou « } » attendu après une valeur');
  });

  it('keeps V8’s words in English, and a reason it does not know in either language', () => {
    expect(jsonReason(reasonOf('{'), 'en')).toBe("Expected property name or '}'");
    expect(jsonReason('Something new', 'fr')).toBe('Something new');
  });
});

const BROKEN_YAML = ['a: "b', "a: 'b", 'a: b: c', 'a:\n  - b\n - c', 'a:\n\t- b', '- a\nb: c', 'a: @b', 'a: b\na: c', 'key\nother: 1', 'a: "\\q"', 'a: !nope b', '{a: 1, a: 2}', 'a:\n  b\n c: d', 'a: [b', 'a: {b', 'a: b\n---\nc: d', 'a: b\n  c: d'];

describe('yamlReason', () => {
  it('says each error the yaml package gives these texts in French: rendered whole, or from its code', () => {
    let rendered = 0;
    for (const text of BROKEN_YAML) {
      const [problem] = [...parseDocument(text).errors, ...parseDocument(text).warnings];
      expect(problem, text).toBeDefined();
      const reason = problem!.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const french = yamlReason(problem!.code, reason, 'fr');
      expect(french, `${JSON.stringify(text)}: ${problem!.code} ${reason}`).not.toBe(reason);
      expect(french).not.toMatch(/\b(?:Missing|must|Unexpected|keys|allowed|cannot)\b/);
      if (french !== yamlReason(problem!.code, 'a sentence not known', 'fr')) rendered++;
    }
    // Most are rendered whole, not glossed.
    expect(rendered).toBeGreaterThan(BROKEN_YAML.length / 2);
    expect(yamlReason('MISSING_CHAR', 'Missing closing "quote', 'fr')).toBe('guillemet double fermant manquant');
    expect(yamlReason('BAD_INDENT', 'Some new words', 'fr')).toBe('indentation incorrecte');
  });

  it('keeps the parser’s words in English, and for a code it does not know', () => {
    expect(yamlReason('MISSING_CHAR', 'Missing closing "quote', 'en')).toBe('Missing closing "quote');
    expect(yamlReason('SOMETHING_NEW', 'New words', 'fr')).toBe('New words');
  });
});
