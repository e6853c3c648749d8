/** What a record's field is told, in each language the CLI speaks; a verdict gives the one asked for. */
export interface FieldMessage {
  readonly en: string;
  readonly fr: string;
}

const both = (en: string, fr: string): FieldMessage => ({ en, fr });

/** Why a record cannot be checked, field by field (values already quoted by describeValue). */
export const RECORD_MESSAGES = {
  notAnObject: both('a record must be an object', 'un enregistrement doit être un objet'),
  unreadable: (reason: string) => both(`the record cannot be read: ${reason}`, `l’enregistrement ne peut pas être lu : ${reason}`),
  editedInWindow: (key: string, edited: string, rules: string) =>
    both(
      `${key} says it was edited at ${edited}, after its publication, when ${rules} held: an edit goes out again. Check the edit as action: update with publishedAt ${edited} (firstPublishedAt: the publication), or drop ${key} if what is online did not change`,
      `${key} indique une modification le ${edited}, après la publication, pendant ${rules} : une modification est une nouvelle diffusion. Vérifiez-la en action: update avec publishedAt ${edited} (firstPublishedAt : la publication), ou retirez ${key} si ce qui est en ligne n’a pas changé`,
    ),
  unreadableEdit: (key: string, why: FieldMessage) =>
    both(
      `${key} says when the record was edited, which may be inside a window, and cannot be read: ${why.en}. Give it as an ISO 8601 instant with its offset (or drop ${key})`,
      `${key} dit quand l’enregistrement a été modifié, peut-être dans une fenêtre, et ne peut être lu : ${why.fr}. Donnez-le en instant ISO 8601 avec son décalage (ou retirez ${key})`,
    ),
  tooManyErrors: (max: number) => both(`more than ${max} problems; the rest are not listed`, `plus de ${max} problèmes ; les autres ne sont pas listés`),
  nearMiss: (key: string, field: string) => both(`${key} is not a record field: did you mean ${field}?`, `${key} n’est pas un champ d’enregistrement : vouliez-vous dire ${field} ?`),
  publisherNearMiss: (key: string, field: string) => both(`${key} is not a publisher field: did you mean ${field}?`, `${key} n’est pas un champ de publisher : vouliez-vous dire ${field} ?`),
  mustBeString: (field: string) => both(`${field} must be a string`, `${field} doit être une chaîne de caractères`),
  idRequired: both('id is required', 'id est obligatoire'),
  idType: (max: number) => both(`id must be a non-empty string of at most ${max} characters`, `id doit être une chaîne non vide d’au plus ${max} caractères`),
  action: (actions: string) => both(`action must be one of ${actions}`, `action doit valoir l’une de ces valeurs : ${actions}`),
  unknownZone: (zone: string) => both(`unknown time zone ${zone}`, `fuseau horaire inconnu ${zone}`),
  publishedAtRequired: both('publishedAt is required when no instant is given to check at', 'publishedAt est obligatoire quand aucun instant à vérifier n’est donné'),
  firstRequired: both('firstPublishedAt is required with action remain', 'firstPublishedAt est obligatoire avec action remain'),
  firstAfter: both('firstPublishedAt is after the instant checked', 'firstPublishedAt est postérieur à l’instant vérifié'),
  categoriesType: both('categories must be an array of strings', 'categories doit être un tableau de chaînes de caractères'),
  categoriesTooLong: (count: number, max: number) => both(`categories holds ${count} entries; a record declares at most ${max}`, `categories compte ${count} entrées ; un enregistrement en déclare au plus ${max}`),
  unknownCategory: (value: string, known: string) => both(`unknown category ${value}; the policy knows ${known}`, `catégorie inconnue ${value} ; la politique connaît ${known}`),
  audienceType: both('audience must be a non-empty array of region or group codes', 'audience doit être un tableau non vide de codes de régions ou de groupes'),
  audienceTooLong: (count: number, max: number) => both(`audience holds ${count} entries; a record names at most ${max}`, `audience compte ${count} entrées ; un enregistrement en nomme au plus ${max}`),
  unknownRegion: (value: string) => both(`unknown region or group ${value}`, `région ou groupe inconnu ${value}`),
  unknownChannel: (value: string, known: string) => both(`unknown channel ${value}; the policy knows ${known}`, `canal inconnu ${value} ; la politique connaît ${known}`),
  publisherType: both('publisher must be an object', 'publisher doit être un objet'),
  publisherKind: (kinds: string) => both(`publisher.kind must be one of ${kinds}`, `publisher.kind doit valoir l’une de ces valeurs : ${kinds}`),
  publisherName: both('publisher.name must be a string', 'publisher.name doit être une chaîne de caractères'),
} as const;

/** The message in `lang`: French for fr, English for any other. */
export function said(message: FieldMessage, lang: string): string {
  return lang === 'fr' ? message.fr : message.en;
}
