import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { DateTime } from 'luxon';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checker } from '../../src/engine/checker.js';
import { App, type AppProps, type Update } from '../../src/tui/components/App.js';
import { KEY_HELP } from '../../src/tui/keys.js';
import { messagesFor } from '../../src/tui/messages.js';
import { themeFor } from '../../src/tui/theme.js';
import { loadRecords, newStore } from '../../src/tui/session.js';
import { progressOf, UpdateFeed } from '../../src/tui/updates.js';
import { exampleRows, exampleStore, frenchChecker, FRIDAY_23H, settle } from './helpers.js';

const ESC = '\u001b';
const DOWN = '\u001b[B';
const UP = '\u001b[A';
const ENTER = '\r';
let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const unmount of unmounts) unmount();
  unmounts = [];
});

/** A checker that counts its checks, to prove what does not re-check. */
function counting(checker: Checker): Checker & { checks: number } {
  const counted = {
    policy: checker.policy,
    checks: 0,
    check: (record: unknown, options?: Parameters<Checker['check']>[1]) => {
      counted.checks++;
      return checker.check(record, options);
    },
    checkAll: (records: Iterable<unknown>, options?: Parameters<Checker['checkAll']>[1]) => {
      counted.checks++;
      return checker.checkAll(records, options);
    },
  };
  return counted;
}

async function mount(props: Partial<AppProps> = {}) {
  const checker = props.checker ?? (await frenchChecker());
  const store = props.store ?? (await exampleStore(props.lang ?? 'en'));
  const app = render(
    createElement(App, {
      checker,
      store,
      lang: 'en',
      theme: themeFor({}),
      clock: () => FRIDAY_23H,
      tickMs: 60_000,
      size: { columns: 100, rows: 30 },
      ...props,
    }),
  );
  unmounts.push(app.unmount);
  await settle();
  const frame = () => app.lastFrame() ?? '';
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle(50);
    }
  };
  return { app, frame, press };
}

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('› '));

