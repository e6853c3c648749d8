/**
 * The policy language expresses other countries' electoral-silence rules
 * without code (legal research §5).
 *
 * Each country is a small, self-contained YAML policy written inline, as a real
 * policy would be: metadata with its not-legal-advice notice, regions with IANA
 * zones, categories, one real election, and rules citing the statute named in
 * §5. Rows marked M (or H/M) set `provisional: true` on the election, as the
 * legal reference (§5) requires, unless the research memos of issue 16
 * (/work/research/world/) have since sourced them: Slovakia's 48-hour poll ban
 * and Serbia's art. 6(3) are now firm, and Italy's art. 9 silence lasts, in its
 * own words, to the end (24:00) of the last voting day.
 *
 * Every expected instant is computed here with luxon from the election date and
 * the statute's wording; nothing is read back from the engine's compiled
 * windows. Windows are half-open, [start, end): each edge is checked 1 ms
 * before, at and 1 ms after.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createChecker, loadPolicyFromText, type Checker, type Verdict, type Violation } from '../../src/index.js';

// ---------------------------------------------------------------------------
// Time helpers: luxon only, no offset written by hand.

const MONDAY = 1;
const TUESDAY = 2;
const THURSDAY = 4;
const FRIDAY = 5;
const SATURDAY = 6;
const SUNDAY = 7;

const iso = (ms: number): string => new Date(ms).toISOString();

/** A calendar date `days` away from `date` (YYYY-MM-DD). */
const shift = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/** The ISO weekday of a calendar date (1 = Monday ... 7 = Sunday). */
const weekday = (date: string): number => DateTime.fromISO(date, { zone: 'UTC' }).weekday;

/**
 * The instant the wall clock in `zone` reads `date` `time`. None of the edges
 * below falls near a DST change; the round trip proves the time exists.
 */
function local(date: string, time: string, zone: string): number {
  const instant = DateTime.fromISO(`${date}T${time}`, { zone });
  expect(instant.isValid, `${date}T${time} ${zone}`).toBe(true);
  expect(instant.toFormat("yyyy-MM-dd'T'HH:mm"), `${date}T${time} exists in ${zone}`).toBe(`${date}T${time}`);
  return instant.toMillis();
}

/** The wall clock at `ms` in `zone`, as `YYYY-MM-DDTHH:mm`. */
const wallClock = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

// ---------------------------------------------------------------------------
// Checking helpers.

interface Probe {
  readonly categories: readonly string[];
  readonly audience: readonly string[];
}

const NOT_LEGAL_ADVICE = /not legal advice/i;
const PROVISIONAL_MESSAGE = /provisional calendar/i;

function load(text: string, name: string): Checker {
  const policy = loadPolicyFromText(text, { name });
  expect(policy.notice).toBeDefined();
  const notice = typeof policy.notice === 'string' ? policy.notice : policy.notice['en']!;
  expect(notice).toMatch(NOT_LEGAL_ADVICE);
  return createChecker(policy);
}

const checkAt = (checker: Checker, probe: Probe, ms: number): Verdict =>
  checker.check({ id: 'probe', categories: [...probe.categories], audience: [...probe.audience] }, { at: ms });

const violationOf = (verdict: Verdict, rule: string): Violation | undefined => verdict.violations.find((violation) => violation.rule === rule);

interface Expected {
  readonly rule: string;
  /** The one region the probe reaches. */
  readonly region: string;
  readonly start: number;
  readonly end: number;
  readonly provisional: boolean;
}

/**
 * One rule's window for a probe reaching one region and one category: out 1 ms
 * before the start, in at the start and 1 ms after, in 1 ms before the end,
 * out at the end and 1 ms after. Inside, the record is blocked until the end.
 */
function expectWindow(checker: Checker, probe: Probe, expected: Expected): void {
  const outside = [expected.start - 1, expected.end, expected.end + 1];
  const inside = [expected.start, expected.start + 1, expected.end - 1];
  for (const ms of outside) {
    const verdict = checkAt(checker, probe, ms);
    expect(violationOf(verdict, expected.rule), `${expected.rule} at ${iso(ms)}`).toBeUndefined();
    expect(verdict.status, `${expected.rule} at ${iso(ms)}`).toBe('allowed');
  }
  for (const ms of inside) {
    const verdict = checkAt(checker, probe, ms);
    const violation = violationOf(verdict, expected.rule);
    expect(violation, `${expected.rule} at ${iso(ms)}`).toBeDefined();
    expect(verdict.status).toBe('blocked');
    expect(verdict.earliestAllowedAt).toBe(iso(expected.end));
    expect(violation!.regions).toEqual([expected.region]);
    expect(violation!.window).toEqual({ start: iso(expected.start), end: iso(expected.end) });
    expect(violation!.provisional).toBe(expected.provisional);
    if (expected.provisional) expect(violation!.message).toMatch(PROVISIONAL_MESSAGE);
    else expect(violation!.message).not.toMatch(PROVISIONAL_MESSAGE);
  }
}

// ===========================================================================
// Spain (H): LOREG arts. 50–53 (jornada de reflexión) and 69.7 (polls).

