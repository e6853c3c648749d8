/**
 * Every policy problem is said in French too: each issue carries `fr`, the
 * French of its English `message`, and `formatIssue(issue, 'fr')` shows it.
 * One case per place a problem is found (reading, YAML, schema, merge,
 * compile, calendar, combine, test suites), each asserting the English as it
 * was and the French as written; then every issue met is checked to have
 * French that is not its English.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { combinePolicies, formatIssue, isPolicyError, loadPolicyFromText, loadPolicySync, PolicyError, type PolicyIssue } from '../../src/index.js';
import { parseTestSuite, readTestSuite } from '../../src/cli/policy-test/test-suite.js';
import { keywordMessage, mergeMessages } from '../../src/policy/schema-messages.js';
import { yamlProblemText } from '../../src/policy/yaml-problems.js';

const BASE = `policy: { id: test, title: Test, jurisdiction: FR, version: "1", notice: Not legal advice. }
regions:
  MET: { name: Mainland, zone: Europe/Paris }
  GP: { name: Guadeloupe, zone: America/Guadeloupe }
groups:
  ALL: { name: Everywhere, regions: [MET, GP] }
categories:
  poll: { description: Polls }
channels:
  web: { description: Web }
elections:
  - id: e
    kind: presidential
    title: E
    rounds:
      - { id: t1, date: "2017-04-23", closes: "20:00", regions: { GP: "2017-04-22" } }
rules:
  - id: polls
    title: Polls
    citation: { text: Law }
    severity: block
    covers: { categories: [poll] }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
`;

const ANOTHER_RULE = `  - id: ads
    title: Ads
    citation: { text: Law }
    severity: review
    covers: { categories: [poll] }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }
`;

/** BASE with each `[find, replace]` applied; each `find` must occur exactly once. */
function edit(...replacements: (readonly [string, string])[]): string {
  let text = BASE;
  for (const [find, replace] of replacements) {
    const first = text.indexOf(find);
    if (first < 0 || text.indexOf(find, first + 1) >= 0) throw new Error(`test setup: '${find}' must occur exactly once`);
    text = text.slice(0, first) + replace + text.slice(first + find.length);
  }
  return text;
}

/** The issues of the PolicyError `run` throws. */
function refused(run: () => unknown): readonly PolicyIssue[] {
  try {
    run();
  } catch (error) {
    if (isPolicyError(error)) return error.issues;
    throw error;
  }
  throw new Error('the policy should have been refused');
}

const fromText = (text: string, files: Record<string, string> = {}, name = 'p.yaml') => () => refused(() => loadPolicyFromText(text, { name, files }));