describe('the first frame', () => {
  it('shows the clock, the nearest election, each group’s live state (the mainland first), the timeline with its legend, the list and the key hints', async () => {
    const { frame } = await mount();
    const lines = frame().split('\n');
    expect(lines[0]).toBe('blackout · now Fri 5 May 23:00 Europe/Paris · 2017 presidential election · round 2 · fr 2026.11.0');
    expect(lines[1]).toBe('Silence starts in 1 h (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    expect(lines[2]).toBe('Silence in force, ends in 1 d 21 h (Sun 7 May 20:00): every region but Mainland France and Corsica');
    expect(lines[3]).toMatch(/^ +\|Fri 5 +\|Sat 6 +\|Sun 7/);
    // Mainland France first: its last 48 hours of campaign under review, then its silence from Saturday 00:00.
    expect(lines[4]).toMatch(/^FR-MET +░+│░█+$/);
    expect(lines[5]).toMatch(/^PM +░*█+│█+$/);
    expect(frame()).toContain('GP, MQ, BL, MF');
    expect(frame()).toContain('+7: FE-AM-CAM, FE-AM-PAC, PF, WF, NC, RE, YT');
    expect(frame()).toContain('█ silence  ░ review window  │ now    x blocked  ! review  ? invalid  · allowed  ^ selected');
    expect(frame()).toContain('status: all · region: all · time: Europe/Paris · 27/27 records');
    expect(frame()).toContain('  status    time             audience   channel  categories     title');
    expect(selectedLine(frame())).toBe('› BLOCKED   Fri 05 May 16:00 default    web      poll           Dernière enquête d\'opinion avant le…');
    expect(lines.at(-1)).toBe('↑↓ move · Enter detail · / search · s status · r region · z zone · w what if · ? help · q quit');
    // 30 rows: the frame is one line shorter, so the terminal never scrolls.
    expect(lines).toHaveLength(29);
  });

  it('speaks French with --lang fr', async () => {
    const { frame } = await mount({ lang: 'fr' });
    expect(frame()).toContain('Silence dans 1 h (sam. 6 mai 00:00 Europe/Paris) : France métropolitaine et Corse');
    expect(frame()).toContain('statut : tous · région : toutes · heure : Europe/Paris · 27/27 publications');
    expect(selectedLine(frame())).toContain('BLOQUÉ');
    // French hints are longer: at 100 columns the zone's is left out first.
    expect(frame().split('\n').at(-1)).toBe('↑↓ aller · Entrée détail · / chercher · s statut · r région · w et si · ? aide · q quitter');
  });

  it('puts the detail beside the list from 140 columns', async () => {
    const wide = await mount({ size: { columns: 160, rows: 40 } });
    await wide.press(ENTER);
    const header = wide.frame().split('\n').find((line) => line.startsWith('  status    time'))!;
    expect(header).toMatch(/ title .* BLOCKED {2}ml-15-poll-published-friday-afternoon$/);
    expect(selectedLine(wide.frame())).toMatch(/^› BLOCKED .* Dernière enquête d'opinion a… Dernière enquête d'opinion avant le second tour$/);
  });

  it('draws every group of regions when the height allows, and more header lines when there are more groups', async () => {
    const tall = await mount({ size: { columns: 200, rows: 50 } });
    const lines = tall.frame().split('\n');
    // Labels too long for their column are cut: the detail and the region filter name every region.
    expect(lines.filter((line) => /^[A-Z, -]+…? +[░█│ ]+$/.test(line)).map((line) => line.replace(/ +[░█│ ]+$/, ''))).toEqual(['FR-MET', 'PM', 'GF, FE-AM-ATL, FE…', 'GP, MQ, BL, MF, F…', 'FE-AM-CEN-US, FE-…', 'FE-AM-CAM', 'FE-AM-PAC', 'PF', 'WF', 'NC', 'RE', 'YT']);
    expect(tall.frame()).not.toMatch(/^\+\d/m);
    // Before the weekend every group starts at its own time: the mainland's line first, the others as they fit.
    const early = Date.parse('2017-05-04T23:00:00Z');
    const before = await mount({ size: { columns: 120, rows: 50 }, clock: () => early });
    const header = before.frame().split('\n').slice(1, 5);
    expect(header[0]).toBe('Silence starts in 23 h (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    expect(header.every((line) => /^Silence starts in \d+ h \(/.test(line))).toBe(true);
    expect(header[3]).toMatch(/ \(\+8 more\)$/);
  });
});

describe('80×24 and smaller', () => {
  const ONE_LINE = 80;

  it('fits 80×24 whole: complete countdowns, the mainland line, the legend, `? help` and `q quit`', async () => {
    const { frame } = await mount({ size: { columns: 80, rows: 24 } });
    expect(frame()).toBe(
      [
        'blackout · now Fri 5 May 23:00 · 2017 presidential election · round 2',
        'Silence starts in 1 h (Sat 6 May 00:00): Mainland France and Corsica',
        'Silence in force, ends in 1 d 21 h (Sun 7 May 20:00): every region but FR-MET',
        '              |Fri 5                |Sat 6               |Sun 7                |',
        'FR-MET        ░░░░░░░░░░░░░░░░░░░░░│████████████████████████████████████████',
        'PM            ░░░░█████████████████│████████████████████████████████████████',
        '+9: GF, FE-AM-ATL, FE-AM-SUD, FE-AM-CHL, GP, MQ, BL, MF, FE-AM-EST, FE-AM-CAR, …',
        '                             xx  x xx      x !x·!!         x      x ·   · xx',
        '                             ^',
        '█ silence ░ review │ now   x blocked ! review ? invalid · allowed ^ selected',
        'status: all · region: all · time: Europe/Paris · 27/27 records',
        '  status    time             audience channel categories  title',
        '› BLOCKED   Fri 05 May 16:00 default  web     poll        Dernière enquête d\'op…',
        '  BLOCKED   Fri 05 May 18:00 GP       social  propaganda  Samedi, tous aux urne…',
        '  ALLOWED   Fri 05 May 18:00 FR-MET   social  propaganda  Dernier meeting ce so…',
        '  ALLOWED   Fri 05 May 20:30 default  web     leak        EMLEAKS',
        '  BLOCKED   Fri 05 May 20:35 default  web     leak,propa… Macron campaign docum…',
        '  BLOCKED   Fri 05 May 20:49 default  social  propaganda… #MacronLeaks',
        '  BLOCKED   Fri 05 May 22:31 default  social  leak,propa… Update: #MacronLeaks',
        '  BLOCKED   Fri 05 May 23:40 default  social  propaganda… #MacronLeaks',
        '  BLOCKED   Fri 05 May 23:55 default  web     propaganda  Communiqué de presse …',
        '  BLOCKED   Sat 06 May 00:00 default  social  propaganda  Demain, votez pour no…',
        '↑↓ move · Enter detail · / search · s status · r region · ? help · q quit',
      ].join('\n'),
    );
  });

  it('keeps `? help` and `q quit` in the footer whatever it has to say, in French too', async () => {
    const store = await exampleStore('fr');
    store.addProblem({ source: { file: 'un-fichier-au-nom-assez-long.ndjson', index: 0, line: 4 }, message: 'x', fatal: false });
    const { frame } = await mount({ store, lang: 'fr', loading: true, size: { columns: 80, rows: 24 } });
    const footer = frame().split('\n').at(-1)!;
    // What it has to say is cut, not the two keys.
    expect(footer).toBe('1 problème de lecture (e pour le voir) · chargement… 27 pu… · ? aide · q quitter');
    expect([...footer].length).toBeLessThanOrEqual(ONE_LINE);
  });

  it('lists every key in the help at 80×24, scrolling to its end and no further', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const { frame, press } = await mount({ size: { columns: 80, rows: 24 }, lang });
      await press('?');
      const seen: string[] = [];
      let last = '';
      for (let step = 0; step < 20 && frame() !== last; step++) {
        last = frame();
        seen.push(...last.split('\n').slice(3, -1));
        await press(']');
      }
      const text = seen.join(' ').replace(/\s+/g, ' ');
      for (const key of KEY_HELP) expect(text).toContain(messagesFor(lang).keys[key].replace(/\s+/g, ' '));
      expect(text).toContain(messagesFor(lang).helpClose);
      // At its end, one [ scrolls back at once.
      await press('[');
      expect(frame()).not.toBe(last);
      expect(frame().split('\n').at(-1)).toMatch(/\? (help|aide) · q (quit|quitter)$/);
    }
  });

  it('wraps the detail rather than cutting it, and scrolls it to its end and no further', async () => {
    const { frame, press } = await mount({ size: { columns: 80, rows: 24 } });
    await press('jjjjjjj', ENTER);
    const body = () => frame().split('\n').slice(11, -1);
    expect(body()[0]).toBe('BLOCKED  ml-05-philippot-tweet');
    expect(frame()).toContain('  Electoral propaganda may not be published online from Fri 5 May 00:00 until');
    expect(frame()).toContain('    Sun 7 May 16:00 (America/Miquelon).');
    expect(frame().split('\n').every((line) => [...line].length <= ONE_LINE)).toBe(true);
    for (let step = 0; step < 30; step++) await press(']');
    const end = body();
    expect(end.at(-1)).toBe('earliest allowed: Sun 7 May 20:00 Europe/Paris · 2017-05-07T18:00:00.000Z');
    // The pane is full at the end: the last line at the bottom, not alone at the top.
    expect(end.filter((line) => line.trim() !== '')).toHaveLength(end.length);
    await press('[');
    expect(body()[3]).toBe(end[0]);
  });

  it('keeps the header at 120×20, leaving out the legend first', async () => {
    const { frame } = await mount({ size: { columns: 120, rows: 20 } });
    const lines = frame().split('\n');
    expect(lines).toHaveLength(19);
    expect(lines[0]).toMatch(/^blackout · now Fri 5 May 23:00 Europe\/Paris · 2017 presidential election · round 2/);
    expect(lines[1]).toBe('Silence starts in 1 h (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    expect(lines[2]).toMatch(/^Silence in force, ends in 1 d 21 h/);
    expect(lines[4]).toMatch(/^FR-MET +░+│░█+$/);
    expect(lines[5]).toBe('+11: every region but Mainland France and Corsica');
    expect(frame()).not.toContain('█ silence');
    expect(lines.at(-1)).toMatch(/\? help · q quit$/);
  });

  it('keeps the minutes of French times at every width, sizing the column from the texts', async () => {
    for (const columns of [80, 120, 200]) {
      const { frame } = await mount({ size: { columns, rows: 24 }, lang: 'fr' });
      const rows = frame().split('\n').filter((line) => /^[› ] (BLOQUÉ|AUTORISÉ|À REVOIR)/.test(line));
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) expect(row).toMatch(/ (ven|sam|dim)\. 0[567] mai \d\d:\d\d +(défaut|GP|FR-MET) /);
    }
  });
});