const SPAIN = `
policy:
  id: es
  title:
    es: Jornada de reflexión y encuestas electorales (LOREG)
    en: Day of reflection and election polls in Spain (LOREG)
  jurisdiction: ES
  version: 2023.7.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of LOREG (LO 5/1985),
      arts. 50–53 and 69.7; have any decision reviewed by a lawyer.
    es: >-
      Esto no es asesoramiento jurídico. Estas reglas codifican una lectura de la LOREG;
      consulte a un abogado antes de decidir.
  sources:
    - { id: S78a, title: "Público, candidatos y jornada de reflexión", url: "https://www.publico.es/politica/candidatos-elecciones-no-deben-dia-reflexion.html" }
    - { id: S78b, title: "Granada Digital, qué es la jornada de reflexión", url: "https://www.granadadigital.es/que-es-jornada-reflexion-dia-antes-elecciones/" }

regions:
  ES-PEN: { name: { es: "Península, Baleares, Ceuta y Melilla", en: "Mainland Spain, Balearics, Ceuta and Melilla" }, zone: Europe/Madrid }
  ES-CN:
    name: { es: Canarias, en: Canary Islands }
    zone: Atlantic/Canary
    note: { en: One hour behind the mainland; polls close at 20:00 local time. }

groups:
  ES: { name: { es: Toda España, en: All of Spain }, regions: [ES-PEN, ES-CN] }

defaultAudience: [ES]

channels:
  web: { description: Website or app }
  broadcast: { description: Radio and television }
  print: { description: Press and posters }

categories:
  propaganda: { description: { es: Propaganda electoral o acto de campaña, en: Electoral propaganda or a campaign act } }
  poll: { description: { es: Sondeo o encuesta electoral, en: Election poll or survey } }

elections:
  - id: es-generales-2023
    kind: legislative
    title: { es: Elecciones generales de 2023, en: 2023 general election }
    note: { en: "Sunday 23 July 2023; polls close at 20:00 local time on the mainland and in the Canaries." }
    rounds:
      - { id: v, date: "2023-07-23" }

rules:
  - id: es.loreg.53.reflexion
    title: { es: Jornada de reflexión, en: Day of reflection }
    citation:
      text: LOREG (LO 5/1985), arts. 51 y 53
      url: https://www.publico.es/politica/candidatos-elecciones-no-deben-dia-reflexion.html
    severity: block
    covers:
      categories: [propaganda]
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "20:00" }
    message:
      es: No se puede difundir propaganda electoral ni realizar actos de campaña {window}.
      en: No electoral propaganda or campaign act {window}.
    penalty: { en: "Art. 144: 3 months to 1 year in prison or a fine of 6 to 24 months" }
    note:
      en: >-
        The campaign ends at 00:00 on the day before the vote; the silence runs, in each
        region's own time, until its polls close at 20:00 local.

  - id: es.loreg.69-7.polls
    title: { es: Prohibición de publicar encuestas, en: Ban on publishing polls }
    citation:
      text: LOREG (LO 5/1985), art. 69.7
      url: https://www.granadadigital.es/que-es-jornada-reflexion-dia-antes-elecciones/
    severity: block
    covers:
      categories: [poll]
    window:
      start: { kind: regionVotingDay, days: -5, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "20:00" }
    message:
      es: No se pueden publicar sondeos electorales {window}.
      en: No election poll may be published {window}.
    note:
      en: >-
        "Durante los cinco días anteriores al de la votación": from 00:00 local five days
        before voting day (Tuesday for a Sunday vote) until the region's polls close.
`;

describe('Spain (H): D−5 poll ban and jornada de reflexión, mainland and Canaries each on local time', () => {
  const checker = load(SPAIN, 'es.yaml');
  const VOTE = '2023-07-23';
  const ZONES = { 'ES-PEN': 'Europe/Madrid', 'ES-CN': 'Atlantic/Canary' } as const;
  const close = (region: keyof typeof ZONES) => local(VOTE, '20:00', ZONES[region]);

  it('reads the statute against the calendar: Sunday vote, polls from Tuesday, silence from Saturday', () => {
    expect(weekday(VOTE)).toBe(SUNDAY);
    expect(weekday(shift(VOTE, -5))).toBe(TUESDAY);
    expect(weekday(shift(VOTE, -1))).toBe(SATURDAY);
    // The Canaries are one hour behind the mainland: their local midnight and 20:00 come an hour later.
    expect(local(VOTE, '20:00', 'Atlantic/Canary') - local(VOTE, '20:00', 'Europe/Madrid')).toBe(3_600_000);
  });

  for (const region of ['ES-PEN', 'ES-CN'] as const) {
    it(`${region}: polls banned from D−5 00:00 local until 20:00 local on voting day`, () => {
      expectWindow(checker, { categories: ['poll'], audience: [region] }, {
        rule: 'es.loreg.69-7.polls',
        region,
        start: local(shift(VOTE, -5), '00:00', ZONES[region]),
        end: close(region),
        provisional: false,
      });
    });

    it(`${region}: reflexión from Saturday 00:00 local until Sunday 20:00 local`, () => {
      expectWindow(checker, { categories: ['propaganda'], audience: [region] }, {
        rule: 'es.loreg.53.reflexion',
        region,
        start: local(shift(VOTE, -1), '00:00', ZONES[region]),
        end: close(region),
        provisional: false,
      });
    });
  }

  it('a nationwide record: the mainland closes first, the Canaries an hour later', () => {
    const probe = { categories: ['propaganda'], audience: ['ES'] };
    const rule = 'es.loreg.53.reflexion';
    const mainlandStart = local(shift(VOTE, -1), '00:00', 'Europe/Madrid');
    const canaryStart = local(shift(VOTE, -1), '00:00', 'Atlantic/Canary');

    expect(checkAt(checker, probe, mainlandStart - 1).status).toBe('allowed');
    expect(violationOf(checkAt(checker, probe, mainlandStart), rule)!.regions).toEqual(['ES-PEN']);
    expect(violationOf(checkAt(checker, probe, canaryStart - 1), rule)!.regions).toEqual(['ES-PEN']);
    expect(violationOf(checkAt(checker, probe, canaryStart), rule)!.regions).toEqual(['ES-PEN', 'ES-CN']);

    const during = checkAt(checker, probe, local(VOTE, '12:00', 'Europe/Madrid'));
    expect(during.earliestAllowedAt).toBe(iso(close('ES-CN')));

    expect(violationOf(checkAt(checker, probe, close('ES-PEN') - 1), rule)!.regions).toEqual(['ES-PEN', 'ES-CN']);
    const between = checkAt(checker, probe, close('ES-PEN'));
    expect(between.status).toBe('blocked');
    expect(violationOf(between, rule)!.regions).toEqual(['ES-CN']);
    // 20:00 on the mainland is 19:00 in the Canaries, where polls are still open.
    expect(wallClock(close('ES-PEN'), 'Atlantic/Canary')).toBe(`${VOTE}T19:00`);
    expect(violationOf(between, rule)!.localWindow).toEqual({
      start: DateTime.fromMillis(canaryStart, { zone: 'Atlantic/Canary' }).toISO(),
      end: DateTime.fromMillis(close('ES-CN'), { zone: 'Atlantic/Canary' }).toISO(),
      zone: 'Atlantic/Canary',
    });
    expect(checkAt(checker, probe, close('ES-CN') - 1).status).toBe('blocked');
    expect(checkAt(checker, probe, close('ES-CN')).status).toBe('allowed');
    expect(checkAt(checker, probe, close('ES-CN') + 1).status).toBe('allowed');
  });
});

// ===========================================================================
// Italy (H): L. 212/1956 art. 9 (silence), L. 28/2000 art. 8 (polls).