const scratch = mkdtempSync(join(tmpdir(), 'blackout-issues-fr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder of the scratch space holding `files`. */
function folderWith(name: string, files: Record<string, string>): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
}

const day = (index: number) => new Date(Date.UTC(2000, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);

interface Case {
  readonly site: string;
  readonly issues: () => readonly PolicyIssue[];
  /** The English message, as it always was. */
  readonly en: RegExp;
  readonly fr: string | RegExp;
}

const CASES: Case[] = [
  // Reading a file as text (source-file.ts, file-text.ts).
  { site: 'a file over 1 MB', issues: fromText(`${BASE}#${'x'.repeat(1_200_000)}\n`), en: /^file is 1\.1 MB; a policy file may be at most 1 MB$/, fr: 'le fichier fait 1,1 Mo ; un fichier de politique fait au plus 1 Mo' },
  { site: 'a NUL byte', issues: fromText(`${BASE}\u0000`), en: /^the file is not text \(it holds a NUL byte\)/, fr: 'le fichier n’est pas du texte (il contient un octet NUL) : une politique s’écrit en YAML' },
  { site: 'a byte that is not UTF-8', issues: fromText(`${BASE}# caf\uFFFD\n`), en: /^the file is not UTF-8/, fr: 'le fichier n’est pas en UTF-8 (un octet ici ne l’est pas, ou U+FFFD est écrit) : enregistrez-le en UTF-8' },
  { site: 'nesting too deep for the parser', issues: fromText(`${BASE}deep:\n  ${'- '.repeat(5_000)}x\n`), en: /^nesting too deep to parse/, fr: 'imbrication trop profonde pour être lue (une politique n’a besoin que de 64 niveaux au plus)' },
  { site: 'nesting deeper than 64 levels', issues: fromText(`${BASE}deep: ${'['.repeat(70)}${']'.repeat(70)}\n`), en: /^nesting deeper than 64 levels$/, fr: 'imbrication de plus de 64 niveaux' },
  { site: 'several YAML documents', issues: fromText(`${BASE}---\nrules: []\n`), en: /^a policy file holds one YAML document/, fr: /^un fichier de politique contient un seul document YAML, et celui-ci en contient plusieurs \(une ligne --- en commence un autre\)/ },
  { site: 'a YAML syntax error, in the parser’s words and in French', issues: fromText(edit(['title: Polls', 'title: "Polls'])), en: /^Missing closing "quote$/, fr: 'guillemet double fermant manquant' },
  { site: 'an alias bomb', issues: fromText(`a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d]\n`), en: /^aliases expand too far: Excessive alias count/, fr: 'les alias se déploient trop loin : leur nombre signale une attaque par épuisement des ressources' },
  { site: 'a key that is not a string', issues: fromText(edit(['  MET: {', '  [MET]: {'])), en: /^keys must be plain strings$/, fr: 'les clés doivent être de simples chaînes' },
  { site: 'a key written twice', issues: fromText(edit(['  web: { description: Web }', '  web: { description: Web }\n  web: { description: Again }'])), en: /^Map keys must be unique: 'web' appears twice$/, fr: 'les clés d’une table doivent être uniques : « web » figure deux fois' },
  // The schema (validate.ts, schema-messages.ts).
  { site: 'an empty file', issues: fromText(''), en: /^the file holds no policy: the document is empty$/, fr: 'le fichier ne contient aucune politique : le document est vide' },
  { site: 'an unknown key, with the one meant', issues: fromText(edit(['    covers:', '    cover:'])), en: /^rules\[0\]: unknown key 'cover' \(did you mean 'covers'\?\)$/, fr: 'rules[0] : clé inconnue « cover » (vouliez-vous dire « covers » ?)' },
  { site: 'a missing key', issues: fromText(edit(['    citation: { text: Law }\n', ''])), en: /^rules\[0\]: missing required key 'citation'$/, fr: 'rules[0] : clé obligatoire manquante : « citation »' },
  { site: 'a name the schema refuses', issues: fromText(edit(['  poll: {', '  "p o": {'])), en: /^categories: 'p o' is not a valid name$/, fr: 'categories : « p o » n’est pas un nom valide' },
  { site: 'a value of the wrong form', issues: fromText(edit(['time: "00:00"', 'time: "25:00"'])), en: /^rules\[0\]\.window\.start\.time: "25:00" does not have the expected form/, fr: /^rules\[0\]\.window\.start\.time : "25:00" n’a pas la forme attendue \(\^/ },
  { site: 'a value outside a list of values', issues: fromText(edit(['severity: block', 'severity: blocker'])), en: /^rules\[0\]\.severity: must be one of "block", "review"$/, fr: 'rules[0].severity : doit être l’une des valeurs "block", "review"' },
  { site: 'an anchor of no known kind', issues: fromText(edit(['kind: regionVotingDay', 'kind: regionVotingDays'])), en: /^rules\[0\]\.window\.start: 'kind' must be one of regionVotingDay/, fr: /^rules\[0\]\.window\.start : « kind » doit être l’une des valeurs regionVotingDay, votingDay, / },
  { site: 'a value of the wrong type', issues: fromText(edit(['version: "1"', 'version: 1'])), en: /^policy\.version: must be string$/, fr: 'policy.version : doit être une chaîne' },
  { site: 'a value of neither type a text may be', issues: fromText(edit(['title: Polls', 'title: 5'])), en: /^rules\[0\]\.title: must be string or object$/, fr: 'rules[0].title : doit être une chaîne ou un dictionnaire (clé: valeur)' },
  { site: 'a value that is no region vote (a constant among forms)', issues: fromText(edit(['{ GP: "2017-04-22" }', '{ GP: 5 }'])), en: /^elections\[0\]\.rounds\[0\]\.regions\.GP: must be equal to constant$/, fr: 'elections[0].rounds[0].regions.GP : doit être "none"' },
  { site: 'a number under its minimum', issues: fromText(edit(['days: -1, time', 'days: -500, time'])), en: /^rules\[0\]\.window\.start\.days: must be >= -400$/, fr: 'rules[0].window.start.days : doit valoir au moins -400' },
  { site: 'a number over its maximum', issues: fromText(edit(['closes: "20:00",', 'closes: "20:00", days: 40,'])), en: /^elections\[0\]\.rounds\[0\]\.days: must be <= 31$/, fr: 'elections[0].rounds[0].days : doit valoir au plus 31' },
  { site: 'an empty text', issues: fromText(edit(['version: "1"', 'version: ""'])), en: /^policy\.version: must NOT have fewer than 1 characters$/, fr: 'policy.version : ne doit pas être vide' },
  { site: 'a text too long', issues: fromText(edit(['title: Polls', `title: ${'x'.repeat(4001)}`])), en: /^rules\[0\]\.title: must NOT have more than 4000 characters$/, fr: 'rules[0].title : doit faire au plus 4000 caractères' },
  { site: 'an empty list', issues: fromText(edit(['regions: [MET, GP] }', 'regions: [] }'])), en: /^groups\.ALL\.regions: must NOT have fewer than 1 items$/, fr: 'groups.ALL.regions : ne doit pas être une liste vide' },
  { site: 'a list too long', issues: fromText(edit(['  poll: { description: Polls }', `  poll: { description: Polls, detectors: [{ phrases: [${Array.from({ length: 1001 }, (_, index) => `p${index}`).join(', ')}] }] }`])), en: /^categories\.poll\.detectors\[0\]\.phrases: must NOT have more than 1000 items$/, fr: 'categories.poll.detectors[0].phrases : doit avoir au plus 1000 éléments' },
  { site: 'a list with an item twice', issues: fromText(edit(['categories: [poll] }', 'categories: [poll, poll] }'])), en: /^rules\[0\]\.covers\.categories: must NOT have duplicate items \(items ## 0 and 1 are identical\)$/, fr: 'rules[0].covers.categories : ne doit pas avoir de doublon (les éléments 0 et 1 sont identiques)' },
  { site: 'an empty map of texts', issues: fromText(edit(['title: Polls', 'title: {}'])), en: /^rules\[0\]\.title: must NOT have fewer than 1 properties$/, fr: 'rules[0].title : ne doit pas être vide' },
  { site: 'more shape problems than are told', issues: fromText(`regions:\n${Array.from({ length: 110 }, (_, index) => `  R${index}: { name: R, zone: 5 }\n`).join('')}`), en: /^more problems follow; fix these 100 first$/, fr: 'd’autres problèmes suivent ; corrigez d’abord ces 100-là' },
  // Files put together (merge.ts, collect-files.ts, policy-files.ts).
  { site: 'a setting two files make', issues: fromText(`extends: base.yaml\npolicy: { id: again, title: T, jurisdiction: FR, version: "1", notice: N }\n`, { 'base.yaml': BASE }), en: /^'policy' is already set in base\.yaml; only one file may set it$/, fr: '« policy » est déjà fixé dans base.yaml ; un seul fichier peut le fixer' },
  { site: 'a region defined twice', issues: fromText(`extends: base.yaml\nregions:\n  MET: { name: Again, zone: Europe/Paris }\n`, { 'base.yaml': BASE }), en: /^region 'MET' is already defined in base\.yaml$/, fr: 'la région « MET » est déjà définie dans base.yaml' },
  { site: 'a channel defined twice', issues: fromText(`extends: base.yaml\nchannels:\n  web: { description: Again }\n`, { 'base.yaml': BASE }), en: /^channel 'web' is already defined in base\.yaml$/, fr: 'le canal « web » est déjà défini dans base.yaml' },
  { site: 'an extends cycle', issues: fromText('extends: b.yaml\n', { 'b.yaml': 'extends: p.yaml\n' }), en: /^'p\.yaml' extends itself through a cycle$/, fr: '« p.yaml » s’étend lui-même par un cycle d’extends' },
  { site: 'more than 200 files', issues: fromText('extends: f0.yaml\n', Object.fromEntries(Array.from({ length: 202 }, (_, index) => [`f${index}.yaml`, `extends: f${index + 1}.yaml\n`]))), en: /^a policy may span at most 200 files$/, fr: 'une politique s’étend sur 200 fichiers au plus' },
  { site: 'an extended file not among the texts', issues: fromText('extends: gone.yaml\n'), en: /^cannot read 'gone\.yaml': no such file among the texts given/, fr: 'impossible de lire « gone.yaml » : aucun fichier de ce nom parmi les textes donnés (aucun fichier n’est lu sur le disque : passez son texte dans l’option `files`)' },
  { site: 'an extended file missing on disk', issues: () => refused(() => loadPolicySync(join(folderWith('missing-parent', { 'p.yaml': 'extends: gone.yaml\n' }), 'p.yaml'))), en: /^cannot read '.*gone\.yaml': no such file$/, fr: /^impossible de lire « .*gone\.yaml » : fichier introuvable$/ },
  { site: 'an extended file that is a folder', issues: () => {
      const folder = folderWith('parent-folder', { 'p.yaml': 'extends: sub.yaml\n' });
      mkdirSync(join(folder, 'sub.yaml'));
      return refused(() => loadPolicySync(join(folder, 'p.yaml')));
    }, en: /^cannot read '.*sub\.yaml': it is a folder, not a regular file$/, fr: /^impossible de lire « .*sub\.yaml » : c’est un dossier, pas un fichier ordinaire$/ },
  { site: 'a policy file over 1 MB on disk, refused before it is read', issues: () => refused(() => loadPolicySync(join(folderWith('big', { 'big.yaml': `${BASE}#${'x'.repeat(1_200_000)}\n` }), 'big.yaml'))), en: /^cannot read policy: file is 1\.1 MB; a policy file may be at most 1 MB$/, fr: 'impossible de lire la politique : le fichier fait 1,1 Mo ; un fichier de politique fait au plus 1 Mo' },
  { site: 'a path that does not exist', issues: () => refused(() => loadPolicySync(join(scratch, 'nowhere'))), en: /^cannot read policy: no such file or folder$/, fr: 'impossible de lire la politique : fichier ou dossier introuvable' },
  { site: 'a folder without policy files', issues: () => refused(() => loadPolicySync(folderWith('no-yaml', { 'README.md': '# no policy\n' }))), en: /^the folder holds no \.yaml policy file$/, fr: 'le dossier ne contient aucun fichier de politique .yaml' },
  // Meaning (compile.ts).
  { site: 'no file sets the policy', issues: fromText(BASE.slice(BASE.indexOf('regions:'))), en: /^no file sets 'policy'/, fr: 'aucun fichier ne fixe « policy » (id, title, jurisdiction, version, notice)' },
  { site: 'rules but no election', issues: fromText(BASE.slice(0, BASE.indexOf('elections:')) + BASE.slice(BASE.indexOf('rules:'))), en: /^the policy has rules but no election/, fr: /^la politique a des règles mais aucune élection, elle n’interdirait donc rien ; mettez les élections dans un fichier \.yaml ou \.yml/ },
  { site: 'an unknown zone of a region', issues: fromText(edit(['zone: America/Guadeloupe', 'zone: America/Atlantis'])), en: /^unknown time zone 'America\/Atlantis'$/, fr: 'fuseau horaire inconnu « America/Atlantis »' },
  { site: 'a code both region and group', issues: fromText(edit(['  ALL: {', '  MET: {'])), en: /^'MET' is both a region and a group$/, fr: '« MET » est à la fois une région et un groupe' },
  { site: 'a group of an unknown region', issues: fromText(edit(['regions: [MET, GP] }', 'regions: [MET, GX] }'])), en: /^unknown region 'GX'$/, fr: 'région inconnue « GX »' },
  { site: 'a rule for an unknown region or group', issues: fromText(edit(['categories: [poll] }', 'categories: [poll], regions: [XX] }'])), en: /^unknown region or group 'XX'$/, fr: 'région ou groupe inconnu « XX »' },
  { site: 'a rule defined twice', issues: fromText(BASE + ANOTHER_RULE.replace('id: ads', 'id: polls')), en: /^rule 'polls' is already defined in p\.yaml$/, fr: 'la règle « polls » est déjà définie dans p.yaml' },
  { site: 'an unknown category', issues: fromText(edit(['categories: [poll] }', 'categories: [pol] }'])), en: /^unknown category 'pol'$/, fr: 'catégorie inconnue « pol »' },
  { site: 'an unknown channel', issues: fromText(edit(['categories: [poll] }', 'categories: [poll], channels: [tv] }'])), en: /^unknown channel 'tv'$/, fr: 'canal inconnu « tv »' },
  { site: 'an unknown election', issues: fromText(edit(['categories: [poll] }', 'categories: [poll], elections: [f] }'])), en: /^unknown election 'f'$/, fr: 'élection inconnue « f »' },
  { site: 'an unknown round', issues: fromText(edit(['categories: [poll] }', 'categories: [poll], rounds: [e-t3] }'])), en: /^unknown election round 'e-t3'$/, fr: 'tour d’élection inconnu « e-t3 »' },
  { site: 'an election kind one typo away', issues: fromText(edit(['categories: [poll] }', 'categories: [poll], electionKinds: [presidentail] }'])), en: /^no election of the policy is of kind 'presidentail': did you mean 'presidential'\?/, fr: 'aucune élection de la politique n’est du type « presidentail » : vouliez-vous dire « presidential » ? Telle qu’écrite, la règle n’y interdirait rien' },
  { site: 'a rule per election limited to rounds', issues: fromText(edit(['    severity: block\n', '    severity: block\n    per: election\n'], ['categories: [poll] }', 'categories: [poll], rounds: [e-t1] }'], ['"00:00" }', '"00:00", round: first }'], ['time: "20:00", zone: Europe/Paris }', 'time: "20:00", zone: Europe/Paris, round: last }'])), en: /^a rule that applies per election cannot be limited to rounds; use covers\.elections$/, fr: 'une règle qui s’applique par élection ne peut pas être limitée à des tours ; utilisez covers.elections' },
  { site: 'an anchor per election without its round', issues: fromText(edit(['    severity: block\n', '    severity: block\n    per: election\n'])), en: /^a rule that applies per election must say which round/, fr: 'une règle qui s’applique par élection doit dire de quel tour compte chaque ancre (round: first ou last)' },
  { site: 'an impossible date in force', issues: fromText(edit(['    severity: block\n', '    severity: block\n    inForce: { from: "2017-02-30" }\n'])), en: /^'2017-02-30' is not a calendar date$/, fr: '« 2017-02-30 » n’est pas une date du calendrier' },
  { site: 'in force until before from', issues: fromText(edit(['    severity: block\n', '    severity: block\n    inForce: { from: "2017-01-01", until: "2016-01-01" }\n'])), en: /^inForce\.until is before inForce\.from$/, fr: 'inForce.until est avant inForce.from' },
  { site: 'a misspelt placeholder', issues: fromText(edit(['    title: Polls\n', '    title: Polls\n    message: "Banned {windw}"\n'])), en: /^unknown placeholder \{windw\} in the message; a message may use \{title\}/, fr: /^variable inconnue \{windw\} dans le message ; un message peut utiliser \{title\}, \{window\}, \{region\}/ },
  { site: 'an unknown zone of an anchor', issues: fromText(edit(['time: "20:00", zone: Europe/Paris }', 'time: "20:00", zone: Mars/Olympus }'])), en: /^unknown time zone 'Mars\/Olympus'$/, fr: 'fuseau horaire inconnu « Mars/Olympus »' },
  { site: 'a fixed anchor on a date that does not exist', issues: fromText(edit(['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }', 'end: { kind: fixed, dateTime: "2017-02-30T20:00", zone: Europe/Paris }'])), en: /^'2017-02-30T20:00' is not a date and time$/, fr: '« 2017-02-30T20:00 » n’est pas une date et heure' },
  { site: 'a window that ends before it starts', issues: fromText(edit(['days: 0, time: "20:00", zone', 'days: -3, time: "20:00", zone'])), en: /^window ends \(2017-04-20T18:00:00\.000Z\) before it starts \(2017-04-21T22:00:00\.000Z\) for region MET in e-t1$/, fr: 'la fenêtre finit (2017-04-20T18:00:00.000Z) avant de commencer (2017-04-21T22:00:00.000Z) pour la région MET dans e-t1' },
  { site: 'a window that ends when it starts', issues: fromText(edit(['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }', 'end: { kind: regionVotingDay, days: -1, time: "00:00" }'])), en: /^window ends \(.*\) when it starts/, fr: /^la fenêtre finit \(2017-04-21T22:00:00\.000Z\) à l’instant où elle commence \(2017-04-21T22:00:00\.000Z\) pour la région MET dans e-t1$/ },
  { site: 'a closing time no one gives', issues: fromText(edit(['closes: "20:00", ', ''], ['end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }', 'end: { kind: lastClose }'])), en: /^region MET has no closing time in e: give closes/, fr: 'la région MET n’a pas d’heure de fermeture des bureaux de vote dans e : donnez closes au tour, au vote de la région ou à la région' },
  { site: 'an exception for an unknown rule', issues: fromText(`${BASE}uncategorised: { status: review, except: [nope] }\n`), en: /^unknown rule 'nope'$/, fr: 'règle inconnue « nope »' },
  { site: 'an exception for a review rule', issues: fromText(`${BASE}${ANOTHER_RULE}uncategorised: { status: review, except: [ads] }\n`), en: /^rule 'ads' is a review rule/, fr: 'la règle « ads » est une règle de relecture (review) : seules les fenêtres des règles de blocage (block) mettent à revoir un enregistrement sans catégorie, il n’y a donc rien à excepter' },
  {
    site: 'windows that overlap too much to index',
    issues: fromText(
      edit(
        ['  GP: { name: Guadeloupe, zone: America/Guadeloupe }\n', Array.from({ length: 7 }, (_, index) => `  P${index}: { name: P, zone: Europe/Paris }\n`).join('')],
        ['regions: [MET, GP] }', 'regions: [MET] }'],
        ['      - { id: t1, date: "2017-04-23", closes: "20:00", regions: { GP: "2017-04-22" } }\n', Array.from({ length: 750 }, (_, index) => `      - { id: r${index}, date: "${day(index)}" }\n`).join('')],
        ['start: { kind: regionVotingDay, days: -1, time: "00:00" }', 'start: { kind: monthStart, months: -60, time: "00:00", zone: Europe/Paris }'],
      ),
    ),
    en: /^the policy's windows overlap too much to index \(more than 2000000 window-segment pairs\); split it$/,
    fr: 'les fenêtres de la politique se chevauchent trop pour être indexées (plus de 2000000 paires fenêtre-segment) ; découpez-la',
  },
  // Calendars (calendar.ts).
  { site: 'an election defined twice', issues: fromText(edit(['rules:\n', '  - id: e\n    kind: presidential\n    title: Again\n    rounds: [{ id: t1, date: "2017-04-23" }]\nrules:\n'])), en: /^election 'e' is already defined in p\.yaml$/, fr: 'l’élection « e » est déjà définie dans p.yaml' },
  { site: 'a round twice in an election', issues: fromText(edit(['rules:\n', '      - { id: t1, date: "2017-05-07" }\nrules:\n'])), en: /^round 't1' appears twice in election 'e'$/, fr: 'le tour « t1 » figure deux fois dans l’élection « e »' },
  { site: 'a round on a date that does not exist', issues: fromText(edit(['date: "2017-04-23"', 'date: "2017-02-30"'])), en: /^'2017-02-30' is not a calendar date$/, fr: '« 2017-02-30 » n’est pas une date du calendrier' },
  { site: 'a range of dates on a calendar not provisional', issues: fromText(edit(['closes: "20:00",', 'closes: "20:00", range: { from: "2017-04-01", to: "2017-04-30" },'])), en: /^a range of dates is for a provisional calendar/, fr: 'une plage de dates est réservée à un calendrier provisoire : marquez le tour ou l’élection provisional' },
  { site: 'a range that does not hold its round', issues: fromText(edit(['    kind: presidential\n', '    kind: presidential\n    provisional: true\n'], ['closes: "20:00",', 'closes: "20:00", range: { from: "2017-05-01", to: "2017-05-30" },'])), en: /^the range must run from one date to a later one and hold the round's date \(2017-04-23\)$/, fr: 'la plage doit aller d’une date à une date ultérieure et contenir la date du tour (2017-04-23)' },
  { site: 'a round voting day for an unknown region', issues: fromText(edit(['{ GP: "2017-04-22" }', '{ ZZ: "2017-04-22" }'])), en: /^unknown region or group 'ZZ'$/, fr: 'région ou groupe inconnu « ZZ »' },
  { site: 'a region voting on a date that does not exist', issues: fromText(edit(['{ GP: "2017-04-22" }', '{ GP: "2017-02-30" }'])), en: /^'2017-02-30' is not a calendar date$/, fr: '« 2017-02-30 » n’est pas une date du calendrier' },
  { site: 'a region given two voting days', issues: fromText(edit(['{ GP: "2017-04-22" }', '{ GP: "2017-04-22", ALL: "2017-04-21" }'])), en: /^region 'GP' is given two voting days in round 't1'$/, fr: 'la région « GP » reçoit deux jours de vote au tour « t1 »' },
  // Policies combined (combine.ts).
  { site: 'no policy to combine', issues: () => refused(() => combinePolicies([])), en: /^no policy to combine$/, fr: 'aucune politique à combiner' },
  { site: 'codes two combined policies define', issues: () => refused(() => combinePolicies([loadPolicyFromText(BASE), loadPolicyFromText(BASE.replace('id: test', 'id: other'))])), en: /^region or group 'MET' is defined by policy test and by policy other; codes must not collide across combined policies$/, fr: 'la région ou le groupe « MET » est défini par la politique test et par la politique other ; les codes de politiques combinées ne doivent pas se recouper' },
  { site: 'a policy combined with itself', issues: () => refused(() => combinePolicies([loadPolicyFromText(BASE), loadPolicyFromText(BASE)])), en: /^policy test is given twice$/, fr: 'la politique test est donnée deux fois' },
  // Test suites (policy test).
  { site: 'an empty test suite', issues: () => parseTestSuite('suite.yaml', '').issues, en: /^the file holds no test suite: the document is empty$/, fr: 'le fichier ne contient aucune suite de tests : le document est vide' },
  { site: 'a test named twice', issues: () => parseTestSuite('suite.yaml', 'tests:\n  - { name: n, why: w, record: {}, expect: { status: allowed } }\n  - { name: n, why: w, record: {}, expect: { status: allowed } }\n').issues, en: /^test 'n' is already defined \(test 1\)$/, fr: 'le test « n » est déjà défini (test 1)' },
  { site: 'an unknown record field in a test', issues: () => parseTestSuite('suite.yaml', 'tests:\n  - { name: n, why: w, record: { categorie: [poll] }, expect: { status: allowed } }\n').issues, en: /^unknown record field 'categorie'; a record has id, /, fr: /^champ d’enregistrement inconnu « categorie » ; un enregistrement a id, / },
  { site: 'a test instant that is not one', issues: () => parseTestSuite('suite.yaml', 'tests:\n  - { name: n, why: w, at: tomorrow, record: {}, expect: { status: allowed } }\n').issues, en: /^at: 'tomorrow' is not an ISO 8601 date-time/, fr: /^at : « tomorrow » n’est pas une date et heure ISO 8601/ },
  { site: 'an expected instant that is not one', issues: () => parseTestSuite('suite.yaml', 'tests:\n  - { name: n, why: w, record: {}, expect: { earliestAllowedAt: "2017-05-07T20:00" } }\n').issues, en: /^earliestAllowedAt: '2017-05-07T20:00' has no offset/, fr: /^earliestAllowedAt : « 2017-05-07T20:00 » n’a pas de décalage/ },
  { site: 'a test expecting a status that does not exist, in the test-suite schema', issues: () => parseTestSuite('suite.yaml', 'tests:\n  - { name: n, why: w, record: {}, expect: { status: fine } }\n').issues, en: /^tests\[0\]\.expect\.status: must be one of "allowed", "blocked", "review", "invalid"$/, fr: 'tests[0].expect.status : doit être l’une des valeurs "allowed", "blocked", "review", "invalid"' },
  { site: 'a test suite too large', issues: () => readTestSuite(join(folderWith('big-suite', { 'suite.yaml': `#${'x'.repeat(1_200_000)}\n` }), 'suite.yaml')).issues, en: /^file is 1\.1 MB/, fr: 'le fichier fait 1,1 Mo ; un fichier de politique fait au plus 1 Mo' },
  { site: 'a test suite that is missing', issues: () => readTestSuite(join(scratch, 'no-suite.yaml')).issues, en: /^cannot read test suite: no such file$/, fr: 'impossible de lire la suite de tests : fichier introuvable' },
  { site: 'a test suite that is a folder', issues: () => readTestSuite(folderWith('suite-folder.yaml', {})).issues, en: /^cannot read test suite: is a folder$/, fr: 'impossible de lire la suite de tests : c’est un dossier' },
];

/** Each case's issues, found once. */
const found = new Map<Case, readonly PolicyIssue[]>();
const issuesOf = (entry: Case) => found.get(entry) ?? found.set(entry, entry.issues()).get(entry)!;

describe('every policy problem in French', () => {
  it.each(CASES)('$site', (entry) => {
    const issues = issuesOf(entry);
    const issue = issues.find((candidate) => entry.en.test(candidate.message));
    expect(issue, `an issue saying ${entry.en} among ${JSON.stringify(issues.map((candidate) => candidate.message))}`).toBeDefined();
    if (typeof entry.fr === 'string') expect(issue!.fr).toBe(entry.fr);
    else expect(issue!.fr).toMatch(entry.fr);
    const where = issue!.line > 0 ? `${issue!.file}:${issue!.line}:${issue!.column}` : issue!.file;
    expect(formatIssue(issue!, 'fr')).toBe(`${where}: ${issue!.fr}`);
    expect(formatIssue(issue!, 'en')).toBe(`${where}: ${issue!.message}`);
    expect(formatIssue(issue!)).toBe(`${where}: ${issue!.message}`);
  });

  /** Words of the English messages that no French one holds (names and values aside, which the French quotes as they are). */
  const ENGLISH = /\b(the|is|are|must|unknown|cannot|not|and|be|missing|does|already|defined|twice|only|more than|at most|file|key|expected|nothing|split|give|use)\b/;
  const french = (issue: PolicyIssue) => (issue.fr ?? '').replace(/« [^»]*»/g, '«»');

  it('leaves no issue of all those English only: each has French of its own', () => {
    const all = CASES.flatMap((entry) => issuesOf(entry));
    expect(all.length).toBeGreaterThan(CASES.length);
    for (const issue of all) {
      expect(issue.fr, issue.message).toBeDefined();
      expect(issue.fr, issue.message).not.toBe(issue.message);
      expect(french(issue), issue.message).not.toMatch(ENGLISH);
    }
  });

  it('says the parser’s problems in French from their code, keeping the character they name', () => {
    const samples = ['a: "abc\nb: 1\n', "a: 'abc\n", 'a:\n\tb: 1\n', 'a: [1, 2\nb: 1\n', '[1, 2\n', 'a: {x: 1\n', 'a\nb: 1\n', 'a: 1\nb\n', 'a:\n  - 1\n - 2\n', 'a: b: c\n', 'a: @x\n', 'a: !foo x\n', 'a: "\\q"\n', 'a: &x &y 1\n', 'a: "x"#c\n', 'a: 1\n- b\n', '- a\nb: 1\n', 'a: [\n  - 1\n]\n', '%FOO\n---\na: 1\n', 'a: [1,,2]\n', 'a: |x\n  b\n', `${'k'.repeat(1100)}: 1\n`, 'a: & 1\n'];
    const issues = samples.flatMap((text) => fromText(text)());
    expect(issues.length).toBeGreaterThanOrEqual(samples.length);
    for (const issue of issues) {
      expect(issue.code).toMatch(/^(yaml|limit)$/);
      expect(issue.fr).toBeDefined();
      expect(french(issue), issue.message).not.toMatch(ENGLISH);
    }
    expect(yamlProblemText({ code: 'BAD_SCALAR_START', message: 'Plain value cannot start with reserved character @' }).fr).toBe('une valeur sans guillemets ne peut pas commencer par @ : mettez-la entre guillemets');
    expect(yamlProblemText({ code: 'MISSING_CHAR', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' }).fr).toBe('une liste entre [ ] doit être assez indentée et se fermer par ]');
    expect(yamlProblemText({ code: 'UNEXPECTED_TOKEN', message: 'Unexpected map-value-ind token in YAML stream: ":"' }).fr).toBe('élément inattendu : ":"');
    // A sentence the parser may add later: said from its code (records' YAML problems say it the same way: src/text/parser-reasons.ts).
    expect(yamlProblemText({ code: 'TAB_AS_INDENT', message: 'Some new words' })).toEqual({ en: 'Some new words', fr: 'une tabulation ne peut pas servir d’indentation : indentez avec des espaces' });
  });

  it('says in French the schema keywords the policy schemas do not use yet, from their parameters', () => {
    const error = (keyword: string, params: Record<string, unknown>, message = `ajv's ${keyword}`): ErrorObject => ({ keyword, params, message, instancePath: '', schemaPath: '' });
    expect(keywordMessage(error('format', { format: 'date' }))).toEqual({ en: "ajv's format", fr: 'doit avoir le format « date »' });
    expect(keywordMessage(error('exclusiveMinimum', { comparison: '>', limit: 0 })).fr).toBe('doit être supérieur à 0');
    expect(keywordMessage(error('exclusiveMaximum', { comparison: '<', limit: 9 })).fr).toBe('doit être inférieur à 9');
    expect(keywordMessage(error('minLength', { limit: 3 })).fr).toBe('doit faire au moins 3 caractères');
    expect(keywordMessage(error('minItems', { limit: 2 })).fr).toBe('doit avoir au moins 2 éléments');
    expect(keywordMessage(error('minProperties', { limit: 2 })).fr).toBe('doit avoir au moins 2 clés');
    expect(keywordMessage(error('maxProperties', { limit: 1 })).fr).toBe('doit avoir au plus 1 clé');
    expect(keywordMessage(error('anyOf', {})).fr).toBe('ne correspond à aucune des formes admises');
    expect(keywordMessage(error('not', {})).fr).toBe('ne doit pas avoir cette forme');
    expect(keywordMessage(error('dependentRequired', { property: 'to', missingProperty: 'from' })).fr).toBe('doit avoir la clé « from » quand il a « to »');
    expect(keywordMessage(error('false schema', {})).fr).toBe('aucune valeur n’est admise ici');
    expect(keywordMessage(error('someKeyword', {})).fr).toBe('ne respecte pas la règle « someKeyword » du schéma');
    // `must be …` messages at one place are one sentence, in both languages; a failed oneOf alone matches no form.
    const multiple = keywordMessage(error('multipleOf', { multipleOf: 2 }, 'must be multiple of 2'));
    const string = keywordMessage(error('type', { type: 'string' }, 'must be string'));
    const nullable = keywordMessage(error('type', { type: ['integer', 'null'] }, 'must be integer,null'));
    expect(mergeMessages([string, multiple, nullable])).toEqual({ en: 'must be string or multiple of 2 or integer,null', fr: 'doit être une chaîne ou un multiple de 2 ou un entier ou null' });
    const oneOf = keywordMessage(error('oneOf', { passingSchemas: null }, 'must match exactly one schema in oneOf'));
    expect(mergeMessages([oneOf])).toEqual({ en: 'does not match any allowed form', fr: 'ne correspond à aucune des formes admises' });
    expect(mergeMessages([oneOf, string, keywordMessage(error('maxLength', { limit: 64 }, 'must NOT have more than 64 characters'))])).toEqual({
      en: 'must be string; must NOT have more than 64 characters',
      fr: 'doit être une chaîne ; doit faire au plus 64 caractères',
    });
  });

  it('keeps PolicyError’s message in English, listing the issues as formatIssue does', () => {
    const error = new PolicyError(issuesOf(CASES.find((entry) => entry.site === 'an unknown category')!));
    expect(error.message).toBe(`Policy has 1 problem:\n${formatIssue(error.issues[0]!)}`);
    expect(error.message).toContain("unknown category 'pol'");
    // As a callback of map, which passes an index: English.
    expect(error.issues.map(formatIssue)).toEqual(error.issues.map((issue) => formatIssue(issue, 'en')));
  });

  it('shows an issue without French (one a library user built) in English either way', () => {
    const issue: PolicyIssue = { file: 'x.yaml', line: 2, column: 3, code: 'semantic', message: 'made elsewhere', excerpt: '' };
    expect(formatIssue(issue, 'fr')).toBe('x.yaml:2:3: made elsewhere');
  });
});
