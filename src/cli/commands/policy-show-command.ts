import { parseArgs } from 'node:util';
import { luxon } from '../../luxon.js';
import { UsageError } from '../../errors.js';
import type { CompiledPolicy, CompiledWindow } from '../../compile/compiled.js';
import { wrap } from '../../text/wrap.js';
import { localize, type LocalizedText } from '../../policy/text.js';
import { policyPaths } from '../options/default-policy.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { EXIT, type CliIo } from '../io.js';
import { readLang } from '../options/lang-option.js';

export const POLICY_SHOW_HELP: LocalizedText = {
  en: `Usage: blackout policy show [--policy PATH] [--election ID] [--region R] [--format text|json] [--lang en|fr]

Prints the calendar a policy computes: every rule's window for every election
round and region, in the region's local time and in UTC. This is what a lawyer
or an editor reviews to see what a policy really says. Windows are half-open:
the end instant itself is allowed. Below the table: each rule shown with its
citation, link and penalty, and each election with its note (what is sourced,
inferred or a reading) and its sources.

Options:
  --policy PATH     policy file or folder, or a folder of policies; repeat it to show several
                    (default: the shipped French policies)
  --election ID     one election (fr-presidentielle-2017) or round (fr-presidentielle-2017-t2)
  --region R        one region (PM) or group (FR-SAT)
  --format text|json
  --lang en|fr      language of the table (default: from LANG, else en)

Examples:
  blackout policy show --election fr-presidentielle-2017-t2 --region FR-SAT
  blackout policy show --election fr-europeennes-2024 --format json
`,
  fr: `Usage : blackout policy show [--policy CHEMIN] [--election ID] [--region R] [--format text|json] [--lang en|fr]

Affiche le calendrier que calcule une politique : la fenêtre de chaque règle
pour chaque tour et chaque région, à l'heure locale de la région et en UTC.
C'est ce qu'un juriste ou un rédacteur relit pour savoir ce que la politique
dit vraiment. Les fenêtres sont semi-ouvertes : l'instant de fin est permis.
Sous le tableau : chaque règle affichée avec sa citation, son lien et sa peine,
et chaque élection avec sa note (ce qui est sourcé, déduit ou une lecture) et
ses sources.

Options :
  --policy CHEMIN   fichier ou dossier de politique (par défaut : les politiques françaises livrées)
  --election ID     une élection (fr-presidentielle-2017) ou un tour (fr-presidentielle-2017-t2)
  --region R        une région (PM) ou un groupe (FR-SAT)
  --format text|json
  --lang en|fr      langue du tableau (par défaut : selon LANG, sinon en)

Exemples :
  blackout policy show --election fr-presidentielle-2017-t2 --region FR-SAT
  blackout policy show --election fr-europeennes-2024 --format json
`,
};

/** One row of the calendar: a rule's window for one region in one round (or election). */
export interface CalendarRow {
  readonly election: string;
  /** The round id (`t2`), or null for a rule that applies per election. */
  readonly round: string | null;
  readonly region: string;
  readonly zone: string;
  readonly rule: string;
  readonly severity: string;
  readonly citation: string;
  readonly start: { readonly local: string; readonly utc: string };
  readonly end: { readonly local: string; readonly utc: string };
  readonly provisional: boolean;
}

/** Which windows to show; an undefined filter keeps everything. */
export interface CalendarFilter {
  readonly election?: string;
  readonly region?: string;
}

/**
 * The policy's windows as rows, by election (policy order), round, rule, then
 * region. Throws a UsageError naming the known values when a filter matches nothing.
 */