const ITALY = `
policy:
  id: it
  title:
    it: Silenzio elettorale e divieto di sondaggi (L. 212/1956, L. 28/2000)
    en: Electoral silence and poll ban in Italy (Law 212/1956, Law 28/2000)
  jurisdiction: IT
  version: 2025.6.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of Law 212/1956 art. 9 and
      Law 28/2000 art. 8; have any decision reviewed by a lawyer.
    it: Questo non è un parere legale; fate verificare ogni decisione da un avvocato.
  sources:
    - { id: S77a, title: "la Repubblica, silenzio elettorale: cosa significa", url: "https://www.repubblica.it/politica/2022/09/24/news/silenzio_elettorale_cosa_significa_violazione_social-367041193/" }
    - { id: S77c, title: "Nei 15 giorni precedenti la data della votazione", url: "http://alternativanovese.blogspot.com/2014/05/nei-15-giorni-precedenti-la-data-della.html" }

regions:
  IT: { name: Italia, zone: Europe/Rome }

categories:
  propaganda: { description: { it: Propaganda elettorale diretta o indiretta, en: Direct or indirect electoral propaganda } }
  poll: { description: { it: Sondaggio sull'esito delle elezioni, en: Poll on the outcome of the vote } }

elections:
  - id: it-referendum-2025
    kind: referendum
    title: { it: Referendum abrogativi dell'8 e 9 giugno 2025, en: Abrogative referendums of 8 and 9 June 2025 }
    note: { en: "Voting on Sunday (07:00–23:00) and Monday (07:00–15:00)." }
    rounds:
      - { id: v, date: "2025-06-08", days: 2 }

rules:
  - id: it.l212-1956.art9.silence
    title: { it: Silenzio elettorale, en: Electoral silence }
    citation:
      text: Legge 4 aprile 1956, n. 212, art. 9
      url: https://www.repubblica.it/politica/2022/09/24/news/silenzio_elettorale_cosa_significa_violazione_social-367041193/
    severity: block
    covers:
      categories: [propaganda]
    window:
      start: { kind: votingDay, days: -1, day: first, time: "00:00", zone: Europe/Rome }
      end: { kind: votingDay, days: 0, day: last, time: "24:00", zone: Europe/Rome }
    message:
      it: Vietata ogni propaganda elettorale {window}.
      en: Electoral propaganda is forbidden {window}.
    penalty: { en: "€103–1,032 fine (art. 9, para. 4)" }
    note:
      en: >-
        From 00:00 on the day before the first voting day to 24:00 on the last one: "nel giorno
        precedente ed in quelli stabiliti per le elezioni" speaks of whole days.

  - id: it.l28-2000.art8.polls
    title: { it: Divieto di pubblicazione dei sondaggi, en: Ban on publishing polls }
    citation:
      text: Legge 22 febbraio 2000, n. 28, art. 8
      url: http://alternativanovese.blogspot.com/2014/05/nei-15-giorni-precedenti-la-data-della.html
    severity: block
    covers:
      categories: [poll]
    window:
      start: { kind: votingDay, days: -15, day: first, time: "00:00", zone: Europe/Rome }
      end: { kind: votingDay, days: 0, day: last, time: "15:00", zone: Europe/Rome }
    message:
      it: Vietato rendere pubblici sondaggi sull'esito del voto {window}.
      en: No poll on the outcome of the vote may be published {window}.
    note:
      en: >-
        "Nei quindici giorni precedenti la data delle votazioni", even for polls made earlier;
        counted from the first voting day, until the polls close on the last one.
`;

describe('Italy (H): two voting days, silence to the end of the last, 15-day poll ban until Monday 15:00', () => {
  const checker = load(ITALY, 'it.yaml');
  const FIRST = '2025-06-08';
  const LAST = shift(FIRST, 1);
  const ROME = 'Europe/Rome';

  it('reads the statute against the calendar: a Sunday and Monday vote', () => {
    expect(weekday(FIRST)).toBe(SUNDAY);
    expect(weekday(LAST)).toBe(MONDAY);
    expect(weekday(shift(FIRST, -1))).toBe(SATURDAY);
  });

  it('silence from Saturday 00:00 until Monday 24:00', () => {
    expectWindow(checker, { categories: ['propaganda'], audience: ['IT'] }, {
      rule: 'it.l212-1956.art9.silence',
      region: 'IT',
      start: local(shift(FIRST, -1), '00:00', ROME),
      end: local(shift(LAST, 1), '00:00', ROME),
      provisional: false,
    });
  });

  it('the silence ends neither when the polls close on Sunday night nor on Monday at 15:00', () => {
    const probe = { categories: ['propaganda'], audience: ['IT'] };
    for (const ms of [local(FIRST, '15:00', ROME), local(FIRST, '23:00', ROME), local(LAST, '00:00', ROME), local(LAST, '14:59', ROME), local(LAST, '15:00', ROME), local(LAST, '23:59', ROME)]) {
      expect(checkAt(checker, probe, ms).status, wallClock(ms, ROME)).toBe('blocked');
    }
  });

  it('polls banned for the 15 days before the first voting day, until Monday 15:00', () => {
    expectWindow(checker, { categories: ['poll'], audience: ['IT'] }, {
      rule: 'it.l28-2000.art8.polls',
      region: 'IT',
      start: local(shift(FIRST, -15), '00:00', ROME),
      end: local(LAST, '15:00', ROME),
      provisional: false,
    });
  });
});

// ===========================================================================
// Mexico (H): LGIPE art. 251.

