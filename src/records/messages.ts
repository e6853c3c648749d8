import { jsonReason, yamlReason } from '../text/parser-reasons.js';

/** Languages of the messages about input files. */
export type InputLang = 'en' | 'fr';

/** Every message the input readers show users; places (file, line) are added by the caller. */
export interface InputMessages {
  noSuchFile: string;
  unreadable: (reason: string) => string;
  permissionDenied: string;
  isAFolder: string;
  /** A file met in a folder's walk that is a FIFO, a device or a socket: reading it could block or never end. */
  notRegularFile: string;
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
  /** JSON.parse's reason (V8's words, as jsonErrorReason leaves them) in this language, with its column when known. */
  jsonReason: (reason: string, column: number | undefined) => string;
  notARecord: (found: string) => string;
  /** A key written twice in one object of a JSON record, with the column where it is written again (NDJSON, whose sources have only lines). */
  duplicateKey: (key: string, column: number | undefined) => string;
  jsonTopLevel: (found: string) => string;
  badYaml: (reason: string) => string;
  /** The yaml parser's reason (its error code and message's first line) in this language. */
  yamlReason: (code: string, reason: string) => string;
  /** A key given twice in one YAML mapping (which the parser lets through). */
  yamlDuplicateKey: (key: string) => string;
  yamlNotRecord: (found: string) => string;
  aliasBomb: string;
  tooDeep: (limit: number) => string;
  mergeKey: string;
  complexKey: string;
  csvNoHeader: string;
  csvEmptyHeader: (column: number) => string;
  csvDuplicateHeader: (name: string) => string;
  /** A header of one column holding semicolons or tabs: a file written with another separator. */
  csvSeparator: (separator: string) => string;
  csvHeaderConflict: (first: string, second: string) => string;
  csvFieldCount: (found: number, expected: number) => string;
  csvUnclosedQuote: string;
  csvAfterQuote: (character: string) => string;
  noFrontMatter: string;
  unclosedFrontMatter: string;
  frontMatterNotMapping: (found: string) => string;
  mappingEntry: (entry: string) => string;
  mappingField: (field: string, known: string) => string;
  /** A field given twice in one --front-matter mapping: the second would silently replace the first. */
  mappingTwice: (field: string) => string;
  // Front matter as site generators read it (front-matter*.ts, site-config.ts, term-map.ts, list-inputs.ts).
  jekyllYamlOnly: string;
  unclosedTomlFrontMatter: string;
  unclosedJsonFrontMatter: string;
  frontMatterTooLarge: (limit: number) => string;
  badToml: (reason: string) => string;
  ambiguousKeys: (first: string, second: string) => string;
  conflictingKeys: (first: string, second: string) => string;
  nearMiss: (key: string, suggestion: string, site: 'hugo' | 'jekyll' | undefined) => string;
  jekyllForeignDate: (key: string) => string;
  blackoutNotMapping: (known: string) => string;
  blackoutUnknownKey: (key: string, suggestion: string | undefined, known: string) => string;
  hugoBadDate: (key: string, value: string) => string;
  hugoUnknowableDate: (identifier: string) => string;
  skippedHugoDraft: (key: string) => string;
  skippedJekyllDraft: string;
  skippedUnpublished: string;
  skippedExpired: (expiry: string, published: string) => string;
  skippedListPage: string;
  skippedGeneratorKind: (extension: string, known: string) => string;
  skippedOtherKind: (extension: string, known: string) => string;
  siteConfig: (file: string, reason: string) => string;
  siteZone: (zone: string) => string;
  /** A Hugo section page whose `cascade` cannot be read: the pages below it cannot be either. */
  hugoCascadeUnreadable: (file: string, reason: string) => string;
  /** A resource of a Hugo leaf bundle, whose page cannot be read, or is not published. */
  bundleUnreadable: (file: string, reason: string) => string;
  bundleNotPublished: (file: string, reason: string) => string;
  /** Why a `cascade` (Hugo) or `defaults` (Jekyll) setting cannot be read. */
  cascadeEntry: string;
  cascadeTarget: (key: string) => string;
  cascadeTargetKey: (key: string, targetKey: string) => string;
  cascadeGlob: (where: string) => string;
  tooManyWildcards: (where: string, max: number) => string;
  defaultsList: string;
  defaultsSet: string;
  defaultsScope: string;
  /** Hugo before 0.123 and since read the cascades above a page differently. */
  hugoCascadeAmbiguous: (files: readonly string[]) => string;
  siteAmbiguous: (folder: string) => string;
  termsNotMapping: string;
  termsValue: (term: string) => string;
  termsDuplicate: (first: string, second: string) => string;
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
  notRegularFile: 'not a regular file (a named pipe, a device or a socket), so it is not read: in a folder only regular files are read (name a pipe on the command line to read it)',
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
  jsonReason: (reason, column) => `${jsonReason(reason, 'en')}${column === undefined ? '' : ` (column ${column})`}`,
  notARecord: (found) => `expected a JSON object (one record), found ${found}`,
  duplicateKey: (key, column) =>
    `the key ${quotedKey(key)} is written twice in one object${column === undefined ? '' : ` (again at column ${column})`}: JSON readers differ on which value they keep, so the record is not read; keep one`,
  jsonTopLevel: (found) => `expected a JSON object or an array of records, found ${found}`,
  badYaml: (reason) => `not valid YAML: ${reason}`,
  yamlReason: (code, reason) => yamlReason(code, reason, 'en'),
  yamlDuplicateKey: (key) => `Map keys must be unique: ${key} appears twice`,
  yamlNotRecord: (found) => `expected a mapping (one record) or a list of them, found ${found}`,
  aliasBomb: 'YAML aliases expand too far (an alias bomb?)',
  tooDeep: (limit) => `nested deeper than ${limit} levels`,
  mergeKey: 'YAML merge keys (<<) are not read: write the fields out in the record',
  complexKey: 'a key that is a list or a mapping is not read: keys are plain text',
  csvNoHeader: 'no header row: the first row of a CSV file names the columns',
  csvEmptyHeader: (column) => `column ${column} of the header row has no name`,
  csvDuplicateHeader: (name) => `column '${name}' appears twice in the header row`,
  csvSeparator: (separator) =>
    `the header row is one column holding ${separator === '\t' ? 'tabs' : `'${separator}'`}: the file is separated by ${separator === '\t' ? 'tabs' : `'${separator}'`} (as a French spreadsheet writes CSV), and blackout reads commas; save it as comma-separated CSV (UTF-8)`,
  csvHeaderConflict: (first, second) => `columns '${first}' and '${second}' would both set '${first}'`,
  csvFieldCount: (found, expected) => `row has ${found} fields; the header row has ${expected}`,
  csvUnclosedQuote: 'a quoted field is never closed (truncated input?)',
  csvAfterQuote: (character) => `unexpected ${JSON.stringify(character)} after a closing quote; double a quote inside a quoted field ("")`,
  noFrontMatter: 'no front matter: the file must start with a line "---" (YAML), "+++" (TOML) or "{" (JSON)',
  unclosedFrontMatter: 'the front matter is never closed by a line "---"',
  frontMatterNotMapping: (found) => `front matter must be a mapping of keys to values, found ${found}`,
  mappingEntry: (entry) => `'${entry}' is not field=key[,key...] (e.g. publishedAt=date,publishDate;categories=tags)`,
  mappingField: (field, known) => `'${field}' is not a record field; use one of ${known}`,
  mappingTwice: (field) => `'${field}' is mapped twice; list its keys once, in the order they are tried (e.g. ${field}=tags,category)`,
  jekyllYamlOnly: 'no YAML front matter: Jekyll reads front matter only between "---" lines at the very top, and copies this file as it is',
  unclosedTomlFrontMatter: 'the front matter is never closed by a line "+++"',
  unclosedJsonFrontMatter: 'the JSON front matter is never closed (no "}" matching the first "{")',
  frontMatterTooLarge: (limit) => `the front matter is larger than ${enSize(limit)}, more than any page needs`,
  badToml: (reason) => `not valid TOML: ${reason}`,
  ambiguousKeys: (first, second) => `'${first}' and '${second}' are the same key to Hugo (front-matter keys are case-insensitive) but hold different values: keep one`,
  conflictingKeys: (first, second) => `'${first}' and '${second}' set the same field with different values: keep one`,
  nearMiss: (key, suggestion, site) =>
    `'${key}' is not read: did you mean '${suggestion}'?${site === 'jekyll' ? ' (Jekyll front-matter keys are case-sensitive)' : site === 'hugo' ? ' (Hugo does not read it either)' : ''}`,
  jekyllForeignDate: (key) => `Jekyll does not read '${key}': it publishes a post at its 'date' (or the date in its file name); move the date there or remove the key`,
  blackoutNotMapping: (known) => `'blackout' must be a mapping of ${known}`,
  blackoutUnknownKey: (key, suggestion, known) => `'blackout.${key}' is not a blackout key${suggestion ? `: did you mean '${suggestion}'?` : ''} (keys: ${known})`,
  hugoBadDate: (key, value) => `Hugo does not read '${value}' (${key}) as a date, and blackout does not guess one: write it like 2017-05-06T10:00:00+02:00`,
  hugoUnknowableDate: (identifier) =>
    `Hugo dates this page from ${identifier === ':git' ? 'its last Git commit' : 'the time its file was last changed'} (${identifier} in the site's [frontmatter] settings), which blackout cannot know: give the page a publishDate`,
  skippedHugoDraft: (key) => `draft (${key}): Hugo does not publish it; not checked (--include-drafts checks it)`,
  skippedJekyllDraft: 'draft (in _drafts/): Jekyll does not publish it; not checked (--include-drafts checks it)',
  skippedUnpublished: 'published: false: Jekyll does not publish it; not checked (--include-drafts checks it)',
  skippedExpired: (expiry, published) => `expires (${expiry}) at or before it is published (${published}): never online; not checked`,
  skippedListPage: 'Hugo list page without a date: its text goes out with every build; not checked (give it a date, or check it with --at)',
  skippedGeneratorKind: (extension, known) => `not read: site generators render ${extension} pages, but blackout reads front matter only in ${known}; this page is not checked`,
  skippedOtherKind: (extension, known) => `not read: '${extension || '(no extension)'}' is not a kind of record file (blackout reads ${known})`,
  siteConfig: (file, reason) => `the site's settings in ${file} cannot be read: ${reason}`,
  siteZone: (zone) => `unknown time zone '${zone}'`,
  hugoCascadeUnreadable: (file, reason) => `the cascade this page takes from ${file} cannot be read: ${reason}`,
  bundleUnreadable: (file, reason) => `this page is a resource of the bundle ${file}, and goes out with it; that page cannot be read: ${reason}`,
  bundleNotPublished: (file, reason) => `this page is a resource of the bundle ${file}, and goes out with it; that page is not checked (${reason})`,
  cascadeEntry: 'cascade: each entry must be a mapping of front-matter keys',
  cascadeTarget: (key) => `cascade: ${key} must be a mapping of path, kind, lang or environment`,
  cascadeTargetKey: (key, targetKey) => `cascade: ${key} has '${targetKey}', which Hugo does not read (path, kind, lang, environment)`,
  cascadeGlob: (where) => `${where} must be a glob pattern`,
  tooManyWildcards: (where, max) => `${where} has more than ${max} wildcards`,
  defaultsList: 'defaults must be a list of sets, each with a scope and values',
  defaultsSet: 'defaults: each set needs values (a mapping) and a scope (a mapping of path and type)',
  defaultsScope: 'defaults: scope.path and scope.type must be text',
  hugoCascadeAmbiguous: (files) =>
    `Hugo's versions give this page different values from the cascade of ${files.join(', ')}, and blackout cannot tell which Hugo builds the site: before 0.123 a target's path is the file's (/posts/a.md, the page's since: /posts/a), and entries of two sections with different targets that set one key are applied in random order. Write targets both read alike (a path glob without extension, in a list entry under _target), or set the key in the page`,
  siteAmbiguous: (folder) => `${folder} holds both a Hugo and a Jekyll configuration: say which one with --site hugo or --site jekyll`,
  termsNotMapping: 'a term map is a YAML mapping of site terms to policy categories, e.g. "sondages: poll"',
  termsValue: (term) => `'${term}' must map to a policy category or a list of them`,
  termsDuplicate: (first, second) => `'${first}' and '${second}' are the same term but map to different categories`,
};

