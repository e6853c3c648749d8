import type { YAMLError } from 'yaml';
import type { IssueText } from './issue-text.js';

// The YAML parser's problems, in its words (English) and in French. Its
// errors carry a code and an English sentence, no parameters: the French is
// said from the code, made more precise with the character or tag that the
// sentence names where the sentence is one of the common ones.

/** What each code of the parser means, in French. */
const BY_CODE: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'un alias ne peut porter ni ancre ni étiquette',
  BAD_ALIAS: 'ancre ou alias mal formé (vide, ou finissant par « : »)',
  BAD_COLLECTION_TYPE: 'cette étiquette ne convient pas à ce type de collection',
  BAD_DIRECTIVE: 'directive YAML (%…) incorrecte',
  BAD_DQ_ESCAPE: 'séquence d’échappement invalide dans une chaîne entre guillemets doubles',
  BAD_INDENT: 'indentation incorrecte',
  BAD_PROP_ORDER: 'les ancres et étiquettes doivent suivre l’indicateur',
  BAD_SCALAR_START: 'une valeur sans guillemets ne peut pas commencer par ce caractère : mettez-la entre guillemets',
  BLOCK_AS_IMPLICIT_KEY: 'une liste ou une table ne peut pas servir de clé ici : l’indentation est-elle juste ?',
  BLOCK_IN_FLOW: 'une liste ou une table en bloc ne peut pas figurer entre [ ] ou { }',
  DUPLICATE_KEY: 'les clés d’une table doivent être uniques',
  IMPOSSIBLE: 'structure YAML illisible',
  KEY_OVER_1024_CHARS: 'une clé fait au plus 1024 caractères avant son « : »',
  MISSING_CHAR: 'un caractère manque',
  MULTILINE_IMPLICIT_KEY: 'une clé doit tenir sur une ligne (manque-t-il un « : », ou une valeur est-elle mal indentée ?)',
  MULTIPLE_ANCHORS: 'un nœud a au plus une ancre',
  MULTIPLE_DOCS: 'le fichier contient plusieurs documents YAML',
  MULTIPLE_TAGS: 'un nœud a au plus une étiquette',
  NON_STRING_KEY: 'les clés doivent être des chaînes',
  RESOURCE_EXHAUSTION: 'les alias se déploient trop loin',
  TAB_AS_INDENT: 'une tabulation ne peut pas servir d’indentation : indentez avec des espaces',
  TAG_RESOLVE_FAILED: 'étiquette non lue (une politique n’utilise pas d’étiquette YAML)',
  UNEXPECTED_TOKEN: 'élément inattendu',
};

/** The common sentences whose detail the French keeps: what they name, as the parser names it. */
const PRECISE: readonly (readonly [RegExp, (found: RegExpExecArray) => string])[] = [
  [/^Missing closing "quote/, () => 'guillemet double fermant manquant'],
  [/^Missing closing 'quote/, () => 'apostrophe fermante manquante'],
  [/^Flow (sequence|map)( in block collection)? must (be sufficiently indented and )?end with an? (\S+)/, (found) =>
    `${found[1] === 'map' ? 'une table entre { }' : 'une liste entre [ ]'} doit ${found[3] ? 'être assez indentée et ' : ''}se fermer par ${found[4]}`],
  [/^Implicit map keys need to be followed by map values/, () => 'une clé doit être suivie de « : » et de sa valeur'],
  [/^Nested mappings are not allowed in compact mappings/, () => 'une table ne peut pas commencer sur la ligne d’une clé (« a: b: c ») : mettez la valeur entre guillemets, ou la table à la ligne'],
  [/^All sequence items must start at the same column/, () => 'tous les éléments d’une liste doivent commencer à la même colonne'],
  [/^Comments must be separated from other tokens/, () => 'un commentaire (#) doit être séparé de ce qui le précède par une espace'],
  [/^Plain value cannot start with reserved character (\S+)/, (found) => `une valeur sans guillemets ne peut pas commencer par ${found[1]} : mettez-la entre guillemets`],
  [/^Unresolved tag: (.+)$/, (found) => `étiquette non lue : ${found[1]} (une politique n’utilise pas d’étiquette YAML)`],
  [/^Invalid escape sequence (.+)$/, (found) => `séquence d’échappement invalide ${found[1]}`],
  [/^Unexpected , in flow (sequence|map)/, (found) => `virgule inattendue dans ${found[1] === 'map' ? 'une table entre { }' : 'une liste entre [ ]'}`],
  [/^Unexpected .* in YAML stream: (".*")$/, (found) => `élément inattendu : ${found[1]}`],
];

/** A parser problem as an issue's text: its first line in English, in French said from its code. */
export function yamlProblemText(problem: Pick<YAMLError, 'code' | 'message'>): IssueText {
  const en = problem.message.split('\n')[0] ?? problem.message;
  for (const [pattern, say] of PRECISE) {
    const found = pattern.exec(en);
    if (found) return { en, fr: say(found) };
  }
  return { en, fr: BY_CODE[problem.code] ?? 'YAML illisible' };
}