const MEXICO = `
policy:
  id: mx
  title:
    es: Veda electoral y encuestas (LGIPE, art. 251)
    en: Electoral silence and polls in Mexico (LGIPE, art. 251)
  jurisdiction: MX
  version: 2024.6.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of LGIPE art. 251;
      have any decision reviewed by a lawyer.
    es: Esto no es asesoramiento jurídico; consulte a un abogado.
  sources:
    - { id: S86, title: "TEPJF thesaurus, LGIPE art. 251", url: "https://www.te.gob.mx/vota_elections/thesaurus/article/19037/16179/181" }

regions:
  MX-CMX: { name: Ciudad de México, zone: America/Mexico_City }
  MX-ROO: { name: Quintana Roo, zone: America/Cancun }
  MX-BCN: { name: Baja California, zone: America/Tijuana, note: { en: The westernmost time zone of the national territory. } }

groups:
  MX: { name: { es: Todo México, en: All of Mexico }, regions: [MX-CMX, MX-ROO, MX-BCN] }

defaultAudience: [MX]

categories:
  propaganda: { description: { es: "Actos de campaña, propaganda o proselitismo", en: "Campaign events, propaganda or canvassing" } }
  poll: { description: { es: Encuesta o sondeo sobre preferencias electorales, en: Poll or survey of voting intentions } }

elections:
  - id: mx-federal-2024
    kind: general
    title: { es: Proceso electoral federal 2023-2024, en: 2024 federal election }
    note: { en: "Sunday 2 June 2024; polling stations close at 18:00 local time." }
    rounds:
      - { id: v, date: "2024-06-02" }

rules:
  - id: mx.lgipe.251-4.veda
    title: { es: Veda electoral, en: Campaign silence }
    citation:
      text: LGIPE, art. 251, párr. 4
      url: https://www.te.gob.mx/vota_elections/thesaurus/article/19037/16179/181
    severity: block
    covers:
      categories: [propaganda]
    window:
      start: { kind: regionVotingDay, days: -3, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "24:00" }
    message:
      es: No se permiten actos de campaña, propaganda ni proselitismo {window}.
      en: No campaign event, propaganda or canvassing {window}.
    note:
      en: Election day and the three days before it, in each region's local time.

  - id: mx.lgipe.251-6.polls
    title: { es: Prohibición de publicar encuestas, en: Ban on publishing polls }
    citation:
      text: LGIPE, art. 251, párr. 6
      url: https://www.te.gob.mx/vota_elections/thesaurus/article/19037/16179/181
    severity: block
    covers:
      categories: [poll]
    window:
      start: { kind: regionVotingDay, days: -3, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "18:00", zone: America/Tijuana }
    message:
      es: No se pueden publicar encuestas {window}.
      en: No poll may be published {window}.
    note:
      en: >-
        "Durante los tres días previos a la elección y hasta la hora del cierre oficial de las
        casillas que se encuentren en las zonas de husos horarios más occidentales del territorio
        nacional": from 00:00 local three days before, for every region until 18:00 in Tijuana.
`;

describe('Mexico (H): polls banned from D−3 until polls close in the westernmost zone', () => {
  const checker = load(MEXICO, 'mx.yaml');
  const VOTE = '2024-06-02';
  const ZONES = { 'MX-CMX': 'America/Mexico_City', 'MX-ROO': 'America/Cancun', 'MX-BCN': 'America/Tijuana' } as const;
  const WESTERN_CLOSE = local(VOTE, '18:00', 'America/Tijuana');

  it('reads the statute against the calendar: Sunday vote, Tijuana closes last', () => {
    expect(weekday(VOTE)).toBe(SUNDAY);
    expect(weekday(shift(VOTE, -3))).toBe(THURSDAY);
    expect(wallClock(WESTERN_CLOSE, 'America/Mexico_City')).toBe(`${VOTE}T19:00`);
    expect(wallClock(WESTERN_CLOSE, 'America/Cancun')).toBe(`${VOTE}T20:00`);
  });

  for (const region of ['MX-CMX', 'MX-ROO', 'MX-BCN'] as const) {
    it(`${region}: polls banned from D−3 00:00 local until 18:00 America/Tijuana`, () => {
      expectWindow(checker, { categories: ['poll'], audience: [region] }, {
        rule: 'mx.lgipe.251-6.polls',
        region,
        start: local(shift(VOTE, -3), '00:00', ZONES[region]),
        end: WESTERN_CLOSE,
        provisional: false,
      });
    });
  }

  it('in Mexico City, 18:00 local (its own close) is still inside the poll ban', () => {
    const verdict = checkAt(checker, { categories: ['poll'], audience: ['MX-CMX'] }, local(VOTE, '18:00', 'America/Mexico_City'));
    expect(verdict.status).toBe('blocked');
    expect(verdict.earliestAllowedAt).toBe(iso(WESTERN_CLOSE));
  });

  it('a nationwide poll: every region is released at the same instant', () => {
    const probe = { categories: ['poll'], audience: ['MX'] };
    expect(violationOf(checkAt(checker, probe, WESTERN_CLOSE - 1), 'mx.lgipe.251-6.polls')!.regions).toEqual(['MX-CMX', 'MX-ROO', 'MX-BCN']);
    expect(checkAt(checker, probe, WESTERN_CLOSE).status).toBe('allowed');
    expect(checkAt(checker, probe, WESTERN_CLOSE + 1).status).toBe('allowed');
  });

  it('the campaign silence: election day and the three days before, local time', () => {
    expectWindow(checker, { categories: ['propaganda'], audience: ['MX-ROO'] }, {
      rule: 'mx.lgipe.251-4.veda',
      region: 'MX-ROO',
      start: local(shift(VOTE, -3), '00:00', 'America/Cancun'),
      end: local(shift(VOTE, 1), '00:00', 'America/Cancun'),
      provisional: false,
    });
  });
});

// ===========================================================================
// Canada (H): Canada Elections Act, s. 323.

const CANADA = `
policy:
  id: ca
  title:
    en: Election advertising on polling day (Canada Elections Act, s. 323)
    fr: Publicité électorale le jour du scrutin (Loi électorale du Canada, art. 323)
  jurisdiction: CA
  version: 2025.4.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of the Canada Elections Act,
      s. 323; have any decision reviewed by a lawyer.
    fr: Ceci n'est pas un conseil juridique ; faites valider toute décision par un juriste.
  sources:
    - { id: S80a, title: "Canada Elections Act, S.C. 2000, c. 9, s. 323", url: "https://laws.justice.gc.ca/eng/acts/E-2.01/page-30.html" }
    - { id: S80c, title: "Elections Canada, media information", url: "https://www.elections.ca/content.aspx?section=med&document=oct1515&dir=pre&lang=e" }

# One region per time zone used below; a real policy would list each electoral district.
regions:
  CA-NL: { name: Newfoundland and Labrador (Newfoundland time), zone: America/St_Johns, note: { en: "UTC−3:30, UTC−2:30 in summer." } }
  CA-NS: { name: Nova Scotia (Atlantic time), zone: America/Halifax }
  CA-ON: { name: Ontario (Eastern time), zone: America/Toronto }
  CA-BC: { name: British Columbia (Pacific time), zone: America/Vancouver }

groups:
  CA: { name: { en: All of Canada, fr: Tout le Canada }, regions: [CA-NL, CA-NS, CA-ON, CA-BC] }
  CA-CLOSE-2030: { name: { en: "Districts whose polls close at 20:30 local time" }, regions: [CA-NL, CA-NS] }

defaultAudience: [CA]

categories:
  election-ad: { description: { en: Election advertising, fr: Publicité électorale } }

elections:
  - id: ca-federal-2025
    kind: legislative
    title: { en: 45th general election, fr: 45e élection générale }
    note: { en: "Monday 28 April 2025; voting hours are staggered by time zone." }
    rounds:
      - { id: v, date: "2025-04-28" }

# s. 323 ends the ban when the polls close in each district; the close is a local time that
# differs by zone (20:30 Newfoundland and Atlantic, 21:30 Eastern, 19:00 Pacific), so the rule
# is written once per closing time, restricted to the regions that close then.
rules:
  - id: ca.cea.323.close-2030
    title: { en: "Election advertising on polling day (polls close 20:30 local)" }
    citation: &s323
      text: Canada Elections Act, S.C. 2000, c. 9, s. 323(1)
      url: https://laws.justice.gc.ca/eng/acts/E-2.01/page-30.html
    severity: block
    covers: { categories: [election-ad], regions: [CA-CLOSE-2030] }
    window:
      start: { kind: regionVotingDay, days: 0, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "20:30" }
    message: &s323message
      en: No election advertising may be transmitted in this district {window}.
      fr: Aucune publicité électorale ne peut être diffusée dans cette circonscription {window}.

  - id: ca.cea.323.close-2130
    title: { en: "Election advertising on polling day (polls close 21:30 local)" }
    citation: *s323
    severity: block
    covers: { categories: [election-ad], regions: [CA-ON] }
    window:
      start: { kind: regionVotingDay, days: 0, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "21:30" }
    message: *s323message

  - id: ca.cea.323.close-1900
    title: { en: "Election advertising on polling day (polls close 19:00 local)" }
    citation: *s323
    severity: block
    covers: { categories: [election-ad], regions: [CA-BC] }
    window:
      start: { kind: regionVotingDay, days: 0, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "19:00" }
    message: *s323message
`;

