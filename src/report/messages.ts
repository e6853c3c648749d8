import type { Status } from '../engine/verdict.js';
import type { SkipReason } from '../records/input-item.js';
import type { Lang } from './format.js';

/** Every word a report writes itself (the rest comes from the policy), in English and French. */
export interface ReportMessages {
  readonly status: Readonly<Record<Status, string>>;
  /** The widest status badge, so that ids line up. */
  readonly badgeWidth: number;
  readonly severity: Readonly<Record<'block' | 'review', string>>;
  /** A colon as the language writes it after a label (French puts a space before), and a semicolon. */
  readonly colon: string;
  readonly semicolon: string;
  readonly regions: string;
  readonly election: string;
  readonly window: string;
  readonly mayGoOut: string;
  readonly detected: (phrase: string, field: 'title' | 'body', category: string) => string;
  readonly records: (count: number) => string;
  readonly counts: Readonly<Record<Status, (count: number) => string>>;
  readonly notListed: string;
  readonly invalidRecord: string;
  readonly noId: string;
  /** Input problems and skipped items. */
  readonly inputs: InputWords;
  /** What the text report says of a record besides its violations. */
  readonly text: TextWords;
}

/** The text report's own sentences. */
export interface TextWords {
  /** Only some of the audience's regions block: which, and what narrowing the audience gives. */
  readonly onlyFor: (blocked: string, free: string) => string;
  /** The same, said from the few regions where it may go out. */
  readonly onlyFreeFor: (free: string, blockedCount: number) => string;
  readonly localTime: string;
  readonly reading: string;
  readonly penalty: string;
  readonly uncategorised: string;
  readonly ifItIs: (categories: readonly string[]) => string;
  readonly provisionalCalendar: string;
  readonly provisionalRule: string;
  readonly policy: string;
  /** Why an allowed record is allowed (--verbose). */
  readonly allowedBecause: (categories: readonly string[]) => string;
  readonly and: string;
}

/** The words of input problems (records not read) and skipped items (knowingly not checked). */
export interface InputWords {
  readonly problems: (count: number) => string;
  readonly skipped: (count: number) => string;
  readonly problemsHeading: (count: number) => string;
  readonly skippedHeading: (count: number) => string;
  readonly reasons: Readonly<Record<SkipReason, (count: number) => string>>;
  readonly noExtension: string;
  /** After a list cut at the limit: how many more there were. */
  readonly more: (count: number) => string;
  readonly problemsNotListed: (count: number) => string;
  readonly skippedNotListed: (count: number) => string;
  /** What the SARIF notification descriptors say: in short, in full, and what to do. */
  readonly problemRule: { readonly short: string; readonly full: string; readonly help: string };
  readonly skippedRule: { readonly short: string; readonly full: string; readonly help: string };
}

const enInputs: InputWords = {
  problems: (count) => `${count} input problem${count === 1 ? '' : 's'}`,
  skipped: (count) => `${count} skipped`,
  problemsHeading: (count) => `${count} input problem${count === 1 ? '' : 's'} (not read, so not checked):`,
  skippedHeading: (count) => `${count} skipped (knowingly not checked):`,
  reasons: {
    draft: (count) => `${count} draft${count === 1 ? '' : 's'}`,
    expired: (count) => `${count} expired`,
    unpublished: (count) => `${count} unpublished`,
    'list-page': (count) => `${count} undated list page${count === 1 ? '' : 's'}`,
    'unsupported-kind': (count) => `${count} file${count === 1 ? '' : 's'} of a kind not read`,
  },
  noExtension: '(no extension)',
  more: (count) => `… and ${count} more, not listed`,
  problemsNotListed: (count) => `${count} more input problem${count === 1 ? '' : 's'}, not listed (each was told on standard error)`,
  skippedNotListed: (count) => `${count} more skipped item${count === 1 ? '' : 's'}, not listed (each was told on standard error)`,
  problemRule: {
    short: 'Input not read',
    full: 'Input that could not be read (a line, a row, a document or a whole file): its records were not checked.',
    help: 'Fix the line or file named (or take it out of the input) and run the check again: nothing in it was checked.',
  },
  skippedRule: {
    short: 'Input knowingly not checked',
    full: 'Input knowingly not checked: a draft, an expired or unpublished page, an undated list page, a file of a kind not read.',
    help: 'Nothing to fix when the item is indeed not a publication; if it is one, make it a record the check reads.',
  },
};

