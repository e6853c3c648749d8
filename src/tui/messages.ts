import type { Status } from '../engine/verdict.js';

/** Languages the terminal UI speaks. */
export type Lang = 'en' | 'fr';

/** A key hint of the footer; `help` and `quit` are always shown, the others as the width allows. */
export type Hint = 'move' | 'detail' | 'search' | 'status' | 'region' | 'zone' | 'whatIf' | 'help' | 'quit';

/** Every text the terminal UI shows, one entry per language with the same keys. */
export interface Messages {
  readonly status: Readonly<Record<Status, string>>;
  readonly allStatuses: string;
  readonly allRegions: string;
  readonly everyRegion: (group: string) => string;
  readonly everyRegionBut: (region: string) => string;
  /**
   * The header's line for a group of regions: the countdown first, the
   * regions last, so a narrow terminal cuts only the list of regions.
   */
  readonly live: {
    readonly in: (left: string, when: string, where: string) => string;
    readonly starts: (left: string, when: string, where: string) => string;
    readonly ended: (ago: string, when: string, where: string) => string;
    readonly none: (where: string) => string;
  };
  readonly moreStates: (count: number) => string;
  readonly noElection: string;
  readonly now: string;
  /** The time column of a record without publishedAt, checked at the clock. */
  readonly nowCell: string;
  /** A round by its number (`t2`): `round 2`. */
  readonly round: (number: number) => string;
  readonly provisional: string;
  readonly duration: { readonly day: string; readonly hour: string; readonly minute: string; readonly second: string };
  readonly columns: { readonly time: string; readonly status: string; readonly audience: string; readonly channel: string; readonly categories: string; readonly title: string };
  readonly zoneName: { readonly utc: string; readonly policy: (zone: string) => string; readonly own: string };
  readonly defaultAudience: string;
  /** The filters in force; `zone` is left out (undefined) when a search needs the room. */
  readonly filterBar: (status: string, region: string, zone: string | undefined, shown: number, total: number) => string;
  readonly search: string;
  readonly noRecords: string;
  readonly hints: Readonly<Record<Hint, string>>;
  readonly helpTitle: string;
  readonly helpClose: string;
  /** The timeline's legend, one line: the wide form, and one that fits 80 columns. */
  readonly legend: { readonly wide: string; readonly narrow: string };
  /** Said after the legend when the region filter is on and there is room. */
  readonly legendRegionMark: string;
  /** The help's explanation of the marks, one a line. */
  readonly marksTitle: string;
  readonly marks: readonly string[];
  /** The line under the drawn bands that names the groups of regions left out. */
  readonly collapsed: (count: number, names: string) => string;
  /** A label and its value: `checked at: …`; French puts a space before the colon. */
  readonly label: (name: string, value: string) => string;
  readonly detail: {
    readonly checkedAt: string;
    readonly clocked: string;
    readonly source: string;
    readonly regions: string;
    readonly policy: string;
    readonly earliest: string;
    readonly noViolation: string;
    readonly why: string;
    readonly detections: string;
    readonly detectorHit: (phrase: string, field: string, category: string) => string;
    readonly errors: string;
    readonly whatIf: (when: string, status: string) => string;
    readonly whatIfNothing: string;
    readonly provisional: string;
    readonly more: (count: number) => string;
    /** Under a region filter: the record's status there. */
    readonly forRegion: (region: string, status: string) => string;
    /** The regions of its audience that have another status. */
    readonly elsewhere: (status: string, regions: string) => string;
    /** A record blocked for some regions of its audience only: which, and the others (named when few, else counted). */
    readonly blockedOnly: (blocked: string, free: string | undefined, freeCount: number) => string;
    /** The same, said from the few regions where it may go out. */
    readonly allowedOnly: (free: string, blockedCount: number) => string;
  };
  readonly reloaded: (count: number) => string;
  readonly reloadFailed: (message: string) => string;
  /** The clock crossed a window edge: records without publishedAt were checked again. */
  readonly rechecked: (count: number, when: string) => string;
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
  live: {
    in: (left, when, where) => `Silence in force, ends in ${left} (${when}): ${where}`,
    starts: (left, when, where) => `Silence starts in ${left} (${when}): ${where}`,
    ended: (ago, when, where) => `Silence ended ${ago} ago (${when}): ${where}`,
    none: (where) => `No silence at this election: ${where}`,
  },
  moreStates: (count) => `+${count} more`,
  noElection: 'No election in this policy',
  now: 'now',
  nowCell: 'now',
  round: (number) => `round ${number}`,
  provisional: 'provisional calendar',
  duration: { day: 'd', hour: 'h', minute: 'min', second: 's' },
  columns: { time: 'time', status: 'status', audience: 'audience', channel: 'channel', categories: 'categories', title: 'title' },
  zoneName: { utc: 'UTC', policy: (zone) => zone, own: "record's own" },
  defaultAudience: 'default',
  filterBar: (status, region, zone, shown, total) => `status: ${status} · region: ${region}${zone === undefined ? '' : ` · time: ${zone}`} · ${shown}/${total} records`,
  search: 'search',
  noRecords: 'No record matches.',
  hints: { move: '↑↓ move', detail: 'Enter detail', search: '/ search', status: 's status', region: 'r region', zone: 'z zone', whatIf: 'w what if', help: '? help', quit: 'q quit' },
  helpTitle: 'Keys',
  helpClose: 'Esc, ? or q closes this help; [ ] or ↑ ↓ scroll it.',
  legend: {
    wide: '█ silence  ░ review window  │ now    x blocked  ! review  ? invalid  · allowed  ^ selected',
    narrow: '█ silence ░ review │ now   x blocked ! review ? invalid · allowed ^ selected',
  },
  legendRegionMark: '  * other regions differ',
  marksTitle: 'Marks',
  marks: [
    'Timeline: one row per group of regions whose silence looks the same, the home region first.',
    '  █ a silence (a block window)   ░ a review window   │ now',
    '  under it, each record at its time: x blocked  ! review  ? invalid  · allowed  ^ the selected one',
    'List: with a region filter (r), each status is the record’s status for that region;',
    '  * after it: other regions of its audience have another status (Enter shows them).',
    '  now in the time column: a record without publishedAt, checked at the clock and again',
    '  whenever the clock crosses a window’s start or end.',
  ],
  collapsed: (count, names) => `+${count}: ${names}`,
  label: (name, value) => (value === '' ? `${name}:` : `${name}: ${value}`),
  detail: {
    checkedAt: 'checked at',
    clocked: 'no publishedAt: checked at the clock, and again when a window opens or closes',
    source: 'source',
    regions: 'regions',
    policy: 'policy',
    earliest: 'earliest allowed',
    noViolation: 'No rule applies at this instant.',
    why: 'why',
    detections: 'detector hits',
    detectorHit: (phrase, field, category) => `"${phrase}" in the ${field} suggests ${category}`,
    errors: 'cannot be checked',
    whatIf: (when, status) => `What if published at ${when}: ${status}`,
    whatIfNothing: 'What if: nothing to move, the record is not blocked.',
    provisional: 'provisional',
    more: (count) => `… ${count} more lines ([ and ] scroll)`,
    forRegion: (region, status) => `For ${region}: ${status}`,
    elsewhere: (status, regions) => `${status} for ${regions}`,
    blockedOnly: (blocked, free, count) => `Blocked only for readers in ${blocked}; allowed for ${free ?? `the ${count} other regions of its audience`}.`,
    allowedOnly: (free, count) => `Allowed only for readers in ${free}; blocked for the ${count} other regions of its audience.`,
  },
  reloaded: (count) => `Input changed: ${count} record${count === 1 ? '' : 's'} checked again.`,
  reloadFailed: (message) => `Input changed but could not be read: ${message}`,
  rechecked: (count, when) => `${when}: ${count} record${count === 1 ? '' : 's'} without publishedAt checked again.`,
  loading: (count) => `loading… ${count} record${count === 1 ? '' : 's'} checked so far`,
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
    search: '/: search id, title, channel, categories, case and accents ignored (Enter keeps it, Esc clears it)',
    status: 's: filter by status (all, blocked, review, invalid, allowed)',
    region: 'r: filter by audience region: each status becomes the one for that region',
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
  live: {
    in: (left, when, where) => `Silence en vigueur, fin dans ${left} (${when}) : ${where}`,
    starts: (left, when, where) => `Silence dans ${left} (${when}) : ${where}`,
    ended: (ago, when, where) => `Silence terminé depuis ${ago} (${when}) : ${where}`,
    none: (where) => `Pas de silence à cette élection : ${where}`,
  },
  moreStates: (count) => `+${count} autres`,
  noElection: 'Aucune élection dans cette politique',
  now: 'maintenant',
  nowCell: 'maintenant',
  round: (number) => (number === 1 ? '1er tour' : `${number}e tour`),
  provisional: 'calendrier provisoire',
  duration: { day: 'j', hour: 'h', minute: 'min', second: 's' },
  columns: { time: 'heure', status: 'statut', audience: 'public', channel: 'canal', categories: 'catégories', title: 'titre' },
  zoneName: { utc: 'UTC', policy: (zone) => zone, own: 'celle de la publication' },
  defaultAudience: 'défaut',
  filterBar: (status, region, zone, shown, total) => `statut : ${status} · région : ${region}${zone === undefined ? '' : ` · heure : ${zone}`} · ${shown}/${total} publications`,
  search: 'recherche',
  noRecords: 'Aucune publication ne correspond.',
  hints: { move: '↑↓ aller', detail: 'Entrée détail', search: '/ chercher', status: 's statut', region: 'r région', zone: 'z fuseau', whatIf: 'w et si', help: '? aide', quit: 'q quitter' },
  helpTitle: 'Touches',
  helpClose: 'Échap, ? ou q ferme cette aide ; [ ] ou ↑ ↓ la font défiler.',
  legend: {
    wide: '█ silence  ░ à revoir  │ maintenant    x bloquée  ! à revoir  ? invalide  · autorisée  ^ sélection',
    narrow: '█ silence ░ revoir │ maintenant  x bloqué ! revoir ? invalide · permis ^ choix',
  },
  legendRegionMark: '  * autres régions différentes',
  marksTitle: 'Repères',
  marks: [
    'Frise : une ligne par groupe de régions au même silence, la région principale d’abord.',
    '  █ un silence (fenêtre d’interdiction)   ░ une fenêtre à revoir   │ maintenant',
    '  dessous, chaque publication à son heure : x bloquée  ! à revoir  ? invalide  · autorisée  ^ la sélection',
    'Liste : avec un filtre de région (r), chaque statut est celui de la publication pour cette région ;',
    '  * après lui : d’autres régions de son public ont un autre statut (Entrée les montre).',
    '  maintenant dans la colonne heure : une publication sans publishedAt, vérifiée à l’horloge',
    '  et de nouveau chaque fois que l’horloge passe le début ou la fin d’une fenêtre.',
  ],
  collapsed: (count, names) => `+${count} : ${names}`,
  label: (name, value) => (value === '' ? `${name} :` : `${name} : ${value}`),
  detail: {
    checkedAt: 'vérifié à',
    clocked: 'sans publishedAt : vérifiée à l’horloge, et de nouveau quand une fenêtre s’ouvre ou se ferme',
    source: 'source',
    regions: 'régions',
    policy: 'politique',
    earliest: 'au plus tôt',
    noViolation: 'Aucune règle ne s’applique à cet instant.',
    why: 'pourquoi',
    detections: 'détecteurs',
    detectorHit: (phrase, field, category) => `« ${phrase} » (${field === 'title' ? 'titre' : 'texte'}) laisse penser à ${category}`,
    errors: 'ne peut être vérifiée',
    whatIf: (when, status) => `Et si elle sortait le ${when} : ${status}`,
    whatIfNothing: 'Et si : rien à déplacer, la publication n’est pas bloquée.',
    provisional: 'provisoire',
    more: (count) => `… ${count} lignes de plus ([ et ] pour défiler)`,
    forRegion: (region, status) => `Pour ${region} : ${status}`,
    elsewhere: (status, regions) => `${status} pour ${regions}`,
    blockedOnly: (blocked, free, count) => `Bloquée seulement pour le public de ${blocked} ; autorisée pour ${free ?? `les ${count} autres régions de son public`}.`,
    allowedOnly: (free, count) => `Autorisée seulement pour le public de ${free} ; bloquée pour les ${count} autres régions de son public.`,
  },
  reloaded: (count) => `Entrée modifiée : ${count} publication${count === 1 ? '' : 's'} vérifiée${count === 1 ? '' : 's'} à nouveau.`,
  reloadFailed: (message) => `Entrée modifiée mais illisible : ${message}`,
  rechecked: (count, when) => `${when} : ${count} publication${count === 1 ? '' : 's'} sans publishedAt vérifiée${count === 1 ? '' : 's'} à nouveau.`,
  loading: (count) => `chargement… ${count} publication${count === 1 ? '' : 's'} vérifiée${count === 1 ? '' : 's'} pour l’instant`,
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
    search: '/ : chercher dans l’id, le titre, le canal, les catégories, sans tenir compte des majuscules ni des accents (Entrée garde, Échap efface)',
    status: 's : filtrer par statut (tous, bloqué, à revoir, invalide, autorisé)',
    region: 'r : filtrer par région du public : chaque statut devient celui de cette région',
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
