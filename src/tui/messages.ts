import type { Status } from '../engine/verdict.js';

/** Languages the terminal UI speaks. */
export type Lang = 'en' | 'fr';

/** Every text the terminal UI shows, one entry per language with the same keys. */
export interface Messages {
  readonly status: Readonly<Record<Status, string>>;
  readonly allStatuses: string;
  readonly allRegions: string;
  readonly everyRegion: (group: string) => string;
  readonly everyRegionBut: (region: string) => string;
  readonly silenceIn: (where: string, left: string, when: string) => string;
  readonly silenceStarts: (where: string, left: string, when: string) => string;
  readonly silenceEnded: (where: string, ago: string, when: string) => string;
  readonly noSilence: (where: string) => string;
  readonly moreStates: (count: number) => string;
  readonly noElection: string;
  readonly now: string;
  readonly duration: { readonly day: string; readonly hour: string; readonly minute: string; readonly second: string };
  readonly columns: { readonly time: string; readonly status: string; readonly audience: string; readonly channel: string; readonly categories: string; readonly title: string };
  readonly zoneName: { readonly utc: string; readonly policy: (zone: string) => string; readonly own: string };
  readonly defaultAudience: string;
  readonly filterBar: (status: string, region: string, zone: string, shown: number, total: number) => string;
  readonly search: string;
  readonly noRecords: string;
  readonly hints: string;
  readonly helpTitle: string;
  readonly helpClose: string;
  readonly detail: {
    readonly checkedAt: string;
    readonly source: string;
    readonly regions: string;
    readonly earliest: string;
    readonly noViolation: string;
    readonly detections: string;
    readonly detectorHit: (phrase: string, field: string, category: string) => string;
    readonly errors: string;
    readonly whatIf: (when: string, status: string) => string;
    readonly whatIfNothing: string;
    readonly provisional: string;
    readonly more: (count: number) => string;
  };
  readonly reloaded: (count: number) => string;
  readonly reloadFailed: (message: string) => string;
  /** While the inputs are read: how many records are checked so far. */
  readonly loading: (count: number) => string;
  /** The footer's count of input problems, and the key that lists them. */
  readonly problemCount: (count: number) => string;
  readonly problemsTitle: (count: number) => string;
  readonly problemsClose: string;
  readonly noProblems: string;
  /** Said on standard error after quitting, before the problems themselves. */
  readonly problemsOnExit: (count: number) => string;
  readonly problemsMore: (count: number) => string;
  /** The error of a record whose id an earlier record has. */
  readonly duplicateId: (id: string) => string;
  readonly timelineOutside: string;
  readonly keys: Readonly<Record<KeyHelp, string>>;
}

/** Keys the help overlay lists; keys.ts binds each one. */
export type KeyHelp = 'move' | 'page' | 'ends' | 'detail' | 'scroll' | 'search' | 'status' | 'region' | 'zone' | 'whatIf' | 'problems' | 'escape' | 'help' | 'quit';