describe('Canada (H): election advertising banned on polling day until each district closes', () => {
  const checker = load(CANADA, 'ca.yaml');
  const VOTE = '2025-04-28';
  const DISTRICTS = [
    { region: 'CA-NL', zone: 'America/St_Johns', close: '20:30', rule: 'ca.cea.323.close-2030' },
    { region: 'CA-NS', zone: 'America/Halifax', close: '20:30', rule: 'ca.cea.323.close-2030' },
    { region: 'CA-ON', zone: 'America/Toronto', close: '21:30', rule: 'ca.cea.323.close-2130' },
    { region: 'CA-BC', zone: 'America/Vancouver', close: '19:00', rule: 'ca.cea.323.close-1900' },
  ] as const;
  const closeOf = (district: (typeof DISTRICTS)[number]) => local(VOTE, district.close, district.zone);

  it('reads the calendar: Monday polling day; Newfoundland is half an hour off the hour', () => {
    expect(weekday(VOTE)).toBe(MONDAY);
    expect(DateTime.fromMillis(closeOf(DISTRICTS[0]), { zone: 'America/St_Johns' }).offset).toBe(-150);
  });

  for (const district of DISTRICTS) {
    it(`${district.region}: from 00:00 local until polls close at ${district.close} ${district.zone}`, () => {
      expectWindow(checker, { categories: ['election-ad'], audience: [district.region] }, {
        rule: district.rule,
        region: district.region,
        start: local(VOTE, '00:00', district.zone),
        end: closeOf(district),
        provisional: false,
      });
    });
  }

  it('a nationwide ad is released district by district, the Pacific last', () => {
    const probe = { categories: ['election-ad'], audience: ['CA'] };
    const [nl, ns, on, bc] = DISTRICTS.map(closeOf) as [number, number, number, number];
    // The closes are staggered in UTC: Newfoundland, Atlantic, Eastern, Pacific.
    expect(nl < ns && ns < on && on < bc).toBe(true);
    const regionsAt = (ms: number) => checkAt(checker, probe, ms).violations.flatMap((violation) => violation.regions).sort();

    expect(checkAt(checker, probe, local(VOTE, '12:00', 'America/Toronto')).earliestAllowedAt).toBe(iso(bc));
    expect(regionsAt(nl - 1)).toEqual(['CA-BC', 'CA-NL', 'CA-NS', 'CA-ON']);
    expect(regionsAt(nl)).toEqual(['CA-BC', 'CA-NS', 'CA-ON']);
    expect(regionsAt(ns)).toEqual(['CA-BC', 'CA-ON']);
    expect(regionsAt(on - 1)).toEqual(['CA-BC', 'CA-ON']);
    expect(regionsAt(on)).toEqual(['CA-BC']);
    expect(regionsAt(bc - 1)).toEqual(['CA-BC']);
    expect(checkAt(checker, probe, bc).status).toBe('allowed');
    expect(checkAt(checker, probe, bc + 1).status).toBe('allowed');
  });
});

// ===========================================================================
// Poland (H): Kodeks wyborczy, arts. 107 and 115.

const POLAND = `
policy:
  id: pl
  title:
    pl: Cisza wyborcza (Kodeks wyborczy, art. 107 i 115)
    en: Electoral silence in Poland (Electoral Code, arts. 107 and 115)
  jurisdiction: PL
  version: 2023.10.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of the Electoral Code,
      arts. 107 and 115; have any decision reviewed by a lawyer.
    pl: To nie jest porada prawna; każdą decyzję należy skonsultować z prawnikiem.
  sources:
    - { id: S79a, title: "Infor.pl, cisza wyborcza", url: "https://www.infor.pl/prawo/encyklopedia-prawa/c/6327784,cisza-wyborcza.html" }
    - { id: S79c, title: "Interia, trwa cisza wyborcza (2023)", url: "https://wydarzenia.interia.pl/raport-wybory-parlamentarne-2023/news-trwa-cisza-wyborcza-za-jej-zlamanie-mozna-dostac-nawet-milio,nId,7088865" }

regions:
  PL: { name: Polska, zone: Europe/Warsaw }

categories:
  agitation: { description: { pl: Agitacja wyborcza, en: "Electoral agitation (rallies, speeches, materials, online)" } }
  poll: { description: { pl: Sondaże i badania exit poll, en: Opinion polls and exit polls } }

elections:
  - id: pl-sejm-2023
    kind: legislative
    title: { pl: Wybory do Sejmu i Senatu 2023, en: 2023 Sejm and Senate election }
    note: { en: "Sunday 15 October 2023; polls close at 21:00." }
    rounds:
      - { id: v, date: "2023-10-15" }

rules:
  - id: pl.kw.107.agitation
    title: { pl: Zakaz agitacji wyborczej, en: Ban on electoral agitation }
    citation:
      text: Kodeks wyborczy, art. 107 § 1
      url: https://www.infor.pl/prawo/encyklopedia-prawa/c/6327784,cisza-wyborcza.html
    severity: block
    covers:
      categories: [agitation]
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "21:00" }
    message:
      pl: Agitacja wyborcza jest zakazana {window}.
      en: Electoral agitation is forbidden {window}.
    penalty: { en: "Fine (art. 498)" }

  - id: pl.kw.115.polls
    title: { pl: Zakaz podawania wyników sondaży, en: Ban on publishing polls }
    citation:
      text: Kodeks wyborczy, art. 115 § 1
      url: https://wydarzenia.interia.pl/raport-wybory-parlamentarne-2023/news-trwa-cisza-wyborcza-za-jej-zlamanie-mozna-dostac-nawet-milio,nId,7088865
    severity: block
    covers:
      categories: [poll]
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "21:00" }
    message:
      pl: Podawanie wyników sondaży jest zakazane {window}.
      en: Publishing poll results is forbidden {window}.
    penalty: { en: "PLN 500,000–1,000,000 fine (art. 500)" }
`;

