// Parsers give their reasons in English. A French run says them in French,
// read from the parsers' stable forms: V8's JSON.parse messages (Node 20)
// and the yaml package's error codes. A reason not known here keeps the
// parser's own words, after a French gloss of its code for YAML.

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
  [/^Missing closing (["'])quote$/, (match) => `guillemet fermant (${match[1]}) manquant`],
  [/^Implicit keys need to be on a single line$/, () => 'une clé doit tenir sur une seule ligne'],
  [/^Implicit keys of flow sequence pairs need to be on a single line$/, () => 'une clé doit tenir sur une seule ligne'],
  [/^Implicit map keys need to be followed by map values$/, () => 'une clé doit être suivie de « : » et de sa valeur'],
  [/^Nested mappings are not allowed in compact mappings$/, () => 'clés imbriquées sur une même ligne'],
  [/^A block sequence may not be used as an implicit map key$/, () => 'une liste ne peut servir de clé'],
  [/^All sequence items must start at the same column$/, () => 'les éléments d’une liste doivent commencer à la même colonne'],
  [/^Sequence item without - indicator$/, () => 'élément de liste sans « - »'],
  [/^Tabs are not allowed as indentation$/, () => 'tabulation dans l’indentation (des espaces seulement)'],
  [/^Map keys must be unique$/, () => 'clé écrite deux fois'],
  [/^Plain value cannot start with a tab character$/, () => 'une valeur sans guillemets ne peut commencer par une tabulation'],
  [/^Plain value cannot start with (?:reserved character|flow indicator character|directive indicator character|block scalar indicator) (.*)$/s, (match) => `une valeur sans guillemets ne peut commencer par ${match[1]} (mettez-la entre guillemets)`],
  [/^Flow (?:sequence|map) must end with a ([\]}])$/, (match) => `« ${match[1]} » manquant`],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]$/, () => '« ] » manquant, ou liste entre crochets moins indentée que sa clé'],
  [/^Flow map in block collection must be sufficiently indented and end with a \}$/, () => '« } » manquant, ou table entre accolades moins indentée que sa clé'],
  [/^Comments must be separated from other tokens by white space characters$/, () => 'un commentaire (#) doit être précédé d’une espace'],
  [/^Missing , between (.*) items$/s, () => '« , » manquante entre deux éléments'],
  [/^Missing , or : between (.*) items$/s, () => '« , » ou « : » manquant entre deux éléments'],
  [/^Missing space after : in (.*)$/s, () => 'espace manquante après « : »'],
  [/^Invalid escape sequence (.*)$/s, (match) => `séquence d’échappement invalide ${match[1]}`],
  [/^Unresolved tag: (.*)$/s, (match) => `étiquette inconnue : ${match[1]}`],
  [/^Source contains multiple documents;/, () => 'plusieurs documents (---) là où un seul est attendu'],
];

/** A French gloss per yaml error code, for a message not rendered above (its English follows). */
const YAML_CODES: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'alias incorrect',
  BAD_ALIAS: 'alias ou ancre incorrect',
  BAD_COLLECTION_TYPE: 'type de collection incorrect',
  BAD_DIRECTIVE: 'directive incorrecte',
  BAD_DQ_ESCAPE: 'séquence d’échappement invalide',
  BAD_INDENT: 'indentation incorrecte',
  BAD_PROP_ORDER: 'ancre ou étiquette mal placée',
  BAD_SCALAR_START: 'début de valeur incorrect',
  BLOCK_AS_IMPLICIT_KEY: 'bloc employé comme clé',
  BLOCK_IN_FLOW: 'bloc à l’intérieur de crochets ou d’accolades',
  DUPLICATE_KEY: 'clé écrite deux fois',
  KEY_OVER_1024_CHARS: 'clé de plus de 1 024 caractères',
  MISSING_CHAR: 'caractère manquant',
  MULTILINE_IMPLICIT_KEY: 'une clé doit tenir sur une seule ligne',
  MULTIPLE_ANCHORS: 'plusieurs ancres sur un nœud',
  MULTIPLE_DOCS: 'plusieurs documents',
  MULTIPLE_TAGS: 'plusieurs étiquettes sur un nœud',
  NON_STRING_KEY: 'clé qui n’est pas du texte',
  RESOURCE_EXHAUSTION: 'document trop coûteux à lire',
  TAB_AS_INDENT: 'tabulation dans l’indentation',
  TAG_RESOLVE_FAILED: 'étiquette inconnue',
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
  const gloss = Object.hasOwn(YAML_CODES, code) ? YAML_CODES[code] : undefined;
  return gloss === undefined ? reason : `${gloss} (${reason})`;
}
