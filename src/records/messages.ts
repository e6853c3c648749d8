/** Languages of the messages about input files. */
export type InputLang = 'en' | 'fr';

/** Every message the input readers show users; places (file, line) are added by the caller. */
export interface InputMessages {
  noSuchFile: string;
  unreadable: (reason: string) => string;
  permissionDenied: string;
  isAFolder: string;
  unknownExtension: (extension: string, known: string) => string;
  emptyFolder: (known: string) => string;
  stdinUnavailable: string;
  empty: string;
  notText: string;
  notUtf8: string;
  /** A line or row of a text file that holds NUL bytes (the file itself is read on). */
  nulInLine: string;
  tooLarge: (bytes: number, limit: number) => string;
  lineTooLong: (limit: number) => string;
  badJson: (reason: string) => string;
  truncated: (reason: string) => string;
  notARecord: (found: string) => string;
  jsonTopLevel: (found: string) => string;
  badYaml: (reason: string) => string;
  yamlNotRecord: (found: string) => string;
  aliasBomb: string;
  tooDeep: (limit: number) => string;
  csvNoHeader: string;
  csvEmptyHeader: (column: number) => string;
  csvDuplicateHeader: (name: string) => string;
  csvHeaderConflict: (first: string, second: string) => string;
  csvFieldCount: (found: number, expected: number) => string;
  csvUnclosedQuote: string;
  csvAfterQuote: (character: string) => string;
  noFrontMatter: string;
  tomlFrontMatter: string;
  unclosedFrontMatter: string;
  frontMatterNotMapping: (found: string) => string;
  mappingEntry: (entry: string) => string;
  mappingField: (field: string, known: string) => string;
}

/** A size in the largest unit that keeps it readable. */
function size(bytes: number, units: readonly [string, string, string]): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(bytes % 1048576 === 0 ? 0 : 1)} ${units[2]}`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} ${units[1]}`;
  return `${bytes} ${units[0]}`;
}
const enSize = (bytes: number) => size(bytes, ['bytes', 'KiB', 'MiB']);
const frSize = (bytes: number) => size(bytes, ['octets', 'Kio', 'Mio']);

const en: InputMessages = {
  noSuchFile: 'no such file',
  unreadable: (reason) => `cannot read: ${reason}`,
  permissionDenied: 'permission denied',
  isAFolder: 'is a folder',
  unknownExtension: (extension, known) => `unknown kind of input '${extension || '(no extension)'}'; record files end in ${known}`,
  emptyFolder: (known) => `no record files in this folder (looked for ${known})`,
  stdinUnavailable: 'standard input is not available',
  empty: 'the input is empty: no records',
  notText: 'not a text file (it holds NUL bytes)',
  notUtf8: 'not UTF-8 text (invalid byte sequence)',
  nulInLine: 'holds NUL bytes (binary data, not text)',
  tooLarge: (bytes, limit) => `${bytes > limit ? `more than ${enSize(limit)}` : enSize(bytes)}; a file of this kind may be at most ${enSize(limit)} (split it, or use NDJSON, which is streamed)`,
  lineTooLong: (limit) => `longer than ${enSize(limit)}, the limit for one record; skipped`,
  badJson: (reason) => `not valid JSON: ${reason}`,
  truncated: (reason) => `truncated: the input ends in the middle of a record (${reason})`,
  notARecord: (found) => `expected a JSON object (one record), found ${found}`,
  jsonTopLevel: (found) => `expected a JSON object or an array of records, found ${found}`,
  badYaml: (reason) => `not valid YAML: ${reason}`,
  yamlNotRecord: (found) => `expected a mapping (one record) or a list of them, found ${found}`,
  aliasBomb: 'YAML aliases expand too far (an alias bomb?)',
  tooDeep: (limit) => `nested deeper than ${limit} levels`,
  csvNoHeader: 'no header row: the first row of a CSV file names the columns',
  csvEmptyHeader: (column) => `column ${column} of the header row has no name`,
  csvDuplicateHeader: (name) => `column '${name}' appears twice in the header row`,
  csvHeaderConflict: (first, second) => `columns '${first}' and '${second}' would both set '${first}'`,
  csvFieldCount: (found, expected) => `row has ${found} fields; the header row has ${expected}`,
  csvUnclosedQuote: 'a quoted field is never closed (truncated input?)',
  csvAfterQuote: (character) => `unexpected ${JSON.stringify(character)} after a closing quote; double a quote inside a quoted field ("")`,
  noFrontMatter: 'no YAML front matter: the file must start with a line "---"',
  tomlFrontMatter: 'TOML front matter (+++) is not supported; write it in YAML between "---" lines',
  unclosedFrontMatter: 'the front matter is never closed by a line "---"',
  frontMatterNotMapping: (found) => `front matter must be a mapping of keys to values, found ${found}`,
  mappingEntry: (entry) => `'${entry}' is not field=key[,key...] (e.g. publishedAt=date,publishDate;categories=tags)`,
  mappingField: (field, known) => `'${field}' is not a record field; use one of ${known}`,
};