describe('keys', () => {
  it('moves the selection with arrows and j/k, and the timeline cursor follows', async () => {
    const { frame, press } = await mount();
    const cursorColumn = () => frame().split('\n').find((line) => /^ *\^$/.test(line))!.length;
    const before = cursorColumn();
    await press('j', 'j', 'j', 'j');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
    expect(cursorColumn()).toBeGreaterThan(before);
    await press(UP);
    expect(selectedLine(frame())).toContain('Fri 05 May 20:30');
    await press(DOWN, 'k');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:30');
    await press('G');
    expect(selectedLine(frame())).toContain('Sun 07 May 20:00');
    await press('g');
    expect(selectedLine(frame())).toContain('Fri 05 May 16:00');
  });

  it('opens the detail with Enter and closes it with Esc', async () => {
    const { frame, press } = await mount({ size: { columns: 100, rows: 40 } });
    await press('jjjj', ENTER);
    expect(frame()).toContain('BLOCKED  ml-02-4chan-post');
    expect(frame()).toContain('✖ fr.l49.propaganda · Code électoral, art. L49, al. 2');
    // Most of its audience is in silence: the pane says where it may still go out.
    expect(frame()).toContain('Allowed only for readers in Mainland France and Corsica, La Réunion, Mayotte; blocked for the 20');
    await press(ESC);
    expect(frame()).not.toContain('Allowed only for readers');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
  });

  it('scrolls a long detail with ] and [', async () => {
    const { frame, press } = await mount({ size: { columns: 100, rows: 24 } });
    await press('jjjjjjj', ENTER);
    expect(frame()).toMatch(/… \d+ more lines \(\[ and \] scroll\)/);
    expect(frame()).toContain('BLOCKED  ml-05-philippot-tweet');
    await press(']');
    expect(frame()).not.toContain('BLOCKED  ml-05-philippot-tweet');
    await press('[');
    expect(frame()).toContain('BLOCKED  ml-05-philippot-tweet');
  });

  it('searches with /, keeps the search with Enter and clears it with Esc', async () => {
    const { frame, press } = await mount();
    const matching = (await exampleRows()).filter((row) => `${row.key} ${row.title}`.toLowerCase().includes('sondage'));
    expect(matching.length).toBeGreaterThan(0);
    await press('/', 'sondage');
    expect(frame()).toContain('search: /sondage▏');
    expect(frame()).toContain(`${matching.length}/27 records`);
    expect(selectedLine(frame())).toContain(matching[0]!.title.slice(0, 20));
    await press(ENTER);
    expect(frame()).toMatch(/search: \/sondage$/m);
    await press(ESC);
    expect(frame()).toContain('27/27 records');
    expect(frame()).not.toContain('search:');
  });

  it('filters by status with s and by region with r', async () => {
    const { frame, press } = await mount();
    await press('s');
    expect(frame()).toContain('status: BLOCKED');
    const listed = frame().split('\n').filter((line) => /^[› ] (BLOCKED|REVIEW|ALLOWED|INVALID) /.test(line));
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.every((line) => line.slice(2).startsWith('BLOCKED'))).toBe(true);
    await press('s');
    expect(frame()).toContain('status: REVIEW · region: all · time: Europe/Paris · 3/27 records');
    await press('s', 's', 's', 'r');
    // The first region is the mainland: the Guadeloupe-only records drop out.
    expect(frame()).toContain('region: FR-MET');
    expect(frame()).toContain('/27 records');
    expect(frame()).not.toMatch(/ GP {9}/);
  });

  it('toggles the list’s times between the policy zone, the record’s own and UTC with z', async () => {
    const { frame, press } = await mount();
    await press('j');
    expect(selectedLine(frame())).toContain('Fri 05 May 18:00 GP');
    await press('z');
    expect(frame()).toContain("time: record's own");
    // In the record's own time, its offset says which.
    expect(selectedLine(frame())).toContain('Fri 05 May 12:00 -04:00 GP');
    await press('z');
    expect(frame()).toContain('time: UTC');
    expect(selectedLine(frame())).toContain('Fri 05 May 16:00 GP');
    await press('z');
    expect(frame()).toContain('time: Europe/Paris');
  });

  it('shows what a blocked record would get at its earliest allowed time with w', async () => {
    const { frame, press } = await mount({ size: { columns: 120, rows: 40 } });
    await press('w');
    expect(frame()).toContain('What if published at Sun 7 May 20:00 Europe/Paris (2017-05-07T18:00:00.000Z): ALLOWED');
  });

  it('lists every key in the help overlay, opened and closed with ?', async () => {
    const { frame, press } = await mount({ size: { columns: 100, rows: 40 } });
    await press('?');
    for (const key of KEY_HELP) expect(frame()).toContain(messagesFor('en').keys[key]);
    await press('?');
    expect(frame()).not.toContain(messagesFor('en').helpTitle);
    await press('?', ESC);
    expect(frame()).not.toContain(messagesFor('en').helpClose);
  });

  it('quits with q: later keys change nothing', async () => {
    const { frame, press } = await mount();
    await press('q');
    const last = frame();
    await press('j', 'j');
    expect(frame()).toBe(last);
  });
});