describe('Poland (H): agitation and polls from Saturday 00:00 to Sunday 21:00', () => {
  const checker = load(POLAND, 'pl.yaml');
  const VOTE = '2023-10-15';
  const WARSAW = 'Europe/Warsaw';

  it('reads the calendar: Sunday vote, silence from Saturday', () => {
    expect(weekday(VOTE)).toBe(SUNDAY);
    expect(weekday(shift(VOTE, -1))).toBe(SATURDAY);
  });

  for (const [category, rule] of [['agitation', 'pl.kw.107.agitation'], ['poll', 'pl.kw.115.polls']] as const) {
    it(`${category}: Saturday 00:00 until Sunday 21:00 Warsaw`, () => {
      expectWindow(checker, { categories: [category], audience: ['PL'] }, {
        rule,
        region: 'PL',
        start: local(shift(VOTE, -1), '00:00', WARSAW),
        end: local(VOTE, '21:00', WARSAW),
        provisional: false,
      });
    });
  }
});

// ===========================================================================
// Slovakia (H/M): Act No. 181/2014 Coll. on the election campaign.

const SLOVAKIA = `
policy:
  id: sk
  title:
    sk: Volebné moratórium (zákon č. 181/2014 Z. z.)
    en: Election moratorium in Slovakia (Act No. 181/2014 Coll.)
  jurisdiction: SK
  version: 2023.9.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of Act No. 181/2014 Coll. on the
      election campaign, from sources of mixed confidence; have any decision reviewed by a lawyer.
    sk: Toto nie je právne poradenstvo; každé rozhodnutie konzultujte s právnikom.
  sources:
    - { id: S81a, title: "TASR, na volebnú kampaň a prieskumy platí", url: "https://www.teraz.sk/slovensko/na-volebnu-kampan-a-prieskumy-plati-4/732006-clanok.html" }
    - { id: S81b, title: "Ulpianus, otvorené otázky zákazu zverejňovania volebných prieskumov", url: "https://ulpianus.sk/blog/otvorene-otazky-zakazu-zverejnovania-volebnych-prieskumov-podla-noveho-zakona-o-volebnej-kampani" }

regions:
  SK: { name: Slovensko, zone: Europe/Bratislava }

categories:
  campaign: { description: { sk: Volebná kampaň v prospech alebo neprospech strany či kandidáta, en: Campaigning for or against a party or candidate } }
  poll: { description: { sk: Volebný prieskum, en: Election poll } }

elections:
  - id: sk-nrsr-2023
    kind: legislative
    title: { sk: Voľby do Národnej rady SR 2023, en: 2023 National Council election }
    note: { en: "Saturday 30 September 2023; polls close at 22:00. The 48-hour bans are sourced (TASR 2023 quoting the law; issue 16 research memo)." }
    rounds:
      - { id: v, date: "2023-09-30" }

rules:
  - id: sk.z181-2014.moratorium
    title: { sk: Volebné moratórium, en: Campaign moratorium }
    citation:
      text: Zákon č. 181/2014 Z. z. o volebnej kampani (moratórium)
      url: https://www.teraz.sk/slovensko/na-volebnu-kampan-a-prieskumy-plati-4/732006-clanok.html
    severity: block
    covers:
      categories: [campaign]
    window:
      start: { kind: regionVotingDay, days: -2, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "22:00" }
    message:
      sk: Volebná kampaň je zakázaná {window}.
      en: Campaigning is forbidden {window}.
    penalty: { en: "Parties €30,000–300,000; media €1,000–10,000" }
    note:
      en: 48 hours before voting day (Thursday 00:00 for a Saturday vote) until the polls close.

  - id: sk.z181-2014.17.polls
    title: { sk: Zákaz zverejňovania prieskumov, en: Ban on publishing polls }
    citation:
      text: Zákon č. 181/2014 Z. z. o volebnej kampani, § 17
      url: https://ulpianus.sk/blog/otvorene-otazky-zakazu-zverejnovania-volebnych-prieskumov-podla-noveho-zakona-o-volebnej-kampani
    severity: block
    covers:
      categories: [poll]
    window:
      start: { kind: regionVotingDay, days: -2, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "22:00" }
    message:
      sk: Zverejňovanie volebných prieskumov je zakázané {window}.
      en: Publishing election polls is forbidden {window}.
    note:
      en: 48 hours since the post-2021 amendment (14 days before; 50 days struck down in 2021).
`;

describe('Slovakia (sourced since issue 16): 48-hour moratorium before a Saturday vote, Thursday 00:00 to Saturday 22:00', () => {
  const checker = load(SLOVAKIA, 'sk.yaml');
  const VOTE = '2023-09-30';
  const BRATISLAVA = 'Europe/Bratislava';

  it('reads the calendar: Saturday vote, 48 hours before is Thursday 00:00', () => {
    expect(weekday(VOTE)).toBe(SATURDAY);
    expect(weekday(shift(VOTE, -2))).toBe(THURSDAY);
    expect(local(VOTE, '00:00', BRATISLAVA) - local(shift(VOTE, -2), '00:00', BRATISLAVA)).toBe(48 * 3_600_000);
  });

  for (const [category, rule] of [['campaign', 'sk.z181-2014.moratorium'], ['poll', 'sk.z181-2014.17.polls']] as const) {
    it(`${category}: Thursday 00:00 until Saturday 22:00, not provisional`, () => {
      expectWindow(checker, { categories: [category], audience: ['SK'] }, {
        rule,
        region: 'SK',
        start: local(shift(VOTE, -2), '00:00', BRATISLAVA),
        end: local(VOTE, '22:00', BRATISLAVA),
        provisional: false,
      });
    });
  }
});

// ===========================================================================
// Russia (H/M): Federal Law 67-FZ, arts. 46(3) and 49.