const fr: InputMessages = {
  noSuchFile: 'fichier introuvable',
  unreadable: (reason) => `lecture impossible : ${reason}`,
  permissionDenied: 'permission refusée',
  isAFolder: 'c’est un dossier',
  unknownExtension: (extension, known) => `type d’entrée inconnu '${extension || '(sans extension)'}' ; les fichiers d’enregistrements finissent par ${known}`,
  emptyFolder: (known) => `aucun fichier d’enregistrements dans ce dossier (recherchés : ${known})`,
  stdinUnavailable: 'l’entrée standard n’est pas disponible',
  empty: 'l’entrée est vide : aucun enregistrement',
  notText: 'pas un fichier texte (il contient des octets NUL)',
  notUtf8: 'pas du texte UTF-8 (séquence d’octets invalide)',
  nulInLine: 'contient des octets NUL (données binaires, pas du texte)',
  tooLarge: (bytes, limit) => `${bytes > limit ? `plus de ${frSize(limit)}` : frSize(bytes)} ; un fichier de ce type fait au plus ${frSize(limit)} (découpez-le, ou utilisez NDJSON, lu en flux)`,
  lineTooLong: (limit) => `plus long que ${frSize(limit)}, la limite pour un enregistrement ; ignoré`,
  badJson: (reason) => `JSON invalide : ${reason}`,
  truncated: (reason) => `tronqué : l’entrée s’arrête au milieu d’un enregistrement (${reason})`,
  notARecord: (found) => `objet JSON attendu (un enregistrement), trouvé ${found}`,
  jsonTopLevel: (found) => `objet JSON ou tableau d’enregistrements attendu, trouvé ${found}`,
  badYaml: (reason) => `YAML invalide : ${reason}`,
  yamlNotRecord: (found) => `table de correspondance attendue (un enregistrement) ou liste de celles-ci, trouvé ${found}`,
  aliasBomb: 'les alias YAML se déploient trop loin (bombe d’alias ?)',
  tooDeep: (limit) => `imbrication de plus de ${limit} niveaux`,
  csvNoHeader: 'pas de ligne d’en-tête : la première ligne d’un fichier CSV nomme les colonnes',
  csvEmptyHeader: (column) => `la colonne ${column} de la ligne d’en-tête n’a pas de nom`,
  csvDuplicateHeader: (name) => `la colonne '${name}' apparaît deux fois dans l’en-tête`,
  csvHeaderConflict: (first, second) => `les colonnes '${first}' et '${second}' définiraient toutes deux '${first}'`,
  csvFieldCount: (found, expected) => `la ligne a ${found} champs ; l’en-tête en a ${expected}`,
  csvUnclosedQuote: 'un champ entre guillemets n’est jamais fermé (entrée tronquée ?)',
  csvAfterQuote: (character) => `${JSON.stringify(character)} inattendu après un guillemet fermant ; doublez un guillemet dans un champ entre guillemets ("")`,
  noFrontMatter: 'pas d’en-tête YAML (front matter) : le fichier doit commencer par une ligne "---"',
  tomlFrontMatter: 'l’en-tête TOML (+++) n’est pas pris en charge ; écrivez-le en YAML entre deux lignes "---"',
  unclosedFrontMatter: 'l’en-tête (front matter) n’est jamais fermé par une ligne "---"',
  frontMatterNotMapping: (found) => `l’en-tête (front matter) doit associer des clés à des valeurs, trouvé ${found}`,
  mappingEntry: (entry) => `'${entry}' n’est pas de la forme champ=clé[,clé...] (ex. publishedAt=date,publishDate;categories=tags)`,
  mappingField: (field, known) => `'${field}' n’est pas un champ d’enregistrement ; utilisez ${known}`,
};

/** The messages in one language. */
export function inputMessages(lang: InputLang = 'en'): InputMessages {
  return lang === 'fr' ? fr : en;
}

/** A short name for what a value is, for messages: 'an array', 'a string', 'null'. */
export function kindOf(value: unknown, lang: InputLang = 'en'): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (lang === 'fr') return FR_KINDS[kind] ?? kind;
  return kind === 'null' ? 'null' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

const FR_KINDS: Record<string, string> = {
  null: 'null',
  array: 'un tableau',
  string: 'une chaîne',
  number: 'un nombre',
  boolean: 'un booléen',
  object: 'un objet',
  bigint: 'un entier',
  undefined: 'rien',
};
