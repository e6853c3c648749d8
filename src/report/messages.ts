import type { Status } from '../engine/verdict.js';
import type { Lang } from './format.js';

/** Every word a report writes itself (the rest comes from the policy), in English and French. */
export interface ReportMessages {
  readonly status: Readonly<Record<Status, string>>;
  /** The widest status badge, so that ids line up. */
  readonly badgeWidth: number;
  readonly severity: Readonly<Record<'block' | 'review', string>>;
  /** A colon as the language writes it after a label (French puts a space before). */
  readonly colon: string;
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
}

const en: ReportMessages = {
  status: { allowed: 'ALLOWED', blocked: 'BLOCKED', review: 'REVIEW', invalid: 'INVALID' },
  badgeWidth: 7,
  severity: { block: 'block', review: 'review' },
  colon: ':',
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
  notListed: 'not listed',
  invalidRecord: 'The record could not be checked',
  noId: '<no id>',
};

const fr: ReportMessages = {
  status: { allowed: 'AUTORISÉ', blocked: 'BLOQUÉ', review: 'À REVOIR', invalid: 'INVALIDE' },
  badgeWidth: 8,
  severity: { block: 'interdit', review: 'à revoir' },
  colon: ' :',
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
  notListed: 'non listées',
  invalidRecord: 'La publication n’a pas pu être vérifiée',
  noId: '<sans id>',
};

/** The report's own words in `lang`. */
export function messages(lang: Lang): ReportMessages {
  return lang === 'fr' ? fr : en;
}