const RUSSIA = `
policy:
  id: ru
  title:
    ru: День тишины и опросы (Федеральный закон № 67-ФЗ)
    en: Day of silence and polls in Russia (Federal Law 67-FZ)
  jurisdiction: RU
  version: 2024.3.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of Federal Law 67-FZ, from sources
      of mixed confidence; have any decision reviewed by a lawyer.
    ru: Это не юридическая консультация; любое решение согласуйте с юристом.
  sources:
    - { id: S88a, title: "TASS, day of silence", url: "https://tass.com/politics/1077018" }
    - { id: S88b, title: "Sibnovosti, polls banned five days before the vote", url: "https://krsk.sibnovosti.ru/society/4165-cherez-pyat-dney-vybory" }

regions:
  RU-MOW: { name: { ru: Москва, en: Moscow }, zone: Europe/Moscow }
  RU-PRI: { name: { ru: Приморский край, en: Primorsky Krai }, zone: Asia/Vladivostok }

groups:
  RU: { name: { ru: Вся Россия, en: All of Russia }, regions: [RU-MOW, RU-PRI] }

defaultAudience: [RU]

categories:
  campaign: { description: { ru: Предвыборная агитация, en: "Campaigning (rallies, leaflets, TV and radio advertising)" } }
  poll: { description: { ru: "Результаты опросов, прогнозы", en: "Opinion polls, forecasts and other election studies" } }

elections:
  - id: ru-president-2024
    kind: presidential
    title: { ru: Выборы Президента РФ 2024, en: 2024 presidential election }
    # Research confidence H/M: flagged provisional, as legal-reference §5 requires for M rows.
    provisional: true
    note: { en: "Three voting days, Friday 15 to Sunday 17 March 2024; polls close at 20:00 local time." }
    rounds:
      - { id: v, date: "2024-03-15", days: 3 }

rules:
  - id: ru.67-fz.49.silence
    title: { ru: День тишины, en: Day of silence }
    citation:
      text: Федеральный закон № 67-ФЗ, ст. 49 (campaign period)
      url: https://tass.com/politics/1077018
    severity: block
    covers:
      categories: [campaign]
    window:
      start: { kind: regionVotingDay, days: -1, day: first, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, day: last, time: "20:00" }
    message:
      ru: Предвыборная агитация запрещена {window}.
      en: Campaigning is forbidden {window}.
    note:
      en: >-
        From 00:00 local on the day before the first voting day (2020 amendments) until the
        polls close in the region on the last voting day.

  - id: ru.67-fz.46-3.polls
    title: { ru: Запрет на опубликование опросов, en: Ban on publishing polls }
    citation:
      text: Федеральный закон № 67-ФЗ, ст. 46 п. 3
      url: https://krsk.sibnovosti.ru/society/4165-cherez-pyat-dney-vybory
    severity: block
    covers:
      categories: [poll]
    window:
      start: { kind: regionVotingDay, days: -5, day: first, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, day: last, time: "20:00" }
    message:
      ru: Опубликование результатов опросов запрещено {window}.
      en: Publishing polls or forecasts is forbidden {window}.
    note:
      en: Five days before voting day, counted from the first voting day, until the region's polls close on the last.
`;

describe('Russia (H/M, provisional): three voting days in several zones', () => {
  const checker = load(RUSSIA, 'ru.yaml');
  const FIRST = '2024-03-15';
  const LAST = shift(FIRST, 2);
  const ZONES = { 'RU-MOW': 'Europe/Moscow', 'RU-PRI': 'Asia/Vladivostok' } as const;

  it('reads the calendar: Friday to Sunday, silence from Thursday', () => {
    expect(weekday(FIRST)).toBe(FRIDAY);
    expect(weekday(LAST)).toBe(SUNDAY);
    expect(weekday(shift(FIRST, -1))).toBe(THURSDAY);
    expect(weekday(shift(FIRST, -5))).toBe(SUNDAY);
  });

  for (const region of ['RU-MOW', 'RU-PRI'] as const) {
    it(`${region}: silence from 00:00 local the day before the first day until 20:00 local on the last`, () => {
      expectWindow(checker, { categories: ['campaign'], audience: [region] }, {
        rule: 'ru.67-fz.49.silence',
        region,
        start: local(shift(FIRST, -1), '00:00', ZONES[region]),
        end: local(LAST, '20:00', ZONES[region]),
        provisional: true,
      });
    });

    it(`${region}: polls banned from D−5 (first day) 00:00 local until 20:00 local on the last`, () => {
      expectWindow(checker, { categories: ['poll'], audience: [region] }, {
        rule: 'ru.67-fz.46-3.polls',
        region,
        start: local(shift(FIRST, -5), '00:00', ZONES[region]),
        end: local(LAST, '20:00', ZONES[region]),
        provisional: true,
      });
    });

    it(`${region}: the silence holds through the evenings of the first two voting days`, () => {
      const probe = { categories: ['campaign'], audience: [region] };
      for (const date of [FIRST, shift(FIRST, 1)]) {
        expect(checkAt(checker, probe, local(date, '20:00', ZONES[region])).status).toBe('blocked');
      }
    });
  }

  it('a nationwide record: Vladivostok (UTC+10) starts and ends seven hours before Moscow', () => {
    const probe = { categories: ['campaign'], audience: ['RU'] };
    const rule = 'ru.67-fz.49.silence';
    const vladivostokStart = local(shift(FIRST, -1), '00:00', ZONES['RU-PRI']);
    const moscowStart = local(shift(FIRST, -1), '00:00', ZONES['RU-MOW']);
    const vladivostokEnd = local(LAST, '20:00', ZONES['RU-PRI']);
    const moscowEnd = local(LAST, '20:00', ZONES['RU-MOW']);
    expect(moscowStart - vladivostokStart).toBe(7 * 3_600_000);
    expect(wallClock(vladivostokStart, ZONES['RU-MOW'])).toBe(`${shift(FIRST, -2)}T17:00`);

    expect(checkAt(checker, probe, vladivostokStart - 1).status).toBe('allowed');
    expect(violationOf(checkAt(checker, probe, vladivostokStart), rule)!.regions).toEqual(['RU-PRI']);
    expect(violationOf(checkAt(checker, probe, moscowStart), rule)!.regions).toEqual(['RU-MOW', 'RU-PRI']);
    expect(violationOf(checkAt(checker, probe, vladivostokEnd), rule)!.regions).toEqual(['RU-MOW']);
    const inside = checkAt(checker, probe, vladivostokEnd);
    expect(inside.earliestAllowedAt).toBe(iso(moscowEnd));
    expect(checkAt(checker, probe, moscowEnd - 1).status).toBe('blocked');
    expect(checkAt(checker, probe, moscowEnd).status).toBe('allowed');
  });
});