const en: Messages = {
  status: { allowed: 'ALLOWED', blocked: 'BLOCKED', review: 'REVIEW', invalid: 'INVALID' },
  allStatuses: 'all',
  allRegions: 'all',
  everyRegion: (group) => `every region (${group})`,
  everyRegionBut: (region) => `every region but ${region}`,
  silenceIn: (where, left, when) => `Silence in force in ${where}, ends in ${left} (${when})`,
  silenceStarts: (where, left, when) => `Silence starts in ${where} in ${left} (${when})`,
  silenceEnded: (where, ago, when) => `Silence ended in ${where} ${ago} ago (${when})`,
  noSilence: (where) => `No silence in ${where} for this election`,
  moreStates: (count) => `+${count} more`,
  noElection: 'No election in this policy',
  now: 'now',
  duration: { day: 'd', hour: 'h', minute: 'min', second: 's' },
  columns: { time: 'time', status: 'status', audience: 'audience', channel: 'channel', categories: 'categories', title: 'title' },
  zoneName: { utc: 'UTC', policy: (zone) => zone, own: "record's own" },
  defaultAudience: 'default',
  filterBar: (status, region, zone, shown, total) => `status: ${status} · region: ${region} · time: ${zone} · ${shown}/${total} records`,
  search: 'search',
  noRecords: 'No record matches.',
  hints: '↑↓ move · Enter detail · / search · s status · r region · z zone · w what if · ? help · q quit',
  helpTitle: 'Keys',
  helpClose: 'Esc, ? or q closes this help.',
  detail: {
    checkedAt: 'checked at',
    source: 'source',
    regions: 'regions',
    earliest: 'earliest allowed',
    noViolation: 'No rule applies at this instant.',
    detections: 'detector hits',
    detectorHit: (phrase, field, category) => `"${phrase}" in the ${field} suggests ${category}`,
    errors: 'cannot be checked',
    whatIf: (when, status) => `What if published at ${when}: ${status}`,
    whatIfNothing: 'What if: nothing to move, the record is not blocked.',
    provisional: 'provisional',
    more: (count) => `… ${count} more lines ([ and ] scroll)`,
  },
  reloaded: (count) => `Input changed: ${count} records checked again.`,
  reloadFailed: (message) => `Input changed but could not be read: ${message}`,
  loading: (count) => `loading… ${count} records checked so far`,
  problemCount: (count) => `${count} input problem${count === 1 ? '' : 's'} (e lists ${count === 1 ? 'it' : 'them'})`,
  problemsTitle: (count) => `Input problems (${count}): what could not be read was left out of the list`,
  problemsClose: 'Esc or e closes this list; [ and ] scroll it.',
  noProblems: 'No input problem: every record was read.',
  problemsOnExit: (count) => `blackout: ${count} input problem${count === 1 ? '' : 's'}: some records were not read`,
  problemsMore: (count) => `… and ${count} more (e lists them all in the UI)`,
  duplicateId: (id) => `id '${id}' appears earlier in the input`,
  timelineOutside: 'outside the weekend',
  keys: {
    move: '↑ ↓ or k j: previous or next record',
    page: 'PgUp PgDn: a page up or down',
    ends: 'g G or Home End: first or last record',
    detail: 'Enter: open or close the detail of the record',
    scroll: '[ ]: scroll the detail',
    search: '/: search id, title, channel, categories (Enter keeps it, Esc clears it)',
    status: 's: filter by status (all, blocked, review, invalid, allowed)',
    region: 'r: filter by audience region',
    zone: 'z: show times in UTC, the policy zone or the record’s own',
    whatIf: 'w: what if the record went out at its earliest allowed time',
    problems: 'e: list the input problems (files or lines that could not be read)',
    escape: 'Esc: close the detail, help or problem list, clear the search',
    help: '?: this help',
    quit: 'q or Ctrl-C: quit',
  },
};

