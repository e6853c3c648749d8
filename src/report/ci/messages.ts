import type { Lang } from '../format.js';

/** Annotations written, by kind. */
export interface AnnotationCounts {
  readonly error: number;
  readonly warning: number;
  readonly notice: number;
}

/** What became of the job summary, as the last notice tells it. */
export type SummaryOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'complete' }
  | { readonly kind: 'partial'; readonly listed: number; readonly total: number }
  | { readonly kind: 'failed' }
  | { readonly kind: 'full' };

/** The CI formats' own words (GitHub's job summary and last notice, SARIF's rule help), in English and French. */
export interface CiWords {
  readonly annotations: (counts: AnnotationCounts) => string;
  /** GitHub's limit, said in the notice and the summary. */
  readonly githubShows: string;
  readonly summaryOutcome: (outcome: SummaryOutcome) => string;
  readonly summaryListsAll: string;
  readonly nothingAtFault: string;
  readonly columns: { readonly record: string; readonly status: string; readonly rule: string; readonly why: string; readonly regions: string; readonly earliest: string; readonly where: string };
  readonly rowsNotListed: (count: number) => string;
  readonly problemsNotListed: (count: number) => string;
  /** What to do about a finding of a rule of this severity (SARIF's help). */
  readonly whatToDo: { readonly block: string; readonly review: string };
  readonly penalty: string;
  readonly covers: string;
  readonly note: string;
  readonly sources: string;
  readonly invalidRecordFull: string;
  readonly invalidRecordHelp: string;
}

/** English counts one as singular; French counts zero and one so. */
function plural(count: number, one: string, many: string, lang: Lang = 'en'): string {
  return `${count} ${count === 1 || (lang === 'fr' && count === 0) ? one : many}`;
}

/** `a, b and c`, `a et b`. */
function joined(parts: readonly string[], and: string): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}`;
}

const en: CiWords = {
  annotations: ({ error, warning, notice }) => {
    const kinds = [plural(error, 'error', 'errors'), plural(warning, 'warning', 'warnings')];
    if (notice > 0) kinds.push(plural(notice, 'notice', 'notices'));
    return `blackout wrote ${joined(kinds, 'and')} as annotations`;
  },
  githubShows: 'GitHub shows at most 10 of each kind per step',
  summaryOutcome: (outcome) => {
    switch (outcome.kind) {
      case 'none':
        return 'the step’s log has every one.';
      case 'complete':
        return 'the job summary lists every one.';
      case 'partial':
        return `the job summary lists ${outcome.listed} of ${outcome.total} (GitHub keeps 1 MiB of a step’s summary); the step’s log has every one.`;
      case 'failed':
        return 'the job summary could not be written (see standard error); the step’s log has every one.';
      case 'full':
        return 'the job summary had no room left (GitHub keeps 1 MiB of a step’s summary); the step’s log has every one.';
    }
  },
  summaryListsAll: 'this summary lists every one.',
  nothingAtFault: 'Nothing at fault: no record blocked, to review or invalid.',
  columns: { record: 'Record', status: 'Status', rule: 'Rule', why: 'Why', regions: 'Regions', earliest: 'Earliest lawful time', where: 'Where' },
  rowsNotListed: (count) => `… and ${plural(count, 'more annotation', 'more annotations')}, not listed: GitHub keeps 1 MiB of a step’s summary (each is in the step’s log).`,
  problemsNotListed: (count) => `… and ${count} more, not listed here (each is in the step’s log).`,
  whatToDo: {
    block:
      'Do not publish it while the window holds: the result says from when it may go out. Narrowing its audience to regions where no window holds is the other way.',
    review: 'A person decides: the window holds, and whether the rule applies depends on what the publication is (the result says what brought the rule in).',
  },
  penalty: 'Penalty',
  covers: 'Covers',
  note: 'Note',
  sources: 'Sources',
  invalidRecordFull: 'The record could not be checked: a field is missing, malformed or unknown to the policy (its errors name the field). It is never taken as allowed.',
  invalidRecordHelp: 'Fix the fields named in the result (publishedAt with an offset or a zone, categories and audience from the policy) and run the check again.',
};

const fr: CiWords = {
  annotations: ({ error, warning, notice }) => {
    const kinds = [plural(error, 'erreur', 'erreurs', 'fr'), plural(warning, 'avertissement', 'avertissements', 'fr')];
    if (notice > 0) kinds.push(plural(notice, 'note', 'notes', 'fr'));
    return `blackout a écrit ${joined(kinds, 'et')} en annotations`;
  },
  githubShows: 'GitHub en montre au plus 10 de chaque sorte par étape',
  summaryOutcome: (outcome) => {
    switch (outcome.kind) {
      case 'none':
        return 'le journal de l’étape les contient toutes.';
      case 'complete':
        return 'le résumé du job les liste toutes.';
      case 'partial':
        return `le résumé du job en liste ${outcome.listed} sur ${outcome.total} (GitHub garde 1 Mio du résumé d’une étape) ; le journal de l’étape les contient toutes.`;
      case 'failed':
        return 'le résumé du job n’a pas pu être écrit (voir la sortie d’erreur) ; le journal de l’étape les contient toutes.';
      case 'full':
        return 'le résumé du job n’avait plus de place (GitHub garde 1 Mio du résumé d’une étape) ; le journal de l’étape les contient toutes.';
    }
  },
  summaryListsAll: 'ce résumé les liste toutes.',
  nothingAtFault: 'Rien à signaler : aucune publication bloquée, à revoir ou invalide.',
  columns: { record: 'Publication', status: 'Statut', rule: 'Règle', why: 'Motif', regions: 'Régions', earliest: 'Au plus tôt', where: 'Emplacement' },
  rowsNotListed: (count) => `… et ${plural(count, 'autre annotation', 'autres annotations', 'fr')}, non listée${count > 1 ? 's' : ''} : GitHub garde 1 Mio du résumé d’une étape (chacune est dans le journal de l’étape).`,
  problemsNotListed: (count) => `… et ${count} de plus, non listé${count > 1 ? 's' : ''} ici (chacun est dans le journal de l’étape).`,
  whatToDo: {
    block:
      'Ne la publiez pas tant que la période court : le résultat dit à partir de quand elle peut paraître. Restreindre son public aux régions où aucune période ne court est l’autre voie.',
    review: 'Une personne décide : la période court, et l’application de la règle dépend de ce qu’est la publication (le résultat dit ce qui a fait intervenir la règle).',
  },
  penalty: 'Sanction',
  covers: 'Couvre',
  note: 'Note',
  sources: 'Sources',
  invalidRecordFull:
    'La publication n’a pas pu être vérifiée : un champ manque, est mal formé ou inconnu de la politique (ses erreurs nomment le champ). Elle n’est jamais tenue pour autorisée.',
  invalidRecordHelp:
    'Corrigez les champs nommés dans le résultat (publishedAt avec un décalage ou un fuseau, catégories et public de la politique) et relancez la vérification.',
};

/** The CI formats' words in `lang`. */
export function ciWords(lang: Lang): CiWords {
  return lang === 'fr' ? fr : en;
}