// ===========================================================================
// Serbia (M): Law on the Election of National Deputies (predizborna tišina).

const SERBIA = `
policy:
  id: rs
  title:
    sr: Predizborna tišina (Zakon o izboru narodnih poslanika)
    en: Electoral silence in Serbia (Law on the Election of National Deputies)
  jurisdiction: RS
  version: 2023.12.0
  notice:
    en: >-
      This is not legal advice. These rules encode one reading of the Law on the Election of
      National Deputies, art. 6(3), as quoted by the media regulator; have any decision reviewed by a lawyer.
    sr: Ovo nije pravni savet; svaku odluku proverite sa advokatom.
  sources:
    - { id: ZINP, title: "Zakon o izboru narodnih poslanika, Sl. glasnik RS 14/2022 (paragraf.rs)", url: "https://www.paragraf.rs/propisi/zakon-o-izboru-narodnih-poslanika.html" }

regions:
  RS: { name: Srbija, zone: Europe/Belgrade }

categories:
  propaganda: { description: { sr: Izborna propaganda putem medija i javnih skupova, en: Electoral propaganda through the media and public rallies } }
  estimate: { description: { sr: Procene rezultata i ankete, en: Result estimates and polls } }

elections:
  - id: rs-parlamentarni-2023
    kind: legislative
    title: { sr: Parlamentarni izbori 2023, en: 2023 parliamentary election }
    note: { en: "Sunday 17 December 2023; polls close at 20:00." }
    rounds:
      - { id: v, date: "2023-12-17" }

rules:
  - id: rs.zinp.silence
    title: { sr: Predizborna tišina, en: Electoral silence }
    citation:
      text: Zakon o izboru narodnih poslanika (Sl. glasnik RS 14/2022), čl. 6 st. 3
      url: https://www.paragraf.rs/propisi/zakon-o-izboru-narodnih-poslanika.html
    severity: block
    covers:
      categories: [propaganda]
    window:
      start: { kind: regionVotingDay, days: -2, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "20:00" }
    message:
      sr: Izborna propaganda je zabranjena {window}.
      en: Electoral propaganda is forbidden {window}.
    note:
      en: 48 hours before election day (Friday 00:00 for a Sunday vote) until the polls close.

  - id: rs.zinp.estimates
    title: { sr: Zabrana objavljivanja procena i anketa, en: Ban on publishing estimates and polls }
    citation:
      text: Zakon o izboru narodnih poslanika (Sl. glasnik RS 14/2022), čl. 6 st. 3
      url: https://www.paragraf.rs/propisi/zakon-o-izboru-narodnih-poslanika.html
    severity: block
    covers:
      categories: [estimate]
    window:
      start: { kind: regionVotingDay, days: -2, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "20:00" }
    message:
      sr: Objavljivanje procena rezultata i anketa je zabranjeno {window}.
      en: Publishing result estimates or polls is forbidden {window}.
`;

describe('Serbia (sourced since issue 16): 48 hours before election day until polls close', () => {
  const policy = loadPolicyFromText(SERBIA, { name: 'rs.yaml' });
  const checker = load(SERBIA, 'rs.yaml');
  const VOTE = '2023-12-17';
  const BELGRADE = 'Europe/Belgrade';
  const start = local(shift(VOTE, -2), '00:00', BELGRADE);
  const end = local(VOTE, '20:00', BELGRADE);

  it('the election is not provisional and the calendar reads Friday 00:00 to Sunday 20:00', () => {
    expect(policy.elections.map((election) => [election.id, election.provisional])).toEqual([['rs-parlamentarni-2023', false]]);
    expect(weekday(VOTE)).toBe(SUNDAY);
    expect(weekday(shift(VOTE, -2))).toBe(FRIDAY);
    expect(policy.rules.every((rule) => rule.citation.text.endsWith('čl. 6 st. 3'))).toBe(true);
  });

  for (const [category, rule] of [['propaganda', 'rs.zinp.silence'], ['estimate', 'rs.zinp.estimates']] as const) {
    it(`${category}: window edges, no violation provisional`, () => {
      expectWindow(checker, { categories: [category], audience: ['RS'] }, { rule, region: 'RS', start, end, provisional: false });
    });
  }
});

describe('Russia (H/M): violations say the calendar is provisional, in every language the policy writes', () => {
  const checker = load(RUSSIA, 'ru.yaml');
  const at = local('2024-03-16', '12:00', 'Europe/Moscow');

  it('in English and in Russian', () => {
    const record = { id: 'ru-1', categories: ['campaign', 'poll'], audience: ['RU-MOW'] };
    const english = checker.check(record, { at });
    expect(english.status).toBe('blocked');
    expect(english.violations.map((violation) => violation.rule).sort()).toEqual(['ru.67-fz.46-3.polls', 'ru.67-fz.49.silence']);
    for (const violation of english.violations) {
      expect(violation.provisional).toBe(true);
      expect(violation.message).toMatch(PROVISIONAL_MESSAGE);
    }
    const russian = checker.check(record, { at, lang: 'ru' });
    for (const violation of russian.violations) {
      expect(violation.provisional).toBe(true);
      expect(violation.message.startsWith('Предвыборная агитация') || violation.message.startsWith('Опубликование')).toBe(true);
      expect(violation.message).toMatch(PROVISIONAL_MESSAGE);
    }
  });
});

// ===========================================================================
// The provisional flag follows the research confidence mark, as the issue 16 memos revised it.

describe('confidence marks: only the rows still unsourced are provisional', () => {
  const policies = { ES: SPAIN, IT: ITALY, MX: MEXICO, CA: CANADA, PL: POLAND, SK: SLOVAKIA, RU: RUSSIA, RS: SERBIA };
  // Slovakia and Serbia were H/M and M in §5; the issue 16 memos source them. Russia has no memo.
  const PROVISIONAL = new Set(['RU']);
  for (const [code, text] of Object.entries(policies)) {
    it(`${code}: provisional ${PROVISIONAL.has(code)}`, () => {
      const policy = loadPolicyFromText(text, { name: `${code.toLowerCase()}.yaml` });
      expect(policy.jurisdiction).toBe(code);
      expect(policy.elections.every((election) => election.provisional === PROVISIONAL.has(code))).toBe(true);
      expect(policy.rules.every((rule) => rule.citation.text.length > 0 && rule.citation.url !== undefined)).toBe(true);
    });
  }
});