export function calendarRows(policy: CompiledPolicy, filter: CalendarFilter, lang: string): CalendarRow[] {
  // A window's `election` is a round ref or, per election, the election id.
  const scopes = new Map<string, { election: string; round: string | null; order: number }>();
  policy.elections.forEach((election, electionIndex) => {
    scopes.set(election.id, { election: election.id, round: null, order: electionIndex * 1000 });
    election.rounds.forEach((round, roundIndex) => scopes.set(round.ref, { election: election.id, round: round.id, order: electionIndex * 1000 + roundIndex + 1 }));
  });
  if (filter.election !== undefined && !scopes.has(filter.election)) {
    throw new UsageError(
      localize({ en: `unknown election or round '${filter.election}'; the policy knows ${policy.elections.map((e) => e.id).join(', ')}`, fr: `élection ou tour inconnu « ${filter.election} » ; la politique connaît ${policy.elections.map((e) => e.id).join(', ')}` }, lang),
    );
  }
  const regions = filter.region === undefined ? undefined : policy.audiences.get(filter.region);
  if (filter.region !== undefined && regions === undefined) {
    const known = [...policy.audiences.keys()].join(', ');
    throw new UsageError(localize({ en: `unknown region or group '${filter.region}'; the policy knows ${known}`, fr: `région ou groupe inconnu « ${filter.region} » ; la politique connaît ${known}` }, lang));
  }
  const keep = (window: CompiledWindow): boolean => {
    const scope = scopes.get(window.election)!;
    if (filter.election !== undefined && window.election !== filter.election && scope.election !== filter.election) return false;
    return regions === undefined || regions.includes(window.region);
  };
  const order = (window: CompiledWindow) => scopes.get(window.election)!.order;
  return policy.windows
    .filter(keep)
    .sort((a, b) => order(a) - order(b) || a.rule.index - b.rule.index || a.region - b.region)
    .map((window) => {
      const scope = scopes.get(window.election)!;
      return {
        election: scope.election,
        round: scope.round,
        region: policy.regions[window.region]!.code,
        zone: window.local.zone,
        rule: window.rule.id,
        severity: window.rule.severity,
        citation: window.rule.citation.text,
        start: { local: window.local.start, utc: window.utc.start },
        end: { local: window.local.end, utc: window.utc.end },
        provisional: window.provisional,
      };
    });
}

/** A rule shown in the calendar: what a lawyer checks it against. */
export interface RuleSummary {
  readonly id: string;
  readonly citation: string;
  readonly citationUrl: string | null;
  readonly penalty: string | null;
  /** The legal basis is not confirmed. */
  readonly provisional: boolean;
}

/** An election shown in the calendar, with its note (sourced, inferred, reading) and its sources. */
export interface ElectionSummary {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /** Why its (or a round's) calendar is provisional (`no-decree`, `inferred`), or null. */
  readonly provisional: string | null;
  readonly note: string | null;
  readonly sources: readonly { readonly title: string; readonly url: string }[];
}

/** The rules the rows show, in policy order. */
export function ruleSummaries(policy: CompiledPolicy, rows: readonly CalendarRow[], lang: string): RuleSummary[] {
  const shown = new Set(rows.map((row) => row.rule));
  return policy.rules
    .filter((rule) => shown.has(rule.id))
    .map((rule) => ({
      id: rule.id,
      citation: rule.citation.text,
      citationUrl: rule.citation.url ?? null,
      penalty: rule.penalty === undefined ? null : localize(rule.penalty, lang),
      provisional: rule.provisional === true,
    }));
}

/**
 * The elections the filter keeps, in policy order, with the note and sources
 * their files give (read again from the files: the compiled policy keeps only
 * what checking needs).
 */
export function electionSummaries(policy: CompiledPolicy, filter: CalendarFilter, lang: string): ElectionSummary[] {
  return policy.elections
    .filter((election) => filter.election === undefined || election.id === filter.election || election.rounds.some((round) => round.ref === filter.election))
    .map((election) => {
      // Reasons of the election's or its rounds' calendars; a region's own mark is said in the note.
      const reasons = [...new Set(election.rounds.flatMap((round) => (round.provisionalReason === undefined ? [] : [round.provisionalReason])))];
      const { note, sources } = election;
      return {
        id: election.id,
        kind: election.kind,
        title: localize(election.title, lang),
        provisional: reasons.length > 0 ? reasons.join(', ') : null,
        note: note === undefined ? null : localize(note, lang),
        sources: (sources ?? []).map(({ title, url }) => ({ title, url })),
      };
    });
}

/** Text wrapped at 100 columns, each line indented. */
function wrapped(text: string, indent: string): string[] {
  return text.trim() === '' ? [] : wrap(text.replace(/\s+/g, ' ').trim(), 100, indent);
}