describe('time and watch mode', () => {
  it('counts down every tick without checking any record again', async () => {
    const checker = counting(await frenchChecker());
    let now = FRIDAY_23H;
    const { frame } = await mount({ checker, clock: () => now, tickMs: 20 });
    expect(frame()).toContain('Silence starts in 1 h (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    now += 30 * 60_000 + 15_000;
    await settle(200);
    expect(frame()).toContain('Silence starts in 29 min 45 s (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    expect(frame()).toContain('now Fri 5 May 23:30 Europe/Paris');
    now += 30 * 60_000;
    await settle(200);
    expect(frame()).toContain('Silence in force, ends in 1 d 19 h (Sun 7 May 20:00 Europe/Paris): every region (FR)');
    expect(checker.checks).toBe(0);
  });

  it('updates the list in place when the input changes, keeping the selection, and says when it cannot read it', async () => {
    let push: (update: Update) => void = () => {};
    const { frame, press } = await mount({ updates: (listener) => ((push = listener), () => {}) });
    await press('jjjj');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
    const again = await exampleStore();
    const first = again.row(0);
    again.add({ record: { id: 'inserted', title: 'Inserted first' }, source: { file: 'x.json', index: 27 } }, { ...first.verdict, id: 'inserted', at: '2017-05-01T00:00:00Z' });
    push({ kind: 'reload', store: again });
    await settle();
    expect(frame()).toContain('Input changed: 28 records checked again.');
    expect(frame()).toContain('28/28 records');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
    push({ kind: 'reloadFailed', message: 'records.json: not valid JSON' });
    await settle();
    expect(frame()).toContain('Input changed but could not be read: records.json: not valid JSON');
    expect(frame()).toContain('28/28 records');
  });
});

describe('the region filter', () => {
  it('gives each record its status for the region, marks those that differ elsewhere, and draws only that region’s band', async () => {
    const { frame, press } = await mount({ size: { columns: 120, rows: 40 } });
    await press('r');
    expect(frame()).toContain('status: all · region: FR-MET · time: Europe/Paris · 25/27 records');
    expect(frame()).toContain('  FR-MET    time             audience   channel  categories     title');
    // The Friday 16:00 poll is blocked only in New Caledonia and Wallis: allowed for the mainland, marked as differing elsewhere.
    expect(selectedLine(frame())).toMatch(/^› ALLOWED\* +Fri 05 May 16:00 default +web +poll/);
    // Propaganda from Saturday 00:00 is blocked everywhere: no mark.
    expect(frame()).toMatch(/^ {2}BLOCKED +Sat 06 May 00:00 default +social +propaganda/m);
    expect(frame()).toContain('^ selected  * other regions differ');
    const bands = frame().split('\n').filter((line) => /^[A-Z, -]+ +[░█│ ]+$/.test(line));
    expect(bands.map((line) => line.split(/ {2,}/)[0])).toEqual(['FR-MET']);
    await press('s');
    expect(frame()).not.toContain('Fri 05 May 16:00');
    await press(ENTER);
    expect(frame()).toContain('For Mainland France and Corsica: BLOCKED');
  });
});

describe('the clock crossing a window edge', () => {
  /** Sat 6 May 2017 00:00 Paris, from luxon. */
  const MIDNIGHT = DateTime.fromISO('2017-05-06T00:00', { zone: 'Europe/Paris' }).toMillis();

  it('checks the records without publishedAt again at Saturday 00:00, so rows, header and timeline agree', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-app-')), 'drafts.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'tract', title: 'Tract sans date', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' },
        { id: 'article', title: 'Article sans date', categories: ['news'], audience: ['FR-MET'], channel: 'web' },
        { id: 'dated', title: 'Tract de vendredi', publishedAt: '2017-05-05T20:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' },
      ]),
    );
    let now = MIDNIGHT - 5000;
    const checker = counting(await frenchChecker());
    const store = newStore(checker, 'en');
    await loadRecords(store, { checker, files: [file], clockMs: now, lang: 'en' });
    checker.checks = 0;
    const { frame } = await mount({ checker, store, clock: () => now, tickMs: 20, size: { columns: 120, rows: 30 } });
    const row = (title: string) => frame().split('\n').find((line) => line.includes(title))!;
    expect(row('Tract sans date')).toMatch(/^. ALLOWED +now +FR-MET/);
    expect(frame()).toContain('Silence starts in 5 s (Sat 6 May 00:00 Europe/Paris): Mainland France and Corsica');
    now = MIDNIGHT - 1;
    await settle(80);
    expect(row('Tract sans date')).toMatch(/^. ALLOWED +now/);
    expect(checker.checks).toBe(0);
    now = MIDNIGHT;
    await settle(80);
    expect(row('Tract sans date')).toMatch(/^. BLOCKED +now +FR-MET/);
    expect(row('Article sans date')).toMatch(/^. ALLOWED +now/);
    expect(row('Tract de vendredi')).toMatch(/^. ALLOWED +Fri 05 May 20:00/);
    expect(frame()).toContain('Silence in force, ends in 1 d 20 h (Sun 7 May 20:00 Europe/Paris): every region (FR)');
    expect(frame()).toContain('Sat 6 May 00:00: 2 records without publishedAt checked again.');
    // Only the two drafts were checked again, once each.
    expect(checker.checks).toBe(2);
    now = MIDNIGHT + 60_000;
    await settle(80);
    expect(checker.checks).toBe(2);
  });

  it('reads the clock at the edge itself, not at the next tick', async () => {
    // A clock 1.5 s before midnight, from when the screen first reads it, ticking on its multiples of 7 s:
    // Fri 23:59:59 and Sat 00:00:06. Only a read at the edge itself can show the silence in force by 00:00:04.
    expect(MIDNIGHT % 7000).toBe(1000);
    let start: number | undefined;
    const clock = () => MIDNIGHT - 1500 + (Date.now() - (start ??= Date.now()));
    const { frame } = await mount({ checker: await frenchChecker(), store: await exampleStore(), clock, tickMs: 7000 });
    expect(frame()).toMatch(/Silence starts in [01] s/);
    await settle(2500);
    expect(frame()).toMatch(/Silence in force, ends in 1 d (19|20) h \(Sun 7 May 20:00 Europe\/Paris\): every region \(FR\)/);
  });
});