const fr: Messages = {
  status: { allowed: 'AUTORISÉ', blocked: 'BLOQUÉ', review: 'À REVOIR', invalid: 'INVALIDE' },
  allStatuses: 'tous',
  allRegions: 'toutes',
  everyRegion: (group) => `toutes les régions (${group})`,
  everyRegionBut: (region) => `toutes les régions sauf ${region}`,
  silenceIn: (where, left, when) => `Silence en vigueur : ${where}, fin dans ${left} (${when})`,
  silenceStarts: (where, left, when) => `Silence dans ${left} : ${where} (${when})`,
  silenceEnded: (where, ago, when) => `Silence terminé depuis ${ago} : ${where} (${when})`,
  noSilence: (where) => `Pas de silence pour ${where} à cette élection`,
  moreStates: (count) => `+${count} autres`,
  noElection: 'Aucune élection dans cette politique',
  now: 'maintenant',
  duration: { day: 'j', hour: 'h', minute: 'min', second: 's' },
  columns: { time: 'heure', status: 'statut', audience: 'public', channel: 'canal', categories: 'catégories', title: 'titre' },
  zoneName: { utc: 'UTC', policy: (zone) => zone, own: 'celle de la publication' },
  defaultAudience: 'défaut',
  filterBar: (status, region, zone, shown, total) => `statut : ${status} · région : ${region} · heure : ${zone} · ${shown}/${total} publications`,
  search: 'recherche',
  noRecords: 'Aucune publication ne correspond.',
  hints: '↑↓ aller · Entrée détail · / chercher · s statut · r région · z fuseau · w et si · ? aide · q quitter',
  helpTitle: 'Touches',
  helpClose: 'Échap, ? ou q ferme cette aide.',
  detail: {
    checkedAt: 'vérifié à',
    source: 'source',
    regions: 'régions',
    earliest: 'au plus tôt',
    noViolation: 'Aucune règle ne s’applique à cet instant.',
    detections: 'détecteurs',
    detectorHit: (phrase, field, category) => `« ${phrase} » (${field === 'title' ? 'titre' : 'texte'}) laisse penser à ${category}`,
    errors: 'ne peut être vérifiée',
    whatIf: (when, status) => `Et si elle sortait le ${when} : ${status}`,
    whatIfNothing: 'Et si : rien à déplacer, la publication n’est pas bloquée.',
    provisional: 'provisoire',
    more: (count) => `… ${count} lignes de plus ([ et ] pour défiler)`,
  },
  reloaded: (count) => `Entrée modifiée : ${count} publications vérifiées à nouveau.`,
  reloadFailed: (message) => `Entrée modifiée mais illisible : ${message}`,
  loading: (count) => `chargement… ${count} publications vérifiées pour l’instant`,
  problemCount: (count) => `${count} problème${count === 1 ? '' : 's'} de lecture (e pour ${count === 1 ? 'le' : 'les'} voir)`,
  problemsTitle: (count) => `Problèmes de lecture (${count}) : ce qui n’a pu être lu manque à la liste`,
  problemsClose: 'Échap ou e ferme cette liste ; [ et ] la font défiler.',
  noProblems: 'Aucun problème de lecture : toutes les publications ont été lues.',
  problemsOnExit: (count) => `blackout : ${count} problème${count === 1 ? '' : 's'} de lecture : des publications n’ont pas été lues`,
  problemsMore: (count) => `… et ${count} de plus (e les montre tous dans l’interface)`,
  duplicateId: (id) => `l’identifiant « ${id} » apparaît plus haut dans l’entrée`,
  timelineOutside: 'hors du week-end',
  keys: {
    move: '↑ ↓ ou k j : publication précédente ou suivante',
    page: 'PgUp PgDn : une page plus haut ou plus bas',
    ends: 'g G ou Début Fin : première ou dernière publication',
    detail: 'Entrée : ouvrir ou fermer le détail',
    scroll: '[ ] : faire défiler le détail',
    search: '/ : chercher dans l’id, le titre, le canal, les catégories (Entrée garde, Échap efface)',
    status: 's : filtrer par statut (tous, bloqué, à revoir, invalide, autorisé)',
    region: 'r : filtrer par région du public',
    zone: 'z : heures en UTC, dans le fuseau de la politique ou celui de la publication',
    whatIf: 'w : et si la publication sortait au plus tôt permis',
    problems: 'e : liste des problèmes de lecture (fichiers ou lignes illisibles)',
    escape: 'Échap : fermer le détail, l’aide ou la liste des problèmes, effacer la recherche',
    help: '? : cette aide',
    quit: 'q ou Ctrl-C : quitter',
  },
};

/** The UI's texts in `lang`. */
export function messagesFor(lang: Lang): Messages {
  return lang === 'fr' ? fr : en;
}
