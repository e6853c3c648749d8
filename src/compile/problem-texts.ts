import { guillemets, type IssueText } from '../policy/issue-text.js';

// The words of the problems the compiler finds in a policy's meaning, in
// English and French (those the loader shares are in policy/issue-text.ts).

export const NO_METADATA: IssueText = {
  en: "no file sets 'policy' (id, title, jurisdiction, version, notice)",
  fr: 'aucun fichier ne fixe « policy » (id, title, jurisdiction, version, notice)',
};

export const RULES_WITHOUT_ELECTION: IssueText = {
  en: "the policy has rules but no election, so it would forbid nothing; put the elections in a .yaml or .yml file of the policy (a folder's other files are not read)",
  fr: 'la politique a des règles mais aucune élection, elle n’interdirait donc rien ; mettez les élections dans un fichier .yaml ou .yml de la politique (les autres fichiers d’un dossier ne sont pas lus)',
};

export const PER_ELECTION_ROUNDS: IssueText = {
  en: 'a rule that applies per election cannot be limited to rounds; use covers.elections',
  fr: 'une règle qui s’applique par élection ne peut pas être limitée à des tours ; utilisez covers.elections',
};

export const PER_ELECTION_ANCHOR: IssueText = {
  en: 'a rule that applies per election must say which round each anchor counts from (round: first or last)',
  fr: 'une règle qui s’applique par élection doit dire de quel tour compte chaque ancre (round: first ou last)',
};

export const IN_FORCE_ORDER: IssueText = { en: 'inForce.until is before inForce.from', fr: 'inForce.until est avant inForce.from' };

export const RANGE_NOT_PROVISIONAL: IssueText = {
  en: 'a range of dates is for a provisional calendar: mark the round or the election provisional',
  fr: 'une plage de dates est réservée à un calendrier provisoire : marquez le tour ou l’élection provisional',
};

export function regionAndGroup(code: string): IssueText {
  return { en: `'${code}' is both a region and a group`, fr: `${guillemets(code)} est à la fois une région et un groupe` };
}

/** An election kind a letter or two from one the policy's elections have. */
export function kindTypo(kind: string, meant: string): IssueText {
  return {
    en: `no election of the policy is of kind '${kind}': did you mean '${meant}'? As written, the rule would forbid nothing there`,
    fr: `aucune élection de la politique n’est du type ${guillemets(kind)} : vouliez-vous dire ${guillemets(meant)} ? Telle qu’écrite, la règle n’y interdirait rien`,
  };
}

export function unknownPlaceholder(name: string, known: readonly string[]): IssueText {
  const list = known.map((placeholder) => `{${placeholder}}`).join(', ');
  return { en: `unknown placeholder {${name}} in the message; a message may use ${list}`, fr: `variable inconnue {${name}} dans le message ; un message peut utiliser ${list}` };
}

export function tooManyWindows(max: number): IssueText {
  return { en: `the policy makes more than ${max} windows (rules × rounds × regions); split it`, fr: `la politique fait plus de ${max} fenêtres (règles × tours × régions) ; découpez-la` };
}

export function tooMuchOverlap(max: number): IssueText {
  return {
    en: `the policy's windows overlap too much to index (more than ${max} window-segment pairs); split it`,
    fr: `les fenêtres de la politique se chevauchent trop pour être indexées (plus de ${max} paires fenêtre-segment) ; découpez-la`,
  };
}

/** A review rule among those `uncategorised` excepts. */
export function reviewRuleExcepted(id: string): IssueText {
  return {
    en: `rule '${id}' is a review rule: only block rules' windows make an uncategorised record review, so there is nothing to except`,
    fr: `la règle ${guillemets(id)} est une règle de relecture (review) : seules les fenêtres des règles de blocage (block) mettent à revoir un enregistrement sans catégorie, il n’y a donc rien à excepter`,
  };
}

export function notADateTime(value: string): IssueText {
  return { en: `'${value}' is not a date and time`, fr: `${guillemets(value)} n’est pas une date et heure` };
}

export function noClosingTime(region: string, election: string): IssueText {
  return {
    en: `region ${region} has no closing time in ${election}: give closes on the round, on the region's vote or on the region`,
    fr: `la région ${region} n’a pas d’heure de fermeture des bureaux de vote dans ${election} : donnez closes au tour, au vote de la région ou à la région`,
  };
}

/** A window whose end (UTC) is at or before its start. */
export function invertedWindow(end: string, start: string, region: string, election: string): IssueText {
  const same = end === start;
  return {
    en: `window ends (${end}) ${same ? 'when' : 'before'} it starts (${start}) for region ${region} in ${election}`,
    fr: `la fenêtre finit (${end}) ${same ? 'à l’instant où elle commence' : 'avant de commencer'} (${start}) pour la région ${region} dans ${election}`,
  };
}

export function roundTwice(round: string, election: string): IssueText {
  return { en: `round '${round}' appears twice in election '${election}'`, fr: `le tour ${guillemets(round)} figure deux fois dans l’élection ${guillemets(election)}` };
}

export function badRange(date: string): IssueText {
  return {
    en: `the range must run from one date to a later one and hold the round's date (${date})`,
    fr: `la plage doit aller d’une date à une date ultérieure et contenir la date du tour (${date})`,
  };
}

export function twoVotingDays(region: string, round: string): IssueText {
  return { en: `region '${region}' is given two voting days in round '${round}'`, fr: `la région ${guillemets(region)} reçoit deux jours de vote au tour ${guillemets(round)}` };
}