/** The rules and elections below the table: citation, link, penalty; note and sources. */
export function formatSummaries(rules: readonly RuleSummary[], elections: readonly ElectionSummary[], lang: string): string {
  const t = (en: string, fr: string) => localize({ en, fr }, lang);
  const colon = t(': ', ' : ');
  const lines: string[] = [];
  if (rules.length > 0) {
    lines.push('', t('Rules', 'Règles'));
    for (const rule of rules) {
      lines.push(`  ${rule.id}${rule.provisional ? ` (${t('legal basis not confirmed', 'base légale non confirmée')})` : ''}`);
      lines.push(...wrapped(`${rule.citation}${rule.citationUrl === null ? '' : ` <${rule.citationUrl}>`}`, '    '));
      if (rule.penalty !== null) lines.push(...wrapped(`${t('Penalty', 'Peine')}${colon}${rule.penalty}`, '    '));
    }
  }
  if (elections.length > 0) {
    lines.push('', t('Elections (what is sourced, inferred or a reading)', 'Élections (ce qui est sourcé, déduit ou une lecture)'));
    for (const election of elections) {
      const provisional = election.provisional === null ? '' : ` (${t('provisional', 'provisoire')}${colon}${election.provisional})`;
      lines.push(`  ${election.id} · ${election.title}${provisional}`);
      if (election.note !== null) lines.push(...wrapped(election.note, '    '));
      for (const source of election.sources) lines.push(...wrapped(`Source${colon}${source.title} <${source.url}>`, '    '));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const HEADERS = {
  en: ['election', 'round', 'region', 'zone', 'rule', 'start (local)', 'end (local)', 'start (UTC)', 'end (UTC)', ''],
  fr: ['élection', 'tour', 'région', 'fuseau', 'règle', 'début (local)', 'fin (local)', 'début (UTC)', 'fin (UTC)', ''],
} as const;

/**
 * An instant for a reader: weekday, date, time and offset, with seconds only
 * when they are not zero (a DST-gap edge), so nothing exact is rounded away.
 */
function readable(iso: string, zone: string, lang: string): string {
  const time = luxon().DateTime.fromISO(iso, { zone, locale: lang });
  const clock = time.second === 0 && time.millisecond === 0 ? 'HH:mm' : 'HH:mm:ss.SSS';
  return `${time.toFormat(`ccc yyyy-MM-dd ${clock}`)} ${zone === 'UTC' ? 'Z' : time.toFormat('ZZ')}`;
}

/** The calendar as an aligned text table, with a legend for the provisional mark. */
export function formatCalendarTable(rows: readonly CalendarRow[], lang: string): string {
  const header = lang === 'fr' ? HEADERS.fr : HEADERS.en;
  if (rows.length === 0) return `${localize({ en: 'No window matches.', fr: 'Aucune fenêtre ne correspond.' }, lang)}\n`;
  const cells = rows.map((row) => [
    row.election,
    row.round ?? '*',
    row.region,
    row.zone,
    row.rule,
    readable(row.start.local, row.zone, lang),
    readable(row.end.local, row.zone, lang),
    readable(row.start.utc, 'UTC', lang),
    readable(row.end.utc, 'UTC', lang),
    row.provisional ? localize({ en: 'provisional', fr: 'provisoire' }, lang) : '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: readonly string[]) => values.map((value, column) => value.padEnd(widths[column]!)).join('  ').trimEnd();
  const legend = localize(
    {
      en: `${rows.length} windows. Windows are half-open: the end instant is allowed. Round * = the whole election. provisional = calendar not official or legal basis not confirmed.`,
      fr: `${rows.length} fenêtres. Fenêtres semi-ouvertes : l'instant de fin est permis. Tour * = toute l'élection. provisoire = calendrier non officiel ou base légale non confirmée.`,
    },
    lang,
  );
  return `${[line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line), '', legend].join('\n')}\n`;
}

/** `blackout policy show`. */
export async function runPolicyShow(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      policy: { type: 'string', multiple: true },
      election: { type: 'string' },
      region: { type: 'string' },
      format: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(localize(POLICY_SHOW_HELP, lang));
    return EXIT.ok;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(localize({ en: `--format takes text or json, not '${values.format}'`, fr: `--format prend text ou json, pas « ${values.format} »` }, lang));
  }
  const policy = await loadCheckPolicy(policyPaths(values.policy), io);
  const filter = { ...(values.election === undefined ? {} : { election: values.election }), ...(values.region === undefined ? {} : { region: values.region }) };
  const rows = calendarRows(policy, filter, lang);
  const rules = ruleSummaries(policy, rows, lang);
  const elections = electionSummaries(policy, filter, lang);
  io.stdout(
    values.format === 'json'
      ? `${JSON.stringify({ policy: { id: policy.id, version: policy.version, sha256: policy.sha256 }, windows: rows, rules, elections }, null, 2)}\n`
      : formatCalendarTable(rows, lang) + formatSummaries(rules, elections, lang),
  );
  return EXIT.ok;
}