const fr: InputMessages = {
  noSuchFile: 'fichier introuvable',
  unreadable: (reason) => `lecture impossible : ${reason}`,
  permissionDenied: 'permission refusée',
  isAFolder: 'c’est un dossier',
  notRegularFile: 'pas un fichier ordinaire (tube nommé, périphérique ou socket), il n’est donc pas lu : dans un dossier, seuls les fichiers ordinaires sont lus (nommez un tube sur la ligne de commande pour le lire)',
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
  jsonReason: (reason, column) => `${jsonReason(reason, 'fr')}${column === undefined ? '' : ` (colonne ${column})`}`,
  notARecord: (found) => `objet JSON attendu (un enregistrement), trouvé ${found}`,
  duplicateKey: (key, column) =>
    `la clé ${quotedKey(key)} figure deux fois dans un même objet${column === undefined ? '' : ` (de nouveau à la colonne ${column})`} : les lecteurs JSON ne gardent pas tous la même valeur, l’enregistrement n’est donc pas lu ; n’en gardez qu’une`,
  jsonTopLevel: (found) => `objet JSON ou tableau d’enregistrements attendu, trouvé ${found}`,
  badYaml: (reason) => `YAML invalide : ${reason}`,
  yamlReason: (code, reason) => yamlReason(code, reason, 'fr'),
  yamlDuplicateKey: (key) => `la clé ${key} figure deux fois dans une même table`,
  yamlNotRecord: (found) => `table de correspondance attendue (un enregistrement) ou liste de celles-ci, trouvé ${found}`,
  aliasBomb: 'les alias YAML se déploient trop loin (bombe d’alias ?)',
  tooDeep: (limit) => `imbrication de plus de ${limit} niveaux`,
  mergeKey: 'les clés de fusion YAML (<<) ne sont pas lues : écrivez les champs dans l’enregistrement',
  complexKey: 'une clé qui est une liste ou un dictionnaire n’est pas lue : les clés sont du texte',
  csvNoHeader: 'pas de ligne d’en-tête : la première ligne d’un fichier CSV nomme les colonnes',
  csvEmptyHeader: (column) => `la colonne ${column} de la ligne d’en-tête n’a pas de nom`,
  csvDuplicateHeader: (name) => `la colonne '${name}' apparaît deux fois dans l’en-tête`,
  csvSeparator: (separator) =>
    `l’en-tête n’a qu’une colonne, qui contient des ${separator === '\t' ? 'tabulations' : `'${separator}'`} : le fichier est séparé par des ${separator === '\t' ? 'tabulations' : `'${separator}'`} (comme l’écrit un tableur en français), et blackout lit des virgules ; enregistrez-le en CSV séparé par des virgules (UTF-8)`,
  csvHeaderConflict: (first, second) => `les colonnes '${first}' et '${second}' définiraient toutes deux '${first}'`,
  csvFieldCount: (found, expected) => `la ligne a ${found} champs ; l’en-tête en a ${expected}`,
  csvUnclosedQuote: 'un champ entre guillemets n’est jamais fermé (entrée tronquée ?)',
  csvAfterQuote: (character) => `${JSON.stringify(character)} inattendu après un guillemet fermant ; doublez un guillemet dans un champ entre guillemets ("")`,
  noFrontMatter: 'pas d’en-tête (front matter) : le fichier doit commencer par une ligne "---" (YAML), "+++" (TOML) ou "{" (JSON)',
  unclosedFrontMatter: 'l’en-tête (front matter) n’est jamais fermé par une ligne "---"',
  frontMatterNotMapping: (found) => `l’en-tête (front matter) doit associer des clés à des valeurs, trouvé ${found}`,
  mappingEntry: (entry) => `'${entry}' n’est pas de la forme champ=clé[,clé...] (ex. publishedAt=date,publishDate;categories=tags)`,
  mappingField: (field, known) => `'${field}' n’est pas un champ d’enregistrement ; utilisez ${known}`,
  mappingTwice: (field) => `'${field}' est associé deux fois ; listez ses clés une seule fois, dans l’ordre où elles sont essayées (ex. ${field}=tags,category)`,
  jekyllYamlOnly: 'pas d’en-tête YAML : Jekyll ne lit l’en-tête qu’entre deux lignes "---" tout en haut, et copie ce fichier tel quel',
  unclosedTomlFrontMatter: 'l’en-tête (front matter) n’est jamais fermé par une ligne "+++"',
  unclosedJsonFrontMatter: 'l’en-tête JSON n’est jamais fermé (aucune "}" ne répond à la première "{")',
  frontMatterTooLarge: (limit) => `l’en-tête dépasse ${frSize(limit)}, bien plus qu’une page n’en demande`,
  badToml: (reason) => `TOML invalide : ${reason}`,
  ambiguousKeys: (first, second) => `'${first}' et '${second}' sont la même clé pour Hugo (les clés d’en-tête ignorent la casse) mais ont des valeurs différentes : n’en gardez qu’une`,
  conflictingKeys: (first, second) => `'${first}' et '${second}' fixent le même champ avec des valeurs différentes : n’en gardez qu’une`,
  nearMiss: (key, suggestion, site) =>
    `'${key}' n’est pas lu : vouliez-vous dire '${suggestion}' ?${site === 'jekyll' ? ' (Jekyll distingue la casse des clés d’en-tête)' : site === 'hugo' ? ' (Hugo ne la lit pas non plus)' : ''}`,
  jekyllForeignDate: (key) => `Jekyll ne lit pas '${key}' : il publie un billet à sa 'date' (ou à la date de son nom de fichier) ; déplacez-y la date ou retirez la clé`,
  blackoutNotMapping: (known) => `'blackout' doit associer des valeurs à ${known}`,
  blackoutUnknownKey: (key, suggestion, known) => `'blackout.${key}' n’est pas une clé de blackout${suggestion ? ` : vouliez-vous dire '${suggestion}' ?` : ''} (clés : ${known})`,
  hugoBadDate: (key, value) => `Hugo ne lit pas '${value}' (${key}) comme une date, et blackout n’en devine pas : écrivez-la comme 2017-05-06T10:00:00+02:00`,
  hugoUnknowableDate: (identifier) =>
    `Hugo date cette page de ${identifier === ':git' ? 'son dernier commit Git' : 'la dernière modification de son fichier'} (${identifier} dans les réglages [frontmatter] du site), que blackout ne peut pas connaître : donnez-lui un publishDate`,
  skippedHugoDraft: (key) => `brouillon (${key}) : Hugo ne le publie pas ; non vérifié (--include-drafts le vérifie)`,
  skippedJekyllDraft: 'brouillon (dans _drafts/) : Jekyll ne le publie pas ; non vérifié (--include-drafts le vérifie)',
  skippedUnpublished: 'published: false : Jekyll ne le publie pas ; non vérifié (--include-drafts le vérifie)',
  skippedExpired: (expiry, published) => `expire (${expiry}) au plus tard quand il est publié (${published}) : jamais en ligne ; non vérifié`,
  skippedListPage: 'page de liste Hugo sans date : son texte sort à chaque génération du site ; non vérifiée (datez-la, ou vérifiez-la avec --at)',
  skippedGeneratorKind: (extension, known) => `non lu : les générateurs de sites publient les pages ${extension}, mais blackout ne lit l’en-tête que dans ${known} ; cette page n’est pas vérifiée`,
  skippedOtherKind: (extension, known) => `non lu : '${extension || '(sans extension)'}' n’est pas un type de fichier d’enregistrements (blackout lit ${known})`,
  siteConfig: (file, reason) => `les réglages du site dans ${file} sont illisibles : ${reason}`,
  siteZone: (zone) => `fuseau horaire inconnu '${zone}'`,
  hugoCascadeUnreadable: (file, reason) => `la cascade que cette page reçoit de ${file} est illisible : ${reason}`,
  bundleUnreadable: (file, reason) => `cette page est une ressource du paquet ${file}, et sort avec lui ; sa page est illisible : ${reason}`,
  bundleNotPublished: (file, reason) => `cette page est une ressource du paquet ${file}, et sort avec lui ; sa page n’est pas vérifiée (${reason})`,
  cascadeEntry: 'cascade : chaque entrée doit être une table de clés d’en-tête',
  cascadeTarget: (key) => `cascade : ${key} doit être une table de path, kind, lang ou environment`,
  cascadeTargetKey: (key, targetKey) => `cascade : ${key} contient « ${targetKey} », que Hugo ne lit pas (path, kind, lang, environment)`,
  cascadeGlob: (where) => `${where} doit être un motif glob`,
  tooManyWildcards: (where, max) => `${where} a plus de ${max} jokers`,
  defaultsList: 'defaults doit être une liste d’ensembles, chacun avec scope et values',
  defaultsSet: 'defaults : chaque ensemble demande values (une table) et scope (une table de path et type)',
  defaultsScope: 'defaults : scope.path et scope.type doivent être du texte',
  hugoCascadeAmbiguous: (files) =>
    `les versions de Hugo donnent à cette page des valeurs différentes de la cascade de ${files.join(', ')}, et blackout ne peut savoir quel Hugo construit le site : avant 0.123 le chemin d’une cible est celui du fichier (/posts/a.md, celui de la page depuis : /posts/a), et les entrées de deux sections aux cibles différentes qui donnent une même clé s’appliquent dans un ordre aléatoire. Écrivez des cibles que toutes lisent de même (un motif de chemin sans extension, dans une entrée de liste sous _target), ou donnez la clé dans la page`,
  siteAmbiguous: (folder) => `${folder} contient à la fois une configuration Hugo et une configuration Jekyll : précisez laquelle avec --site hugo ou --site jekyll`,
  termsNotMapping: 'une table de termes associe en YAML des termes du site à des catégories de la politique, p. ex. « sondages: poll »',
  termsValue: (term) => `'${term}' doit correspondre à une catégorie de la politique ou à une liste de catégories`,
  termsDuplicate: (first, second) => `'${first}' et '${second}' sont le même terme mais correspondent à des catégories différentes`,
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

/** A key as JSON writes it, cut short when long: a hostile key must not fill the message. */
export function quotedKey(key: string): string {
  return JSON.stringify(key.length > 64 ? `${key.slice(0, 61)}...` : key);
}