const frInputs: InputWords = {
  problems: (count) => `${count} problème${count > 1 ? 's' : ''} de lecture`,
  skipped: (count) => `${count} ignoré${count > 1 ? 's' : ''}`,
  problemsHeading: (count) => `${count} problème${count > 1 ? 's' : ''} de lecture (non lu${count > 1 ? 's' : ''}, donc non vérifié${count > 1 ? 's' : ''}) :`,
  skippedHeading: (count) => `${count} ignoré${count > 1 ? 's' : ''} (volontairement non vérifié${count > 1 ? 's' : ''}) :`,
  reasons: {
    draft: (count) => `${count} brouillon${count > 1 ? 's' : ''}`,
    expired: (count) => `${count} expiré${count > 1 ? 's' : ''}`,
    unpublished: (count) => `${count} non publié${count > 1 ? 's' : ''}`,
    'list-page': (count) => `${count} page${count > 1 ? 's' : ''} de liste sans date`,
    'unsupported-kind': (count) => `${count} fichier${count > 1 ? 's' : ''} d’un type non lu`,
  },
  noExtension: '(sans extension)',
  more: (count) => `… et ${count} de plus, non listé${count > 1 ? 's' : ''}`,
  problemsNotListed: (count) => `${count} autre${count > 1 ? 's' : ''} problème${count > 1 ? 's' : ''} de lecture, non listé${count > 1 ? 's' : ''} (chacun a été signalé sur la sortie d’erreur)`,
  skippedNotListed: (count) => `${count} autre${count > 1 ? 's' : ''} élément${count > 1 ? 's' : ''} ignoré${count > 1 ? 's' : ''}, non listé${count > 1 ? 's' : ''} (chacun a été signalé sur la sortie d’erreur)`,
  problemRule: {
    short: 'Entrée non lue',
    full: 'Entrée illisible (une ligne, une rangée, un document ou un fichier entier) : ses enregistrements n’ont pas été vérifiés.',
    help: 'Corrigez la ligne ou le fichier nommé (ou retirez-le de l’entrée) et relancez la vérification : rien de ce qu’il contient n’a été vérifié.',
  },
  skippedRule: {
    short: 'Entrée volontairement non vérifiée',
    full: 'Entrée volontairement non vérifiée : un brouillon, une page expirée ou non publiée, une page de liste sans date, un fichier d’un type non lu.',
    help: 'Rien à corriger si l’élément n’est bien pas une publication ; s’il en est une, faites-en un enregistrement que la vérification lit.',
  },
};

const en: ReportMessages = {
  status: { allowed: 'ALLOWED', blocked: 'BLOCKED', review: 'REVIEW', invalid: 'INVALID' },
  badgeWidth: 7,
  severity: { block: 'block', review: 'review' },
  colon: ':',
  semicolon: ';',
  regions: 'regions',
  election: 'election',
  window: 'window',
  mayGoOut: 'may go out from',
  detected: (phrase, field, category) => `detector: "${phrase}" in the ${field} suggests the category ${category}`,
  records: (count) => `${count} record${count === 1 ? '' : 's'}`,
  counts: {
    blocked: (count) => `${count} blocked`,
    review: (count) => `${count} to review`,
    allowed: (count) => `${count} allowed`,
    invalid: (count) => `${count} invalid`,
  },
  notListed: 'not listed unless provisional',
  invalidRecord: 'The record could not be checked',
  noId: '<no id>',
  inputs: enInputs,
  text: {
    onlyFor: (blocked, free) => `Blocked only for readers in ${blocked}; for ${free} it may go out now: narrow the audience to publish it there.`,
    onlyFreeFor: (free, count) => `May go out now only for readers in ${free}: narrow the audience to publish it there. Blocked for the ${count} other regions of its audience.`,
    localTime: 'local time',
    reading: 'Reading',
    penalty: 'Penalty',
    uncategorised: 'No category declared: during the silence every publication must say what it is (news if it is not electoral).',
    ifItIs: (categories) => `if it is ${categories.join(' or ')}`,
    provisionalCalendar: 'provisional calendar',
    provisionalRule: 'legal basis not confirmed',
    policy: 'policy',
    allowedBecause: (categories) =>
      categories.length === 0 ? 'No window of a rule holds for its audience at this instant.' : `No window of a rule covering ${categories.join(', ')} holds for its audience at this instant.`,
    and: 'and',
  },
};

const fr: ReportMessages = {
  status: { allowed: 'AUTORISÉ', blocked: 'BLOQUÉ', review: 'À REVOIR', invalid: 'INVALIDE' },
  badgeWidth: 8,
  severity: { block: 'interdit', review: 'à revoir' },
  colon: ' :',
  semicolon: ' ;',
  regions: 'régions',
  election: 'élection',
  window: 'période',
  mayGoOut: 'peut paraître à partir du',
  detected: (phrase, field, category) => `détecteur : « ${phrase} » dans le ${field === 'title' ? 'titre' : 'corps'} évoque la catégorie ${category}`,
  records: (count) => `${count} publication${count > 1 ? 's' : ''}`,
  counts: {
    blocked: (count) => `${count} bloquée${count > 1 ? 's' : ''}`,
    review: (count) => `${count} à revoir`,
    allowed: (count) => `${count} autorisée${count > 1 ? 's' : ''}`,
    invalid: (count) => `${count} invalide${count > 1 ? 's' : ''}`,
  },
  notListed: 'non listées sauf si provisoires',
  invalidRecord: 'La publication n’a pas pu être vérifiée',
  noId: '<sans id>',
  inputs: frInputs,
  text: {
    onlyFor: (blocked, free) => `Bloqué seulement pour le public de ${blocked} ; pour ${free}, la publication est possible dès maintenant : restreignez le public pour l’y publier.`,
    onlyFreeFor: (free, count) => `Publiable dès maintenant seulement pour le public de ${free} : restreignez le public pour l’y publier. Bloqué pour les ${count} autres régions de son public.`,
    localTime: 'heure locale',
    reading: 'Lecture',
    penalty: 'Sanction',
    uncategorised: 'Aucune catégorie déclarée : pendant le silence, chaque publication doit dire ce qu’elle est (news si elle n’est pas électorale).',
    ifItIs: (categories) => `s’il s’agit de ${categories.join(' ou ')}`,
    provisionalCalendar: 'calendrier provisoire',
    provisionalRule: 'base légale non confirmée',
    policy: 'politique',
    allowedBecause: (categories) =>
      categories.length === 0
        ? 'Aucune fenêtre de règle ne s’applique à ce public à cet instant.'
        : `Aucune fenêtre de règle couvrant ${categories.join(', ')} ne s’applique à ce public à cet instant.`,
    and: 'et',
  },
};

/** The report's own words in `lang`. */
export function messages(lang: Lang): ReportMessages {
  return lang === 'fr' ? fr : en;
}
