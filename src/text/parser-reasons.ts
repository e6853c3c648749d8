// Parsers give their reasons in English. A French run says them in French,
// read from the parsers' stable forms: V8's JSON.parse messages (Node 20)
// and the yaml package's error codes. A JSON reason not known here keeps
// V8's words; a YAML one is said from its code.

type Lang = 'en' | 'fr';
type Rendering = readonly [pattern: RegExp, french: (match: RegExpExecArray) => string];

const JSON_REASONS: readonly Rendering[] = [
  [/^Unexpected end of JSON input$/, () => 'le texte s’arrête au milieu d’une valeur'],
  [/^Unexpected token '(.*)'$/s, (match) => `caractère inattendu « ${match[1]} »`],
  [/^Unexpected number$/, () => 'nombre inattendu'],
  [/^Unexpected string$/, () => 'chaîne inattendue'],
  [/^Expected property name or '\}'$/, () => 'nom de clé ou « } » attendu'],
  [/^Expected double-quoted property name$/, () => 'nom de clé entre guillemets doubles attendu'],
  [/^Expected ':' after property name$/, () => '« : » attendu après le nom de clé'],
  [/^Expected ',' or '\}' after property value$/, () => '« , » ou « } » attendu après une valeur'],
  [/^Expected ',' or '\]' after array element$/, () => '« , » ou « ] » attendu après un élément de tableau'],
  [/^Unterminated string$/, () => 'chaîne jamais fermée'],
  [/^Bad escaped character$/, () => 'séquence d’échappement invalide'],
  [/^Bad Unicode escape$/, () => 'échappement Unicode invalide'],
  [/^Bad control character in string literal$/, () => 'caractère de contrôle dans une chaîne'],
  [/^Unexpected non-whitespace character after JSON(?: at position \d+)?$/, () => 'du texte suit la fin du JSON'],
  [/^Exponent part is missing a number$/, () => 'exposant sans chiffre'],
  [/^No number after minus sign$/, () => 'signe moins sans nombre'],
  [/^Unterminated fractional number$/, () => 'partie décimale sans chiffre'],
  [/^"(.*)" is not valid JSON$/s, (match) => `« ${match[1]} » n’est pas du JSON`],
];

const YAML_REASONS: readonly Rendering[] = [
  [/^Missing closing "quote/, () => 'guillemet double fermant manquant'],
  [/^Missing closing 'quote/, () => 'apostrophe fermante manquante'],
  [/^Flow (sequence|map)( in block collection)? must (be sufficiently indented and )?end with an? (\S+)/, (match) =>
    `${match[1] === 'map' ? 'une table entre { }' : 'une liste entre [ ]'} doit ${match[3] ? 'être assez indentée et ' : ''}se fermer par ${match[4]}`],
  [/^Implicit (?:map )?keys (?:of flow sequence pairs )?need to be on a single line/, () => 'une clé doit tenir sur une ligne (manque-t-il un « : », ou une valeur est-elle mal indentée ?)'],
  [/^Implicit map keys need to be followed by map values/, () => 'une clé doit être suivie de « : » et de sa valeur'],
  [/^Nested mappings are not allowed in compact mappings/, () => 'une table ne peut pas commencer sur la ligne d’une clé (« a: b: c ») : mettez la valeur entre guillemets, ou la table à la ligne'],
  [/^A block sequence may not be used as an implicit map key/, () => 'une liste ne peut pas servir de clé : l’indentation est-elle juste ?'],
  [/^All sequence items must start at the same column/, () => 'tous les éléments d’une liste doivent commencer à la même colonne'],
  [/^Sequence item without - indicator/, () => 'élément de liste sans « - »'],
  [/^Tabs are not allowed as indentation/, () => 'une tabulation ne peut pas servir d’indentation : indentez avec des espaces'],
  [/^Map keys must be unique/, () => 'les clés d’une table doivent être uniques'],
  [/^Comments must be separated from other tokens/, () => 'un commentaire (#) doit être séparé de ce qui le précède par une espace'],
  [/^Plain value cannot start with a tab character/, () => 'une valeur sans guillemets ne peut pas commencer par une tabulation'],
  [/^Plain value cannot start with (?:reserved character|flow indicator character|directive indicator character|block scalar indicator) (\S+)/, (match) => `une valeur sans guillemets ne peut pas commencer par ${match[1]} : mettez-la entre guillemets`],
  [/^Missing , (?:or : )?between (?:flow )?(?:sequence|map|collection) items/, () => '« , » manquante entre deux éléments'],
  [/^Missing space after : in /, () => 'espace manquante après « : »'],
  [/^Unresolved tag: (.+)$/, (match) => `étiquette non lue : ${match[1]}`],
  [/^Invalid escape sequence (.+)$/, (match) => `séquence d’échappement invalide ${match[1]}`],
  [/^Unexpected , in flow (sequence|map)/, (match) => `virgule inattendue dans ${match[1] === 'map' ? 'une table entre { }' : 'une liste entre [ ]'}`],
  [/^Unexpected .* in YAML stream: (".*")$/, (match) => `élément inattendu : ${match[1]}`],
  [/^Source contains multiple documents;/, () => 'plusieurs documents YAML (---) là où un seul est attendu'],
];

/** What each yaml error code means, in French, for a sentence not rendered above. */
const YAML_CODES: Readonly<Record<string, string>> = {
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
  MULTIPLE_DOCS: 'plusieurs documents YAML (---) là où un seul est attendu',
  MULTIPLE_TAGS: 'un nœud a au plus une étiquette',
  NON_STRING_KEY: 'les clés doivent être des chaînes',
  RESOURCE_EXHAUSTION: 'les alias se déploient trop loin',
  TAB_AS_INDENT: 'une tabulation ne peut pas servir d’indentation : indentez avec des espaces',
  TAG_RESOLVE_FAILED: 'étiquette non lue',
  UNEXPECTED_TOKEN: 'élément inattendu',
};

function rendered(renderings: readonly Rendering[], reason: string): string | undefined {
  for (const [pattern, french] of renderings) {
    const match = pattern.exec(reason);
    if (match) return french(match);
  }
  return undefined;
}

/** A JSON.parse reason (without V8's echo of the text: see jsonErrorReason) in `lang`. */
export function jsonReason(reason: string, lang: Lang): string {
  return lang === 'fr' ? (rendered(JSON_REASONS, reason) ?? reason) : reason;
}

/** A yaml parse error's reason (its message's first line, without the place) in `lang`, from its code and message. */
export function yamlReason(code: string, reason: string, lang: Lang): string {
  if (lang !== 'fr') return reason;
  const french = rendered(YAML_REASONS, reason);
  if (french !== undefined) return french;
  return (Object.hasOwn(YAML_CODES, code) ? YAML_CODES[code] : undefined) ?? reason;
}
