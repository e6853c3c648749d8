import { systemWords } from '../fs/system-reason.js';

// The words of policy problems, in English and French: each issue carries
// both (`message`, `fr`), and the texts more than one check says live here.

/** A policy problem's message in English and in French: an issue's `message` and `fr`. */
export interface IssueText {
  readonly en: string;
  readonly fr: string;
}

/** What a policy names: in French with its article, and its gender for the words that agree with it. */
interface Noun {
  readonly en: string;
  readonly fr: string;
  readonly the: string;
  readonly feminine: boolean;
}

const NOUNS = {
  region: { en: 'region', fr: 'région', the: 'la région', feminine: true },
  group: { en: 'group', fr: 'groupe', the: 'le groupe', feminine: false },
  'region or group': { en: 'region or group', fr: 'région ou groupe', the: 'la région ou le groupe', feminine: false },
  channel: { en: 'channel', fr: 'canal', the: 'le canal', feminine: false },
  category: { en: 'category', fr: 'catégorie', the: 'la catégorie', feminine: true },
  rule: { en: 'rule', fr: 'règle', the: 'la règle', feminine: true },
  election: { en: 'election', fr: 'élection', the: 'l’élection', feminine: true },
  'election round': { en: 'election round', fr: 'tour d’élection', the: 'le tour d’élection', feminine: false },
} as const satisfies Record<string, Noun>;

/** The kinds of names a policy defines and refers to. */
export type NameKind = keyof typeof NOUNS;

/** A name in French quotes, as the French messages write a value. */
export function guillemets(text: string): string {
  return `« ${text} »`;
}

/** `unknown region 'GX'`: a reference to a name the policy does not define. */
export function unknownName(kind: NameKind, name: string): IssueText {
  const noun: Noun = NOUNS[kind];
  return { en: `unknown ${noun.en} '${name}'`, fr: `${noun.fr} ${noun.feminine ? 'inconnue' : 'inconnu'} ${guillemets(name)}` };
}

/** A name defined a second time, said at the second place. */
export function alreadyDefined(kind: NameKind, name: string, file: string): IssueText {
  const noun: Noun = NOUNS[kind];
  return { en: `${noun.en} '${name}' is already defined in ${file}`, fr: `${noun.the} ${guillemets(name)} est déjà ${noun.feminine ? 'définie' : 'défini'} dans ${file}` };
}

/** A code two combined policies both define. */
export function collidingCode(kind: NameKind, code: string, owner: string, policy: string): IssueText {
  const noun: Noun = NOUNS[kind];
  return {
    en: `${noun.en} '${code}' is defined by policy ${owner} and by policy ${policy}; codes must not collide across combined policies`,
    fr: `${noun.the} ${guillemets(code)} est ${noun.feminine ? 'définie' : 'défini'} par la politique ${owner} et par la politique ${policy} ; les codes de politiques combinées ne doivent pas se recouper`,
  };
}

export function unknownZone(zone: string): IssueText {
  return { en: `unknown time zone '${zone}'`, fr: `fuseau horaire inconnu ${guillemets(zone)}` };
}

export function notADate(date: string): IssueText {
  return { en: `'${date}' is not a calendar date`, fr: `${guillemets(date)} n’est pas une date du calendrier` };
}

/** A key the schema's pattern for names refuses. */
export function notAValidName(name: string): IssueText {
  return { en: `'${name}' is not a valid name`, fr: `${guillemets(name)} n’est pas un nom valide` };
}

/** Why a file that does not exist cannot be read. */
export const NO_SUCH_FILE: IssueText = { en: 'no such file', fr: 'fichier introuvable' };

export function cannotReadPolicy(reason: IssueText): IssueText {
  return { en: `cannot read policy: ${reason.en}`, fr: `impossible de lire la politique : ${reason.fr}` };
}

/**
 * Why a file could not be read: `missing` for one that does not exist, else
 * the error's own words in English, and in French the reader's own (`fr` on
 * the error, as a reader of texts or a refusal for size gives them), else
 * words for its code.
 */
export function readFailure(error: unknown, missing: IssueText): IssueText {
  const { code, message, fr } = (error ?? {}) as { code?: unknown; message?: unknown; fr?: unknown };
  if (code === 'ENOENT') return missing;
  const en = typeof message === 'string' ? message : String(error);
  if (typeof fr === 'string') return { en, fr };
  const known = systemWords(code, 'fr');
  // A reader's error with neither code nor French (one a library user wrote): its own words are all there is.
  return { en, fr: known ?? (typeof code === 'string' ? `erreur du système (${code})` : en) };
}