describe('the list’s time column', () => {
  it('writes the year when the records span years', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-app-')), 'years.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'a', title: 'Budget', publishedAt: '2026-12-07T09:00:00+01:00', categories: ['news'] },
        { id: 'b', title: 'Dernier sondage', publishedAt: '2027-04-10T12:00:00+02:00', categories: ['poll'] },
      ]),
    );
    const checker = await frenchChecker();
    const store = newStore(checker, 'en');
    await loadRecords(store, { checker, files: [file], clockMs: FRIDAY_23H, lang: 'en' });
    const { frame } = await mount({ store, clock: () => Date.parse('2026-12-07T09:00:00Z') });
    expect(frame()).toMatch(/^› ALLOWED +Mon 07 Dec 2026 09:00 default/m);
    expect(frame()).toMatch(/^ {2}BLOCKED +Sat 10 Apr 2027 12:00 default/m);
    // The 2027 calendar is not official yet: said in the title.
    expect(frame().split('\n')[0]).toContain('2027 presidential election · round 1 (provisional calendar)');
  });
});

describe('progressive loading', () => {
  /** The example's first `count` records (input order), as the loader leaves the store after a batch. */
  async function partial(count: number) {
    const full = await exampleStore();
    const store = newStore(await frenchChecker(), 'en');
    const add = (to: number) => {
      for (let index = store.length; index < to; index++) store.add(full.input(index), full.verdict(index));
    };
    add(count);
    return { store, add };
  }

  it('draws the first frame from the first batch, says it is loading, and merges later batches in place', async () => {
    const { store, add } = await partial(10);
    store.addProblem({ source: { file: 'feed.ndjson', index: 0, line: 4 }, message: 'not valid JSON: Unexpected token', fatal: false });
    const feed = new UpdateFeed();
    const { frame, press } = await mount({ store, loading: true, size: { columns: 80, rows: 24 }, progressMs: 200, updates: (listener) => feed.subscribe(listener) });
    expect(frame()).toBe(
      [
        'blackout · now Fri 5 May 23:00 · 2017 presidential election · round 2',
        'Silence starts in 1 h (Sat 6 May 00:00): Mainland France and Corsica',
        'Silence in force, ends in 1 d 21 h (Sun 7 May 20:00): every region but FR-MET',
        '              |Fri 5                |Sat 6               |Sun 7                |',
        'FR-MET        ░░░░░░░░░░░░░░░░░░░░░│████████████████████████████████████████',
        'PM            ░░░░█████████████████│████████████████████████████████████████',
        '+9: GF, FE-AM-ATL, FE-AM-SUD, FE-AM-CHL, GP, MQ, BL, MF, FE-AM-EST, FE-AM-CAR, …',
        '                                 x xx        ! ·',
        '                                 ^',
        '█ silence ░ review │ now   x blocked ! review ? invalid · allowed ^ selected',
        'status: all · region: all · time: Europe/Paris · 10/10 records',
        '  status    time             audience channel categories  title',
        '› ALLOWED   Fri 05 May 20:30 default  web     leak        EMLEAKS',
        '  BLOCKED   Fri 05 May 20:35 default  web     leak,propa… Macron campaign docum…',
        '  BLOCKED   Fri 05 May 20:49 default  social  propaganda… #MacronLeaks',
        '  BLOCKED   Fri 05 May 22:31 default  social  leak,propa… Update: #MacronLeaks',
        '  BLOCKED   Fri 05 May 23:40 default  social  propaganda… #MacronLeaks',
        '  BLOCKED   Fri 05 May 23:55 default  web     propaganda  Communiqué de presse …',
        '  ALLOWED   Sat 06 May 00:30 default  web     news        Recommandation aux mé…',
        '  REVIEW    Sat 06 May 10:00 default  web     leak        Ce que contiennent le…',
        "  ALLOWED   Sat 06 May 12:00 default  web     news        Piratage d'En Marche …",
        "  ALLOWED   Sat 06 May 13:00 default  web     news        Suites de l'attaque i…",
        '1 input problem (e lists it) · loading… 10 records checked so… · ? help · q quit',
      ].join('\n'),
    );
    await press('j', 'j');
    // A batch arrives: drawn at once (the first in its interval), each record in its place in time, the selection on its record and line.
    add(27);
    feed.push(progressOf(store, false));
    await settle();
    const lines = frame().split('\n');
    expect(lines[7]).toBe('                             xx  x xx      x !x·!!         x      x ·   · xx');
    expect(lines[10]).toBe('status: all · region: all · time: Europe/Paris · 27/27 records');
    expect(lines.slice(12, 15)).toEqual([
      '  ALLOWED   Fri 05 May 20:30 default  web     leak        EMLEAKS',
      '  BLOCKED   Fri 05 May 20:35 default  web     leak,propa… Macron campaign docum…',
      '› BLOCKED   Fri 05 May 20:49 default  social  propaganda… #MacronLeaks',
    ]);
    expect(lines.slice(18, 22)).toEqual([
      '  BLOCKED   Sat 06 May 00:00 default  social  propaganda  Demain, votez pour no…',
      '  ALLOWED   Sat 06 May 00:30 default  web     news        Recommandation aux mé…',
      '  BLOCKED   Sat 06 May 08:00 default  social  poll        Les derniers chiffres…',
      '  REVIEW    Sat 06 May 10:00 default  web     leak        Ce que contiennent le…',
    ]);
    expect(lines[22]).toBe('1 input problem (e lists it) · loading… 27 records checked so… · ? help · q quit');
    // Reading is over: the indicator goes at once; the earlier records are above, a page up.
    feed.push(progressOf(store, true));
    await settle();
    expect(frame().split('\n')[22]).toBe('1 input problem (e lists it) · ↑↓ move · Enter detail · ? help · q quit');
    await press('g');
    expect(selectedLine(frame())).toBe("› BLOCKED   Fri 05 May 16:00 default  web     poll        Dernière enquête d'op…");
    // e lists the problems where the list was; Esc closes the list.
    await press('e');
    expect(frame().split('\n').slice(11, 14)).toEqual([
      'Input problems (1): what could not be read was left out of the list',
      'feed.ndjson:4: not valid JSON: Unexpected token',
      'Esc or e closes this list; [ and ] scroll it.',
    ]);
    await press(ESC);
    expect(frame()).not.toContain('Input problems');
  });

  it('draws progress at most once an interval, the latest one, and the last one at once', async () => {
    const { store, add } = await partial(5);
    const feed = new UpdateFeed();
    const { frame } = await mount({ store, loading: true, progressMs: 300, updates: (listener) => feed.subscribe(listener) });
    const count = () => /(\d+)\/(\d+) records/.exec(frame())![0];
    expect(count()).toBe('5/5 records');
    add(10);
    feed.push(progressOf(store, false));
    await settle(30);
    expect(count()).toBe('10/10 records');
    add(15);
    feed.push(progressOf(store, false));
    add(20);
    feed.push(progressOf(store, false));
    await settle(60);
    expect(count()).toBe('10/10 records');
    await settle(350);
    expect(count()).toBe('20/20 records');
    expect(frame()).toContain('loading… 20 records checked so far');
    add(27);
    feed.push(progressOf(store, true));
    await settle(30);
    expect(count()).toBe('27/27 records');
    expect(frame()).not.toContain('loading…');
  });

  it('says it is loading in French too', async () => {
    const full = await exampleStore('fr');
    const store = newStore(await frenchChecker(), 'fr');
    for (let index = 0; index < 3; index++) store.add(full.input(index), full.verdict(index));
    store.addProblem({ source: { file: 'a.csv', index: 0 }, message: 'x', fatal: true });
    store.addProblem({ source: { file: 'b.csv', index: 0 }, message: 'y', fatal: true });
    const { frame } = await mount({ store, lang: 'fr', loading: true, size: { columns: 160, rows: 30 } });
    expect(frame()).toContain('2 problèmes de lecture (e pour les voir) · chargement… 3 publications vérifiées pour l’instant · ↑↓ aller');
  });
});
